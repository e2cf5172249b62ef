// Quality sampling (四级抽访, seed 002) as pure rules: closed people's-mediation cases are sampled
// "by proportion and by level" (按比例、分等级) each China week and reviewed one level up; disputes
// that mediation keeps missing deadlines on (久调不决) are flagged and guided to arbitration or court.
// The store (store/quality.ts) selects and records; what counts and who reviews is decided here.
import { chinaDate, chinaTime, chinaWeekday } from './calendar.js';
import { DomainError } from './errors.js';
import { requireDate, show } from './guard.js';
import { nonLitigationRoute, type NonLitigationRouteKind } from './ladder.js';
import { RegionTree, tierRank, type Tier } from './regions.js';
import { unitId, unitLabel } from './routing.js';

const DAY_MS = 86_400_000;

/** The share of a pool sampled when neither the region table nor the model's header says otherwise. */
export const DEFAULT_SAMPLE_SHARE = 0.2;
/** A run samples every whole week since the last sampled one, at most this many (a paused system). */
export const MAX_CATCH_UP_WEEKS = 8;
/** Deadline misses that make an open dispute long unresolved (久调不决). */
export const LONG_UNRESOLVED_MISSES = 2;
/** The unit that mediates people's mediation at a village or town (人民调解委员会). */
export const PEOPLE_MEDIATION_UNIT = 'people-mediation-committee';
/** Mediation tiers whose people's-mediation cases are sampled, and the tier that reviews each. */
export const REVIEWING_TIER: Readonly<Partial<Record<Tier, Tier>>> = { village: 'town', town: 'county' };

/** A China week: Monday 00:00 to the next Monday 00:00, Asia/Shanghai (UTC+8, no daylight saving). */
export interface Week {
  /** The Monday, 'YYYY-MM-DD' (China date): the week's key. */
  key: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** The China week the instant falls in. */
export function weekContaining(at: Date): Week {
  requireDate(at, 'instant');
  const sinceMonday = (chinaWeekday(at) + 6) % 7;
  const start = new Date(chinaTime(chinaDate(at)).getTime() - sinceMonday * DAY_MS);
  return { key: chinaDate(start), start, end: new Date(start.getTime() + 7 * DAY_MS) };
}

/** The whole week before the one `at` falls in: what a sampling run at `at` samples. */
export function previousWeek(at: Date): Week {
  return weekContaining(new Date(weekContaining(at).start.getTime() - 1));
}

/** The week of a China date 'YYYY-MM-DD' (any day of it; its Monday is the key). */
export function weekOf(day: string): Week {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw new DomainError('INVALID_INPUT', `week must be a date 'YYYY-MM-DD', got ${show(day)}`);
  return weekContaining(chinaTime(day));
}

/**
 * The weeks a run at `now` samples: the previous whole week, and before it every week since the last
 * sampled one (`lastSampled`, a week key), so a run that came late or not at all loses no week. The
 * oldest are dropped beyond `max`. Empty when the previous week is sampled already.
 */
export function weeksToSample(now: Date, lastSampled: string | null, max = MAX_CATCH_UP_WEEKS): Week[] {
  const prev = previousWeek(now);
  if (lastSampled === null) return [prev];
  const last = weekOf(lastSampled).start.getTime();
  const out: Week[] = [];
  for (let w = prev; w.start.getTime() > last && out.length < max; w = previousWeek(w.start)) out.unshift(w);
  return out;
}

/** A share of a pool: a number in (0, 1]. Throws INVALID_INPUT naming `what`. */
export function requireShare(value: unknown, what = 'share'): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0 || n > 1)
    throw new DomainError('INVALID_INPUT', `${what} must be a number in (0, 1], got ${show(value)}`);
  return n;
}

/** How many of a pool are drawn: the share rounded up, so a pool with any case yields at least one. */
export function sampleSize(poolSize: number, share: number): number {
  if (poolSize <= 0) return 0;
  // The epsilon keeps 0.1 × 30 at 3, not 4, through floating point.
  return Math.min(poolSize, Math.ceil(poolSize * requireShare(share) - 1e-9));
}

/** FNV-1a (32 bit) of week and matter: the draw order, the same on every run and on every machine. */
export function drawRank(week: string, matterId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${week}:${matterId}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The region and unit that review a case mediated at `tier` in `regionCode` (the level above). */
export interface Reviewer {
  tier: Tier;
  regionCode: string;
  /** '<region>/justice' (司法所 at a town, 司法局 at a county) where stationed, else '<region>/centre'. */
  unit: string;
}

/** Null when cases of that tier are not sampled (only village and town people's mediation is). */
export function reviewerOf(regionCode: string, tier: Tier, regions: RegionTree): Reviewer | null {
  const above = REVIEWING_TIER[tier];
  if (!above || !regions.has(regionCode)) return null;
  const region =
    regions.atTier(regionCode, above) ??
    regions.ancestors(regionCode).find((r) => tierRank(r.tier) <= tierRank(above)) ??
    null;
  if (!region) return null;
  const justice = regions.hasStationed(region.code, 'justice') || tierRank(region.tier) <= tierRank('county');
  return { tier: region.tier, regionCode: region.code, unit: unitId(region.code, justice ? 'justice' : 'centre') };
}

/** The configured share of the region or its nearest ancestor that has one; else `fallback`. */
export function shareFor(
  regionCode: string,
  shares: ReadonlyMap<string, number>,
  regions: RegionTree,
  fallback: number,
): number {
  if (regions.has(regionCode))
    for (const r of [regions.get(regionCode), ...regions.ancestors(regionCode)])
      if (shares.has(r.code)) return shares.get(r.code)!;
  return fallback;
}

/** A closed people's-mediation case of the week, as the store finds it. */
export interface SampleCandidate {
  matterId: string;
  trackingCode: string;
  regionCode: string;
  /** Tier and unit of the agreement that settled it ('village', 'demo-village-a1-1/people-mediation-committee'). */
  mediatedTier: Tier;
  mediatedUnit: string;
}

export interface DrawnSample extends SampleCandidate {
  week: string;
  reviewTier: Tier;
  reviewRegion: string;
  reviewUnit: string;
  /** The share applied to this case's pool. */
  share: number;
}

/**
 * The draw of a week: candidates are pooled by the unit that reviews them (a town's justice office
 * reviews all its villages' cases; a county's, all its towns'), and from each pool `sampleSize` are
 * taken in drawRank order. Candidates no one reviews (not village or town people's mediation) drop out.
 */
export function drawSamples(
  candidates: SampleCandidate[],
  week: string,
  regions: RegionTree,
  shareOf: (reviewRegion: string) => number,
): DrawnSample[] {
  const pools = new Map<string, { reviewer: Reviewer; cases: SampleCandidate[] }>();
  for (const c of candidates) {
    if (!isPeoplesMediationUnit(c.mediatedUnit)) continue;
    const reviewer = reviewerOf(c.mediatedUnit.split('/')[0]!, c.mediatedTier, regions);
    if (!reviewer) continue;
    const pool = pools.get(reviewer.unit) ?? { reviewer, cases: [] };
    pool.cases.push(c);
    pools.set(reviewer.unit, pool);
  }
  const out: DrawnSample[] = [];
  for (const { reviewer, cases } of pools.values()) {
    const share = shareOf(reviewer.regionCode);
    const ordered = [...cases].sort(
      (a, b) => drawRank(week, a.matterId) - drawRank(week, b.matterId) || a.matterId.localeCompare(b.matterId),
    );
    for (const c of ordered.slice(0, sampleSize(cases.length, share)))
      out.push({
        ...c,
        week,
        reviewTier: reviewer.tier,
        reviewRegion: reviewer.regionCode,
        reviewUnit: reviewer.unit,
        share,
      });
  }
  return out;
}

export function isPeoplesMediationUnit(unit: string | null | undefined): boolean {
  return typeof unit === 'string' && unit.endsWith(`/${PEOPLE_MEDIATION_UNIT}`);
}

/** A timeline entry that may record a missed deadline (the fields countDeadlineMisses reads). */
export interface MissEvent {
  id: string;
  type: string;
  /** data.deadline of an assignment sheet. */
  deadline?: string | null;
  /** data.element of an assignment sheet: the BPMN element that sent it. */
  element?: string | null;
}

/** Sheets that supervise a reviewer, not the case: the quality review's own deadline (quality-sampling.bpmn). */
export const REVIEW_SHEET_ELEMENTS: readonly string[] = ['Task_ReviewSheet'];

/**
 * Deadlines a matter missed, from its timeline: each `mediation-overdue` (a village or town mediation,
 * or the county's joint session, reached its deadline with neither agreement nor failure recorded),
 * plus each distinct deadline an `assignment-sheet` was sent for (a task of the case passed its due
 * date: a department's report, the fulfilment check...; several sheets for one deadline are one miss),
 * except the sheets of the quality review itself. Reminder and warning letters are not misses: they
 * come before the deadline.
 */
export function countDeadlineMisses(events: MissEvent[]): number {
  let misses = 0;
  const sheets = new Set<string>();
  for (const e of events) {
    if (e.type === 'mediation-overdue') misses++;
    else if (e.type === 'assignment-sheet' && !REVIEW_SHEET_ELEMENTS.includes(e.element ?? ''))
      sheets.add(e.deadline ? `deadline:${e.deadline}` : `event:${e.id}`);
  }
  return misses + sheets.size;
}

export type GuidanceRoute = NonLitigationRouteKind | 'litigation';

export interface Guidance {
  route: GuidanceRoute;
  /** The unit the parties are guided to: '<county>/labour-arbitration', '<county>/court'. */
  unit: string;
  /** What the handling unit is asked to do, Chinese first. */
  message: string;
}

const ROUTE_ZH: Record<GuidanceRoute, string> = {
  'labour-arbitration': '申请劳动仲裁',
  'administrative-reconsideration': '申请行政复议',
  'commercial-mediation': '申请商事调解',
  litigation: '向人民法院起诉（诉前调解）',
};

/**
 * Where a long-unresolved dispute is guided: the non-litigation route of its category
 * (ladder.ts nonLitigationRoute: labour arbitration, administrative reconsideration...) at the county
 * above the matter's region, or else the county's court. Category null or unknown: the court.
 */
export function litigationGuidance(
  category: string | null,
  regionCode: string,
  misses: number,
  regions: RegionTree,
): Guidance {
  let nl: ReturnType<typeof nonLitigationRoute> = null;
  try {
    nl = category ? nonLitigationRoute(category) : null;
  } catch {
    nl = null;
  }
  const county = (regions.has(regionCode) && regions.atTier(regionCode, 'county')?.code) || regionCode;
  const route: GuidanceRoute = nl?.route ?? 'litigation';
  const unit = unitId(county, nl?.department ?? 'court');
  const label = regions.has(county) ? unitLabel(unit, regions) : unit;
  return {
    route,
    unit,
    message:
      `本案已 ${misses} 次逾期未能调结（久调不决），请引导当事人${ROUTE_ZH[route]}（${label}）。` +
      ` Missed ${misses} deadlines without settlement: guide the parties to ${route} (${unit}).`,
  };
}
