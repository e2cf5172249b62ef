// How a command runs: on the locked tree in one transaction, or optimistically (group-committed),
// and what happens once it committed (waking waiters, offering buffered messages). The commands
// themselves are in the other files of this folder; `../engine.ts` is their facade.
import type { Logger } from 'pino';
import type { EngineDb, Tx } from '../store/db.js';
import type { EngineClock } from '../clock.js';
import { ModelCache } from '../model/cache.js';
import type { EngineError } from '../errors.js';
import { Executor } from '../runtime/executor.js';
import { InstanceTree } from '../runtime/tree.js';
import { loadTree, loadTrees, flushTree } from '../store/instances.js';
import { planTimers } from '../runtime/timer-plans.js';
import { Batcher } from '../batcher.js';
import { CompletionWaiters } from '../completions.js';
import { offerBuffered } from './messages.js';

export type EngineChannel = 'engine_jobs' | 'engine_instances' | 'engine_deployments';

export class EngineCore {
  readonly models: ModelCache;
  /** CreateProcessInstanceWithResult callers. */
  readonly completions: CompletionWaiters;
  /** Trees written in a transaction, signalled once it committed. */
  private readonly written = new WeakMap<Tx, InstanceTree[]>();
  /** Wakes waiters (long polls, create-with-result) here and in other engine processes. */
  signal: (channel: EngineChannel, payload: string) => void = () => {};

  readonly batcher: Batcher;

  constructor(
    readonly db: EngineDb,
    readonly clock: EngineClock,
    readonly log: Logger,
  ) {
    this.models = new ModelCache(db.pool);
    this.completions = new CompletionWaiters(db.pool);
    this.batcher = new Batcher(
      db,
      this.models,
      clock,
      (c) => this.optimistic(c.rootKey, (x, q) => c.fn(x, q, { jobs: new Map(), timers: null }), c.missing),
      (trees) => this.committed(trees),
    );
  }

  /** Loads and locks a root instance tree, runs `fn` on it, flushes. */
  async onTree<T>(tx: Tx, rootKey: string, fn: (x: Executor) => Promise<T>, missing: () => EngineError): Promise<T> {
    const tree = await loadTree(tx, rootKey);
    if (!tree) throw missing();
    return this.run(tx, tree, fn);
  }

  async run<T>(tx: Tx, tree: InstanceTree, fn: (x: Executor) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const x = new Executor({ tx, db: this.db, tree, models: this.models, now });
    const result = await fn(x);
    await x.drain();
    await planTimers(tree, { tx, db: this.db, models: this.models });
    await flushTree(tx, this.db, tree, now);
    this.written.get(tx)?.push(tree);
    return result;
  }

  /**
   * Optimistic command: load the tree without a lock, write everything in one statement that
   * checks the tree's revision (and the claimed job/timer). No BEGIN/COMMIT round trips. On a
   * conflict (another command was first) it retries, and after three tries takes the lock.
   */
  private async optimistic<T>(
    rootKey: string | null,
    fn: (x: Executor, q: Tx) => Promise<T>,
    missing: () => EngineError,
  ): Promise<T> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const client = await this.db.pool.connect();
      try {
        const tree = rootKey
          ? (await loadTrees(client, [rootKey])).get(rootKey)
          : new InstanceTree(await this.db.nextKey(client));
        if (!tree) throw missing();
        const result = await this.run(client, tree, (x) => fn(x, client));
        this.committed([tree]);
        return result;
      } catch (err) {
        if ((err as { code?: string }).code !== '22012' || !rootKey) throw err;
      } finally {
        client.release();
      }
    }
    return this.command((tx) => this.onTree(tx, rootKey!, (x) => fn(x, tx), missing));
  }

  /** One transaction; completion waiters are told only after it committed. */
  async command<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    let trees: InstanceTree[] = [];
    const result = await this.db.tx(async (tx) => {
      trees = [];
      this.written.set(tx, trees);
      return fn(tx);
    });
    this.committed(trees);
    return result;
  }

  private committed(trees: InstanceTree[]): void {
    for (const tree of trees) {
      this.announce(tree.jobTypes, tree.rootCompleted ? [tree.rootKey] : []);
      const opened = tree.newSubscriptions.filter((s) => tree.elements.get(s.elementInstanceKey)?.state === 'ACTIVE');
      if (opened.length) void offerBuffered(this, opened);
    }
  }

  /** Wakes workers polling for these job types and callers waiting for these roots to complete. */
  announce(jobTypes: Iterable<string>, completedRoots: Iterable<string>): void {
    for (const type of jobTypes) this.signal('engine_jobs', type);
    for (const rootKey of completedRoots) {
      this.completions.completed(rootKey);
      this.signal('engine_instances', rootKey);
    }
  }
}
