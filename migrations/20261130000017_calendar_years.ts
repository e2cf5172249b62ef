// The holiday table as data: each year's days off and swapped working days (调休), imported by
// administrators from the State Council's yearly notice (api/routes/calendar.ts), read by the
// workers that compute deadlines. 2025 and 2026 are seeded here from the notices of those years.
import type { Knex } from 'knex';

const SEED = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知 (published November 2024)',
    holidays: [
      { name: 'new-year', zh: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: 'spring-festival', zh: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: 'qingming', zh: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: 'labour-day', zh: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: 'dragon-boat', zh: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: 'national-day', zh: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    workdays: [
      { date: '2025-01-26', for: 'spring-festival' },
      { date: '2025-02-08', for: 'spring-festival' },
      { date: '2025-04-27', for: 'labour-day' },
      { date: '2025-09-28', for: 'national-day' },
      { date: '2025-10-11', for: 'national-day' },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知 (published November 2025)',
    holidays: [
      { name: 'new-year', zh: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: 'spring-festival', zh: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: 'qingming', zh: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: 'labour-day', zh: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: 'dragon-boat', zh: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: 'mid-autumn', zh: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: 'national-day', zh: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    workdays: [
      { date: '2026-01-04', for: 'new-year' },
      { date: '2026-02-14', for: 'spring-festival' },
      { date: '2026-02-28', for: 'spring-festival' },
      { date: '2026-05-09', for: 'labour-day' },
      { date: '2026-09-20', for: 'national-day' },
      { date: '2026-10-10', for: 'national-day' },
    ],
  },
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE app.calendar_years (
      year int PRIMARY KEY CHECK (year BETWEEN 1901 AND 2099),
      source text NOT NULL,
      holidays jsonb NOT NULL,
      workdays jsonb NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  for (const y of SEED)
    await knex.raw(
      `INSERT INTO app.calendar_years (year, source, holidays, workdays, updated_by) VALUES (?, ?, ?, ?, 'migration')`,
      [y.year, y.source, JSON.stringify(y.holidays), JSON.stringify(y.workdays)],
    );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE app.calendar_years');
}
