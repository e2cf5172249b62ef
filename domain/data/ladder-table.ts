// The mediation ladder's data: which non-litigation route fits a category (after joint mediation
// fails, before the court), and which departments the county centre summons for joint mediation
// (中心吹哨、部门报到). The first matching joint-mediation row wins: specific rows first.
import type { MajorCategoryCode } from './categories.js';
import type { DepartmentCode } from '../departments.js';
import type { Stage } from './deadline-table.js';
import type { Tier } from '../regions.js';

/** One step up the ladder; the county centre is the terminal station (终点站). */
export const NEXT_TIER: Readonly<Record<Tier, Tier | null>> = {
  grid: 'village',
  village: 'town',
  town: 'county',
  county: null,
  city: null,
};

export type NonLitigationRouteKind = 'labour-arbitration' | 'administrative-reconsideration' | 'commercial-mediation';

export interface NonLitigationRule {
  category: MajorCategoryCode;
  route: NonLitigationRouteKind;
  department: DepartmentCode;
  stage: Stage;
}

// Administrative reconsideration is run by the government's reconsideration body, which sits in
// the justice bureau since the 2023 revision of the Administrative Reconsideration Law.
export const NON_LITIGATION_ROUTES: readonly NonLitigationRule[] = [
  { category: 'labour', route: 'labour-arbitration', department: 'labour-arbitration', stage: 'labour-arbitration' },
  {
    category: 'administrative',
    route: 'administrative-reconsideration',
    department: 'justice',
    stage: 'administrative-reconsideration',
  },
  {
    category: 'land-acquisition',
    route: 'administrative-reconsideration',
    department: 'justice',
    stage: 'administrative-reconsideration',
  },
  {
    category: 'contract-debt',
    route: 'commercial-mediation',
    department: 'commercial-mediation',
    stage: 'commercial-mediation',
  },
  {
    category: 'financial',
    route: 'commercial-mediation',
    department: 'commercial-mediation',
    stage: 'commercial-mediation',
  },
  {
    category: 'construction',
    route: 'commercial-mediation',
    department: 'commercial-mediation',
    stage: 'commercial-mediation',
  },
  {
    category: 'consumer',
    route: 'commercial-mediation',
    department: 'commercial-mediation',
    stage: 'commercial-mediation',
  },
];

export interface JointMediationRule {
  /** A major or minor category code, or '*' for the default row. */
  category: string;
  /** Only when the facts say so (e.g. domestic violence brings in the court and the police). */
  whenDomesticViolence?: true;
  departments: readonly DepartmentCode[];
  /** Also summon the department the routing table gives the category (the default row). */
  withRoutingDepartment?: true;
}

export const JOINT_MEDIATION: readonly JointMediationRule[] = [
  // Unpaid wages are mostly on building sites: housing (住建) controls the project's wage account.
  { category: 'unpaid-wages', departments: ['hrss', 'housing', 'trade-union', 'labour-inspection', 'justice'] },
  { category: 'labour', departments: ['hrss', 'trade-union', 'labour-arbitration', 'justice'] },
  // Seed 002 (Yongchuan): court protection order, women's federation and police together.
  {
    category: 'marriage-family',
    whenDomesticViolence: true,
    departments: ['womens-federation', 'police', 'court', 'justice'],
  },
  { category: 'marriage-family', departments: ['womens-federation', 'family-mediation', 'justice'] },
  { category: 'land-housing', departments: ['natural-resources', 'housing', 'justice'] },
  { category: 'land-acquisition', departments: ['natural-resources', 'housing', 'petition-office', 'justice'] },
  { category: 'property-management', departments: ['housing', 'property-mediation', 'justice'] },
  { category: 'medical', departments: ['health', 'medical-mediation', 'justice'] },
  { category: 'construction', departments: ['housing', 'hrss', 'construction-mediation', 'justice'] },
  { category: '*', departments: ['justice'], withRoutingDepartment: true },
];

/** Who acts at once when a person is in danger, in parallel with any mediation. */
export const URGENT_PROTECTION_UNITS = {
  domesticViolence: ['court', 'womens-federation', 'police'],
  violenceOrThreat: ['police'],
} as const satisfies Record<string, readonly DepartmentCode[]>;
