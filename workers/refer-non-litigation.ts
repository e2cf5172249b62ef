// refer-non-litigation: after the county, the route that fits the category (labour → labour
// arbitration, administrative → reconsideration, commercial → commercial mediation). Its result
// comes back as the message 'non-litigation-outcome'.
import { defineWorker } from './runtime.js';
import { step, requireVar, STEP } from './_shared.js';

export const referNonLitigation = defineWorker({
  type: 'refer-non-litigation',
  needs: STEP,
  create: (deps) => async (job) => {
    const route = requireVar<string>(job, 'nonLitigationRoute');
    const unit = (job.variables.nonLitigationUnit as string | null) ?? route;
    await step(deps, job, {
      type: 'referred',
      unit,
      data: { route },
      patch: { handlingUnit: unit },
      notify: [
        { recipientKind: 'unit', recipient: unit, template: 'referral', payload: { route } },
        { recipientKind: 'citizen', recipient: 'parties', template: 'referred', payload: { route } },
      ],
    });
    return {};
  },
});
