// handoff-litigation: litigation last. The court gets the file for pre-filing mediation (诉前调解)
// and, failing that, filing; an unfulfilled agreement goes to enforcement instead. The court's result
// comes back as the message 'court-outcome'.
import { defineWorker } from './runtime.js';
import { step, unitId, STEP } from './_shared.js';

export const handoffLitigation = defineWorker({
  type: 'handoff-litigation',
  needs: [...STEP, 'regions'],
  create: (deps) => async (job) => {
    const v = job.variables;
    const kind = v.mediationOutcome === 'agreement' && v.fulfilment === 'unfulfilled' ? 'enforcement' : 'litigation';
    const county = deps.regions.atTier(v.regionCode, 'county')?.code ?? v.handlingRegion;
    const court = unitId(county, 'court');
    await step(deps, job, {
      type: 'litigation-handoff',
      unit: court,
      data: { kind, preFilingMediation: kind === 'litigation', judiciallyConfirmed: v.confirmed === true },
      patch: { handlingUnit: court },
      notify: [
        {
          recipientKind: 'court',
          recipient: court,
          template: kind,
          payload: { agreementSummary: v.agreementSummary ?? null },
        },
        { recipientKind: 'citizen', recipient: 'parties', template: 'litigation-guidance', payload: { kind } },
      ],
    });
    return {};
  },
});
