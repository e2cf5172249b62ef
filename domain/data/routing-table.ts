// Routing (分类流转): which department, at which tier, handles a matter first. The FIRST matching
// row wins, so rows go from most specific to most general:
//   1. red-risk rows (they override the category: red disputes start at the county, joint);
//   2. region-class rows (what class-3 counties do differently);
//   3. category rows;
//   4. orange rows, then each matter type's catch-all ('*') row, which must exist.
// A missing field or '*' matches anything. Ids are stable: they are recorded with each routing.
// Class-3 online transfer (nothing stationed → the tier above, online) is applied by routing.ts
// after the match, because it depends on the region tree, not on the matter.
// Matters of a place (属地管理) go to the town or street that owns it: 'town-government' at the town
// above the intake region; received above any town (at the county window), the row's `fallback`
// department takes it at that tier, since a county has no town government.
import type { MajorCategoryCode } from './categories.js';
import type { DepartmentCode } from '../departments.js';
import type { RegionClass, Tier } from '../regions.js';
import type { RiskLevel } from './risk-table.js';
import type { Stage } from './deadline-table.js';
import type { MatterType } from '../taxonomy.js';

export type MediationKind = 'people' | 'administrative' | 'professional' | 'joint';

export interface RoutingRule {
  id: string;
  matterType: MatterType;
  category?: MajorCategoryCode | '*';
  riskLevel?: RiskLevel | '*';
  regionClass?: RegionClass | '*';
  startTier: Tier;
  department: DepartmentCode;
  mediationKind?: MediationKind;
  /** The committee that mediates, when it is not the department itself. */
  committee?: DepartmentCode;
  /** Who takes it instead when no region at `startTier` is at or above the intake (no committee then). */
  fallback?: DepartmentCode;
  stage: Stage;
}

const joint = (id: string, category: MajorCategoryCode | '*', department: DepartmentCode): RoutingRule => ({
  id,
  matterType: 'dispute',
  category,
  riskLevel: 'red',
  startTier: 'county',
  department,
  mediationKind: 'joint',
  stage: 'joint-mediation',
});

const complaint = (category: MajorCategoryCode, department: DepartmentCode): RoutingRule => ({
  id: `complaint-${category}`,
  matterType: 'complaint',
  category,
  startTier: 'county',
  department,
  stage: 'complaint',
});

// A complaint about a place: the town or street that owns it; the county bureau when received above any town.
// New ids: what the old county rows recorded stays what they meant.
const local = (category: MajorCategoryCode, fallback: DepartmentCode): RoutingRule => ({
  id: `complaint-${category}-town`,
  matterType: 'complaint',
  category,
  startTier: 'town',
  department: 'town-government',
  fallback,
  stage: 'complaint',
});

export const ROUTING_TABLE: readonly RoutingRule[] = [
  // 1. Red disputes: the county centre summons the departments at once (联合调处).
  joint('dispute-red-labour', 'labour', 'hrss'),
  joint('dispute-red-land-acquisition', 'land-acquisition', 'natural-resources'),
  joint('dispute-red', '*', 'justice'),

  // 2. Class-3 counties have no medical mediation committee of their own: the health bureau mediates.
  {
    id: 'dispute-medical-class3',
    matterType: 'dispute',
    category: 'medical',
    regionClass: 3,
    startTier: 'county',
    department: 'health',
    mediationKind: 'administrative',
    stage: 'mediation',
  },

  // 3. Disputes by category: professional committees, administrative mediation, labour at the town.
  // Small (green) labour disputes start with the grassroots people's mediation committee
  // (基层人民调解组织, Labour Dispute Mediation and Arbitration Law art. 10); the rest at the town with hrss.
  {
    id: 'dispute-labour-green',
    matterType: 'dispute',
    category: 'labour',
    riskLevel: 'green',
    startTier: 'village',
    department: 'justice',
    mediationKind: 'people',
    committee: 'people-mediation-committee',
    stage: 'mediation',
  },
  {
    id: 'dispute-labour',
    matterType: 'dispute',
    category: 'labour',
    startTier: 'town',
    department: 'hrss',
    mediationKind: 'professional',
    stage: 'mediation',
  },
  {
    id: 'dispute-medical',
    matterType: 'dispute',
    category: 'medical',
    startTier: 'county',
    department: 'health',
    mediationKind: 'professional',
    committee: 'medical-mediation',
    stage: 'mediation',
  },
  {
    id: 'dispute-traffic',
    matterType: 'dispute',
    category: 'traffic',
    startTier: 'county',
    department: 'police',
    mediationKind: 'professional',
    committee: 'traffic-mediation',
    stage: 'mediation',
  },
  {
    id: 'dispute-property-management',
    matterType: 'dispute',
    category: 'property-management',
    startTier: 'town',
    department: 'housing',
    mediationKind: 'professional',
    committee: 'property-mediation',
    stage: 'mediation',
  },
  {
    id: 'dispute-financial',
    matterType: 'dispute',
    category: 'financial',
    startTier: 'county',
    department: 'finance-regulator',
    mediationKind: 'professional',
    committee: 'financial-mediation',
    stage: 'mediation',
  },
  {
    id: 'dispute-construction',
    matterType: 'dispute',
    category: 'construction',
    startTier: 'county',
    department: 'housing',
    mediationKind: 'professional',
    committee: 'construction-mediation',
    stage: 'mediation',
  },
  {
    id: 'dispute-consumer',
    matterType: 'dispute',
    category: 'consumer',
    startTier: 'town',
    department: 'market-regulation',
    mediationKind: 'administrative',
    stage: 'mediation',
  },
  {
    id: 'dispute-environment',
    matterType: 'dispute',
    category: 'environment',
    startTier: 'county',
    department: 'ecology-environment',
    mediationKind: 'administrative',
    stage: 'mediation',
  },
  {
    id: 'dispute-land-acquisition',
    matterType: 'dispute',
    category: 'land-acquisition',
    startTier: 'county',
    department: 'natural-resources',
    mediationKind: 'administrative',
    stage: 'mediation',
  },
  {
    id: 'dispute-administrative',
    matterType: 'dispute',
    category: 'administrative',
    startTier: 'county',
    department: 'justice',
    mediationKind: 'administrative',
    stage: 'mediation',
  },
  {
    id: 'dispute-school-campus',
    matterType: 'dispute',
    category: 'school-campus',
    startTier: 'county',
    department: 'education',
    mediationKind: 'administrative',
    stage: 'mediation',
  },
  {
    id: 'dispute-tourism',
    matterType: 'dispute',
    category: 'tourism',
    startTier: 'county',
    department: 'culture-tourism',
    mediationKind: 'administrative',
    stage: 'mediation',
  },

  // Complaints about a place go to the town or street that owns it (属地管理): its public facilities
  // (a street lamp out, reported by a monitoring device), its property management (the town or street
  // office guides and oversees owners' assemblies: 物业管理条例 arts. 10, 19) and quarrels between its
  // neighbours (小事不出村、大事不出镇).
  local('property-management', 'housing'),
  local('neighbour', 'petition-office'),
  // The rest go to the department that regulates the matter, at the county. Consumer complaints,
  // food included, to market regulation (消费者权益保护法 art. 39, 食品安全法 art. 115).
  complaint('consumer', 'market-regulation'),
  // Domestic violence, maintenance refused: the women's federation takes complaints (反家庭暴力法 art. 13).
  complaint('marriage-family', 'womens-federation'),
  complaint('construction', 'housing'),
  complaint('medical', 'health'),
  complaint('labour', 'labour-inspection'),
  complaint('environment', 'ecology-environment'),
  complaint('traffic', 'transport'),
  complaint('financial', 'finance-regulator'),
  complaint('land-housing', 'natural-resources'),
  complaint('land-acquisition', 'natural-resources'),
  complaint('school-campus', 'education'),
  complaint('tourism', 'culture-tourism'),
  complaint('administrative', 'justice'),

  // Counselling about marriage and family: civil affairs' marriage and family counselling rooms.
  {
    id: 'counselling-marriage-family',
    matterType: 'counselling',
    category: 'marriage-family',
    startTier: 'town',
    department: 'civil-affairs',
    stage: 'counselling',
  },

  // 4. Orange disputes skip the village (大事不出镇); then each matter type's catch-all.
  {
    id: 'dispute-orange',
    matterType: 'dispute',
    riskLevel: 'orange',
    startTier: 'town',
    department: 'justice',
    mediationKind: 'people',
    committee: 'people-mediation-committee',
    stage: 'mediation',
  },
  {
    id: 'dispute',
    matterType: 'dispute',
    startTier: 'village',
    department: 'justice',
    mediationKind: 'people',
    committee: 'people-mediation-committee',
    stage: 'mediation',
  },
  // Complaints no regulator owns (contracts and debts, inheritance, other): the petition bureau.
  { id: 'complaint', matterType: 'complaint', startTier: 'county', department: 'petition-office', stage: 'complaint' },
  {
    id: 'petition',
    matterType: 'petition',
    startTier: 'county',
    department: 'petition-office',
    stage: 'petition-acceptance',
  },
  { id: 'consultation', matterType: 'consultation', startTier: 'town', department: 'justice', stage: 'consultation' },
  { id: 'counselling', matterType: 'counselling', startTier: 'town', department: 'health', stage: 'counselling' },
];
