// Firing a timer, and planning that firing ahead.
//
// When a command creates a timer on an instance, the engine already holds the instance's state,
// so it also works out what firing the timer will write, on a copy, at the epoch: the plan is
// that row set (writes.ts) stored with the timer, with its times as offsets from the firing time,
// and the instance revision it assumes. While nothing else happens to the instance, firing is
// applying the plan: a due burst of 100 000 timers then costs a few dozen statements instead of
// 100 000 commands. Any later command on the instance changes its revision, and the timer is then
// fired as a command, exactly as without a plan. A firing that would read anything outside the
// instance (a buffered message, the latest process or form version, the clock through FEEL's
// now()) or open a new timer or subscription is not planned at all.
import type { ModelCache } from '../model/cache.js';
import type { EngineDb, Tx } from '../store/db.js';
import { collectWrites } from '../store/writes.js';
import { UNPLANNED_PARTS } from '../store/planned-timers.js';
import { ExpressionError, clockReadingEvaluations } from '../feel.js';
import { Executor } from './executor.js';
import type { InstanceTree, TimerRow } from './tree.js';

/** Plans larger than this (as JSON) are not kept. */
const MAX_PLAN_CHARS = 64 * 1024;

/** The time a plan is made at: its times are offsets from this. */
export const PLAN_EPOCH = new Date(0);

/** What a plan tells the engine after it was applied: job types to announce, a finished root. */
export interface PlanMeta {
  state: string | null;
  end: Date | null;
  jobTypes: string[];
  rootCompleted: boolean;
}

type FiredTimer = Pick<
  TimerRow,
  'key' | 'elementInstanceKey' | 'processDefinitionKey' | 'elementId' | 'dueDate' | 'repetitions' | 'interval'
>;

/**
 * Fires an instance timer on `x`'s tree: the owner's event is triggered (a cycle is rescheduled
 * first). False when the owner is no longer active. A bad expression becomes an incident.
 */
export async function fireOn(x: Executor, t: FiredTimer): Promise<boolean> {
  const owner = x.tree.elements.get(t.elementInstanceKey!);
  if (!owner) {
    x.tree.removedTriggers.add(t.key);
    return false;
  }
  const event = (await x.def(owner)).model.elements.get(t.elementId)!;
  // An intermediate catch event owns nothing but this timer, which the firing consumes itself:
  // ending it then needs no search for other jobs, timers or subscriptions it might own.
  if (owner.elementType === 'INTERMEDIATE_CATCH_EVENT' && !owner.data.incident) delete owner.data.owns;
  await x.triggers.rescheduleCycle(owner, event, t);
  try {
    await x.triggers.trigger(owner, event, {}, t.key);
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    await x.incident(owner, 'EXTRACT_VALUE_ERROR', err.message, 'activate');
  }
  return true;
}

/**
 * Plans the firing of the instance timer the command created on `tree` that falls due first (call
 * after the command ran, before its writes are flushed). Only that one can use a plan: any firing
 * changes the instance's revision, which outdates every other plan made at this one. A timer that
 * cannot be planned keeps no plan.
 */
export async function planTimers(tree: InstanceTree, c: { tx: Tx; db: EngineDb; models: ModelCache }): Promise<void> {
  let t: TimerRow | undefined;
  for (const x of tree.newTimers) {
    if (!x.rootKey || !x.elementInstanceKey || !tree.elements.has(x.elementInstanceKey)) continue;
    // The order the scheduler fires in: due date, then key.
    if (!t || x.dueDate < t.dueDate || (x.dueDate.getTime() === t.dueDate.getTime() && BigInt(x.key) < BigInt(t.key)))
      t = x;
  }
  if (!t) return;
  const copy = tree.snapshot();
  copy.claims.push({ table: 'timers', key: t.key }); // the firing statement deletes the timer itself
  const clockReads = clockReadingEvaluations();
  try {
    const x = new Executor({ ...c, tree: copy, now: PLAN_EPOCH, planning: true });
    if (!(await fireOn(x, t))) return;
    await x.drain();
  } catch {
    return; // NotPlannable, or anything else: the timer fires as a command when due
  }
  if (clockReadingEvaluations() !== clockReads) return;
  const { w } = await collectWrites(c.tx, c.db, [copy], PLAN_EPOCH);
  if (UNPLANNED_PARTS.some((part) => w[part].length)) return;
  const end = copy.endedProcessInstances.get(copy.rootKey);
  const meta: PlanMeta = {
    state: end?.state ?? null,
    end: end?.endDate ?? null,
    jobTypes: [...copy.jobTypes],
    rootCompleted: copy.rootCompleted,
  };
  // Only the parts with rows: the firing statement explodes each plan into its parts once.
  const plan = { w: Object.fromEntries(Object.entries(w).filter(([, rows]) => rows.length)), meta };
  // A firing that writes large variables or collections is left to a command, not stored twice.
  if (JSON.stringify(plan).length > MAX_PLAN_CHARS) return;
  t.plan = plan;
  // The revision the tree has once this command's writes are stored.
  t.planRev = tree.rev === null ? '0' : (BigInt(tree.rev) + 1n).toString();
}
