// The region tree (city → county → town → village → grid) and what is stationed in each centre.
// Routing, escalation and mediator matching all ask this tree "who is above/below whom".
import type { DepartmentCode } from './departments.js';
import { isDepartment } from './departments.js';
import { DomainError } from './errors.js';
import { isPlainObject, show } from './guard.js';

export type Tier = 'city' | 'county' | 'town' | 'village' | 'grid';
export type RegionClass = 1 | 2 | 3;
export type Presence = 'permanent' | 'rotating' | 'on-call';

/** Highest first: the index is the tier's depth. */
export const TIERS: readonly Tier[] = ['city', 'county', 'town', 'village', 'grid'];
export const PRESENCES: readonly Presence[] = ['permanent', 'rotating', 'on-call'];

export const TIER_LABELS: Readonly<Record<Tier, { zh: string; en: string }>> = {
  city: { zh: '市', en: 'city' },
  county: { zh: '县(市、区)', en: 'county/district' },
  town: { zh: '乡镇(街道)', en: 'town/street' },
  village: { zh: '村(社区)', en: 'village/community' },
  grid: { zh: '网格', en: 'grid' },
};

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

export function requireTier(value: unknown, what = 'tier'): Tier {
  if (!isTier(value))
    throw new DomainError('UNKNOWN_TIER', `unknown ${what} ${show(value)} (expected one of ${TIERS.join(', ')})`);
  return value;
}

/** 0 for city … 4 for grid: a larger rank is a lower (more local) tier. */
export function tierRank(tier: Tier): number {
  return TIERS.indexOf(requireTier(tier));
}

export interface StationedDepartment {
  department: DepartmentCode;
  presence: Presence;
}

export interface Region {
  code: string;
  name: string;
  nameEn?: string;
  tier: Tier;
  parent: string | null;
  regionClass: RegionClass;
  departments: StationedDepartment[];
}

function invalid(message: string): DomainError {
  return new DomainError('INVALID_REGIONS', message);
}

function checkShape(r: unknown, i: number): Region {
  if (!isPlainObject(r)) throw invalid(`region #${i} must be an object, got ${show(r)}`);
  const code = r.code;
  if (typeof code !== 'string' || code === '') throw invalid(`region #${i} has no code`);
  if (typeof r.name !== 'string' || r.name === '') throw invalid(`region '${code}' has no name`);
  if (!isTier(r.tier)) throw invalid(`region '${code}' has unknown tier ${show(r.tier)}`);
  if (r.parent !== null && (typeof r.parent !== 'string' || r.parent === ''))
    throw invalid(`region '${code}' has a bad parent ${show(r.parent)}`);
  if (r.regionClass !== 1 && r.regionClass !== 2 && r.regionClass !== 3)
    throw invalid(`region '${code}' has region class ${show(r.regionClass)} (expected 1, 2 or 3)`);
  if (!Array.isArray(r.departments)) throw invalid(`region '${code}' departments must be an array`);
  const seen = new Set<string>();
  for (const d of r.departments as unknown[]) {
    if (!isPlainObject(d) || !isDepartment(d.department))
      throw invalid(`region '${code}' stations an unknown department ${show(isPlainObject(d) ? d.department : d)}`);
    if (!(PRESENCES as readonly unknown[]).includes(d.presence))
      throw invalid(`region '${code}' has presence ${show(d.presence)} for '${d.department}'`);
    if (seen.has(d.department)) throw invalid(`region '${code}' stations '${d.department}' twice`);
    seen.add(d.department);
  }
  return r as unknown as Region;
}

export class RegionTree {
  private readonly byCode = new Map<string, Region>();
  private readonly children = new Map<string, Region[]>();

  /** Validates the whole list: unique codes, known parents, every child on a lower tier than its parent. */
  constructor(regions: Region[]) {
    if (!Array.isArray(regions)) throw invalid(`regions must be an array, got ${show(regions)}`);
    regions.forEach((r, i) => {
      const region = checkShape(r, i);
      if (this.byCode.has(region.code)) throw invalid(`duplicate region code '${region.code}'`);
      this.byCode.set(region.code, region);
    });
    for (const r of this.byCode.values()) {
      if (r.parent === null) continue;
      const parent = this.byCode.get(r.parent);
      if (!parent) throw invalid(`region '${r.code}' has unknown parent '${r.parent}'`);
      // A strictly lower tier also rules out cycles, so ancestors() always terminates.
      if (TIERS.indexOf(r.tier) <= TIERS.indexOf(parent.tier)) {
        throw invalid(
          `region '${r.code}' (${r.tier}) must be on a lower tier than its parent '${parent.code}' (${parent.tier})`,
        );
      }
      const list = this.children.get(parent.code) ?? [];
      list.push(r);
      this.children.set(parent.code, list);
    }
  }

  has(code: string): boolean {
    return typeof code === 'string' && this.byCode.has(code);
  }

  /** The region; throws UNKNOWN_REGION. */
  get(code: string): Region {
    const r = typeof code === 'string' ? this.byCode.get(code) : undefined;
    if (!r) throw new DomainError('UNKNOWN_REGION', `unknown region ${show(code)}`);
    return r;
  }

  /** Every region, in the order given to the constructor. */
  all(): Region[] {
    return [...this.byCode.values()];
  }

  /** The parents up to the root, nearest first (the region itself is not included). */
  ancestors(code: string): Region[] {
    const out: Region[] = [];
    for (let r = this.get(code); r.parent !== null;) {
      r = this.get(r.parent);
      out.push(r);
    }
    return out;
  }

  parentOf(code: string): Region | undefined {
    const p = this.get(code).parent;
    return p === null ? undefined : this.get(p);
  }

  /** True when `code` is `rootCode` itself or lies below it. */
  isWithin(code: string, rootCode: string): boolean {
    this.get(rootCode);
    return code === rootCode || this.ancestors(code).some((a) => a.code === rootCode);
  }

  childrenOf(code: string): Region[] {
    this.get(code);
    return [...(this.children.get(code) ?? [])];
  }

  /** Everything below the region (not the region itself), depth first, in input order. */
  descendants(code: string): Region[] {
    const out: Region[] = [];
    const walk = (c: string): void => {
      for (const child of this.children.get(c) ?? []) {
        out.push(child);
        walk(child.code);
      }
    };
    this.get(code);
    walk(code);
    return out;
  }

  /** The region itself or its ancestor at `tier`; undefined when the tier is below it or absent. */
  /** '/city/county/town/': the subtree key the application stores (a jurisdiction is a prefix). */
  path(code: string): string {
    return `/${[...this.ancestors(code)]
      .reverse()
      .map((r) => r.code)
      .concat(this.get(code).code)
      .join('/')}/`;
  }

  atTier(code: string, tier: Tier): Region | undefined {
    requireTier(tier);
    return [this.get(code), ...this.ancestors(code)].find((r) => r.tier === tier);
  }

  /** How the department is present in this region's centre, if at all. */
  presence(code: string, department: DepartmentCode): Presence | undefined {
    if (!isDepartment(department))
      throw new DomainError('UNKNOWN_DEPARTMENT', `unknown department ${show(department)}`);
    return this.get(code).departments.find((d) => d.department === department)?.presence;
  }

  /** Stationed in any form (permanent, rotating or on call) in this region's centre. */
  hasStationed(code: string, department: DepartmentCode): boolean {
    return this.presence(code, department) !== undefined;
  }
}

export { DEMO_REGIONS } from './data/demo-regions.js';
