// Due timers, job time-outs and retry back-offs, message TTL. Everything is read from the database
// (due-time indexes), so timers survive restarts and fire only when due by the engine clock.
import type { Engine } from './engine.js';
import { releaseJobs } from './store/jobs.js';
import { expireMessages } from './store/messages.js';

/**
 * Due timers read per round. They all go to the group commit at once, so a large round keeps its
 * runners busy instead of idling while the next round is read (2000 fired 100 k due timers ~10 %
 * sooner than 500 in bench:engine).
 */
const DUE_TIMERS_PER_ROUND = 2000;

/**
 * Planned timers taken per statement, and how many such statements run at once: each is one
 * PostgreSQL backend's work, so two keep a two-core server busy.
 */
const PLANNED_PER_STATEMENT = 2500;
const PLANNED_STREAMS = 2;

export class Scheduler {
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastExpiry = 0;

  constructor(
    private readonly engine: Engine,
    private readonly intervalMs: number,
  ) {
    engine.clock.onChange(() => this.poke());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  poke(): void {
    this.wake?.();
  }

  /** One pass; exposed so tests and benchmarks can drive it. Returns the work done. */
  private last: Promise<number> = Promise.resolve(0);

  /**
   * One pass: due timers, timed-out jobs, expired messages. Passes are serialised, so a caller's
   * tick (a test moving the clock) returns only after any pass already running has committed what
   * it claimed.
   */
  tick(): Promise<number> {
    const run = this.last.catch(() => 0).then(() => this.pass());
    this.last = run;
    return run;
  }

  /** Resolves when the pass running now (if any) has ended. */
  settled(): Promise<void> {
    return this.last.then(
      () => undefined,
      () => undefined,
    );
  }

  private async pass(): Promise<number> {
    const { engine } = this;
    let work = 0;
    await Promise.all(
      Array.from({ length: PLANNED_STREAMS }, async () => {
        for (;;) {
          const n = await engine.firePlannedTimers(PLANNED_PER_STATEMENT);
          work += n;
          if (n < PLANNED_PER_STATEMENT) break;
        }
      }),
    );
    for (;;) {
      const n = await engine.fireDueTimers(DUE_TIMERS_PER_ROUND);
      work += n;
      if (n < DUE_TIMERS_PER_ROUND) break;
    }
    const types = await releaseJobs(engine.db.pool, engine.clock.now());
    for (const t of types) engine.signal('engine_jobs', t);
    work += types.length;
    if (Date.now() - this.lastExpiry > 5000) {
      this.lastExpiry = Date.now();
      work += await expireMessages(engine.db.pool, engine.clock.now());
    }
    return work;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.tick();
      } catch (err) {
        this.engine.log.error({ err }, 'scheduler pass failed');
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.intervalMs);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
  }
}
