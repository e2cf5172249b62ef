// Job commands: activate, complete, fail, throw a BPMN error, update retries and time-out.
import type { Tx } from '../store/db.js';
import { invalid, notFound, precondition, parseVariables } from '../errors.js';
import type { Executor } from '../runtime/executor.js';
import * as jobs from '../store/jobs.js';
import * as inc from '../store/incidents.js';
import type { EngineCore } from './core.js';

export interface ActivatedJob extends jobs.JobRecord {
  variables: Record<string, unknown>;
}

export class JobCommands {
  /**
   * Jobs this process handed out, as activated: completing one then needs no look-up. The write
   * still claims the job only if it is there and completable, so a stale entry (the job failed or
   * was cancelled meanwhile) costs one retry that reads the job, never a wrong completion.
   */
  private readonly handedOut = new Map<string, jobs.JobRecord>();

  constructor(private readonly e: EngineCore) {}

  async activate(
    type: string,
    worker: string,
    max: number,
    timeoutMs: number,
    fetch: string[],
  ): Promise<ActivatedJob[]> {
    const list = await jobs.activateJobs(
      this.e.db.pool,
      type,
      worker,
      max,
      timeoutMs,
      this.e.clock.now(),
      fetch.length ? fetch : null,
    );
    if (this.handedOut.size > 100_000) this.handedOut.clear();
    for (const { variables: _v, ...job } of list) this.handedOut.set(job.key, job);
    return list;
  }

  /** Gives activated jobs back (their worker went away before receiving them). */
  async releaseActivated(keys: string[]): Promise<void> {
    for (const t of await jobs.releaseActivated(this.e.db.pool, keys)) this.e.signal('engine_jobs', t);
  }

  /** Runs `fn` on the job's instance tree with the job row locked; NOT_FOUND if it is gone. */
  private async onJob<T>(
    key: string,
    verb: string,
    fn: (x: Executor, job: jobs.JobRecord, tx: Tx) => Promise<T>,
  ): Promise<T> {
    const missing = () => notFound(`Expected to ${verb} job with key '${key}', but no such job was found`);
    const root = this.handedOut.get(key)?.rootKey ?? (await jobs.getJob(this.e.db.pool, key))?.rootKey;
    if (!root) throw missing();
    return this.e.command((tx) =>
      this.e.onTree(
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

  async complete(key: string, text: string): Promise<void> {
    const vars = parseVariables(text);
    const missing = () => notFound(`Expected to complete job with key '${key}', but no such job was found`);
    let handedOut = this.handedOut.get(key);
    this.handedOut.delete(key);
    const root = handedOut?.rootKey ?? (await jobs.getJob(this.e.db.pool, key))?.rootKey;
    if (!root) throw missing();
    await this.e.batcher.submit({
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

  async fail(key: string, retries: number, errorMessage: string, backoffMs: number, text: string): Promise<void> {
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
        { key: await this.e.db.nextKey(tx), errorMessage: errorMessage || 'No more retries left.', job: { ...job } },
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

  async updateRetries(key: string, retries: number): Promise<void> {
    if (!Number.isInteger(retries) || retries < 1)
      throw invalid(`Expected retries to be greater than zero, but got ${retries}`);
    const job = await jobs.getJob(this.e.db.pool, key);
    if (!job) throw notFound(`Expected to update retries for job with key '${key}', but no such job was found`);
    await jobs.updateRetries(this.e.db.pool, key, retries);
  }

  async updateTimeout(key: string, timeoutMs: number): Promise<void> {
    const n = await jobs.updateDeadline(this.e.db.pool, key, new Date(this.e.clock.nowMs() + timeoutMs));
    if (!n)
      throw notFound(`Expected to update the timeout of activated job with key '${key}', but no such job was found`);
  }
}
