// The working-day calendar as data: administrators import each year's holiday notice (JSON or CSV);
// deadlines are computed on the table as it stands when each stage starts. Past the table's last
// year the provisional rule applies (domain/provisional-holidays.ts) and the deadline says so.
import type { Db } from '../platform/db.js';
import { DomainError, WorkingCalendar, chinaDate, type HolidayYear, type HolidayData } from '../domain/index.js';
import { calendarYears, putCalendarYear, type StoredYear } from '../store/calendar.js';
import { ApiError } from './errors.js';

/** From this many days before the table's last day, administrators are warned to import the next year. */
export const WARN_DAYS_BEFORE_END = 60;
const DAY_MS = 86_400_000;

const tableOf = (years: HolidayYear[]): HolidayData => ({ years });

/**
 * The calendar of the stored table. Each `current()` asks the database whether the table changed
 * (one indexed aggregate over a handful of rows) and rebuilds only then, so a year imported through
 * one process is used by every other process's next deadline.
 */
export class CalendarSource {
  private cached?: { version: string; calendar: WorkingCalendar };

  constructor(private readonly db: Db) {}

  async current(): Promise<WorkingCalendar> {
    const row = await this.db('app.calendar_years')
      .select(this.db.raw(`count(*)::int || '/' || coalesce(max(updated_at)::text, '') AS version`))
      .first();
    const version = String(row?.version ?? '');
    if (this.cached?.version === version) return this.cached.calendar;
    const years = await calendarYears(this.db);
    // An empty table (never seeded) still gives answers: every day by the provisional rule.
    const calendar = years.length ? new WorkingCalendar(tableOf(years)) : new WorkingCalendar();
    this.cached = { version, calendar };
    return calendar;
  }
}

export interface CalendarOverview {
  years: StoredYear[];
  firstDay: string;
  lastDay: string;
  /** The first China day computed on the provisional rule. */
  provisionalFrom: string;
  daysLeft: number;
  warning: string | null;
}

export async function calendarOverview(db: Db, now: Date): Promise<CalendarOverview> {
  const years = await calendarYears(db);
  const cov = new WorkingCalendar(years.length ? tableOf(years) : undefined).coverage();
  const daysLeft = Math.floor((cov.to.getTime() - now.getTime()) / DAY_MS);
  const next = Number(cov.lastDay.slice(0, 4)) + 1;
  const warning =
    daysLeft <= WARN_DAYS_BEFORE_END
      ? `节假日表只到 ${cov.lastDay}（还剩 ${Math.max(daysLeft, 0)} 天）：请导入国务院办公厅 ${next} 年节假日安排，` +
        `在此之前 ${next} 年的期限按暂定规则计算。 The holiday table ends on ${cov.lastDay}: import ${next}.`
      : null;
  return {
    years,
    firstDay: cov.firstDay,
    lastDay: cov.lastDay,
    provisionalFrom: chinaDate(cov.to),
    daysLeft,
    warning,
  };
}

export interface YearInput {
  source: string;
  holidays: { zh: string; from: string; to: string; name?: string }[];
  workdays: { date: string; for: string }[];
}

function refuse(field: string, message: string): never {
  throw new ApiError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);
}

/** Dates of a year's notice lie in that year, or next to it (a New Year block may start on 30 December). */
function checkNear(year: number, date: string, field: string): void {
  if (date < `${year - 1}-12-01` || date > `${year + 1}-01-31`)
    refuse(field, `${date} 不在 ${year} 年 (not in ${year})`);
}

/**
 * Validates a year against the whole table (contiguous years, weekends only as swapped working days,
 * no day both off and on) and stores it, audited. Nothing is written when anything is wrong.
 */
export async function importCalendarYear(
  db: Db,
  year: number,
  input: YearInput,
  by: { actor: string; at: Date },
): Promise<{ replaced: boolean; overview: CalendarOverview }> {
  if (!input.holidays.length) refuse('holidays', '至少一个假期 at least one holiday');
  input.holidays.forEach((h, i) => {
    checkNear(year, h.from, `holidays[${i}].from`);
    checkNear(year, h.to, `holidays[${i}].to`);
    if (!h.from.startsWith(String(year)) && !h.to.startsWith(String(year)))
      refuse(`holidays[${i}]`, `${h.zh} 不在 ${year} 年 (not in ${year})`);
  });
  input.workdays.forEach((w, i) => checkNear(year, w.date, `workdays[${i}].date`));
  const zhs = new Set(input.holidays.map((h) => h.zh));
  input.workdays.forEach((w, i) => {
    if (!zhs.has(w.for) && !input.holidays.some((h) => h.name === w.for))
      refuse(`workdays[${i}].for`, `'${w.for}' 不是本年的假期 (not a holiday of this year)`);
  });
  const entry: HolidayYear = {
    year,
    source: input.source.trim(),
    holidays: input.holidays.map((h) => ({ name: h.name ?? h.zh, zh: h.zh.trim(), from: h.from, to: h.to })),
    workdays: input.workdays.map((w) => ({ date: w.date, for: w.for })),
  };
  const others = (await calendarYears(db)).filter((y) => y.year !== year);
  const table = [...others, entry].sort((a, b) => a.year - b.year);
  try {
    new WorkingCalendar(tableOf(table));
  } catch (err) {
    if (err instanceof DomainError) refuse(String(year), err.message);
    throw err;
  }
  const { replaced } = await putCalendarYear(db, entry, by);
  return { replaced, overview: await calendarOverview(db, by.at) };
}

const KINDS: Record<string, 'holiday' | 'workday'> = {
  holiday: 'holiday',
  放假: 'holiday',
  假期: 'holiday',
  workday: 'workday',
  上班: 'workday',
  调休上班: 'workday',
};

/**
 * The CSV form of a notice, one row per line: `kind,name,from,to` — `holiday,春节,2027-02-05,2027-02-11`
 * or `workday,春节,2027-02-14,` (a swapped working day, `name` the holiday it pays for). A first line
 * naming the columns (kind,name,from,to or 类型,名称,开始,结束) is skipped.
 */
export function parseCalendarCsv(text: string, source: string): YearInput {
  const out: YearInput = { source, holidays: [], workdays: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (!line.trim() || (i === 0 && /^(kind|类型)$/i.test(cells[0]!))) return;
    const [kindText, name, from, to] = cells;
    const kind = KINDS[kindText!.toLowerCase()];
    if (!kind) refuse(`line ${i + 1}`, `类型必须是 holiday/放假 或 workday/上班，而不是 '${kindText}'`);
    if (!name) refuse(`line ${i + 1}`, '缺少名称 name is missing');
    if (!from || !/^\d{4}-\d{2}-\d{2}$/.test(from)) refuse(`line ${i + 1}`, `日期应为 YYYY-MM-DD，而不是 '${from}'`);
    if (kind === 'workday') out.workdays.push({ date: from, for: name });
    else {
      const end = to || from;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) refuse(`line ${i + 1}`, `结束日期应为 YYYY-MM-DD，而不是 '${to}'`);
      out.holidays.push({ zh: name, from, to: end });
    }
  });
  return out;
}
