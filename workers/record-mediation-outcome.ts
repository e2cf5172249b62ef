// record-mediation-outcome: the result of one tier's mediation (or joint session) in the event log,
// which the statistics read (resolution rate, share resolved at town level or below).
import { BadJobData, defineWorker } from './runtime.js';
import { step, STEP } from './_shared.js';

const EVENTS: Record<string, string> = {
  agreement: 'mediation-agreed',
  failed: 'mediation-failed',
  'deadline-missed': 'mediation-overdue',
};

export const recordMediationOutcome = defineWorker({
  type: 'record-mediation-outcome',
  needs: STEP,
  create: (deps) => async (job) => {
    const outcome = job.variables.mediationOutcome as string;
    const type = EVENTS[outcome];
    if (!type)
      throw new BadJobData(
        `mediationOutcome must be one of ${Object.keys(EVENTS).join(', ')} (got '${outcome ?? ''}')`,
      );
    await step(deps, job, {
      type,
      data: { agreementSummary: job.variables.agreementSummary ?? null, mediator: job.variables.mediator?.id ?? null },
    });
    return {};
  },
});
