// A whole system for scenario tests: the embedded engine on a fresh database, the demo regions and
// mediators, every model and form deployed, the real workers on the engine's clock, and helpers to
// act as staff (complete user tasks), as outside systems (publish messages) and to move time.
import type { Knex } from 'knex';
import { testEngine, eventually, type TestEngine } from './engine.js';
import { connect } from '../../platform/db.js';
import { upsertRegions, loadRegions } from '../../store/regions.js';
import { upsertMediators } from '../../store/mediators.js';
import { eventsOf, matterById, type Matter, type MatterEvent } from '../../store/matters.js';
import { outboxOf } from '../../store/outbox.js';
import { deployModels, loadVariantMap } from '../../services/processes.js';
import { fromZeebeClient } from '../../engine-client/index.js';
import { receiveMatter, type IntakeInput } from '../../services/intake.js';
import { DEMO_REGIONS, DEMO_MEDIATORS, RegionTree, isDepartment } from '../../domain/index.js';
import { CalendarSource } from '../../services/calendar.js';
import { WORKERS, startWorkers, workerDeps, zeebeTransport } from '../../workers/index.js';
import { createLogger } from '../../platform/logger.js';

interface TapLike {
  teardown(fn: () => unknown): void;
  passing(): boolean;
}

const USER_TASK = 'io.camunda.zeebe:userTask';

/** Outbox letters not addressed to '<a known region>/<a department, committee or its centre>'. */
export async function lettersToNoUnit(db: Knex, regions: RegionTree): Promise<string[]> {
  const rows = await db('app.outbox').whereIn('recipient_kind', ['unit', 'court']).distinct('recipient', 'template');
  return rows
    .filter((r) => {
      const [code, unit, ...rest] = String(r.recipient).split('/');
      return rest.length || !regions.has(code) || !(unit === 'centre' || isDepartment(unit));
    })
    .map((r) => `${r.template} → ${r.recipient}`);
}
const DAY = 86_400_000;

export interface Scenario {
  e: TestEngine;
  db: Knex;
  regions: RegionTree;
  now(): Date;
  receive(input: Partial<IntakeInput> & Pick<IntakeInput, 'matterType' | 'regionCode'>): Promise<Matter>;
  /** Completes the open user task `elementId` of the matter (as staff would through the inbox). */
  complete(
    m: Matter,
    elementId: string,
    variables?: Record<string, unknown>,
  ): Promise<{ headers: Record<string, string>; variables: Record<string, any> }>;
  /** Waits until the matter has an open user task `elementId`; returns its job. */
  waitForTask(
    m: Matter,
    elementId: string,
  ): Promise<{ key: string; headers: Record<string, string>; variables: Record<string, any> }>;
  publish(name: string, m: Matter, variables?: Record<string, unknown>): Promise<void>;
  advanceDays(days: number): Promise<void>;
  events(m: Matter): Promise<MatterEvent[]>;
  eventTypes(m: Matter): Promise<string[]>;
  waitForEvent(m: Matter, type: string, count?: number): Promise<MatterEvent[]>;
  /** Waits until the deadline of `stage` has been computed `count` times (before moving the clock past it). */
  waitForDeadline(m: Matter, stage: string, count?: number): Promise<MatterEvent[]>;
  matter(m: Matter): Promise<Matter>;
  outbox(m: Matter): Promise<{ recipientKind: string; recipient: string; template: string }[]>;
  /** Waits until the matter's root process instance has completed. */
  finished(m: Matter): Promise<void>;
}

export async function scenario(t: TapLike, opts: { start?: Date } = {}): Promise<Scenario> {
  const e = await testEngine(t);
  // A fixed, known date: deadlines depend on the working calendar.
  const pinned = await fetch(`${e.httpUrl}/actuator/clock/pin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ epochMilli: (opts.start ?? new Date('2026-09-14T09:00:00+08:00')).getTime() }),
  });
  if (!pinned.ok) throw new Error(`clock pin failed: ${pinned.status}`);
  const db = connect(e.databaseUrl, 5);
  e.closers.push(() => db.destroy());
  await upsertRegions(db, DEMO_REGIONS);
  await upsertMediators(db, DEMO_MEDIATORS);
  const regions = new RegionTree(await loadRegions(db));
  await deployModels(fromZeebeClient(e.zeebe));
  const now = () => e.engine.clock.now();
  const calendar = new CalendarSource(db);
  const workers = startWorkers(
    zeebeTransport(fromZeebeClient(e.zeebe)),
    workerDeps({
      db,
      clock: now,
      regions,
      calendar: () => calendar.current(),
      log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    }),
    WORKERS,
    { timeoutMs: 30_000 },
  );
  e.beforeStop.push(() => workers.close());
  // Every scenario checks on its way out that each letter went to a real unit of a real region.
  const misaddressed: string[] = [];
  e.beforeStop.push(async () => misaddressed.push(...(await lettersToNoUnit(db, regions))));
  t.teardown(() => {
    if (misaddressed.length) throw new Error(`letters to no real unit: ${misaddressed.join(', ')}`);
  });
  const variants = loadVariantMap();
  const jobs = new Map<string, any>();

  const findTask = async (m: Matter, elementId: string) => {
    const fresh = await e.zeebe
      .activateJobs({
        type: USER_TASK,
        worker: 'scenario',
        maxJobsToActivate: 100,
        timeout: 30 * DAY,
        requestTimeout: 200,
      } as any)
      .catch(() => []);
    for (const j of fresh as any[]) jobs.set(j.key, j);
    for (const [key, j] of jobs) {
      if (j.elementId !== elementId || j.variables.trackingCode !== m.trackingCode) continue;
      const { rows } = await e.engine.db.pool.query('SELECT 1 FROM engine.jobs WHERE key = $1', [key]);
      if (!rows.length) {
        jobs.delete(key);
        continue;
      }
      return j;
    }
    return null;
  };
  const waitForTask = async (m: Matter, elementId: string) => {
    const j = await eventually(() => findTask(m, elementId), 30_000, `user task ${elementId} of ${m.trackingCode}`);
    return { key: j.key, headers: j.customHeaders, variables: j.variables };
  };

  return {
    e,
    db,
    regions,
    now,
    async receive(input) {
      const { matter } = await receiveMatter(
        { db, engine: fromZeebeClient(e.zeebe), regions, variants, clock: now },
        { channel: 'window', summary: 'test matter', ...input },
      );
      return matter;
    },
    waitForTask,
    async complete(m, elementId, variables = {}) {
      const j = await waitForTask(m, elementId);
      await e.zeebe.completeJob({ jobKey: j.key, variables } as any);
      jobs.delete(j.key);
      return j;
    },
    async publish(name, m, variables = {}) {
      await e.zeebe.publishMessage({
        name,
        correlationKey: m.trackingCode,
        variables: variables as any,
        timeToLive: 60_000,
      } as any);
    },
    async advanceDays(days) {
      await e.advanceClock(days * DAY);
    },
    events: (m) => eventsOf(db, m.id),
    async eventTypes(m) {
      return (await eventsOf(db, m.id)).map((x) => x.type);
    },
    async waitForEvent(m, type, count = 1) {
      return eventually(
        async () => {
          const evs = (await eventsOf(db, m.id)).filter((x) => x.type === type);
          return evs.length >= count ? evs : null;
        },
        30_000,
        `event ${type} ×${count} for ${m.trackingCode}`,
      );
    },
    async waitForDeadline(m, stage, count = 1) {
      return eventually(
        async () => {
          const evs = (await eventsOf(db, m.id)).filter(
            (x) => x.type.startsWith('deadline-') && x.data.stage === stage,
          );
          return evs.length >= count ? evs : null;
        },
        30_000,
        `deadline of ${stage} ×${count} for ${m.trackingCode}`,
      );
    },
    matter: async (m) => (await matterById(db, m.id))!,
    outbox: (m) => outboxOf(db, m.id),
    async finished(m) {
      await eventually(
        async () => {
          const r = await e.operate('process-instances', { filter: { key: m.processInstanceKey } });
          return r.items[0]?.state === 'COMPLETED';
        },
        30_000,
        `instance of ${m.trackingCode} to complete`,
      );
    },
  };
}
