// The engine's commands: each runs in one transaction against the state in PostgreSQL and is
// committed before it is acknowledged. The gRPC gateway is a thin mapping onto these methods.
import type { Logger } from 'pino';
import { EngineDb, type Tx } from './store/db.js';
import { EngineClock } from './clock.js';
import { ModelCache, type Definition } from './model/cache.js';
import { EngineError, invalid, notFound, precondition, parseVariables } from './errors.js';
import { Executor } from './runtime/executor.js';
import { InstanceTree } from './runtime/tree.js';
import { loadTree, loadTrees, flushTree, rootOfProcessInstance, rootOfElementInstance } from './store/instances.js';
import * as defs from './store/definitions.js';
import * as jobs from './store/jobs.js';
import * as msgs from './store/messages.js';
import * as inc from './store/incidents.js';
import { fireOn, planTimers } from './runtime/timer-plans.js';
import { firePlanned } from './store/planned-timers.js';
import { Batcher } from './batcher.js';
import { CompletionWaiters } from './completions.js';
import { deployResources, type Resource, type DeploymentResult } from './deploy.js';

export type EngineChannel = 'engine_jobs' | 'engine_instances' | 'engine_deployments';
export type { Resource, DeployedProcess, DeployedForm, DeploymentResult } from './deploy.js';
export interface ActivatedJob extends jobs.JobRecord {
  variables: Record<string, unknown>;
}

export class Engine {
  readonly models: ModelCache;
  /** CreateProcessInstanceWithResult callers. */
  readonly completions: CompletionWaiters;
  /** Trees written in a transaction, signalled once it committed. */
  private readonly written = new WeakMap<Tx, InstanceTree[]>();
  /** Wakes waiters (long polls, create-with-result) here and in other engine processes. */
  signal: (channel: EngineChannel, payload: string) => void = () => {};
  /**
   * Jobs this process handed out, as activated: completing one then needs no look-up. The write
   * still claims the job only if it is there and completable, so a stale entry (the job failed or
   * was cancelled meanwhile) costs one retry that reads the job, never a wrong completion.
   */
  private readonly handedOut = new Map<string, jobs.JobRecord>();

  private readonly batcher: Batcher;

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
  private async onTree<T>(
    tx: Tx,
    rootKey: string,
    fn: (x: Executor) => Promise<T>,
    missing: () => EngineError,
  ): Promise<T> {
    const tree = await loadTree(tx, rootKey);
    if (!tree) throw missing();
    return this.run(tx, tree, fn);
  }

  private async run<T>(tx: Tx, tree: InstanceTree, fn: (x: Executor) => Promise<T>): Promise<T> {
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
  private async command<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
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
      if (opened.length) void this.offerBuffered(opened);
    }
  }

  /** Wakes workers polling for these job types and callers waiting for these roots to complete. */
  private announce(jobTypes: Iterable<string>, completedRoots: Iterable<string>): void {
    for (const type of jobTypes) this.signal('engine_jobs', type);
    for (const rootKey of completedRoots) {
      this.completions.completed(rootKey);
      this.signal('engine_instances', rootKey);
    }
  }

  /**
   * Group-committed commands run without a transaction lock, so a message published while their
   * subscription was being written may have missed it (and it them). Once the subscription is
   * committed, look again under the correlation lock, as a publish does.
   */
  private async offerBuffered(subs: InstanceTree['newSubscriptions']): Promise<void> {
    for (const s of subs) {
      await this.command(async (tx) => {
        await msgs.lockCorrelation(tx, s.messageName, s.correlationKey);
        if (!(await msgs.subscriptionExists(tx, s.key))) return;
        const msg = await msgs.findBufferedMessage(
          tx,
          s.messageName,
          s.correlationKey,
          s.processInstanceKey,
          this.clock.now(),
        );
        if (!msg) return;
        await this.onTree(
          tx,
          s.rootKey,
          async (x) => {
            const owner = x.tree.elements.get(s.elementInstanceKey);
            if (!owner || owner.state !== 'ACTIVE') return;
            const def = await x.def(owner);
            x.tree.messageCorrelations.push({ messageKey: msg.key, target: s.processInstanceKey });
            await x.triggers.trigger(owner, def.model.elements.get(s.elementId)!, msg.variables, s.key);
          },
          () => notFound('instance vanished'),
        );
      }).catch((err) => this.log.warn({ err, subscription: s.key }, 'could not offer a buffered message'));
    }
  }

  // ---- deployments --------------------------------------------------------------------------

  async deploy(resources: Resource[]): Promise<DeploymentResult> {
    const result = await deployResources(this.db, this.models, this.clock, resources);
    this.models.forgetLatest();
    if (result.processes.length || result.forms.length) this.signal('engine_deployments', result.key);
    return result;
  }

  // ---- process instances ----------------------------------------------------------------------

  async resolveDefinition(q: {
    bpmnProcessId?: string;
    processDefinitionKey?: string;
    version?: number;
  }): Promise<Definition> {
    let key: string | null = null;
    if (q.processDefinitionKey && q.processDefinitionKey !== '0') key = q.processDefinitionKey;
    else if (q.bpmnProcessId) {
      key =
        q.version === undefined || q.version < 0
          ? await this.models.latest('process', q.bpmnProcessId, this.db.pool)
          : ((await defs.definitionByVersion(this.db.pool, q.bpmnProcessId, q.version))?.key ?? null);
    } else throw invalid('Expected either a bpmnProcessId or a processDefinitionKey, but none given');
    const def = key ? await this.models.find(key) : null;
    if (!def) {
      const what =
        q.processDefinitionKey && q.processDefinitionKey !== '0'
          ? `key '${q.processDefinitionKey}'`
          : `process ID '${q.bpmnProcessId}'` +
            (q.version !== undefined && q.version >= 0 ? ` and version '${q.version}'` : '');
      throw notFound(`Expected to find process definition with ${what}, but none found`);
    }
    return def;
  }

  async createInstance(q: {
    bpmnProcessId?: string;
    processDefinitionKey?: string;
    version?: number;
    variables?: string;
  }): Promise<{ processInstanceKey: string; def: Definition }> {
    const variables = parseVariables(q.variables);
    const def = await this.resolveDefinition(q);
    const proc = def.model.elements.get(def.model.bpmnProcessId)!;
    if (!proc.noneStartId)
      throw invalid(
        `Expected to create an instance of process '${def.row.bpmnProcessId}' with a none start event, ` +
          'but it has none (it starts by message or timer)',
      );
    // A new instance is written by one statement: atomic without an explicit transaction.
    const processInstanceKey = await this.batcher.submit({
      rootKey: null,
      fn: async (x) => {
        await x.createProcessInstance(def, variables, { key: x.tree.rootKey });
        return x.tree.rootKey;
      },
      missing: () => notFound('unreachable'),
    });
    return { processInstanceKey, def };
  }

  async cancelInstance(key: string): Promise<void> {
    const root = await rootOfProcessInstance(this.db.pool, key);
    const missing = () =>
      notFound(`Expected to cancel a process instance with key '${key}', but no such process was found`);
    if (!root) throw missing();
    if (root !== key)
      throw precondition(
        `Expected to cancel a process instance with key '${key}', but it is created by a parent process instance. ` +
          `Cancel the root process instance '${root}' instead.`,
      );
    await this.command((tx) =>
      this.onTree(
        tx,
        root,
        async (x) => {
          const proc = x.tree.elements.get(key);
          if (!proc) throw missing();
          await x.terminate(proc);
        },
        missing,
      ),
    );
  }

  async setVariables(elementInstanceKey: string, text: string, local: boolean): Promise<string> {
    const vars = parseVariables(text);
    const missing = () =>
      notFound(
        `Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`,
      );
    const root = await rootOfElementInstance(this.db.pool, elementInstanceKey);
    if (!root) throw missing();
    return this.command((tx) =>
      this.onTree(
        tx,
        root,
        async (x) => {
          const inst = x.tree.elements.get(elementInstanceKey);
          if (!inst) throw missing();
          for (const [name, value] of Object.entries(vars)) {
            if (local) x.tree.setLocal(inst.key, name, value, inst.processInstanceKey);
            else x.tree.propagate(inst.key, name, value);
          }
          return this.db.nextKey(tx);
        },
        missing,
      ),
    );
  }

  // ---- jobs -----------------------------------------------------------------------------------

  async activateJobs(
    type: string,
    worker: string,
    max: number,
    timeoutMs: number,
    fetch: string[],
  ): Promise<ActivatedJob[]> {
    const list = await jobs.activateJobs(
      this.db.pool,
      type,
      worker,
      max,
      timeoutMs,
      this.clock.now(),
      fetch.length ? fetch : null,
    );
    if (this.handedOut.size > 100_000) this.handedOut.clear();
    for (const { variables: _v, ...job } of list) this.handedOut.set(job.key, job);
    return list;
  }

  /** Gives activated jobs back (their worker went away before receiving them). */
  async releaseActivated(keys: string[]): Promise<void> {
    for (const t of await jobs.releaseActivated(this.db.pool, keys)) this.signal('engine_jobs', t);
  }

  /** Runs `fn` on the job's instance tree with the job row locked; NOT_FOUND if it is gone. */
  private async onJob<T>(
    key: string,
    verb: string,
    fn: (x: Executor, job: jobs.JobRecord, tx: Tx) => Promise<T>,
  ): Promise<T> {
    const missing = () => notFound(`Expected to ${verb} job with key '${key}', but no such job was found`);
    const root = this.handedOut.get(key)?.rootKey ?? (await jobs.getJob(this.db.pool, key))?.rootKey;
    if (!root) throw missing();
    return this.command((tx) =>
      this.onTree(
        tx,
        root,
        async (x) => {
          const job = await jobs.getJob(tx, key, true);
          if (!job) throw missing();
          return fn(x, job, tx);
        },
        missing,
      ),
    );
  }

  async completeJob(key: string, text: string): Promise<void> {
    const vars = parseVariables(text);
    const missing = () => notFound(`Expected to complete job with key '${key}', but no such job was found`);
    let handedOut = this.handedOut.get(key);
    this.handedOut.delete(key);
    const root = handedOut?.rootKey ?? (await jobs.getJob(this.db.pool, key))?.rootKey;
    if (!root) throw missing();
    await this.batcher.submit({
      rootKey: root,
      jobKey: handedOut ? undefined : key,
      missing,
      fn: async (x, q, pre) => {
        // Only the first attempt trusts the activation; a retry (after a conflict) reads the job.
        const job = handedOut ?? pre.jobs.get(key) ?? (await jobs.getJob(q, key));
        handedOut = undefined;
        if (!job) throw missing();
        if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE')
          throw precondition(`Expected to complete job with key '${key}', but it is in state '${job.state}'`);
        const inst = x.tree.elements.get(job.elementInstanceKey);
        if (!inst) throw missing();
        x.tree.claims.push({ table: 'jobs', key });
        await x.complete(inst, vars);
      },
    });
  }

  async failJob(key: string, retries: number, errorMessage: string, backoffMs: number, text: string): Promise<void> {
    const vars = parseVariables(text);
    if (!Number.isInteger(retries)) throw invalid('Expected retries to be an integer');
    if (backoffMs < 0) throw invalid('Expected retryBackOff to be zero or positive');
    await this.onJob(key, 'fail', async (x, job, tx) => {
      if (job.state !== 'ACTIVATED')
        throw precondition(`Expected to fail job with key '${key}', but it is not activated (state '${job.state}')`);
      const inst = x.tree.elements.get(job.elementInstanceKey);
      if (inst) for (const [n, v] of Object.entries(vars)) x.tree.setLocal(inst.key, n, v, inst.processInstanceKey);
      const now = x.c.now;
      if (retries > 0) {
        await jobs.setJobState(
          tx,
          key,
          backoffMs > 0
            ? { state: 'BACKOFF', retries, retryAt: new Date(now.getTime() + backoffMs), errorMessage }
            : { state: 'ACTIVATABLE', retries, errorMessage },
        );
        if (!backoffMs) x.tree.jobTypes.add(job.type);
        return;
      }
      await jobs.setJobState(tx, key, { state: 'FAILED', retries: 0, errorMessage });
      await inc.insertJobIncident(
        tx,
        { key: await this.db.nextKey(tx), errorMessage: errorMessage || 'No more retries left.', job: { ...job } },
        'JOB_NO_RETRIES',
        now,
      );
    });
  }

  async throwError(key: string, errorCode: string, errorMessage: string, text: string): Promise<void> {
    const vars = parseVariables(text);
    if (!errorCode) throw invalid('Expected an errorCode, but none given');
    await this.onJob(key, 'throw an error for', async (x, job, tx) => {
      if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE')
        throw precondition(`Expected to throw an error for job with key '${key}', but it is in state '${job.state}'`);
      const inst = x.tree.elements.get(job.elementInstanceKey);
      if (!inst) throw notFound(`Expected to throw an error for job with key '${key}', but no such job was found`);
      const caught = await x.triggers.throwError(inst, errorCode, errorMessage, vars, key);
      if (!caught) await jobs.setJobState(tx, key, { state: 'ERROR_THROWN', errorMessage });
    });
  }

  async updateJobRetries(key: string, retries: number): Promise<void> {
    if (!Number.isInteger(retries) || retries < 1)
      throw invalid(`Expected retries to be greater than zero, but got ${retries}`);
    const job = await jobs.getJob(this.db.pool, key);
    if (!job) throw notFound(`Expected to update retries for job with key '${key}', but no such job was found`);
    await jobs.updateRetries(this.db.pool, key, retries);
  }

  async updateJobTimeout(key: string, timeoutMs: number): Promise<void> {
    const n = await jobs.updateDeadline(this.db.pool, key, new Date(this.clock.nowMs() + timeoutMs));
    if (!n)
      throw notFound(`Expected to update the timeout of activated job with key '${key}', but no such job was found`);
  }

  // ---- incidents ------------------------------------------------------------------------------

  async resolveIncident(key: string): Promise<void> {
    const missing = () => notFound(`Expected to resolve incident with key '${key}', but no such incident was found`);
    const first = await inc.getIncident(this.db.pool, key);
    if (!first || first.state !== 'ACTIVE') throw missing();
    await this.command((tx) =>
      this.onTree(
        tx,
        first.rootKey,
        async (x) => {
          const incident = await inc.getIncident(tx, key, true);
          if (!incident || incident.state !== 'ACTIVE') throw missing();
          const inst = x.tree.elements.get(incident.elementInstanceKey);
          await inc.resolveIncidentRow(tx, key, x.c.now);
          if (incident.jobKey) {
            const job = await jobs.getJob(tx, incident.jobKey, true);
            if (job && job.retries <= 0)
              throw precondition(
                `Expected to resolve incident with key '${key}', but job with key '${job.key}' has no retries left; ` +
                  "update the job's retries first",
              );
            if (job) {
              await jobs.setJobState(tx, job.key, { state: 'ACTIVATABLE' });
              x.tree.jobTypes.add(job.type);
            }
            if (inst?.data.incident?.key === key) {
              delete inst.data.incident;
              x.tree.touch(inst);
            }
            return;
          }
          if (!inst) return;
          await x.retry(inst, inst.data.incident?.phase ?? 'activate', incident.data.vars ?? {});
        },
        missing,
      ),
    );
  }

  // ---- messages -------------------------------------------------------------------------------

  async publishMessage(m: {
    name: string;
    correlationKey: string;
    timeToLiveMs: number;
    messageId: string;
    variables: string;
  }): Promise<string> {
    if (!m.name) throw invalid('Expected a message name, but none given');
    if (!Number.isFinite(m.timeToLiveMs) || m.timeToLiveMs < 0)
      throw invalid(`Expected timeToLive to be zero or positive, but got ${m.timeToLiveMs}`);
    const vars = parseVariables(m.variables);
    return this.command(async (tx) => {
      await msgs.lockCorrelation(tx, m.name, m.correlationKey);
      const now = this.clock.now();
      const key = await this.db.nextKey(tx);
      const buffered = m.timeToLiveMs > 0;
      if (buffered) {
        const ok = await msgs.insertMessage(
          tx,
          {
            key,
            name: m.name,
            correlationKey: m.correlationKey,
            messageId: m.messageId,
            variables: JSON.stringify(vars),
            deadline: new Date(now.getTime() + m.timeToLiveMs),
          },
          now,
        );
        if (!ok)
          throw new EngineError(
            'ALREADY_EXISTS',
            `Expected to publish a new message with id '${m.messageId}', ` +
              'but a message with that id was already published',
          );
      }
      for (const sub of await msgs.subscriptionsFor(tx, m.name, m.correlationKey)) {
        await this.onTree(
          tx,
          sub.rootKey,
          async (x) => {
            const owner = x.tree.elements.get(sub.elementInstanceKey);
            if (!owner) return;
            const def = await x.def(owner);
            if (buffered) x.tree.messageCorrelations.push({ messageKey: key, target: sub.processInstanceKey });
            await x.triggers.trigger(owner, def.model.elements.get(sub.elementId)!, vars, sub.key);
          },
          () => notFound('instance vanished'),
        );
      }
      for (const start of await msgs.messageStartsFor(tx, m.name)) {
        if (m.correlationKey && (await msgs.hasActiveInstanceFor(tx, start.bpmnProcessId, m.correlationKey))) continue;
        const def = await this.models.get(start.processDefinitionKey);
        const tree = new InstanceTree(await this.db.nextKey(tx));
        await this.run(tx, tree, (x) =>
          x.createProcessInstance(
            def,
            {},
            {
              key: tree.rootKey,
              startId: start.elementId,
              startVars: vars,
              startCorrelationKey: m.correlationKey || undefined,
            },
          ),
        );
        if (buffered) await msgs.recordCorrelation(tx, key, `process:${start.bpmnProcessId}`);
      }
      return key;
    });
  }

  // ---- timers ---------------------------------------------------------------------------------

  /** Fires timers due at the engine clock's now; returns how many fired. */
  async fireDueTimers(limit = 500): Promise<number> {
    const due = await inc.dueTimers(this.db.pool, this.clock.now(), limit);
    // All at once: instance timers go through the group commit, so many fire per statement.
    const fired = await Promise.all(
      due.map((t) =>
        this.fireTimer(t).catch((err) => {
          this.log.error({ err, timerKey: t.key }, 'timer failed to fire');
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
  async firePlannedTimers(limit: number): Promise<number> {
    const { claimed, completed, jobTypes } = await firePlanned(this.db.pool, this.clock.now(), limit);
    this.announce(jobTypes, completed);
    return claimed;
  }

  private async fireTimer(t: inc.TimerRecord): Promise<boolean> {
    if (t.rootKey) return this.fireInstanceTimer(t, t.rootKey);
    // A timer start event: the claim makes sure one firing creates one instance.
    const def = await this.models.get(t.processDefinitionKey);
    return this.command(async (tx) => {
      if (!(await inc.lockTimer(tx, t.key))) return false;
      const tree = new InstanceTree(await this.db.nextKey(tx));
      await this.run(tx, tree, async (x) => {
        x.tree.removedTriggers.add(t.key);
        await x.triggers.rescheduleCycle(null, def.model.elements.get(t.elementId)!, t);
        await x.createProcessInstance(def, {}, { key: tree.rootKey, startId: t.elementId });
      });
      return true;
    });
  }

  /** Claims the timer in the write: if another scheduler fired it first, this one backs off. */
  private fireInstanceTimer(t: inc.TimerRecord, rootKey: string): Promise<boolean> {
    return this.batcher
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
}
