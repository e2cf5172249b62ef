// risk-supervision: supervision by risk grade (风险督办), the steps of the supervision track that runs
// beside the handling of a red or orange matter. Header `step`:
//   open    — the item: addressed to the county unit the risk table names (red: the party committee at
//             its standing committee; orange: the peace office weekly), due at that unit's next review
//             on the working calendar (domain/supervision.ts); on the timeline, and the unit is told;
//             answers `supervisionUnit`, `supervisionDue`, `supervisionCadence` for the model's task;
//   overdue — the review day passed with the item still open: the unit is pressed (催办);
//   done    — the supervising unit's instructions, on the timeline.
// Green matters get no item (the model does not open one): the town reviews them in its weekly work.
import { requireRiskLevel, supervisionItem } from '../domain/index.js';
import { BadJobData, defineWorker } from './runtime.js';
import { step, requireVar, STEP } from './_shared.js';

const STEPS = new Set(['open', 'overdue', 'done']);

export const riskSupervision = defineWorker({
  type: 'risk-supervision',
  needs: [...STEP, 'regions', 'calendar'],
  create: (deps) => async (job) => {
    const which = job.headers.step ?? 'open';
    if (!STEPS.has(which))
      throw new BadJobData(`header 'step' must be one of ${[...STEPS].join(', ')} (got '${which}')`);
    const v = job.variables;

    if (which === 'open') {
      const level = requireRiskLevel(v.risk);
      const regionCode = (v.handlingRegion as string | undefined) ?? requireVar<string>(job, 'regionCode');
      const item = supervisionItem({ level, regionCode, from: deps.clock() }, deps.regions, await deps.calendar());
      if (!item) throw new BadJobData(`a ${level} matter has no supervision item (the town reviews it weekly)`);
      const output = {
        supervisionUnit: item.unit,
        supervisionDue: item.due.toISOString(),
        supervisionCadence: item.cadence,
      };
      const out = await step(deps, job, {
        type: 'supervision-opened',
        tier: deps.regions.get(item.county).tier,
        unit: item.unit,
        data: {
          level,
          cadence: item.cadence,
          due: output.supervisionDue,
          reviewDay: item.reviewDay,
          basis: item.basis,
          ...(item.provisional ? { provisional: true } : {}),
        },
        output,
        notify: [
          {
            recipientKind: 'unit',
            recipient: item.unit,
            template: 'supervision-item',
            payload: { trackingCode: v.trackingCode, risk: level, due: output.supervisionDue },
          },
        ],
      });
      return { variables: out };
    }

    const unit = requireVar<string>(job, 'supervisionUnit', (x) => typeof x === 'string' && x.includes('/'));
    if (which === 'overdue') {
      await step(deps, job, {
        type: 'supervision-overdue',
        unit,
        data: { due: v.supervisionDue ?? null },
        notify: [
          {
            recipientKind: 'unit',
            recipient: unit,
            template: 'supervision-overdue',
            payload: { trackingCode: v.trackingCode, due: v.supervisionDue ?? null },
          },
        ],
      });
      return {};
    }
    await step(deps, job, {
      type: 'supervised',
      unit,
      data: { measure: v.supervisionMeasure ?? null, instructions: v.supervisionInstructions ?? null },
    });
    return {};
  },
});
