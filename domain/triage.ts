// Triage (分类分级): the one decision of where a matter starts and how risky it is. The process's
// first step (the triage-matter worker) records it; intake answers it to the clerk at once. Both call
// this function on the same data (the matter's process variables), so what the citizen is told and
// where the first task lands cannot disagree.
import { nonLitigationRoute } from './ladder.js';
import type { NonLitigationRoute } from './ladder.js';
import type { RegionTree } from './regions.js';
import { gradeRisk, validateRiskFacts } from './risk.js';
import type { RiskGrade } from './risk.js';
import { route, unitId, unitLabel } from './routing.js';
import type { Route } from './routing.js';
import { requireObject } from './guard.js';
import { requireMatterType } from './taxonomy.js';

export interface TriageInput {
  matterType: string;
  /** A major or minor category code; null or absent: none. */
  category?: string | null;
  /** Where the matter belongs (the intake region). */
  regionCode: string;
  /** The risk facts as received; absent: one party and nothing that raises the risk. */
  facts?: Record<string, unknown> | null;
}

export interface Triage {
  grade: RiskGrade;
  route: Route;
  /** The queue the first task lands in: '<region>/<committee or department>'. */
  unit: string;
  /** The unit in Chinese, as the citizen is told it ('东湖街道办事处'). */
  unitLabel: string;
  /** Disputes whose category has one: the non-litigation route, at the county above the handling region. */
  nonLitigation: (NonLitigationRoute & { unit: string }) | null;
}

/** Throws DomainError on a bad matter type, category, region or risk fact (the process raises an incident). */
export function triage(input: TriageInput, regions: RegionTree): Triage {
  const i = requireObject(input, 'triage input');
  const matterType = requireMatterType(i.matterType);
  const category = i.category === undefined || i.category === null ? undefined : (i.category as string);
  // A matter with no facts recorded (a consultation, a device's report) has one party and nothing that raises the risk.
  const grade = gradeRisk(validateRiskFacts({ parties: 1, ...((i.facts as object | null | undefined) ?? {}) }));
  const r = route({ matterType, category, regionCode: i.regionCode as string, risk: grade.level }, regions);
  const unit = unitId(r.regionCode, r.committee ?? r.department);
  const nl = matterType === 'dispute' && category ? nonLitigationRoute(category) : null;
  const county = regions.atTier(r.regionCode, 'county')?.code ?? r.regionCode;
  return {
    grade,
    route: r,
    unit,
    unitLabel: unitLabel(unit, regions),
    nonLitigation: nl ? { ...nl, unit: unitId(county, nl.department) } : null,
  };
}
