// The working-day calendar in China time. All arithmetic uses a fixed UTC+8 offset (China has had
// no daylight saving since 1991), so no time-zone library is needed and results do not depend on
// the server's TZ. A "day" below is a China calendar date, numbered as days since 1970-01-01.
//
// Deadlines fall due at the end of the office day, 18:00 China time, on their last day: staff
// see one rule for every day-based deadline, and a reminder never fires in the middle of the night.
import { HOLIDAYS } from './data/holidays.js';
import type { HolidayData } from './data/holidays.js';
import { DomainError } from './errors.js';
import { isPlainObject, requireDate, requireInteger, show } from './guard.js';
import { provisionalYear } from './provisional-holidays.js';

export { HOLIDAYS } from './data/holidays.js';
export type { HolidayData, HolidayPeriod, HolidayYear, SwappedWorkday } from './data/holidays.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** China Standard Time, UTC+8. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;
/** End of the office day in China time: every day-based deadline is due at this time. */
export const OFFICE_CLOSE = { hour: 18, minute: 0 } as const;
const CLOSE_MS = (OFFICE_CLOSE.hour * 60 + OFFICE_CLOSE.minute) * 60_000;
/** A bound on day counts (100 years) so that nonsense input cannot loop or overflow. */
const MAX_DAYS = 36_500;

const dayOf = (date: Date): number => Math.floor((date.getTime() + CHINA_OFFSET_MS) / DAY_MS);
const msIntoDay = (date: Date): number => date.getTime() + CHINA_OFFSET_MS - dayOf(date) * DAY_MS;
const keyOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;
const closeOf = (day: number): Date => new Date(day * DAY_MS - CHINA_OFFSET_MS + CLOSE_MS);

function parseDay(key: unknown, what: string, code = 'INVALID_INPUT'): number {
  if (typeof key === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(key)) {
    const ms = Date.parse(`${key}T00:00:00Z`);
    if (!Number.isNaN(ms) && keyOf(ms / DAY_MS) === key) return ms / DAY_MS;
  }
  throw new DomainError(code, `${what} must be a date 'YYYY-MM-DD', got ${show(key)}`);
}

/** The China calendar date of an instant, 'YYYY-MM-DD'. */
export function chinaDate(date: Date): string {
  return keyOf(dayOf(requireDate(date, 'date')));
}

/** Day of the week in China (0 = Sunday … 6 = Saturday). */
export function chinaWeekday(date: Date): number {
  return weekdayOf(dayOf(requireDate(date, 'date')));
}

/** The instant of a China wall-clock time: chinaTime('2026-10-08', '18:00'). */
export function chinaTime(day: string, time = '00:00'): Date {
  const d = parseDay(day, 'day');
  const m = typeof time === 'string' ? /^(\d{2}):(\d{2})$/.exec(time) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
    throw new DomainError('INVALID_INPUT', `time must be 'HH:MM', got ${show(time)}`);
  return new Date(d * DAY_MS - CHINA_OFFSET_MS + (Number(m[1]) * 60 + Number(m[2])) * 60_000);
}

function invalid(message: string): DomainError {
  return new DomainError('INVALID_CALENDAR', message);
}

/**
 * Working days per the holiday table. A day in a year the table does not hold follows the provisional
 * rule (weekends and the statutory holidays, provisional-holidays.ts): `isProvisional` says so, and
 * callers mark what they computed from it. The calendar never refuses a date.
 */
export class WorkingCalendar {
  private readonly off = new Map<number, string>();
  private readonly on = new Set<number>();
  private readonly estimated = new Map<number, string>();
  private readonly estimatedYears = new Set<number>();
  private readonly firstYear: number;
  private readonly lastYear: number;

  /** Validates the table: contiguous years, real dates, swapped working days only on weekends. */
  constructor(data: HolidayData = HOLIDAYS) {
    if (!isPlainObject(data) || !Array.isArray(data.years) || data.years.length === 0)
      throw invalid('holiday data must list at least one year');
    const years = (data.years as unknown[]).map((y, i) => {
      if (!isPlainObject(y) || typeof y.year !== 'number' || !Number.isInteger(y.year))
        throw invalid(`holiday year #${i} has no year`);
      return y.year;
    });
    years.forEach((y, i) => {
      if (i > 0 && y !== years[i - 1]! + 1)
        throw invalid(`holiday years must be contiguous and ascending, got ${years.join(', ')}`);
    });
    this.firstYear = years[0]!;
    this.lastYear = years[years.length - 1]!;
    for (const y of (data as HolidayData).years) {
      if (!Array.isArray(y.holidays) || !Array.isArray(y.workdays))
        throw invalid(`holiday year ${y.year} needs holidays and workdays arrays`);
      for (const h of y.holidays) {
        const from = parseDay(h?.from, `holiday ${show(h?.name)} from`, 'INVALID_CALENDAR');
        const to = parseDay(h?.to, `holiday ${show(h?.name)} to`, 'INVALID_CALENDAR');
        if (to < from || to - from > 31)
          throw invalid(`holiday '${h.name}' ${h.from}…${h.to} is not a plausible range`);
        if (typeof h.zh !== 'string' || !h.zh.trim()) throw invalid(`holiday '${h.name}' needs its Chinese name (zh)`);
        for (let d = from; d <= to; d++) this.off.set(d, h.zh);
      }
      for (const w of y.workdays) {
        const d = parseDay(w?.date, 'swapped working day', 'INVALID_CALENDAR');
        const wd = weekdayOf(d);
        if (wd !== 0 && wd !== 6) throw invalid(`swapped working day ${w.date} is not a Saturday or Sunday`);
        this.on.add(d);
      }
    }
    for (const d of this.on)
      if (this.off.has(d)) throw invalid(`${keyOf(d)} is both a holiday and a swapped working day`);
  }

  /** The covered span, half-open: [from, to) in instants; firstDay/lastDay as China dates. */
  coverage(): { from: Date; to: Date; firstDay: string; lastDay: string } {
    const first = Date.UTC(this.firstYear, 0, 1) / DAY_MS;
    const end = Date.UTC(this.lastYear + 1, 0, 1) / DAY_MS;
    return {
      from: new Date(first * DAY_MS - CHINA_OFFSET_MS),
      to: new Date(end * DAY_MS - CHINA_OFFSET_MS),
      firstDay: keyOf(first),
      lastDay: keyOf(end - 1),
    };
  }

  private inTable(day: number): boolean {
    const y = yearOf(day);
    return y >= this.firstYear && y <= this.lastYear;
  }

  /** The day-off name of a day outside the table, by the provisional rule. */
  private estimatedOff(day: number): string | undefined {
    const y = yearOf(day);
    if (!this.estimatedYears.has(y)) {
      if (y < 1901 || y > 2099) throw new DomainError('INVALID_INPUT', `${keyOf(day)} is outside 1901–2099`);
      for (const h of provisionalYear(y).holidays)
        for (let d = parseDay(h.from, 'from'); d <= parseDay(h.to, 'to'); d++) this.estimated.set(d, h.zh);
      this.estimatedYears.add(y);
    }
    return this.estimated.get(day);
  }

  private offName(day: number): string | undefined {
    return this.off.get(day) ?? (this.inTable(day) ? undefined : this.estimatedOff(day));
  }

  private working(day: number): boolean {
    if (this.on.has(day)) return true;
    if (this.offName(day)) return false;
    const wd = weekdayOf(day);
    return wd !== 0 && wd !== 6;
  }

  /** True when the date's year is not in the table: answers about it follow the provisional rule. */
  isProvisional(date: Date): boolean {
    return !this.inTable(dayOf(requireDate(date, 'date')));
  }

  /** True when any day from `a` to `b` (either order) lies outside the table. */
  provisionalWithin(a: Date, b: Date): boolean {
    const [x, y] = [dayOf(requireDate(a, 'a')), dayOf(requireDate(b, 'b'))].sort((p, q) => p - q);
    return !this.inTable(x!) || !this.inTable(y!);
  }

  isWorkingDay(date: Date): boolean {
    return this.working(dayOf(requireDate(date, 'date')));
  }

  /** The holiday's Chinese name when the date is a public holiday day off (estimated outside the table). */
  holidayName(date: Date): string | undefined {
    return this.offName(dayOf(requireDate(date, 'date')));
  }

  /**
   * Due at 18:00 China time on the n-th working day after `from`'s day (the day of receipt is
   * not counted, as in statutory periods). n = 0 means "the same working day": 18:00 today if
   * today is a working day and it is not yet 18:00, else 18:00 on the next working day.
   */
  addWorkingDays(from: Date, n: number): Date {
    requireDate(from, 'from');
    requireInteger(n, 'working days', 0);
    if (n > MAX_DAYS) throw new DomainError('INVALID_INPUT', `working days must be at most ${MAX_DAYS}, got ${n}`);
    let day = dayOf(from);
    if (n === 0) {
      if (this.working(day) && msIntoDay(from) < CLOSE_MS) return closeOf(day);
      n = 1;
    }
    for (let count = 0; count < n;) if (this.working(++day)) count++;
    return closeOf(day);
  }

  /**
   * Due at 18:00 China time on the n-th calendar day after `from`'s day (n = 0: today, or tomorrow
   * when it is already past 18:00). Plain calendar arithmetic needs no holiday table, so it works
   * outside the covered years; with `rollToWorkingDay` a last day that is not a working day moves
   * to the next working day (the rule for statutory periods, e.g. Civil Procedure Law art. 85).
   */
  addCalendarDays(from: Date, n: number, options: { rollToWorkingDay?: boolean } = {}): Date {
    requireDate(from, 'from');
    requireInteger(n, 'calendar days', 0);
    if (n > MAX_DAYS) throw new DomainError('INVALID_INPUT', `calendar days must be at most ${MAX_DAYS}, got ${n}`);
    if (!isPlainObject(options))
      throw new DomainError('INVALID_INPUT', `options must be an object, got ${show(options)}`);
    let day = dayOf(from) + n;
    if (n === 0 && msIntoDay(from) >= CLOSE_MS) day++;
    if (options.rollToWorkingDay === true) while (!this.working(day)) day++;
    return closeOf(day);
  }

  /**
   * Working days in (a's day, b's day]: 0 on the same day, and
   * workingDaysBetween(x, addWorkingDays(x, n)) === n. Negative when b is before a.
   */
  workingDaysBetween(a: Date, b: Date): number {
    const da = dayOf(requireDate(a, 'a'));
    const db = dayOf(requireDate(b, 'b'));
    if (db < da) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let d = da + 1; d <= db; d++) if (this.working(d)) count++;
    return count;
  }
}

/** The calendar built from the bundled holiday table. */
export const DEFAULT_CALENDAR = new WorkingCalendar();
