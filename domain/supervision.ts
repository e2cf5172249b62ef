// Supervision by risk grade (风险督办): a red or orange matter becomes an item before the unit the
// risk table names, at the county the matter belongs to, due at that unit's next review:
//   red    → '<county>/county-party-committee', at the standing committee (常委会调度);
//   orange → '<county>/county-peace-office', at its weekly dispatch meeting (平安办每周调度);
//   green  → no item: the town and its departments review green matters in their ordinary weekly
//            work, which the handling unit's own deadline, letters and sheets already press.
// The review days are data (data/supervision-table.ts); the calendar decides which days are working days.
import { DEFAULT_CALENDAR, WorkingCalendar, chinaDate, chinaTime, chinaWeekday, OFFICE_CLOSE } from './calendar.js';
import { REVIEW_CADENCES } from './data/supervision-table.js';
import type { Cadence, ReviewCadence } from './data/supervision-table.js';
import { DomainError } from './errors.js';
import { requireDate, show } from './guard.js';
import type { RegionTree } from './regions.js';
import { requireRiskLevel, SUPERVISION } from './risk.js';
import type { RiskLevel } from './risk.js';
import { unitId } from './routing.js';

export { REVIEW_CADENCES } from './data/supervision-table.js';
export type { Cadence, ReviewCadence } from './data/supervision-table.js';

const DAY_MS = 86_400_000;
const CLOSE = `${String(OFFICE_CLOSE.hour).padStart(2, '0')}:${String(OFFICE_CLOSE.minute).padStart(2, '0')}`;
/** Reviews looked for at most this many weeks ahead (a calendar with no working day for a year is broken). */
const MAX_WEEKS = 60;

/** The levels that open a supervision item. */
export const SUPERVISED_LEVELS: readonly RiskLevel[] = ['red', 'orange'];

export interface SupervisionItem {
  level: RiskLevel;
  /** The county (or the region itself when the matter belongs above any county). */
  county: string;
  /** Whom the item is addressed to: '<county>/county-party-committee' or '<county>/county-peace-office'. */
  unit: string;
  cadence: Cadence;
  /** 18:00 China time on the review day. */
  due: Date;
  /** The review day, China date 'YYYY-MM-DD'. */
  reviewDay: string;
  /** How the due date was found, for the timeline. */
  basis: string;
  /** Counted on the provisional holiday rule (the year's notice is not imported yet). */
  provisional: boolean;
}

/** The county a region belongs to: itself or its ancestor at the county tier; above any county, itself. */
export function countyOf(regionCode: string, regions: RegionTree): string {
  return regions.atTier(regionCode, 'county')?.code ?? regions.get(regionCode).code;
}

/** The county leader's queue for a region (领导包案): '<county>/county-leader'. */
export function countyLeaderUnit(regionCode: string, regions: RegionTree): string {
  return unitId(countyOf(regionCode, regions), 'county-leader');
}

/** Who is pressed about a matter of this level in this region, or null for green (no item). */
export function supervisionUnit(level: RiskLevel, regionCode: string, regions: RegionTree): string | null {
  if (!SUPERVISED_LEVELS.includes(requireRiskLevel(level))) return null;
  return unitId(countyOf(regionCode, regions), SUPERVISION[level].unit);
}

/**
 * The next review of the cadence for an item opened at `from`: the cadence's weekday (moved to the
 * next working day when it is a day off), the first one that falls at least `leadWorkingDays` working
 * days after the day of opening (that day not counted), due at 18:00 China time.
 */
export function nextReview(cadence: Cadence, from: Date, calendar: WorkingCalendar = DEFAULT_CALENDAR): Date {
  requireDate(from, 'from');
  const c: ReviewCadence | undefined = REVIEW_CADENCES[cadence];
  if (!c) throw new DomainError('INVALID_INPUT', `unknown review cadence ${show(cadence)}`);
  const earliest = calendar.addWorkingDays(from, c.leadWorkingDays);
  const isoWeekday = chinaWeekday(from) || 7;
  const monday = chinaTime(chinaDate(from), '12:00').getTime() - (isoWeekday - 1) * DAY_MS;
  for (let week = 0; week < MAX_WEEKS; week++) {
    let day = new Date(monday + (week * 7 + c.weekday - 1) * DAY_MS);
    for (let i = 0; i < 31 && !calendar.isWorkingDay(day); i++) day = new Date(day.getTime() + DAY_MS);
    const due = chinaTime(chinaDate(day), CLOSE);
    if (due.getTime() >= earliest.getTime()) return due;
  }
  throw new DomainError('INVALID_CALENDAR', `no working day for the ${cadence} review within ${MAX_WEEKS} weeks`);
}

/** The supervision item of a matter of this level, opened now; null for green. */
export function supervisionItem(
  input: { level: RiskLevel; regionCode: string; from: Date },
  regions: RegionTree,
  calendar: WorkingCalendar = DEFAULT_CALENDAR,
): SupervisionItem | null {
  const unit = supervisionUnit(input.level, input.regionCode, regions);
  if (!unit) return null;
  const cadence = SUPERVISION[input.level].cadence;
  const due = nextReview(cadence, input.from, calendar);
  const c = REVIEW_CADENCES[cadence];
  return {
    level: input.level,
    county: countyOf(input.regionCode, regions),
    unit,
    cadence,
    due,
    reviewDay: chinaDate(due),
    basis: `${cadence}: ISO weekday ${c.weekday} (next working day if off), ${c.leadWorkingDays} working day(s) ahead`,
    provisional: calendar.provisionalWithin(input.from, due),
  };
}
