// The ladder of "mediation first, litigation last" (调解优先、诉讼断后): village → town → county
// joint mediation → the non-litigation route that fits the category → the court's pre-filing
// mediation → litigation. Data in data/ladder-table.ts.
import { JOINT_MEDIATION, NEXT_TIER, NON_LITIGATION_ROUTES, URGENT_PROTECTION_UNITS } from './data/ladder-table.js';
import type { NonLitigationRouteKind } from './data/ladder-table.js';
import type { DepartmentCode } from './departments.js';
import { isDepartment } from './departments.js';
import { requireStage } from './deadlines.js';
import type { Stage } from './deadlines.js';
import { DomainError } from './errors.js';
import { requireObject, show } from './guard.js';
import { requireTier } from './regions.js';
import type { Tier } from './regions.js';
import { validateRiskFacts } from './risk.js';
import type { RiskFacts } from './risk.js';
import { matchRoutingRule } from './routing.js';
import { categoryInfo } from './taxonomy.js';

export { JOINT_MEDIATION, NEXT_TIER, NON_LITIGATION_ROUTES, URGENT_PROTECTION_UNITS } from './data/ladder-table.js';
export type { JointMediationRule, NonLitigationRouteKind, NonLitigationRule } from './data/ladder-table.js';

/** The tier a matter escalates to: grid → village → town → county; null at the county and above. */
export function nextTier(tier: Tier): Tier | null {
  return NEXT_TIER[requireTier(tier)];
}

export const tierAbove = nextTier;

export interface NonLitigationRoute {
  route: NonLitigationRouteKind;
  department: DepartmentCode;
  stage: Stage;
}

/** The non-litigation route for a (major or minor) category, or null when it goes to the court. */
export function nonLitigationRoute(category: string): NonLitigationRoute | null {
  const major = categoryInfo(category).major;
  const row = NON_LITIGATION_ROUTES.find((r) => r.category === major);
  return row ? { route: row.route, department: row.department, stage: row.stage } : null;
}

export interface JointMediationFacts extends Partial<RiskFacts> {
  /** The department already handling the matter; summoned with the default row. */
  department?: DepartmentCode;
}

/** The departments the county centre summons for joint mediation, lead first, without repeats. */
export function jointMediationDepartments(category: string, facts: JointMediationFacts = {}): DepartmentCode[] {
  const info = categoryInfo(category);
  const { department, ...riskFacts } = requireObject(
    facts,
    'joint mediation facts',
    'INVALID_FACTS',
  ) as JointMediationFacts;
  if (department !== undefined && !isDepartment(department))
    throw new DomainError('UNKNOWN_DEPARTMENT', `unknown department ${show(department)}`);
  const f = validateRiskFacts(riskFacts, true);
  const row = JOINT_MEDIATION.find(
    (r) =>
      (r.category === info.code || r.category === info.major || r.category === '*') &&
      (!r.whenDomesticViolence || f.domesticViolence === true),
  );
  if (!row) throw new DomainError('NO_RULE', `no joint mediation row for '${category}' (the table needs a '*' row)`);
  const out = [...row.departments];
  if (row.withRoutingDepartment) {
    out.push(
      department ??
        matchRoutingRule({ matterType: 'dispute', category: info.major, risk: 'green', regionClass: 1 }).department,
    );
  }
  return [...new Set(out)];
}

/** Who must act at once to protect a person (empty when nobody is in danger). */
export function urgentProtectionUnits(facts: Partial<RiskFacts>): DepartmentCode[] {
  const f = validateRiskFacts(facts, true);
  if (f.domesticViolence === true) return [...URGENT_PROTECTION_UNITS.domesticViolence];
  if (f.violence === true || f.threat === true) return [...URGENT_PROTECTION_UNITS.violenceOrThreat];
  return [];
}

export type LadderStep =
  | { kind: 'mediation'; tier: Tier; stage: 'mediation' }
  | {
      kind: 'joint-mediation';
      tier: 'county';
      stage: 'joint-mediation';
      department: 'justice';
      summon: DepartmentCode[];
    }
  | { kind: 'non-litigation'; route: NonLitigationRouteKind; department: DepartmentCode; stage: Stage }
  | { kind: 'pre-filing-mediation'; department: 'court'; stage: 'pre-filing-mediation' }
  | { kind: 'litigation'; department: 'court' };

export interface LadderPosition {
  stage: Stage;
  /** Required for 'mediation': the tier where mediation just failed. */
  tier?: Tier;
  category: string;
  facts?: JointMediationFacts;
}

/** Where a matter goes when the current rung fails (mediation failed, or was refused). */
export function escalate(position: LadderPosition): LadderStep {
  const p = requireObject(position, 'ladder position');
  const stage = requireStage(p.stage);
  const category = categoryInfo(p.category as string).code;
  const afterJoint = (): LadderStep => {
    const nl = nonLitigationRoute(category);
    return nl
      ? { kind: 'non-litigation', ...nl }
      : { kind: 'pre-filing-mediation', department: 'court', stage: 'pre-filing-mediation' };
  };
  switch (stage) {
    case 'mediation': {
      const tier = requireTier(p.tier, 'tier of the failed mediation');
      const next = nextTier(tier);
      if (next !== null && next !== 'county') return { kind: 'mediation', tier: next, stage: 'mediation' };
      // Town mediation failed, or county-level mediation did: the county summons the departments.
      if (tier !== 'city')
        return {
          kind: 'joint-mediation',
          tier: 'county',
          stage: 'joint-mediation',
          department: 'justice',
          summon: jointMediationDepartments(category, position.facts),
        };
      return afterJoint();
    }
    case 'joint-mediation':
      return afterJoint();
    case 'commercial-mediation':
      return { kind: 'pre-filing-mediation', department: 'court', stage: 'pre-filing-mediation' };
    case 'labour-arbitration':
    case 'administrative-reconsideration':
    case 'pre-filing-mediation':
      return { kind: 'litigation', department: 'court' };
    default:
      throw new DomainError('INVALID_INPUT', `stage '${stage}' is not on the mediation ladder`);
  }
}
