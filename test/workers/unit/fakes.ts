// Plain fakes for handler unit tests (no PostgreSQL, no engine): a recordStep that keeps what it was
// given and honours the store's contract (a dedup key seen before returns the first event, data goes
// through JSON as it does in the database), a clock the test moves, and a job builder.
import { DEMO_REGIONS, RegionTree, WorkingCalendar } from '../../../domain/index.js';
import type { MatterEvent, MatterPatch, Step } from '../../../store/matters.js';
import type { Notification } from '../../../store/outbox.js';
import { pick, type Handler, type Job, type WorkerDeps, type WorkerModule } from '../../../workers/runtime.js';
import { createLogger } from '../../../platform/logger.js';

export interface RecordedStep {
  matterId: string;
  step: Step;
  patch: MatterPatch;
  notify: Omit<Notification, 'matterId' | 'at' | 'dedupKey'>[];
  /** Whether the store wrote it (false: the dedup key was already there). */
  fresh: boolean;
}

export function fakes(start = new Date('2026-09-14T01:00:00Z')) {
  let now = start;
  const calls: RecordedStep[] = [];
  const byKey = new Map<string, MatterEvent>();
  const deps: WorkerDeps = {
    clock: () => now,
    regions: new RegionTree(DEMO_REGIONS),
    calendar: async () => new WorkingCalendar(),
    log: createLogger('silent'),
    recordStep: async (matterId, step, patch = {}, notify = []) => {
      const prior = byKey.get(step.dedupKey);
      calls.push({ matterId, step, patch, notify, fresh: !prior });
      if (prior) return { event: prior, fresh: false };
      const event: MatterEvent = {
        id: String(byKey.size + 1),
        matterId,
        type: step.type,
        occurredAt: step.at,
        tier: step.tier ?? null,
        unit: step.unit ?? null,
        data: JSON.parse(JSON.stringify(step.data ?? {})),
      };
      byKey.set(step.dedupKey, event);
      return { event, fresh: true };
    },
    mediatorsWithLoad: async () => {
      throw new Error('not used by this handler');
    },
    sampleQuality: async () => {
      throw new Error('not used by this handler');
    },
  };
  return {
    deps,
    /** The module's handler, given only what it declares in `needs` (as the runtime does). */
    handler: <K extends keyof WorkerDeps>(m: WorkerModule<K>): Handler => m.create(pick(deps, m.needs)),
    /** Every recordStep call, in order. */
    calls,
    /** The steps the store actually wrote. */
    written: () => calls.filter((c) => c.fresh),
    tick(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export function job(
  type: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  elementInstanceKey = '100',
): Job {
  return {
    key: '1',
    type,
    variables: { matterId: '7', trackingCode: 'GC-TEST-0000-00001', regionCode: 'demo-village-a1-1', ...variables },
    headers,
    processInstanceKey: '10',
    elementInstanceKey,
    bpmnProcessId: 'dispute-resolution',
    elementId: 'X',
    retries: 3,
  };
}

export const DAY = 86_400_000;
