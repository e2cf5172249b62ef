// What every handler needs: the matter a job is about, its dedup key, and "record a step and answer
// from what was recorded", which is what makes a redelivered job harmless.
import type { MatterPatch } from '../store/matters.js';
import type { Notification } from '../store/outbox.js';
import { BadJobData, type Job, type WorkerDeps } from './runtime.js';

/** What step() uses; a handler that records steps lists these in its `needs` (`[...STEP, ...]`). */
export const STEP = ['recordStep', 'clock'] as const;
export type StepDeps = Pick<WorkerDeps, (typeof STEP)[number]>;

export interface MatterRef {
  matterId: string;
  trackingCode: string;
}

export function matterOf(job: Job): MatterRef {
  const { matterId, trackingCode } = job.variables;
  if ((typeof matterId !== 'string' && typeof matterId !== 'number') || String(matterId) === '')
    throw new BadJobData(`job '${job.type}' needs the variable 'matterId'`);
  if (typeof trackingCode !== 'string' || !trackingCode)
    throw new BadJobData(`job '${job.type}' needs the variable 'trackingCode'`);
  return { matterId: String(matterId), trackingCode };
}

/** Stable across redeliveries of the same job; new for a new pass through the element (a loop). */
export function dedupKey(job: Job, suffix = ''): string {
  return `${job.elementInstanceKey}:${job.type}${suffix}`;
}

export function requireVar<T = unknown>(
  job: Job,
  name: string,
  check: (v: unknown) => boolean = (v) => v !== undefined && v !== null,
): T {
  const v = job.variables[name];
  if (!check(v))
    throw new BadJobData(`job '${job.type}' needs the variable '${name}' (got ${JSON.stringify(v) ?? 'nothing'})`);
  return v as T;
}

export interface StepSpec<O extends Record<string, unknown>> {
  type: string;
  tier?: string | null;
  unit?: string | null;
  data?: Record<string, unknown>;
  /** Process variables this step answers with; stored in the event so a redelivery answers the same. */
  output?: O;
  patch?: MatterPatch;
  notify?: Omit<Notification, 'matterId' | 'at' | 'dedupKey'>[];
}

/**
 * Records the step (event + matter change + notifications in one transaction) once; returns the output
 * decided the first time.
 */
export async function step<O extends Record<string, unknown>>(
  deps: StepDeps,
  job: Job,
  spec: StepSpec<O>,
  suffix = '',
): Promise<O> {
  const { matterId } = matterOf(job);
  const { event } = await deps.recordStep(
    matterId,
    {
      type: spec.type,
      at: deps.clock(),
      tier: spec.tier ?? (job.variables.tier as string | undefined) ?? null,
      unit: spec.unit ?? (job.variables.handlingUnit as string | undefined) ?? null,
      data: { ...spec.data, ...(spec.output ? { output: spec.output } : {}) },
      dedupKey: dedupKey(job, suffix),
    },
    spec.patch,
    spec.notify,
  );
  return ((event.data.output as O | undefined) ?? spec.output ?? {}) as O;
}

/** The queue a tier's work lands in: '<region code>/<department or committee>' (domain's, for triage too). */
export { unitId } from '../domain/index.js';
