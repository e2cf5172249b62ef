// Outcomes staff tell a matter's process (domain/outcomes.ts): checked for role and jurisdiction,
// refused unless the process waits for exactly that (409 OUTCOME_NOT_AWAITED), delivered as the message
// the model waits for (or by completing its user task), recorded on the timeline and audited.
//
// One outcome per wait: the matter's row is locked while an outcome is checked, delivered and recorded,
// and the record's dedup key (also the message id) names the wait (its element instance, job or
// question). A request repeated while or after the first is recorded answers with the first record
// (replayed) and sends nothing; a different outcome for a wait that was answered is a 409.
import type { Knex } from 'knex';
import type { EngineClient, OperateClient } from '../engine-client/index.js';
import { isEngineError } from '../engine-client/index.js';
import { matterById, recordStep, type Matter, type MatterEvent } from '../store/matters.js';
import { audit } from '../store/audit.js';
import { finishTask } from '../store/tasks.js';
import { eventByDedupKey, latestEvent, lockMatter, openTaskOf, unansweredQuestion } from '../store/outcomes.js';
import { worksOnMatter } from '../store/outcomes.js';
import type { Db } from '../platform/db.js';
import { OUTCOME_DELIVERY, chinaIso, outcomeCode, whoMayRecord, type OutcomeKind, type Role } from '../domain/index.js';
import { ApiError, notFound } from './errors.js';

export interface OutcomeDeps {
  db: Knex;
  engine: EngineClient;
  clock: () => Date;
}

/** Who is acting (the API's signed-in principal). */
export interface Actor {
  sub: string;
  roles: Role[];
  regionPath: string;
  unit: string | null;
}

export interface OutcomeInput {
  /** The outcome's code (domain/outcomes.ts); none for the citizen's answer. */
  code?: string;
  /** The citizen's answer. */
  answer?: string;
  note?: string;
  reference?: string;
  /** Where the citizen's answer came from ('online': the citizen's own page), kept on the record. */
  channel?: string;
}

/**
 * `citizen`: the citizen acts on their own page, checked by services/track.ts (the applicant's phone),
 * so no staff role or holder applies; the actor names the matter's region.
 */
export interface RecordOptions {
  citizen?: boolean;
}

export interface RecordedOutcome {
  matterId: string;
  trackingCode: string;
  kind: OutcomeKind;
  code: string | null;
  label: string | null;
  labelEn: string | null;
  delivered: {
    as: 'message' | 'task' | 'timeline';
    name: string | null;
    id: string | null;
    variables: Record<string, unknown>;
  };
  recordedAt: string;
  recordedBy: string;
  replayed: boolean;
}

/** How long the engine keeps a message to refuse a duplicate id (a retry after a lost answer). */
const MESSAGE_TTL_MS = 60_000;
const EVENT = { 'citizen-answer': 'information-provided' } as Partial<Record<OutcomeKind, string>>;
const eventType = (kind: OutcomeKind) => EVENT[kind] ?? 'outcome-recorded';

/** The role check, before anything about the matter is read: 403 naming who may act. */
export function checkRole(actor: Actor, kind: OutcomeKind): void {
  if (!actor.roles.some((r) => OUTCOME_DELIVERY[kind].roles.includes(r)))
    throw new ApiError('FORBIDDEN', whoMayRecord(kind));
}

/** The matter, if the actor's jurisdiction holds it; outside it looks absent (404), as everywhere. */
export async function visibleMatter(db: Knex, actor: Actor, id: string): Promise<Matter> {
  const m = await matterById(db, id);
  if (!m || !m.regionPath.startsWith(actor.regionPath)) throw notFound(`matter ${id}`);
  return m;
}

interface Wait {
  key: string;
  task?: { jobKey: string; candidateGroups: string[]; assignee: string | null; claimedBy: string | null };
}
interface Found {
  wait: Wait | null;
  /** Why not, when it does not wait (Chinese first). */
  why?: string;
  /** The latest step that opens such a wait (its unit: who the outcome comes from; the question asked). */
  source?: MatterEvent;
}

function operateOf(engine: EngineClient): OperateClient {
  if (!engine.operate) throw new ApiError('ENGINE_UNAVAILABLE', '未配置流程查询接口 · no Operate API is configured');
  return engine.operate;
}

async function activeElement(operate: OperateClient, root: string, flowNodeId: string): Promise<string | null> {
  try {
    const [x] = await operate.search<{ key: string }>(
      'flownode-instances',
      { processInstanceKey: root, flowNodeId, state: 'ACTIVE' },
      1,
    );
    return x ? String(x.key) : null;
  } catch {
    throw new ApiError('ENGINE_UNAVAILABLE', '流程引擎查询失败，请稍后再试 · the engine could not be asked; try again');
  }
}

/** Whether the matter's process waits for `kind` now, and what that wait is. */
export async function findWait(deps: OutcomeDeps, db: Db, m: Matter, kind: OutcomeKind): Promise<Found> {
  const d = OUTCOME_DELIVERY[kind];
  const source = d.sourceStep ? await latestEvent(db, m.id, d.sourceStep) : undefined;
  const no = (why: string): Found => ({ wait: null, why, source });
  if (kind === 'citizen-answer') {
    const q = await unansweredQuestion(db, m.id);
    return q
      ? { wait: { key: q.id }, source: q }
      : no('没有待当事人答复的问题 · no question to the citizen awaits an answer');
  }
  if (!m.processInstanceKey)
    return no('事项的流程尚未启动，请稍后再试 · the matter’s process has not started yet; try shortly');
  if (kind === 'fulfilment') {
    const task = await openTaskOf(db, m.id, d.elementId!);
    return task
      ? { wait: { key: task.jobKey, task }, source }
      : no('履行核查尚未开始（履行期未满）或已完成 · no fulfilment check is open (period not over, or done)');
  }
  const operate = operateOf(deps.engine);
  if (kind === 'withdrawal') {
    if (m.status === 'closed')
      return no('事项已办结，不能再撤回 · the matter is closed; it can no longer be withdrawn');
    const [pi] = await operate
      .search<{ state: string }>('process-instances', { key: m.processInstanceKey }, 1)
      .catch(() => {
        throw new ApiError(
          'ENGINE_UNAVAILABLE',
          '流程引擎查询失败，请稍后再试 · the engine could not be asked; try again',
        );
      });
    if (pi?.state !== 'ACTIVE' || (await activeElement(operate, m.processInstanceKey, d.elementId!)))
      return no('事项已撤回或流程已结束 · the matter was withdrawn already, or its process has ended');
    return { wait: { key: m.processInstanceKey } };
  }
  const key = await activeElement(operate, m.processInstanceKey, d.elementId!);
  return key
    ? { wait: { key }, source }
    : no(
        `事项当前不在等待${d.label}（流程未到这一步、已过这一步或已结束）` +
          ` · the matter is not waiting for a ${d.labelEn} (not at that step, past it, or ended)`,
      );
}

/**
 * Bound roles act only on their own matters: a court's or an arbitration body's handler on what came
 * from their unit; a mediator or handler on the matters their unit handles or they hold a task of.
 */
async function checkHolder(actor: Actor, kind: OutcomeKind, m: Matter, found: Found, db: Db): Promise<void> {
  const d = OUTCOME_DELIVERY[kind];
  if (actor.roles.some((r) => d.roles.includes(r) && !d.bound.includes(r))) return;
  const unit = actor.unit;
  const refuse = () => new ApiError('FORBIDDEN', `您不经办此事项。${whoMayRecord(kind)}`);
  if (d.sourceStep && kind !== 'citizen-answer') {
    // Nothing came from anywhere yet: nothing is awaited either (409 below).
    if (!found.source) return;
    if (unit && unit === found.source.unit) return;
    throw refuse();
  }
  const task = found.wait?.task;
  const ok =
    (!!unit && (unit === m.handlingUnit || !!task?.candidateGroups.includes(unit))) ||
    task?.assignee === actor.sub ||
    task?.claimedBy === actor.sub ||
    (kind === 'citizen-answer' && found.source?.data.by === actor.sub) ||
    (await worksOnMatter(db, m.id, actor.sub));
  if (!ok) throw refuse();
}

/** Codes that must fit the wait: the route the matter was referred to, the kind of court hand-off. */
function checkFits(kind: OutcomeKind, code: string, source: MatterEvent | undefined): void {
  const c = outcomeCode(kind, code);
  const actual = kind === 'non-litigation' ? source?.data.route : kind === 'court' ? source?.data.kind : undefined;
  if (!c?.fits || typeof actual !== 'string' || c.fits === actual) return;
  throw new ApiError(
    'VALIDATION_FAILED',
    `结果“${c.label}”不适用于此事项（${actual}） · '${code}' does not fit '${actual}'`,
    [
      {
        field: 'outcome',
        message: `does not fit this matter's ${kind === 'court' ? 'court hand-off' : 'route'}: ${actual}`,
      },
    ],
  );
}

const same = (e: MatterEvent, input: OutcomeInput) =>
  (['code', 'answer', 'note', 'reference'] as const).every((f) => (e.data[f] ?? null) === (input[f] ?? null));

function answer(m: Matter, kind: OutcomeKind, e: MatterEvent, replayed: boolean): RecordedOutcome {
  const d = e.data as { code?: string | null; by: string; delivered: RecordedOutcome['delivered'] };
  const c = outcomeCode(kind, d.code ?? '');
  return {
    matterId: m.id,
    trackingCode: m.trackingCode,
    kind,
    code: c?.code ?? null,
    label: c?.label ?? null,
    labelEn: c?.labelEn ?? null,
    delivered: d.delivered,
    recordedAt: chinaIso(e.occurredAt),
    recordedBy: d.by,
    replayed,
  };
}

async function deliver(
  deps: OutcomeDeps,
  trx: Db,
  m: Matter,
  kind: OutcomeKind,
  input: OutcomeInput,
  wait: Wait,
  id: string,
  actor: Actor,
): Promise<RecordedOutcome['delivered']> {
  const d = OUTCOME_DELIVERY[kind];
  if (kind === 'citizen-answer') return { as: 'timeline', name: null, id: null, variables: {} };
  const variables = { ...outcomeCode(kind, input.code ?? '')!.variables };
  try {
    if (kind === 'fulfilment') {
      const task = wait.task!;
      if (task.claimedBy && task.claimedBy !== actor.sub)
        throw new ApiError(
          'TASK_CLAIMED_BY_OTHER',
          `履行核查任务已由 ${task.claimedBy} 认领 · claimed by ${task.claimedBy}`,
        );
      // The form's fields (bpmn/forms/fulfilment-check.form): the decision and the check's notes.
      if (input.note) Object.assign(variables, { notes: input.note });
      await deps.engine.completeJob(task.jobKey, variables);
      await finishTask(trx, task.jobKey, 'completed', actor.sub, deps.clock());
      return { as: 'task', name: d.elementId!, id: task.jobKey, variables };
    }
    await deps.engine.publishMessage({
      name: d.message!,
      correlationKey: m.trackingCode,
      variables,
      timeToLiveMs: MESSAGE_TTL_MS,
      messageId: id,
    });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    // A message id published already: an earlier attempt got through and lost its answer.
    if (!isEngineError(err, 'already-exists')) {
      if (isEngineError(err, 'not-found'))
        throw new ApiError('OUTCOME_NOT_AWAITED', '这一步已经结束 · the step has ended; nothing was recorded');
      throw new ApiError(
        'ENGINE_UNAVAILABLE',
        '流程引擎未接收，未作任何记录，请重试 · the engine did not take it; try again',
      );
    }
  }
  return { as: 'message', name: d.message!, id, variables };
}

/** Records one outcome of `kind` for the matter (see the top of this file). */
export async function recordOutcome(
  deps: OutcomeDeps,
  actor: Actor,
  matterId: string,
  kind: OutcomeKind,
  input: OutcomeInput,
  opts: RecordOptions = {},
): Promise<RecordedOutcome> {
  if (!opts.citizen) checkRole(actor, kind);
  const m0 = await visibleMatter(deps.db, actor, matterId);
  const c = outcomeCode(kind, input.code ?? '');
  if (kind !== 'citizen-answer' && !c)
    throw new ApiError('VALIDATION_FAILED', `未知的结果代码 · unknown outcome '${input.code}'`, [
      { field: 'outcome', message: 'unknown outcome' },
    ]);
  if (c?.needsNote && !input.note?.trim())
    throw new ApiError('VALIDATION_FAILED', `“${c.label}”须填写说明 · '${c.code}' needs a note`, [
      { field: 'note', message: 'required with this outcome' },
    ]);
  return deps.db.transaction(async (trx) => {
    await lockMatter(trx, m0.id);
    const m = (await matterById(trx, m0.id))!;
    const found = await findWait(deps, trx, m, kind);
    if (!opts.citizen) await checkHolder(actor, kind, m, found, trx);
    if (c) checkFits(kind, c.code, found.source);
    if (!found.wait) {
      const prior = await latestEvent(trx, m.id, eventType(kind), kind);
      if (prior && same(prior, input)) return answer(m, kind, prior, true);
      throw new ApiError('OUTCOME_NOT_AWAITED', found.why!, { awaits: `GET /api/matters/${m.id}/outcomes` });
    }
    const id = `${kind}:${m.id}:${found.wait.key}`;
    const prior = await eventByDedupKey(trx, id);
    if (prior) {
      if (same(prior, input)) return answer(m, kind, prior, true);
      throw new ApiError(
        'OUTCOME_NOT_AWAITED',
        `这一步已记录了另一结果 · another outcome was recorded for this step (${prior.data.code ?? kind})`,
      );
    }
    const delivered = await deliver(deps, trx, m, kind, input, found.wait, id, actor);
    const at = deps.clock();
    const d = OUTCOME_DELIVERY[kind];
    const data = {
      kind,
      code: c?.code ?? null,
      label: c?.label ?? null,
      ...(kind === 'citizen-answer'
        ? { answer: input.answer, question: found.source?.data.question ?? null, channel: input.channel ?? null }
        : {}),
      note: input.note ?? null,
      reference: input.reference ?? null,
      by: actor.sub,
      delivered,
    };
    const asker = found.source?.data.by;
    const notify =
      kind === 'citizen-answer' && typeof asker === 'string'
        ? [{ recipientKind: 'staff' as const, recipient: asker, template: 'information-provided', payload: {} }]
        : [];
    const { event } = await recordStep(
      trx,
      m.id,
      { type: eventType(kind), at, unit: found.source?.unit ?? null, data, dedupKey: id },
      {},
      notify,
    );
    await audit(trx, {
      at,
      actor: actor.sub,
      action: 'outcome.record',
      targetKind: 'matter',
      targetId: m.id,
      details: { kind, code: c?.code ?? null, via: d.message ?? d.elementId ?? null, id },
    });
    return answer(m, kind, event, false);
  });
}

/** What the matter's process waits for now, among the outcomes staff record. */
export async function awaitedOutcomes(deps: OutcomeDeps, actor: Actor, matterId: string) {
  const m = await visibleMatter(deps.db, actor, matterId);
  const kinds = Object.keys(OUTCOME_DELIVERY) as OutcomeKind[];
  const found = await Promise.all(kinds.map((k) => findWait(deps, deps.db, m, k)));
  return { m, awaiting: kinds.filter((_, i) => found[i].wait) };
}
