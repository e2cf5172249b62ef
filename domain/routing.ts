// Routing: the first matching row of the routing table picks the department, tier and stage;
// then the region tree picks the region that handles it, including the class-3 rule "accept at
// the outlet, route online" (网点受理、线上流转): where the handling unit is not stationed, the matter
// goes up a tier online, up to the county centre, the terminal station.
import { ROUTING_TABLE } from './data/routing-table.js';
import type { MediationKind, RoutingRule } from './data/routing-table.js';
import { departmentLabel, isDepartment } from './departments.js';
import type { DepartmentCode } from './departments.js';
import type { Stage } from './deadlines.js';
import { DomainError } from './errors.js';
import { requireObject, requireString, show } from './guard.js';
import { RegionTree, tierRank } from './regions.js';
import type { Region, RegionClass, Tier } from './regions.js';
import { requireRiskLevel } from './risk.js';
import type { RiskLevel } from './risk.js';
import { majorCategory, requireMatterType } from './taxonomy.js';
import type { MajorCategoryCode, MatterType } from './taxonomy.js';

export { ROUTING_TABLE } from './data/routing-table.js';
export type { MediationKind, RoutingRule } from './data/routing-table.js';

export interface RuleQuery {
  matterType: MatterType;
  /** Major category; absent matches only rows without a category ('*'). */
  category?: MajorCategoryCode;
  risk: RiskLevel;
  regionClass: RegionClass;
}

const fits = <T>(field: T | '*' | undefined, value: T | undefined): boolean =>
  field === undefined || field === '*' || field === value;

/** The first row of `table` that matches; throws NO_RULE when a matter type has no catch-all. */
export function matchRoutingRule(query: RuleQuery, table: readonly RoutingRule[] = ROUTING_TABLE): RoutingRule {
  const rule = table.find(
    (r) =>
      r.matterType === query.matterType &&
      fits(r.category, query.category) &&
      fits(r.riskLevel, query.risk) &&
      fits(r.regionClass, query.regionClass),
  );
  if (!rule)
    throw new DomainError(
      'NO_RULE',
      `no routing rule for ${query.matterType} '${query.category ?? '*'}' (${query.risk}, class ${query.regionClass})`,
    );
  return rule;
}

export interface RouteInput {
  matterType: MatterType;
  /** A major or minor category code. */
  category?: string;
  /** Where the matter belongs (the intake region: a village, grid, town...). */
  regionCode: string;
  risk: RiskLevel;
}

export interface Route {
  /** The tier that handles it first (after any online transfer). */
  startTier: Tier;
  /** The region whose centre handles it: the intake region or one of its ancestors. */
  regionCode: string;
  department: DepartmentCode;
  mediationKind?: MediationKind;
  committee?: DepartmentCode;
  stage: Stage;
  /** Transferred up online because the handling unit is not stationed (class-3 regions). */
  online: boolean;
  /** Machine-readable trail: 'rule:<id>', 'intake-above-start-tier', 'not-stationed:<region>:<unit>'... */
  reasons: string[];
  ruleId: string;
}

/** Units a region of the tier has by its nature, stationed in its centre or not: a town is its own government. */
const OWN_UNITS: Partial<Record<DepartmentCode, Tier>> = { 'town-government': 'town' };

function hasUnit(regions: RegionTree, region: Region, unit: DepartmentCode): boolean {
  return OWN_UNITS[unit] === region.tier || regions.hasStationed(region.code, unit);
}

/** The queue a unit's work lands in: '<region code>/<department or committee>'. */
export function unitId(regionCode: string, department: string): string {
  return `${regionCode}/${department}`;
}

/**
 * What an office is called where the catalogue's name describes a function (司法行政(人民调解、公共法律服务))
 * rather than naming the office a letter is addressed to: by the tier of its region (a county's 司法局, a
 * town's 司法所), `any` at every tier. Departments not listed are called by their catalogue name.
 */
const OFFICE_NAMES: Readonly<Record<string, Partial<Record<Tier | 'any', string>>>> = {
  court: { any: '人民法院' },
  procuratorate: { any: '人民检察院' },
  police: { city: '公安局', county: '公安局', town: '派出所', village: '警务室' },
  justice: { city: '司法局', county: '司法局', town: '司法所', village: '司法所' },
  'petition-office': { town: '信访办' },
  'labour-inspection': { any: '劳动保障监察大队' },
  'finance-regulator': { any: '金融监管局' },
  // 明江区 + 委 = 明江区委 (the county's party committee), 明江区委平安办.
  'county-party-committee': { any: '委' },
  'county-peace-office': { any: '委平安办' },
};

/**
 * A unit id in Chinese, as a letter is addressed and a citizen is told it: '东湖街道办事处',
 * '明江区市场监督管理局', '东湖街道司法所'; 'centre' is the region's centre. A unit below a town carries the
 * regions between it and `from` (the town by default: '东湖街道湖滨社区人民调解委员会', as two towns of a
 * county may each have a 湖滨社区); a document's addressee goes from the county ('明江区东湖街道…').
 * An unknown region or department keeps its code.
 */
export function unitLabel(unit: string, regions: RegionTree, from: Tier = 'town'): string {
  const [code, dept] = String(unit).split('/');
  const region = regions.has(code) ? regions.get(code) : null;
  const name = region ? regionChain(regions, region, from) : code;
  if (dept === 'town-government') return `${name}${name.endsWith('街道') ? '办事处' : '人民政府'}`;
  const office = OFFICE_NAMES[dept];
  const d =
    dept === 'centre'
      ? '综治中心'
      : ((office && (office.any ?? (region ? office[region.tier] : undefined))) ??
        (isDepartment(dept) ? departmentLabel(dept) : dept));
  return `${name}${d ?? ''}`;
}

/**
 * The names from the `from` tier (or the region's own, if higher) down to the region; a name the next one
 * repeats is left out (湖滨社区 · 湖滨社区第一网格).
 */
function regionChain(regions: RegionTree, r: Region, from: Tier): string {
  const chain = [...regions.ancestors(r.code)]
    .reverse()
    .filter((a) => tierRank(a.tier) >= tierRank(from))
    .map((a) => a.name);
  chain.push(r.name);
  return chain.filter((n, i) => !chain[i + 1]?.startsWith(n)).join('');
}

/** The nearest of the region and its ancestors at or above `tier`. */
function regionAtOrAbove(regions: RegionTree, intake: Region, tier: Tier): Region {
  const chain = [intake, ...regions.ancestors(intake.code)];
  return chain.find((r) => tierRank(r.tier) <= tierRank(tier)) ?? chain[chain.length - 1]!;
}

export function route(input: RouteInput, regions: RegionTree, table: readonly RoutingRule[] = ROUTING_TABLE): Route {
  const i = requireObject(input, 'route input');
  const matterType = requireMatterType(i.matterType);
  const category = i.category === undefined || i.category === null ? undefined : majorCategory(i.category as string);
  const risk = requireRiskLevel(i.risk);
  if (!(regions instanceof RegionTree)) throw new DomainError('INVALID_INPUT', 'regions must be a RegionTree');
  if (!Array.isArray(table))
    throw new DomainError('INVALID_INPUT', `routing table must be an array, got ${show(table)}`);
  const intake = regions.get(requireString(i.regionCode, 'regionCode', 'UNKNOWN_REGION'));

  const rule = matchRoutingRule({ matterType, category, risk, regionClass: intake.regionClass }, table);
  const reasons = [`rule:${rule.id}`];
  let handling = regionAtOrAbove(regions, intake, rule.startTier);
  let department = rule.department;
  if (handling.tier !== rule.startTier) {
    // Received higher up than the rule's tier (e.g. at the county window): the intake centre keeps it,
    // through the rule's fallback department when the rule's own exists only at its tier.
    reasons.push(
      tierRank(intake.tier) < tierRank(rule.startTier)
        ? 'intake-above-start-tier'
        : `no-${rule.startTier}-above-intake`,
    );
    if (rule.fallback) {
      department = rule.fallback;
      reasons.push(`fallback:${rule.fallback}`);
    }
  }

  let online = false;
  const committee = department === rule.department ? rule.committee : undefined;
  const unit = committee ?? department;
  const county = tierRank('county');
  while (handling.regionClass === 3 && !hasUnit(regions, handling, unit)) {
    const parent = regions.parentOf(handling.code);
    if (tierRank(handling.tier) <= county || !parent) {
      reasons.push(`terminal-station:${handling.code}`);
      online = true;
      break;
    }
    reasons.push(`not-stationed:${handling.code}:${unit}`);
    handling = parent;
    online = true;
  }
  if (online) reasons.push(`online-transfer:${handling.code}`);

  const out: Route = {
    startTier: handling.tier,
    regionCode: handling.code,
    department,
    stage: rule.stage,
    online,
    reasons,
    ruleId: rule.id,
  };
  if (rule.mediationKind) out.mediationKind = rule.mediationKind;
  if (committee) out.committee = committee;
  return out;
}
