// request-judicial-confirmation: the parties asked the court to confirm their mediation agreement
// online (在线司法确认), which makes it enforceable. The court answers with 'judicial-confirmation'.
import { defineWorker } from './runtime.js';
import { step, unitId, STEP } from './_shared.js';

export const requestJudicialConfirmation = defineWorker({
  type: 'request-judicial-confirmation',
  needs: [...STEP, 'regions'],
  create: (deps) => async (job) => {
    const county = deps.regions.atTier(job.variables.regionCode, 'county')?.code ?? job.variables.handlingRegion;
    const court = unitId(county, 'court');
    await step(deps, job, {
      type: 'judicial-confirmation-requested',
      unit: court,
      data: { agreementSummary: job.variables.agreementSummary ?? null },
      notify: [
        {
          recipientKind: 'court',
          recipient: court,
          template: 'judicial-confirmation-request',
          payload: { agreementSummary: job.variables.agreementSummary ?? null },
        },
      ],
    });
    return {};
  },
});
