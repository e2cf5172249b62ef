// triage-matter: routing and risk grading at intake. Decides where the matter starts (tier, region,
// unit), how risky it is (and who supervises that), whether a person needs urgent protection, and
// which non-litigation route fits if mediation fails. The decision is domain's triage(), the same
// function intake answers the clerk with, on the same variables.
import { triage, requireMatterType, isCategory, countyOf, supervisionUnit } from '../domain/index.js';
import { BadJobData, defineWorker } from './runtime.js';
import { step, STEP } from './_shared.js';

export const triageMatter = defineWorker({
  type: 'triage-matter',
  needs: [...STEP, 'regions'],
  create: (deps) => async (job) => {
    const v = job.variables;
    const matterType = requireMatterType(v.matterType);
    const category = v.category ?? null;
    if (category !== null && !isCategory(category)) throw new BadJobData(`unknown category '${category}'`);
    const {
      grade,
      route: r,
      unit: handlingUnit,
      nonLitigation: nl,
    } = triage({ matterType, category, regionCode: v.regionCode, facts: v.facts }, deps.regions);
    const output = {
      risk: grade.level,
      riskReasons: grade.reasons,
      supervisor: grade.supervisor,
      urgent: grade.urgentProtection,
      tier: r.startTier,
      handlingRegion: r.regionCode,
      handlingUnit,
      department: r.department,
      mediationKind: r.mediationKind ?? null,
      online: r.online,
      nonLitigationRoute: nl?.route ?? null,
      nonLitigationUnit: nl?.unit ?? null,
      // The county the matter belongs to, and whom its risk grade presses there (null for green):
      // the models address the supervision item and the county leader's task with them.
      countyCode: countyOf(r.regionCode, deps.regions),
      supervisionUnit: supervisionUnit(grade.level, r.regionCode, deps.regions),
    };
    const out = await step(deps, job, {
      type: 'triaged',
      tier: r.startTier,
      unit: handlingUnit,
      data: { route: r.reasons, ruleId: r.ruleId },
      output,
      patch: {
        status: 'in-progress',
        riskLevel: grade.level,
        tier: r.startTier,
        handlingRegion: r.regionCode,
        handlingUnit,
      },
      notify: [
        {
          recipientKind: 'unit',
          recipient: handlingUnit,
          template: 'matter-assigned',
          payload: { risk: grade.level, matterType },
        },
      ],
    });
    return { variables: out };
  },
});
