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

/** Who handled the matter before it was reopened: their unit, and the mediator's login if any. */
function reopenNotices(
  previous: { unit: string | null; mediator: { userId?: string | null } | null },
  payload: Record<string, unknown>,
) {
  const out: {
    recipientKind: 'unit' | 'staff';
    recipient: string;
    template: string;
    payload: Record<string, unknown>;
  }[] = [];
  if (previous.unit)
    out.push({ recipientKind: 'unit', recipient: previous.unit, template: 'matter-reopened', payload });
  if (previous.mediator?.userId)
    out.push({ recipientKind: 'staff', recipient: previous.mediator.userId, template: 'matter-reopened', payload });
  return out;
}

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
    // Reopening: the unit (and mediator) that closed the matter are told, and the event keeps how the
    // first round ended, so the history reads "closed as …, reopened" after the matter's fields reset.
    const previous = {
      unit: (job.variables.handlingUnit as string | undefined) ?? null,
      mediator: (job.variables.mediator as { id?: string; userId?: string | null } | null | undefined) ?? null,
    };
    const told = reopen ? reopenNotices(previous, { from: tier, to, trackingCode: job.variables.trackingCode }) : [];
    const out = await step(deps, job, {
      type: reopen ? 'reopened' : 'escalated',
      tier: to,
      unit: handlingUnit,
      data: {
        from: tier,
        to,
        reason: reopen ? 'follow-up-unresolved' : job.variables.mediationOutcome,
        ...(reopen
          ? {
              previousClosure: { reason: job.variables.closureReason ?? null, unit: previous.unit },
              previousMediator: previous.mediator?.id ?? null,
            }
          : {}),
      },
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
        ...told,
      ],
    });
    return { variables: out };
  },
});
