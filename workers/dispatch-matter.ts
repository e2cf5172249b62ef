// dispatch-matter: a complaint goes to the department responsible for it (派单).
import { defineWorker } from './runtime.js';
import { step, requireVar, STEP } from './_shared.js';

export const dispatchMatter = defineWorker({
  type: 'dispatch-matter',
  needs: STEP,
  create: (deps) => async (job) => {
    const unit = requireVar<string>(job, 'handlingUnit');
    await step(deps, job, {
      type: 'dispatched',
      unit,
      data: { matterType: job.variables.matterType },
      notify: [{ recipientKind: 'unit', recipient: unit, template: 'dispatch', payload: {} }],
    });
    return {};
  },
});
