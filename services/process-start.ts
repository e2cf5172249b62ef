// Starting a matter's process instance: exactly once, whatever the timing. Concurrent retries of one
// intake, the sweeper and several API processes all go through `claimStart`, one UPDATE that only one
// of them wins; the claim outlives the engine client's bounded retries, so a start still in flight is
// never repeated. A claim that expired without a saved instance key (the process died between the
// engine's answer and saving it) is followed by a look-up in the engine before any re-create.
import { claimStart, matterById, pendingMatterIds, releaseStart, setProcessInstance } from '../store/matters.js';
import type { Matter } from '../store/matters.js';
import type { EngineClient, OperateClient } from '../engine-client/index.js';
import type { IntakeDeps } from './intake.js';
import { processForRegion } from './processes.js';

/** How long a claimed start is left to its claimant: longer than the engine client's retries last. */
export const START_CLAIM_MS = 120_000;

export function processVariables(m: Matter): Record<string, unknown> {
  return {
    matterId: m.id,
    trackingCode: m.trackingCode,
    matterType: m.matterType,
    channel: m.channel,
    category: m.category,
    regionCode: m.regionCode,
    facts: m.facts,
  };
}

/** The root instance an earlier attempt started for this matter, if any (found by its tracking code). */
async function startedEarlier(operate: OperateClient, trackingCode: string): Promise<string | null> {
  const vars = await operate.search<{ processInstanceKey: string }>(
    'variables',
    { name: 'trackingCode', value: JSON.stringify(trackingCode) },
    50,
  );
  if (!vars.length) return null;
  return operate.rootOf(String(vars[0].processInstanceKey));
}

async function create(engine: EngineClient, m: Matter, processId: string, version?: number): Promise<string> {
  const { processInstanceKey } = await engine.createInstance(processId, processVariables(m), version);
  return processInstanceKey;
}

/**
 * Starts the matter's instance unless it has one or another start holds it; returns the matter as it
 * then stands (processInstanceKey null while someone else's start is in flight).
 */
export async function startInstance(deps: IntakeDeps, m: Matter): Promise<Matter> {
  const now = deps.clock();
  const attempt = await claimStart(deps.db, m.id, now, new Date(now.getTime() + START_CLAIM_MS));
  if (attempt === null) return (await matterById(deps.db, m.id)) ?? m;
  const processId = processForRegion(m.regionCode, deps.regions, deps.variants);
  try {
    const earlier =
      attempt > 1 && deps.engine.operate ? await startedEarlier(deps.engine.operate, m.trackingCode) : null;
    const processInstanceKey = earlier ?? (await create(deps.engine, m, processId, deps.pins?.get(processId)));
    await setProcessInstance(deps.db, m.id, processId, processInstanceKey);
    return { ...m, processId, processInstanceKey };
  } catch (err) {
    // Refused or unreachable: the next attempt need not wait for the claim to expire; it looks the
    // instance up first (attempt > 1), in case the engine did start it.
    await releaseStart(deps.db, m.id).catch(() => {});
    throw err;
  }
}

let sweeping = false;

/** Starts the instances of matters accepted while the engine was unreachable; never overlaps itself. */
export async function startPendingMatters(deps: IntakeDeps, olderThanMs = 60_000): Promise<number> {
  if (sweeping) return 0;
  sweeping = true;
  try {
    const now = deps.clock();
    const ids = await pendingMatterIds(deps.db, new Date(now.getTime() - olderThanMs), 100, now);
    let n = 0;
    for (const id of ids) {
      const m = await matterById(deps.db, id);
      if (m && (await startInstance(deps, m)).processInstanceKey) n++;
    }
    return n;
  } finally {
    sweeping = false;
  }
}
