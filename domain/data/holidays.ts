// China's official public holidays and the swapped working days (调休) they come with, from the
// State Council General Office's yearly notice (国务院办公厅关于XXXX年部分节假日安排的通知), usually
// published in November for the following year.
//
// The running system reads the table from the database (app.calendar_years), where administrators
// import each new year through the API; this file holds the years the migration seeded, and is the
// table of a calendar built without a database (the domain tests). Past the table, the provisional
// rule applies (provisional-holidays.ts) and deadlines say so.
//
// `holidays` are days off (including the weekend days inside a holiday block, as the notice lists
// them); `workdays` are weekend days that become working days. Ordinary weekends need no entry.

export interface HolidayPeriod {
  name: string;
  zh: string;
  /** First and last day off, China dates 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
}

export interface SwappedWorkday {
  /** A Saturday or Sunday that is a working day. */
  date: string;
  /** The holiday it pays for (a `name` above). */
  for: string;
}

export interface HolidayYear {
  year: number;
  source: string;
  holidays: readonly HolidayPeriod[];
  workdays: readonly SwappedWorkday[];
}

export interface HolidayData {
  years: readonly HolidayYear[];
}

export const HOLIDAYS: HolidayData = {
  years: [
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
  ],
};
