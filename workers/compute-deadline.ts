// compute-deadline: the due date of a stage on the working-day calendar, with the reminder (50%) and
// warning (80%) times the model's timers read (=deadline, =remindAt, =warnAt). Diagrams never hold
// periods: they change per region, category and law, and live in domain/data/deadline-table.ts.
import { computeDeadline, requireStage } from '../domain/index.js';
import { defineWorker } from './runtime.js';
import { step, STEP } from './_shared.js';

/** Stages whose due date is the matter's next deadline (shown on the public tracking page). */
const MATTER_STAGES = new Set([
  'mediation',
  'joint-mediation',
  'consultation',
  'counselling',
  'complaint',
  'petition-acceptance',
  'petition-handling',
  'fulfilment-check',
  'follow-up-visit',
]);

export const computeDeadlineWorker = defineWorker({
  type: 'compute-deadline',
  needs: [...STEP, 'calendar'],
  create: (deps) => async (job) => {
    const stage = requireStage(job.headers.stage ?? job.variables.stage);
    const extended = job.variables.extended === true;
    const from = extended && job.variables.deadlineFrom ? new Date(job.variables.deadlineFrom) : deps.clock();
    const d = computeDeadline(
      stage,
      { from, tier: job.variables.tier ?? undefined, category: job.variables.category ?? undefined, extended },
      await deps.calendar(),
    );
    const output: Record<string, unknown> = {
      deadline: d.due.toISOString(),
      remindAt: d.remindAt.toISOString(),
      warnAt: d.warnAt.toISOString(),
      deadlineBasis: d.basis,
      deadlineFrom: from.toISOString(),
      // Counted (partly) on the provisional rule: the year's holiday notice is not imported yet.
      deadlineProvisional: d.provisional,
    };
    if (extended) output.petitionExtended = true;
    const out = await step(deps, job, {
      type: extended ? 'deadline-extended' : 'deadline-set',
      data: { stage, basis: d.basis, source: d.source, ...(d.provisional ? { provisional: true } : {}) },
      output,
      patch: MATTER_STAGES.has(stage) ? { nextDeadline: d.due } : {},
    });
    return { variables: out };
  },
});
