// assign-mediator: recommends the mediator for this tier (category, region, load) and assigns the
// matter, as Ningbo matches automatically. No one free → the tier's unit queue takes it (assignee null).
import { recommendMediators } from '../domain/index.js';
import { defineWorker } from './runtime.js';
import { step, requireVar, STEP } from './_shared.js';

export const assignMediator = defineWorker({
  type: 'assign-mediator',
  needs: [...STEP, 'regions', 'mediatorsWithLoad'],
  create: (deps) => async (job) => {
    const tier = requireVar<string>(job, 'tier');
    const region = requireVar<string>(job, 'handlingRegion');
    const category = (job.variables.category as string | null) ?? 'other';
    const [best] = recommendMediators(
      await deps.mediatorsWithLoad(),
      { category, tier: tier as any, regionCode: region },
      deps.regions,
      1,
    );
    // `userId` is the mediator's login (the task's assignee); a mediator without one is reached
    // through the unit queue, as is a matter no one is free for.
    const mediator = best
      ? { id: best.mediator.id, name: best.mediator.name, userId: best.mediator.userId ?? null }
      : { id: null, name: null, userId: null };
    const out = await step(deps, job, {
      type: 'mediator-assigned',
      data: { reasons: best?.reasons ?? ['no mediator free: unit queue'] },
      output: { mediator },
      patch: { mediatorId: mediator.id },
    });
    return { variables: out };
  },
});
