// Timer commands: firing due timers (as commands, or many planned ones per statement).
import { EngineError, notFound } from '../errors.js';
import { InstanceTree } from '../runtime/tree.js';
import * as inc from '../store/incidents.js';
import { fireOn } from '../runtime/timer-plans.js';
import { firePlanned } from '../store/planned-timers.js';
import type { EngineCore } from './core.js';

/** Fires timers due at the engine clock's now; returns how many fired. */
export async function fireDueTimers(e: EngineCore, limit: number): Promise<number> {
  const due = await inc.dueTimers(e.db.pool, e.clock.now(), limit);
  // All at once: instance timers go through the group commit, so many fire per statement.
  const fired = await Promise.all(
    due.map((t) =>
      fireTimer(e, t).catch((err) => {
        e.log.error({ err, timerKey: t.key }, 'timer failed to fire');
        return false;
      }),
    ),
  );
  return fired.filter(Boolean).length;
}

/**
 * Fires up to `limit` due timers that carry a plan, in one statement; returns how many it took
 * (fired, or found stale and left to fireDueTimers).
 */
export async function firePlannedTimers(e: EngineCore, limit: number): Promise<number> {
  const { claimed, completed, jobTypes } = await firePlanned(e.db.pool, e.clock.now(), limit);
  e.announce(jobTypes, completed);
  return claimed;
}

async function fireTimer(e: EngineCore, t: inc.TimerRecord): Promise<boolean> {
  if (t.rootKey) return fireInstanceTimer(e, t, t.rootKey);
  // A timer start event: the claim makes sure one firing creates one instance.
  const def = await e.models.get(t.processDefinitionKey);
  return e.command(async (tx) => {
    if (!(await inc.lockTimer(tx, t.key))) return false;
    const tree = new InstanceTree(await e.db.nextKey(tx));
    await e.run(tx, tree, async (x) => {
      x.tree.removedTriggers.add(t.key);
      await x.triggers.rescheduleCycle(null, def.model.elements.get(t.elementId)!, t);
      await x.createProcessInstance(def, {}, { key: tree.rootKey, startId: t.elementId });
    });
    return true;
  });
}

/** Claims the timer in the write: if another scheduler fired it first, this one backs off. */
function fireInstanceTimer(e: EngineCore, t: inc.TimerRecord, rootKey: string): Promise<boolean> {
  return e.batcher
    .submit({
      rootKey,
      timerKey: t.key,
      missing: () => notFound('instance gone'),
      fn: async (x, q, pre) => {
        const exists = pre.timers ? pre.timers.has(t.key) : (await inc.existingTimers(q, [t.key])).has(t.key);
        if (!exists) return false;
        if (x.tree.elements.has(t.elementInstanceKey!)) x.tree.claims.push({ table: 'timers', key: t.key });
        return fireOn(x, t);
      },
    })
    .catch((err) => {
      if (err instanceof EngineError && err.code === 'NOT_FOUND') return false;
      throw err;
    });
}
