// The staff inbox: views (mine / my unit / unassigned / all in my jurisdiction), claim, unclaim,
// assign, complete (validated against the task's form) and "ask for more information".
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { taskByKey, claimTask, setClaim, finishTask, type Task } from '../../store/tasks.js';
import { formByKey } from '../../store/forms.js';
import { matterById, mattersWithin, recordStep } from '../../store/matters.js';
import { audit } from '../../store/audit.js';
import { userExists } from '../../store/users.js';
import { ApiError, notFound } from '../errors.js';
import { inJurisdiction, type Principal } from '../auth.js';
import { validateSubmission } from '../../services/forms.js';
import { checkMatterRules, submissionErrors } from '../../services/task-rules.js';
import { groupsOf, inbox, isOverdue, supervises as isSupervisor } from '../../services/task-inbox.js';
import { prefill } from '../../services/task-form.js';
import { matterView, taskView, unitLabel } from '../views.js';
import type { RegionTree } from '../../domain/index.js';
import type { RouteDeps } from '../app.js';
import { isEngineError } from '../../engine-client/index.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AssignBody, CompleteBody, RequestInfoBody, RequestInfoReply, TaskDetail } from '../schemas/index.js';
import { TaskList, TaskListQuery, TaskParams, TaskView, errors, SIGNED_IN, Described } from '../schemas/index.js';
import { NotModified } from '../schemas/index.js';

// Leaders work the supervision items addressed to their unit (风险督办).
const STAFF = [
  'window-clerk',
  'mediator',
  'department-handler',
  'centre-supervisor',
  'administrator',
  'leader',
] as const;
// What acting on one task can answer besides success: absent, taken, done already, or gone.
const ON_TASK = errors(...SIGNED_IN, 404, 409, 410);

/**
 * A weak validator of the answer as sent: an inbox poll whose answer has not changed gets a 304 and
 * no body. Weak, as the same tasks may serialise differently (the key order of a row).
 */
const etagOf = (body: unknown) =>
  `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
const matches = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((h) => h.trim() === etag || h.trim() === '*');

function canSee(u: Principal, t: Task): boolean {
  return inJurisdiction(u, t.regionPath);
}
function canWork(u: Principal, t: Task): boolean {
  if (!canSee(u, t)) return false;
  if (isSupervisor(u)) return true;
  return t.assignee === u.sub || t.claimedBy === u.sub || t.candidateGroups.some((g) => groupsOf(u).includes(g));
}

/** A refusal that says who can act on the task, so the person refused knows whom to turn to. */
function whoCanAct(t: Task, regions: RegionTree): string {
  const units = t.candidateGroups.map((g) => unitLabel(g, regions));
  const who = [t.assignee ? `指派给 ${t.assignee}` : null, units.length ? `${units.join('、')} 的人员` : null]
    .filter(Boolean)
    .join('或');
  return (
    `此任务由${who || '中心督办'}办理；中心督办或管理员可改派。` +
    ` Only ${[t.assignee, ...t.candidateGroups].filter(Boolean).join(', ') || 'a centre supervisor'}` +
    ' (or a centre supervisor, who can reassign it) may act on this task.'
  );
}

export function taskRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'engine' | 'clock' | 'regions'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const guard = app.requireRole(...STAFF);
  // Read again after a change; the row is there (tasks are never deleted), so a miss is a 404.
  const reread = async (key: string) => {
    const t = await taskByKey(deps.db, key);
    if (!t) throw notFound('task');
    return taskView(t);
  };
  const load = async (req: FastifyRequest, work = true) => {
    const t = await taskByKey(deps.db, (req.params as { key: string }).key);
    if (!t || !canSee(req.user, t)) throw notFound('task');
    if (work && !canWork(req.user, t)) throw new ApiError('FORBIDDEN', whoCanAct(t, deps.regions));
    return t;
  };
  const open = (t: Task) => {
    if (t.state === 'completed')
      throw new ApiError('TASK_ALREADY_COMPLETED', `task ${t.jobKey} was already completed by ${t.completedBy}`);
    if (t.state === 'gone')
      throw new ApiError(
        'TASK_GONE',
        `task ${t.jobKey} no longer exists (its step ended: escalated, withdrawn or cancelled)`,
      );
  };

  app.get(
    '/api/tasks',
    {
      preHandler: guard,
      schema: {
        tags: ['tasks'],
        summary: '待办 My inbox',
        description:
          '待办任务：我的、本单位、未认领，或辖区全部（主任、管理员、领导）；按期限、风险或时长排序；' +
          '按事项类型、类别、区域（含下级）、是否超期筛选；附各视图数量。带 ETag，If-None-Match 未变化答 304。' +
          ' Open tasks: mine, my unit, unclaimed, or all in my jurisdiction (supervisors, administrators,' +
          ' leaders); by due, risk or age; filtered by matter type, category, region (with its subtree),' +
          " overdue; with every view's count. An ETag: If-None-Match answers 304 when nothing changed.",
        querystring: TaskListQuery,
        response: {
          200: TaskList,
          304: NotModified,
          ...errors(...SIGNED_IN),
        },
      },
    },
    async (req, reply) => {
      // Defaults are filled by validation; the fallbacks only satisfy the types.
      const q = req.query;
      const r = await inbox(deps, req.user, {
        view: q.view ?? 'mine',
        sort: q.sort ?? 'due',
        order: q.order ?? 'asc',
        matterType: q.matterType,
        category: q.category,
        regionCode: q.regionCode,
        overdue: q.overdue,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      const body = { ...r, items: r.items.map((t) => ({ ...taskView(t), overdue: t.overdue })) };
      const etag = etagOf(body);
      // Each user's answer is their own: the browser may keep it, but asks again every time.
      reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'authorization');
      // No body at all (undefined, not null): a 304 carries neither content nor its length.
      if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send(undefined as unknown as null);
      return body;
    },
  );

  app.get(
    '/api/tasks/:key',
    {
      preHandler: guard,
      schema: {
        tags: ['tasks'],
        summary: '任务详情与表单 Task with its form',
        description:
          '任务、其表单（Camunda Form）、表单的预填值（流程中的当前值）与所属事项；辖区外的任务答 404。' +
          ' The task with its Camunda Form, the form prefilled from the process, and its matter;' +
          ' a task outside your jurisdiction answers 404.',
        params: TaskParams,
        response: { 200: TaskDetail, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req) => {
      const t = await load(req, false);
      const form = t.formKey ? await formByKey(deps.db, t.formKey) : undefined;
      const m = t.matterId ? await matterById(deps.db, t.matterId) : undefined;
      // A done task's form is not filled in again: only an open one is prefilled from the process.
      const variables = t.state === 'open' ? await prefill(deps.engine.operate, t, form?.schema) : {};
      return {
        ...taskView(t),
        overdue: isOverdue(t, deps.clock()),
        form: (form?.schema as Record<string, unknown>) ?? null,
        variables,
        matter: m
          ? {
              ...matterView(m),
              // Possible duplicates outside the caller's jurisdiction stay unnamed (as on intake).
              possibleDuplicateOf: (await mattersWithin(deps.db, m.possibleDuplicateOf, req.user.regionPath)).map(
                (d) => d.id,
              ),
            }
          : null,
      };
    },
  );

  app.post(
    '/api/tasks/:key/claim',
    {
      preHandler: guard,
      schema: {
        tags: ['tasks'],
        summary: '认领 Claim',
        description:
          '认领任务（同时认领时只有一人成功，其余答 409）。 Claim the task; of simultaneous claims one wins, the rest get 409.',
        params: TaskParams,
        response: { 200: Described(TaskView, '已认领的任务 The task, claimed'), ...ON_TASK },
      },
    },
    async (req) => {
      const t = await load(req);
      open(t);
      const now = await claimTask(deps.db, t.jobKey, req.user.sub);
      if (now?.claimedBy !== req.user.sub)
        throw new ApiError('TASK_CLAIMED_BY_OTHER', `task ${t.jobKey} is claimed by ${now?.claimedBy}`);
      return taskView(now);
    },
  );

  app.post(
    '/api/tasks/:key/unclaim',
    {
      preHandler: guard,
      schema: {
        tags: ['tasks'],
        summary: '退回 Unclaim',
        description:
          '放回未认领；他人认领的只有主任可以退回。 Give the task back; only supervisors may unclaim what another holds.',
        params: TaskParams,
        response: { 200: Described(TaskView, '退回后的任务 The task, unclaimed'), ...ON_TASK },
      },
    },
    async (req) => {
      const t = await load(req);
      open(t);
      if (t.claimedBy && t.claimedBy !== req.user.sub && !isSupervisor(req.user))
        throw new ApiError('TASK_CLAIMED_BY_OTHER', `task ${t.jobKey} is claimed by ${t.claimedBy}`);
      await setClaim(deps.db, t.jobKey, null);
      return reread(t.jobKey);
    },
  );

  app.post(
    '/api/tasks/:key/assign',
    {
      preHandler: app.requireRole('centre-supervisor', 'administrator'),
      schema: {
        tags: ['tasks'],
        summary: '指派 Assign',
        description: '主任把任务指派给在职用户（留痕）。 A supervisor gives the task to an active user; audited.',
        params: TaskParams,
        body: AssignBody,
        response: { 200: Described(TaskView, '指派后的任务 The task, assigned'), ...ON_TASK },
      },
    },
    async (req) => {
      const t = await load(req);
      open(t);
      const { userId } = req.body;
      if (!(await userExists(deps.db, userId, { activeOnly: true })))
        throw new ApiError('VALIDATION_FAILED', `unknown user '${userId}'`, [
          { field: 'userId', message: 'unknown user' },
        ]);
      await setClaim(deps.db, t.jobKey, userId);
      await audit(deps.db, {
        at: deps.clock(),
        actor: req.user.sub,
        action: 'task.assign',
        targetKind: 'task',
        targetId: t.jobKey,
        details: { userId },
      });
      return reread(t.jobKey);
    },
  );

  app.post(
    '/api/tasks/:key/complete',
    {
      preHandler: guard,
      schema: {
        tags: ['tasks'],
        summary: '办结提交 Complete with the form',
        description:
          '按任务表单校验提交（不符答 400 FORM_INVALID 并列出字段），违反法定规则（如信访第二次延期）答 422' +
          ' RULE_VIOLATED，均不改变任何状态；再交给流程引擎：引擎未响应答 503，该步骤已结束答 410。' +
          ' Validates the submission against the form (400 FORM_INVALID naming the fields) and the rules of law' +
          " (422 RULE_VIOLATED, e.g. a petition's second extension), changing nothing when refused; then" +
          ' completes the job in the engine: 503 when it does not answer, 410 when the step has ended.',
        params: TaskParams,
        body: CompleteBody,
        response: { 200: Described(TaskView, '已办结的任务 The task, completed'), ...ON_TASK, ...errors(422, 503) },
      },
    },
    async (req) => {
      const t = await load(req);
      open(t);
      if (t.claimedBy && t.claimedBy !== req.user.sub)
        throw new ApiError('TASK_CLAIMED_BY_OTHER', `task ${t.jobKey} is claimed by ${t.claimedBy}`);
      const form = t.formKey ? await formByKey(deps.db, t.formKey) : undefined;
      const submitted = req.body.variables;
      const { data, errors: onForm } = form
        ? validateSubmission(form.schema, submitted)
        : { data: submitted, errors: [] };
      const errors = form ? submissionErrors(form.formId, data, onForm) : onForm;
      if (errors.length)
        throw new ApiError(
          'FORM_INVALID',
          `the submission does not fit the form '${form!.formId}': ${errors.map((e) => e.field).join(', ')}`,
          errors,
        );
      if (form) await checkMatterRules(deps.db, t, form.formId, data);
      try {
        await deps.engine.completeJob(t.jobKey, data);
      } catch (err) {
        // The job is gone (its step ended) — anything else means the engine did not take it.
        if (!isEngineError(err, 'not-found'))
          throw new ApiError('ENGINE_UNAVAILABLE', 'the engine did not take the completion; try again');
        const now = await taskByKey(deps.db, t.jobKey);
        if (now?.state === 'completed') open(now);
        await finishTask(deps.db, t.jobKey, 'gone', null, deps.clock());
        throw new ApiError(
          'TASK_GONE',
          `task ${t.jobKey} no longer exists (its step ended: escalated, withdrawn or cancelled)`,
        );
      }
      if (!(await finishTask(deps.db, t.jobKey, 'completed', req.user.sub, deps.clock())))
        open((await taskByKey(deps.db, t.jobKey))!);
      if (t.matterId)
        await recordStep(deps.db, t.matterId, {
          type: 'task-completed',
          at: deps.clock(),
          data: { task: t.elementId, by: req.user.sub },
          dedupKey: `task:${t.jobKey}`,
        });
      await audit(deps.db, {
        at: deps.clock(),
        actor: req.user.sub,
        action: 'task.complete',
        targetKind: 'task',
        targetId: t.jobKey,
        details: { elementId: t.elementId },
      });
      return reread(t.jobKey);
    },
  );

  app.post(
    '/api/tasks/:key/request-info',
    {
      preHandler: guard,
      schema: {
        tags: ['tasks'],
        summary: '补充材料 Ask the citizen for more information',
        description:
          '记入时间线并通知当事人补充材料；任务继续保持打开。' +
          ' Records the question on the timeline and notifies the parties; the task stays open.',
        params: TaskParams,
        body: RequestInfoBody,
        response: { 200: RequestInfoReply, ...ON_TASK },
      },
    },
    async (req) => {
      const t = await load(req);
      open(t);
      if (!t.matterId) throw new ApiError('VALIDATION_FAILED', 'this task belongs to no matter');
      const { question } = req.body;
      const at = deps.clock();
      await recordStep(
        deps.db,
        t.matterId,
        {
          type: 'information-requested',
          at,
          data: { task: t.elementId, by: req.user.sub, question },
          dedupKey: `info:${t.jobKey}:${at.getTime()}`,
        },
        {},
        [{ recipientKind: 'citizen', recipient: 'parties', template: 'information-requested', payload: { question } }],
      );
      return { requested: true };
    },
  );
}
