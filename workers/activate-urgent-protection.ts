// activate-urgent-protection: when a person is in danger (domestic violence, violence, threats) the
// court (protection order), the women's federation and the police are told at once, alongside the
// main track (seed 002). One of them confirms the measures taken, answered as `protectionUnit` (the
// model's candidate group, region-qualified): the county's women's federation when it acts (domestic
// violence), else the first unit told (the police, for violence or threats).
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
    const output = { protectionUnit: units.find((u) => u.endsWith('/womens-federation')) ?? units[0] ?? null };
    const out = await step(deps, job, {
      type: 'urgent-protection-activated',
      data: { units },
      output,
      notify: units.map((u) => ({
        recipientKind: u.endsWith('/court') ? ('court' as const) : ('unit' as const),
        recipient: u,
        template: 'urgent-protection',
        payload: { trackingCode: job.variables.trackingCode },
      })),
    });
    return { variables: out };
  },
});
