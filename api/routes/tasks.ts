// The staff inbox: views (mine / my unit / unassigned / all in my jurisdiction), claim, unclaim,
// assign, complete (validated against the task's form) and "ask for more information".
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listTasks, taskByKey, claimTask, setClaim, finishTask, type Task } from '../../store/tasks.js';
import { formByKey } from '../../store/forms.js';
import { matterById, recordStep } from '../../store/matters.js';
import { audit } from '../../store/audit.js';
import { userExists } from '../../store/users.js';
import { ApiError, notFound } from '../errors.js';
import { inJurisdiction, type Principal } from '../auth.js';
import { validateSubmission } from '../../services/forms.js';
import { matterView } from '../views.js';
import type { RouteDeps } from '../app.js';
import { isEngineError } from '../../engine-client/index.js';

const STAFF = ['window-clerk', 'mediator', 'department-handler', 'centre-supervisor', 'administrator'] as const;
const KEY = { type: 'object', properties: { key: { type: 'string', pattern: '^[0-9]{1,20}$' } } };
const groupsOf = (u: Principal) => [u.unit, ...u.roles].filter((x): x is string => !!x);
const isSupervisor = (u: Principal) => u.roles.includes('centre-supervisor') || u.roles.includes('administrator');

function canSee(u: Principal, t: Task): boolean {
  return inJurisdiction(u, t.regionPath);
}
function canWork(u: Principal, t: Task): boolean {
  if (!canSee(u, t)) return false;
  if (isSupervisor(u)) return true;
  return t.assignee === u.sub || t.claimedBy === u.sub || t.candidateGroups.some((g) => groupsOf(u).includes(g));
}

export function taskRoutes(app: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'engine' | 'clock'>) {
  const guard = app.requireRole(...STAFF);
  const load = async (req: FastifyRequest, work = true) => {
    const t = await taskByKey(deps.db, (req.params as { key: string }).key);
    if (!t || !canSee(req.user, t)) throw notFound('task');
    if (work && !canWork(req.user, t)) throw new ApiError('FORBIDDEN', 'this task is for another unit');
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
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            view: { type: 'string', enum: ['mine', 'unit', 'unassigned', 'all'], default: 'mine' },
            sort: { type: 'string', enum: ['due', 'risk', 'age'], default: 'due' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as {
        view: 'mine' | 'unit' | 'unassigned' | 'all';
        sort: 'due' | 'risk' | 'age';
        limit: number;
        offset: number;
      };
      if (q.view === 'all' && !isSupervisor(req.user))
        throw new ApiError('FORBIDDEN', "the 'all' view is for centre supervisors");
      return listTasks(deps.db, {
        ...q,
        regionPath: req.user.regionPath,
        userId: req.user.sub,
        groups: groupsOf(req.user),
      });
    },
  );

  app.get(
    '/api/tasks/:key',
    { preHandler: guard, schema: { tags: ['tasks'], summary: '任务详情与表单 Task with its form', params: KEY } },
    async (req) => {
      const t = await load(req, false);
      const form = t.formKey ? await formByKey(deps.db, t.formKey) : undefined;
      const m = t.matterId ? await matterById(deps.db, t.matterId) : undefined;
      return { ...t, form: form?.schema ?? null, matter: m ? matterView(m) : null };
    },
  );

  app.post(
    '/api/tasks/:key/claim',
    { preHandler: guard, schema: { tags: ['tasks'], summary: '认领 Claim', params: KEY } },
    async (req) => {
      const t = await load(req);
      open(t);
      const now = await claimTask(deps.db, t.jobKey, req.user.sub);
      if (now?.claimedBy !== req.user.sub)
        throw new ApiError('TASK_CLAIMED_BY_OTHER', `task ${t.jobKey} is claimed by ${now?.claimedBy}`);
      return now;
    },
  );

  app.post(
    '/api/tasks/:key/unclaim',
    { preHandler: guard, schema: { tags: ['tasks'], summary: '退回 Unclaim', params: KEY } },
    async (req) => {
      const t = await load(req);
      open(t);
      if (t.claimedBy && t.claimedBy !== req.user.sub && !isSupervisor(req.user))
        throw new ApiError('TASK_CLAIMED_BY_OTHER', `task ${t.jobKey} is claimed by ${t.claimedBy}`);
      await setClaim(deps.db, t.jobKey, null);
      return taskByKey(deps.db, t.jobKey);
    },
  );

  app.post(
    '/api/tasks/:key/assign',
    {
      preHandler: app.requireRole('centre-supervisor', 'administrator'),
      schema: {
        tags: ['tasks'],
        summary: '指派 Assign',
        params: KEY,
        body: {
          type: 'object',
          required: ['userId'],
          additionalProperties: false,
          properties: { userId: { type: 'string', minLength: 1, maxLength: 100 } },
        },
      },
    },
    async (req) => {
      const t = await load(req);
      open(t);
      const { userId } = req.body as { userId: string };
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
      return taskByKey(deps.db, t.jobKey);
    },
  );

  app.post(
    '/api/tasks/:key/complete',
    {
      preHandler: guard,
      schema: {
        tags: ['tasks'],
        summary: '办结提交 Complete with the form',
        params: KEY,
        body: {
          type: 'object',
          required: ['variables'],
          additionalProperties: false,
          properties: { variables: { type: 'object' } },
        },
      },
    },
    async (req) => {
      const t = await load(req);
      open(t);
      if (t.claimedBy && t.claimedBy !== req.user.sub)
        throw new ApiError('TASK_CLAIMED_BY_OTHER', `task ${t.jobKey} is claimed by ${t.claimedBy}`);
      const form = t.formKey ? await formByKey(deps.db, t.formKey) : undefined;
      const submitted = (req.body as { variables: Record<string, unknown> }).variables;
      const { data, errors } = form ? validateSubmission(form.schema, submitted) : { data: submitted, errors: [] };
      if (errors.length)
        throw new ApiError(
          'FORM_INVALID',
          `the submission does not fit the form '${form!.formId}': ${errors.map((e) => e.field).join(', ')}`,
          errors,
        );
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
      return taskByKey(deps.db, t.jobKey);
    },
  );

  app.post(
    '/api/tasks/:key/request-info',
    {
      preHandler: guard,
      schema: {
        tags: ['tasks'],
        summary: '补充材料 Ask the citizen for more information',
        params: KEY,
        body: {
          type: 'object',
          required: ['question'],
          additionalProperties: false,
          properties: { question: { type: 'string', minLength: 1, maxLength: 1000 } },
        },
      },
    },
    async (req) => {
      const t = await load(req);
      open(t);
      if (!t.matterId) throw new ApiError('VALIDATION_FAILED', 'this task belongs to no matter');
      const { question } = req.body as { question: string };
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
