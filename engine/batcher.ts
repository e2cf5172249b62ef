// Group commit for the hot commands (create instance, complete job). Commands that arrive while
// a batch is being written wait for the next one; a batch loads its trees in one statement, runs
// each command in memory, and writes all of them in one revision-checked statement. Under load
// that is two statements for dozens of commands instead of several each; when idle a batch is a
// single command with no added delay.
import type { EngineDb, Tx } from './store/db.js';
import type { ModelCache } from './model/cache.js';
import type { EngineClock } from './clock.js';
import type { EngineError } from './errors.js';
import { Executor } from './runtime/executor.js';
import { InstanceTree } from './runtime/tree.js';
import { loadTrees, flushTrees } from './store/instances.js';
import { getJobs, type JobRecord } from './store/jobs.js';
import { existingTimers } from './store/incidents.js';
import { planTimers } from './runtime/timer-plans.js';

/** What a batch reads for all its commands at once (instead of a query per command). */
export interface Prefetched {
  jobs: Map<string, JobRecord>;
  timers: Set<string> | null;
}

export interface BatchCommand<T = unknown> {
  /** The root instance the command works on; null creates a new tree. */
  rootKey: string | null;
  jobKey?: string;
  timerKey?: string;
  fn: (x: Executor, q: Tx, pre: Prefetched) => Promise<T>;
  missing: () => EngineError;
}

interface Queued extends BatchCommand {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 64;
const RUNNERS = 3;

export class Batcher {
  private queue: Queued[] = [];
  private running = 0;

  constructor(
    private readonly db: EngineDb,
    private readonly models: ModelCache,
    private readonly clock: EngineClock,
    /** Runs one command on its own (used when a batch hit a conflict). */
    private readonly single: <T>(c: BatchCommand<T>) => Promise<T>,
    private readonly committed: (trees: InstanceTree[]) => void,
  ) {}

  submit<T>(c: BatchCommand<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ ...c, resolve: resolve as (v: unknown) => void, reject });
      if (this.running < RUNNERS) void this.runner();
    });
  }

  private async runner(): Promise<void> {
    this.running++;
    try {
      while (this.queue.length) {
        // Two commands on one tree never share a batch: the second waits for the next.
        const roots = new Set<string>();
        const batch: Queued[] = [];
        const rest: Queued[] = [];
        for (const c of this.queue) {
          if (batch.length < MAX_BATCH && (!c.rootKey || !roots.has(c.rootKey))) {
            batch.push(c);
            if (c.rootKey) roots.add(c.rootKey);
          } else rest.push(c);
        }
        this.queue = rest;
        await this.runBatch(batch);
      }
    } finally {
      this.running--;
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    const client = await this.db.pool.connect().catch((err) => {
      for (const c of batch) c.reject(err);
      return null;
    });
    if (!client) return;
    const done: [Queued, unknown, InstanceTree][] = [];
    try {
      const trees = await loadTrees(
        client,
        batch.flatMap((c) => (c.rootKey ? [c.rootKey] : [])),
      );
      const jobKeys = batch.flatMap((c) => (c.jobKey ? [c.jobKey] : []));
      const timerKeys = batch.flatMap((c) => (c.timerKey ? [c.timerKey] : []));
      const pre: Prefetched = {
        jobs: jobKeys.length ? await getJobs(client, jobKeys) : new Map(),
        timers: timerKeys.length ? await existingTimers(client, timerKeys) : null,
      };
      const now = this.clock.now();
      for (const c of batch) {
        try {
          const tree = c.rootKey ? trees.get(c.rootKey) : new InstanceTree(await this.db.nextKey(client));
          if (!tree) throw c.missing();
          const x = new Executor({ tx: client, db: this.db, tree, models: this.models, now });
          const result = await c.fn(x, client, pre);
          await x.drain();
          await planTimers(tree, { tx: client, db: this.db, models: this.models });
          done.push([c, result, tree]);
        } catch (err) {
          c.reject(err); // a refused command (unknown job, bad state) fails alone
        }
      }
      if (!done.length) return;
      try {
        await flushTrees(
          client,
          this.db,
          done.map((d) => d[2]),
          now,
        );
      } catch (err) {
        if ((err as { code?: string }).code !== '22012') throw err;
        // Someone else changed one of the trees first: redo each command on its own.
        for (const [c] of done) this.single(c).then(c.resolve, c.reject);
        return;
      }
      for (const [c, result] of done) c.resolve(result);
      this.committed(done.map((d) => d[2]));
    } catch (err) {
      for (const [c] of done) c.reject(err);
      for (const c of batch) if (!done.some((d) => d[0] === c)) c.reject(err);
    } finally {
      client.release();
    }
  }
}
