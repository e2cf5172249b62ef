// The holiday table (app.calendar_years): one row per year, as the State Council's notice gives it.
import type { Db } from '../platform/db.js';
import type { HolidayYear } from '../domain/index.js';
import { audit } from './audit.js';

export interface StoredYear extends HolidayYear {
  updatedBy: string;
  updatedAt: Date;
}

export async function calendarYears(db: Db): Promise<StoredYear[]> {
  const rows = await db('app.calendar_years').select('*').orderBy('year');
  return rows.map((r) => ({
    year: r.year,
    source: r.source,
    holidays: r.holidays,
    workdays: r.workdays,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

/** Writes a year (new or replaced) and its audit entry in one transaction; `previous` for the audit. */
export async function putCalendarYear(
  db: Db,
  y: HolidayYear,
  by: { actor: string; at: Date },
): Promise<{ replaced: boolean }> {
  return db.transaction(async (tx) => {
    const before = await tx('app.calendar_years').where({ year: y.year }).forUpdate().first();
    await tx('app.calendar_years')
      .insert({
        year: y.year,
        source: y.source,
        holidays: JSON.stringify(y.holidays),
        workdays: JSON.stringify(y.workdays),
        updated_by: by.actor,
        updated_at: by.at,
      })
      .onConflict('year')
      .merge();
    await audit(tx, {
      actor: by.actor,
      action: before ? 'calendar.replace-year' : 'calendar.add-year',
      targetKind: 'calendar-year',
      targetId: String(y.year),
      at: by.at,
      details: {
        holidays: y.holidays.length,
        workdays: y.workdays.length,
        source: y.source,
        ...(before
          ? { previous: { holidays: before.holidays, workdays: before.workdays, source: before.source } }
          : {}),
      },
    });
    return { replaced: Boolean(before) };
  });
}
