// schedule-follow-up: when the follow-up visit (回访) falls due after closing; the model waits on =followUpAt.
import { computeDeadline } from '../domain/index.js';
import { defineWorker } from './runtime.js';
import { step, STEP } from './_shared.js';

export const scheduleFollowUp = defineWorker({
  type: 'schedule-follow-up',
  needs: [...STEP, 'calendar'],
  create: (deps) => async (job) => {
    const d = computeDeadline('follow-up', { from: deps.clock() }, await deps.calendar());
    const out = await step(deps, job, {
      type: 'follow-up-scheduled',
      data: { basis: d.basis },
      output: { followUpAt: d.due.toISOString() },
    });
    return { variables: out };
  },
});
