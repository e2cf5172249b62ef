// escalate-matter: a tier could not settle the matter (failed or overdue), so it goes one tier up
// with a task assignment sheet to the receiving unit; past the county (the terminal station) the
// ladder is exhausted. With header mode=reopen, a follow-up found the matter unresolved: it reopens
// one tier above where it was closed (the county reopens at the county).
import { nextTier, type Tier } from '../domain/index.js';
import { defineWorker } from './runtime.js';
import { step, requireVar, unitId, STEP } from './_shared.js';

/** Variables a reopened matter must not carry over from its previous pass. */
const RESET = {
  mediationOutcome: null,
  agreementSummary: null,
  judicialConfirmation: null,
  confirmed: null,
  fulfilment: null,
  routeResolved: null,
  courtOutcome: null,
  closureReason: null,
  followUpResolved: null,
  satisfaction: null,
  urgent: false,
  petitionOutcome: null,
};

export const escalateMatter = defineWorker({
  type: 'escalate-matter',
  needs: [...STEP, 'regions'],
  create: (deps) => async (job) => {
    const reopen = job.headers.mode === 'reopen';
    const tier = requireVar<Tier>(job, 'tier');
    const intake = requireVar<string>(job, 'regionCode');
    const next = nextTier(tier);
    const to: Tier | null = next ?? (reopen ? tier : null);
    if (!to) {
      const out = await step(deps, job, { type: 'ladder-exhausted', output: { ladderExhausted: true } });
      return { variables: out };
    }
    const region = deps.regions.atTier(intake, to) ?? deps.regions.get(job.variables.handlingRegion);
    const handlingUnit = unitId(
      region.code,
      to === 'county' || to === 'city' ? 'centre' : 'people-mediation-committee',
    );
    const output = {
      ...(reopen ? RESET : {}),
      tier: to,
      handlingRegion: region.code,
      handlingUnit,
      ladderExhausted: false,
    };
    const out = await step(deps, job, {
      type: reopen ? 'reopened' : 'escalated',
      tier: to,
      unit: handlingUnit,
      data: { from: tier, to, reason: reopen ? 'follow-up-unresolved' : job.variables.mediationOutcome },
      output,
      patch: {
        tier: to,
        handlingRegion: region.code,
        handlingUnit,
        ...(reopen ? { status: 'reopened' as const, closureReason: null, closedAt: null } : {}),
      },
      notify: [
        {
          recipientKind: 'unit',
          recipient: handlingUnit,
          template: 'assignment-sheet',
          payload: { from: tier, to, reopened: reopen },
        },
      ],
    });
    return { variables: out };
  },
});
