// activate-urgent-protection: when a person is in danger (domestic violence, violence, threats) the
// court (protection order), the women's federation and the police are told at once, alongside the
// main track (seed 002).
import { urgentProtectionUnits } from '../domain/index.js';
import { defineWorker } from './runtime.js';
import { step, requireVar, unitId, STEP } from './_shared.js';

export const activateUrgentProtection = defineWorker({
  type: 'activate-urgent-protection',
  needs: [...STEP, 'regions'],
  create: (deps) => async (job) => {
    const region =
      deps.regions.atTier(requireVar<string>(job, 'regionCode'), 'county')?.code ?? job.variables.handlingRegion;
    const units = urgentProtectionUnits(job.variables.facts ?? {}).map((d) => unitId(region, d));
    await step(deps, job, {
      type: 'urgent-protection-activated',
      data: { units },
      notify: units.map((u) => ({
        recipientKind: u.endsWith('/court') ? ('court' as const) : ('unit' as const),
        recipient: u,
        template: 'urgent-protection',
        payload: { trackingCode: job.variables.trackingCode },
      })),
    });
    return {};
  },
});
