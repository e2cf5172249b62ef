// The working-day calendar: the holiday table by year, imported from the State Council's notice.
import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from './common.js';

const Day = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: ['2027-02-05'] });
const Text = (description: string, max = 200) =>
  Type.String({ minLength: 1, maxLength: max, pattern: '\\S', description });

export const HolidayPeriod = Type.Object(
  {
    zh: Text('假期名称 Holiday name', 40),
    from: Day('放假首日 First day off'),
    to: Day('放假末日（含）Last day off, inclusive'),
    name: Type.Optional(
      Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: '英文代码 Code (e.g. spring-festival)' }),
    ),
  },
  { additionalProperties: false },
);

export const SwappedWorkday = Type.Object(
  {
    date: Day('调休上班的周末日 A weekend day that is a working day'),
    for: Text('所补的假期（名称或代码）The holiday it pays for (zh or code)', 40),
  },
  { additionalProperties: false },
);

export const CalendarYearBody = Type.Object(
  {
    source: Text('依据（通知名称）Source: the notice', 300),
    holidays: Type.Array(HolidayPeriod, { maxItems: 20 }),
    workdays: Type.Array(SwappedWorkday, { maxItems: 20 }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        source: '国务院办公厅关于2027年部分节假日安排的通知',
        holidays: [{ zh: '春节', from: '2027-02-05', to: '2027-02-11' }],
        workdays: [{ date: '2027-02-14', for: '春节' }],
      },
    ],
  },
);
export type CalendarYearBody = Static<typeof CalendarYearBody>;

export const CalendarYearParams = Type.Object(
  { year: Type.Integer({ minimum: 1901, maximum: 2099, description: '年份 Year' }) },
  { additionalProperties: false },
);

export const CalendarCsvQuery = Type.Object(
  { source: Type.Optional(Text('依据（CSV 导入时必填）Source, required with a CSV body', 300)) },
  { additionalProperties: false },
);

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  source: Type.String(),
  holidays: Type.Array(Type.Object({ name: Type.String(), zh: Type.String(), from: Type.String(), to: Type.String() })),
  workdays: Type.Array(Type.Object({ date: Type.String(), for: Type.String() })),
  updatedBy: Type.String({ description: '导入人 Imported by' }),
  updatedAt: DateTime('导入时间 Imported at'),
});

const OVERVIEW_EXAMPLE = {
  years: [
    {
      year: 2026,
      source: '国务院办公厅关于2026年部分节假日安排的通知',
      holidays: [{ name: 'spring-festival', zh: '春节', from: '2026-02-15', to: '2026-02-23' }],
      workdays: [{ date: '2026-02-14', for: 'spring-festival' }],
      updatedBy: 'migration',
      updatedAt: '2026-11-22T08:00:00.000+08:00',
    },
  ],
  firstDay: '2025-01-01',
  lastDay: '2026-12-31',
  provisionalFrom: '2027-01-01',
  daysLeft: 31,
  warning: '节假日表只到 2026-12-31（还剩 31 天）：请导入国务院办公厅 2027 年节假日安排。',
};

export const CalendarOverview = Type.Object(
  {
    years: Type.Array(CalendarYear),
    firstDay: Type.String({ description: '节假日表首日 First day of the table' }),
    lastDay: Type.String({ description: '节假日表末日 Last day of the table' }),
    provisionalFrom: Type.String({
      description: '自此日起按暂定规则（周末与法定节日，无调休）计算 From this day on, the provisional rule applies',
    }),
    daysLeft: Type.Integer({ description: '距表末天数 Days until the table ends' }),
    warning: Nullable(Type.String({ description: '表将用尽时的提醒 Warning when the table is about to end' })),
  },
  { description: '工作日历 The working-day calendar', examples: [OVERVIEW_EXAMPLE] },
);
export type CalendarOverview = Static<typeof CalendarOverview>;

export const CalendarImportReply = Type.Object(
  {
    year: Type.Integer(),
    replaced: Type.Boolean({ description: '覆盖了已有年份 Replaced a year already in the table' }),
    calendar: CalendarOverview,
  },
  {
    description: '已导入 Imported',
    examples: [
      {
        year: 2027,
        replaced: false,
        calendar: {
          ...OVERVIEW_EXAMPLE,
          lastDay: '2027-12-31',
          provisionalFrom: '2028-01-01',
          daysLeft: 396,
          warning: null,
        },
      },
    ],
  },
);
