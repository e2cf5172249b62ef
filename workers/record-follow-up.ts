// record-follow-up: satisfaction and "is it really resolved" from the visit; an unresolved dispute
// reopens one tier up (the model branches on followUpResolved).
import { BadJobData, defineWorker } from './runtime.js';
import { step, STEP } from './_shared.js';

const SATISFACTION = ['satisfied', 'basically-satisfied', 'unsatisfied', 'unknown'];

export const recordFollowUp = defineWorker({
  type: 'record-follow-up',
  needs: STEP,
  create: (deps) => async (job) => {
    const { satisfaction, reallyResolved } = job.variables;
    if (!SATISFACTION.includes(satisfaction))
      throw new BadJobData(`satisfaction must be one of ${SATISFACTION.join(', ')} (got '${satisfaction ?? ''}')`);
    if (reallyResolved !== 'yes' && reallyResolved !== 'no')
      throw new BadJobData(`reallyResolved must be 'yes' or 'no' (got '${reallyResolved ?? ''}')`);
    const output = { followUpResolved: reallyResolved === 'yes', satisfaction };
    const out = await step(deps, job, {
      type: 'follow-up-done',
      data: { satisfaction, resolved: output.followUpResolved, notes: job.variables.notes ?? null },
      output,
    });
    return { variables: out };
  },
});
