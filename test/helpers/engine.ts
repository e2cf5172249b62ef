// An embedded engine on free ports over a fresh database, stopped at teardown, plus client helpers.
import { startEngine, type RunningEngine } from '../../engine/index.js';
import { createLogger } from '../../platform/logger.js';
import { zeebeClient } from '../../platform/zeebe.js';
import { testDatabase } from './db.js';

interface TapLike {
  teardown(fn: () => unknown): void;
  passing(): boolean;
}

export interface TestEngine extends RunningEngine {
  databaseUrl: string;
  /** Closed after the engine has stopped (so no client waits on an open long poll). */
  closers: (() => Promise<unknown>)[];
  /** Run before the engine stops (job workers, which would otherwise retry against a stopped engine). */
  beforeStop: (() => Promise<unknown>)[];
  zeebe: ReturnType<typeof zeebeClient>;
  /** Moves the engine clock (through the actuator, as a test against Zeebe would) and fires what fell due. */
  advanceClock(ms: number): Promise<void>;
  operate<T = any>(resource: string, body?: object): Promise<{ items: T[]; total: number }>;
}

export async function testEngine(t: TapLike, opts: { schedulerIntervalMs?: number } = {}): Promise<TestEngine> {
  const databaseUrl = await testDatabase(t);
  const running = await startEngine({
    databaseUrl,
    grpcPort: 0,
    httpPort: 0,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    schedulerIntervalMs: opts.schedulerIntervalMs ?? 50,
    clockControl: true,
  });
  // Short long polls: the SDK keeps a ref'd timer of the long poll's length after a worker closes, and
  // a test file's process would wait for it (50 s by default) before it exits.
  const zeebe = zeebeClient(running.grpcAddress, { longPollSeconds: 3 });
  // The engine stops first: it ends open long polls, so clients close without waiting for them.
  const closers: (() => Promise<unknown>)[] = [];
  const beforeStop: (() => Promise<unknown>)[] = [];
  t.teardown(async () => {
    for (const c of beforeStop) await c();
    await running.stop();
    for (const c of closers) await c();
    await zeebe.close();
  });
  return {
    ...running,
    closers,
    beforeStop,
    databaseUrl,
    zeebe,
    async advanceClock(ms: number) {
      const r = await fetch(`${running.httpUrl}/actuator/clock/add`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ offsetMilli: ms }),
      });
      if (!r.ok) throw new Error(`clock add failed: ${r.status}`);
      await running.scheduler.tick();
    },
    async operate(resource: string, body: object = {}) {
      const r = await fetch(`${running.httpUrl}/v1/${resource}/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ size: 1000, ...body }),
      });
      if (!r.ok) throw new Error(`operate ${resource}: ${r.status} ${await r.text()}`);
      return r.json() as Promise<{ items: any[]; total: number }>;
    },
  };
}

/** Polls `fn` until it returns a truthy value (or fails after `ms`). */
export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  ms = 10_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Registers a @camunda8/sdk worker for `type`; `fn` returns the variables to complete with; returns the
 * variables of each job seen.
 */
export function work(
  _t: TapLike,
  e: TestEngine,
  type: string,
  fn: (vars: any, job: any) => Record<string, unknown> | Promise<Record<string, unknown>> = () => ({}),
) {
  const seen: any[] = [];
  const keys = new Set<string>();
  const worker = e.zeebe.createWorker({
    taskType: type,
    pollInterval: 50,
    timeout: 30_000,
    // Jobs are delivered at least once (a clock jump times out jobs in flight): record each job once.
    taskHandler: async (job: any) => {
      if (!keys.has(job.key)) {
        keys.add(job.key);
        seen.push(job.variables);
      }
      return job.complete(await fn(job.variables, job));
    },
  });
  e.closers.push(() => worker.close());
  return seen;
}

/** Element ids in order of start (ties by key), as Operate lists them. */
export async function path(e: TestEngine, processInstanceKey: string, state?: string): Promise<string[]> {
  const r = await e.operate('flownode-instances', { filter: { processInstanceKey, ...(state ? { state } : {}) } });
  return r.items.map((n: any) => n.flowNodeId);
}

export async function instanceState(e: TestEngine, key: string): Promise<string | undefined> {
  return (await e.operate('process-instances', { filter: { key } })).items[0]?.state;
}

export async function completed(e: TestEngine, key: string, ms = 10_000): Promise<void> {
  await eventually(async () => (await instanceState(e, key)) === 'COMPLETED', ms, `instance ${key} to complete`);
}

export async function variables(
  e: TestEngine,
  processInstanceKey: string,
  scopeKey = processInstanceKey,
): Promise<Record<string, unknown>> {
  const r = await e.operate('variables', { filter: { processInstanceKey, scopeKey } });
  return Object.fromEntries(r.items.map((v: any) => [v.name, JSON.parse(v.value)]));
}
