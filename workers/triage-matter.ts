// triage-matter: routing and risk grading at intake. Decides where the matter starts (tier, region,
// unit), how risky it is (and who supervises that), whether a person needs urgent protection, and
// which non-litigation route fits if mediation fails.
import {
  gradeRisk,
  validateRiskFacts,
  route,
  nonLitigationRoute,
  requireMatterType,
  isCategory,
} from '../domain/index.js';
import { BadJobData, defineWorker } from './runtime.js';
import { step, unitId, STEP } from './_shared.js';

export const triageMatter = defineWorker({
  type: 'triage-matter',
  needs: [...STEP, 'regions'],
  create: (deps) => async (job) => {
    const v = job.variables;
    const matterType = requireMatterType(v.matterType);
    const category = v.category ?? null;
    if (category !== null && !isCategory(category)) throw new BadJobData(`unknown category '${category}'`);
    // A matter with no facts recorded (a consultation) has one party and nothing that raises the risk.
    const grade = gradeRisk(validateRiskFacts({ parties: 1, ...(v.facts ?? {}) }));
    const r = route(
      { matterType, category: category ?? undefined, regionCode: v.regionCode, risk: grade.level },
      deps.regions,
    );
    const handlingUnit = unitId(r.regionCode, r.committee ?? r.department);
    const nl = matterType === 'dispute' && category ? nonLitigationRoute(category) : null;
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
      nonLitigationUnit: nl
        ? unitId(deps.regions.atTier(r.regionCode, 'county')?.code ?? r.regionCode, nl.department)
        : null,
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
