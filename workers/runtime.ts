// Binds the job handlers to an engine client (the embedded engine or a Camunda 8 cluster, through the
// same gateway protocol). Outcomes follow DESIGN.md: a business outcome is a BPMN error, a technical
// failure is a job failure with retries and back-off, bad data is a failure with no retries (an
// incident an administrator sees, instead of a retry storm that cannot succeed).
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ZeebeClient } from '../platform/zeebe.js';
import { DomainError, type RegionTree, type WorkingCalendar } from '../domain/index.js';

export interface WorkerDeps {
  db: Knex;
  /** The time every decision is made at. In tests, the engine's (controllable) clock. */
  clock: () => Date;
  regions: RegionTree;
  calendar: WorkingCalendar;
  log: Logger;
}

export interface Job {
  key: string;
  type: string;
  variables: Record<string, any>;
  headers: Record<string, string>;
  processInstanceKey: string;
  elementInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
}

export type Outcome =
  | { variables?: Record<string, unknown> }
  | { bpmnError: string; message?: string; variables?: Record<string, unknown> };

export type Handler = (job: Job) => Promise<Outcome>;
export interface WorkerModule {
  type: string;
  create: (deps: WorkerDeps) => Handler;
}

/** Bad process data: retrying cannot help, so the job fails with no retries and an incident names it. */
export class BadJobData extends Error {
  override name = 'BadJobData';
}

const BACKOFF_MS = [1_000, 5_000, 30_000];

export interface RunningWorkers {
  types: string[];
  close(): Promise<void>;
}

export function startWorkers(
  zeebe: ZeebeClient,
  deps: WorkerDeps,
  modules: WorkerModule[],
  opts: { timeoutMs?: number; maxJobs?: number } = {},
): RunningWorkers {
  const workers = modules.map((m) => {
    const handle = m.create(deps);
    return zeebe.createWorker({
      taskType: m.type,
      timeout: opts.timeoutMs ?? 60_000,
      maxJobsToActivate: opts.maxJobs ?? 8,
      // The SDK's own per-job log lines would carry no tracking code; ours do.
      loglevel: 'NONE',
      taskHandler: async (job) => {
        const variables = job.variables as Record<string, any>;
        const log = deps.log.child({ jobType: m.type, jobKey: job.key, trackingCode: variables.trackingCode });
        const j: Job = {
          key: job.key,
          type: job.type,
          variables,
          headers: job.customHeaders as Record<string, string>,
          processInstanceKey: job.processInstanceKey,
          elementInstanceKey: job.elementInstanceKey,
          bpmnProcessId: job.bpmnProcessId,
          elementId: job.elementId,
          retries: job.retries,
        };
        try {
          const out = await handle(j);
          if ('bpmnError' in out)
            return job.error({
              errorCode: out.bpmnError,
              errorMessage: out.message ?? out.bpmnError,
              variables: (out.variables ?? {}) as any,
            });
          return job.complete((out.variables ?? {}) as any);
        } catch (err) {
          const bad = err instanceof BadJobData || err instanceof DomainError;
          const retries = bad ? 0 : Math.max(0, job.retries - 1);
          log.warn({ err, retries }, bad ? 'job has bad data: raising an incident' : 'job failed: will retry');
          return job.fail({
            errorMessage: `${(err as Error).message}`.slice(0, 2000),
            retries,
            retryBackOff: bad ? 0 : BACKOFF_MS[Math.min(BACKOFF_MS.length - 1, 3 - Math.min(3, retries))],
          });
        }
      },
    });
  });
  return {
    types: modules.map((m) => m.type),
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
