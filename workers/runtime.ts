// The workers' policy: what a handler's answer or error becomes, whatever engine the job came from.
// Outcomes follow DESIGN.md: a business outcome is a BPMN error, a technical failure is a job failure
// with retries and back-off, bad data is a failure with no retries (an incident an administrator sees,
// instead of a retry storm that cannot succeed). How jobs arrive and how outcomes reach the engine is
// a transport's business (transports/): this file never names an engine.
import type { Logger } from 'pino';
import type { JobOutcome } from '../engine-client/index.js';
import { DomainError } from '../domain/index.js';
import type { WorkerDeps } from './_deps.js';

export type { WorkerDeps } from './_deps.js';

export interface Job {
  key: string;
  type: string;
  variables: Record<string, any>;
  headers: Record<string, string>;
  processInstanceKey: string;
  elementInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  /** Retries left, counting this attempt: the policy derives the next count from it. */
  retries: number;
}

export type Outcome =
  | { variables?: Record<string, unknown> }
  | { bpmnError: string; message?: string; variables?: Record<string, unknown> };

export type Handler = (job: Job) => Promise<Outcome>;

export interface WorkerModule<K extends keyof WorkerDeps = keyof WorkerDeps> {
  type: string;
  /** The dependencies the handler uses; it is given these and nothing else. */
  needs: readonly K[];
  create: (deps: Pick<WorkerDeps, K>) => Handler;
}

/** Infers a module's dependency keys from `needs`, so `create` sees exactly those. */
export function defineWorker<K extends keyof WorkerDeps>(m: WorkerModule<K>): WorkerModule<K> {
  return m;
}

/** Only the dependencies named: a handler cannot reach what it did not declare. */
export function pick<K extends keyof WorkerDeps>(deps: WorkerDeps, keys: readonly K[]): Pick<WorkerDeps, K> {
  return Object.fromEntries(keys.map((k) => [k, deps[k]])) as Pick<WorkerDeps, K>;
}

/** Bad process data: retrying cannot help, so the job fails with no retries and an incident names it. */
export class BadJobData extends Error {
  override name = 'BadJobData';
}

const BACKOFF_MS = [1_000, 5_000, 30_000];

/** The policy: runs the handler and says what becomes of the job. Never throws. */
export async function settle(handle: Handler, job: Job, log: Logger): Promise<JobOutcome> {
  try {
    const out = await handle(job);
    if ('bpmnError' in out)
      return {
        kind: 'error',
        errorCode: out.bpmnError,
        message: out.message ?? out.bpmnError,
        variables: out.variables ?? {},
      };
    return { kind: 'complete', variables: out.variables ?? {} };
  } catch (err) {
    const bad = err instanceof BadJobData || err instanceof DomainError;
    const retries = bad ? 0 : Math.max(0, job.retries - 1);
    log.warn({ err, retries }, bad ? 'job has bad data: raising an incident' : 'job failed: will retry');
    return {
      kind: 'fail',
      message: `${(err as Error).message}`.slice(0, 2000),
      retries,
      retryBackoffMs: bad ? 0 : BACKOFF_MS[Math.min(BACKOFF_MS.length - 1, 3 - Math.min(3, retries))],
    };
  }
}

/**
 * How jobs arrive: delivers each job of `type` to `handle` and carries out the outcome it answers.
 * One implementation per engine API in transports/ (zeebe.ts: Zeebe job activation, on the port).
 */
export interface JobTransport {
  serve(
    type: string,
    opts: { timeoutMs: number; maxJobs: number },
    handle: (job: Job) => Promise<JobOutcome>,
  ): { close(): Promise<void> };
}

export interface RunningWorkers {
  types: string[];
  close(): Promise<void>;
}

export function startWorkers(
  transport: JobTransport,
  deps: WorkerDeps,
  modules: WorkerModule[],
  opts: { timeoutMs?: number; maxJobs?: number } = {},
): RunningWorkers {
  const served = modules.map((m) => {
    const handle = m.create(pick(deps, m.needs));
    return transport.serve(m.type, { timeoutMs: opts.timeoutMs ?? 60_000, maxJobs: opts.maxJobs ?? 8 }, (job) =>
      settle(
        handle,
        job,
        deps.log.child({ jobType: m.type, jobKey: job.key, trackingCode: job.variables.trackingCode }),
      ),
    );
  });
  return {
    types: modules.map((m) => m.type),
    async close() {
      await Promise.all(served.map((s) => s.close()));
    },
  };
}
