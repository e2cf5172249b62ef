// close-matter: closes the matter with its explicit reason (never an undifferentiated "closed") and
// feeds the result back to the citizen (反馈), which closes the loop before the follow-up visit.
import { BadJobData, defineWorker } from './runtime.js';
import { step, STEP } from './_shared.js';
import { CLOSURE_REASONS, type ClosureReason } from '../domain/index.js';

const REASONS: readonly ClosureReason[] = CLOSURE_REASONS;

export const closeMatter = defineWorker({
  type: 'close-matter',
  needs: STEP,
  create: (deps) => async (job) => {
    const reason = job.variables.closureReason as ClosureReason;
    if (!REASONS.includes(reason))
      throw new BadJobData(`closureReason must be one of ${REASONS.join(', ')} (got '${reason ?? ''}')`);
    const at = deps.clock();
    await step(deps, job, {
      type: 'closed',
      data: { reason, tier: job.variables.tier ?? null },
      patch: { status: 'closed', closureReason: reason, closedAt: at, nextDeadline: null },
      notify: [{ recipientKind: 'citizen', recipient: 'parties', template: 'matter-closed', payload: { reason } }],
    });
    return {};
  },
});
