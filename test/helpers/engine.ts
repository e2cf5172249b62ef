// An embedded engine on free ports over a fresh database, stopped at teardown, plus client helpers.
import { startEngine, type RunningEngine } from '../../engine/index.js';
import { createLogger } from '../../platform/logger.js';
import { zeebeClient } from '../../platform/zeebe.js';
import { testDatabase } from './db.js';

interface TapLike { teardown(fn: () => unknown): void; passing(): boolean }

export interface TestEngine extends RunningEngine {
  databaseUrl: string;
  zeebe: ReturnType<typeof zeebeClient>;
  /** Moves the engine clock (through the actuator, as a test against Zeebe would) and fires what fell due. */
  advanceClock(ms: number): Promise<void>;
  operate<T = any>(resource: string, body?: object): Promise<{ items: T[]; total: number }>;
}

export async function testEngine(t: TapLike, opts: { schedulerIntervalMs?: number } = {}): Promise<TestEngine> {
  const databaseUrl = await testDatabase(t);
  const running = await startEngine({ databaseUrl, grpcPort: 0, httpPort: 0, log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), schedulerIntervalMs: opts.schedulerIntervalMs ?? 50 });
  const zeebe = zeebeClient(running.grpcAddress);
  t.teardown(async () => { await zeebe.close(); await running.stop(); });
  return {
    ...running,
    databaseUrl,
    zeebe,
    async advanceClock(ms: number) {
      const r = await fetch(`${running.httpUrl}/actuator/clock/add`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMilli: ms }) });
      if (!r.ok) throw new Error(`clock add failed: ${r.status}`);
      await running.scheduler.tick();
    },
    async operate(resource: string, body: object = {}) {
      const r = await fetch(`${running.httpUrl}/v1/${resource}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ size: 1000, ...body }) });
      if (!r.ok) throw new Error(`operate ${resource}: ${r.status} ${await r.text()}`);
      return r.json() as Promise<{ items: any[]; total: number }>;
    },
  };
}

/** Polls `fn` until it returns a truthy value (or fails after `ms`). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, ms = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
