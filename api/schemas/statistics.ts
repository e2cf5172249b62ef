// The figures for a region subtree and a period; definitions at the top of store/statistics.ts.
import { Type, type Static } from 'typebox';
import { CodeLabel, DateTime, Described, Nullable, RegionFilter, StringEnum } from './common.js';

// A China day or an RFC 3339 date-time; the route reads it (domain periodBound) and names the field
// when it is no real date or time.
const Bound = (description: string, examples: string[]) =>
  Type.String({
    minLength: 10,
    maxLength: 40,
    pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ].*)?$',
    description,
    examples,
  });

export const StatisticsQuery = Type.Object(
  {
    region: Type.Optional(RegionFilter),
    from: Bound(
      '期间起（含）：日期 YYYY-MM-DD 指该日北京时间 0 时，或带时区的时间' +
        ' Period start, inclusive: a China day YYYY-MM-DD is that day 00:00 +08:00; or a date-time with its offset',
      ['2026-11-01', '2026-11-01T00:00:00+08:00'],
    ),
    to: Bound(
      '期间止：日期 YYYY-MM-DD 含该日全天（即次日北京时间 0 时之前），带时区的时间则不含该时刻' +
        ' Period end: a China day YYYY-MM-DD includes that whole day (the period ends before the next day' +
        ' 00:00 +08:00); a date-time with its offset is exclusive',
      ['2026-11-30', '2026-12-01T00:00:00+08:00'],
    ),
  },
  { additionalProperties: false },
);
export type StatisticsQuery = Static<typeof StatisticsQuery>;

const Rate = (description: string) => Nullable(Type.Number({ description, examples: [0.85] }));
const Counts = (description: string) =>
  Type.Record(Type.String(), Type.Integer(), { description, examples: [{ dispute: 12, petition: 3 }] });

const STATISTICS_EXAMPLE = {
  region: 'demo-city',
  from: '2026-01-01T00:00:00.000+08:00',
  to: '2026-04-01T00:00:00.000+08:00',
  received: 15,
  byType: { dispute: 12, petition: 3 },
  byChannel: { window: 10, hotline: 5 },
  byCategory: { neighbourhood: 9, '(none)': 6 },
  closed: 10,
  resolved: 8,
  completionRate: 0.667,
  resolutionRate: 0.533,
  onTimeRate: 0.9,
  meanHoursToResolve: 50.5,
  medianHoursToResolve: 36,
  townOrBelowShare: 0.75,
  satisfaction: 1,
  oneTimeResolutionRate: 0.875,
  funnel: { received: 15, resolvedWithoutLitigation: 8, toLitigation: 1, unresolvedAfterLitigation: 1 },
  mostOverdueUnits: [{ unit: 'demo-county-a/market-regulation', overdue: 2, label: '示范县市场监管' }],
};

export const Statistics = Type.Object(
  {
    region: Type.String({ description: '区域 Region' }),
    from: DateTime('期间起（含）Period start, inclusive'),
    to: DateTime('期间止（不含）Period end, exclusive'),
    received: Type.Integer({ description: '受理数 Received' }),
    byType: Counts('按类型 By matter type'),
    byChannel: Counts('按渠道 By channel'),
    byCategory: Counts('按类别（无类别为 "(none)"）By category'),
    closed: Type.Integer({ description: '办结数 Closed' }),
    resolved: Type.Integer({ description: '化解数 Resolved' }),
    completionRate: Rate('办结率 Completion rate'),
    resolutionRate: Rate('化解率 Resolution rate'),
    onTimeRate: Rate('按期办结率 On-time rate'),
    meanHoursToResolve: Nullable(Type.Number({ description: '平均化解时长（小时）Mean hours to resolve' })),
    medianHoursToResolve: Nullable(Type.Number({ description: '化解时长中位数（小时）Median hours to resolve' })),
    townOrBelowShare: Rate('镇村化解占比 Share resolved at town or below'),
    satisfaction: Rate('满意率 Satisfaction'),
    oneTimeResolutionRate: Rate('一次性化解率 One-time resolution rate'),
    funnel: Type.Object(
      {
        received: Type.Integer(),
        resolvedWithoutLitigation: Type.Integer({ description: '诉前化解 Resolved without litigation' }),
        toLitigation: Type.Integer({ description: '转诉讼 To litigation' }),
        unresolvedAfterLitigation: Type.Integer({ description: '诉后未化解 Unresolved after litigation' }),
      },
      { description: '漏斗 Funnel' },
    ),
    mostOverdueUnits: Type.Array(
      Type.Object({
        unit: Type.String({ description: '单位 Unit' }),
        overdue: Type.Integer({ description: '逾期次数 Overdue count' }),
        label: Nullable(Type.String({ description: '单位名称 Unit label', examples: ['示范县市场监管'] })),
      }),
      { description: '逾期最多的单位（前十）The ten units most often overdue' },
    ),
  },
  {
    description: '统计 Figures',
    examples: [STATISTICS_EXAMPLE],
  },
);
export type Statistics = Static<typeof Statistics>;

const Label = (example: { zh: string; en: string }) => CodeLabel('名称 Label, for people', example);
const CountList = (description: string, example: { key: string; zh: string; en: string }) =>
  Type.Array(
    Type.Object({
      key: Type.String({ description: '代码 Code', examples: [example.key] }),
      label: Label({ zh: example.zh, en: example.en }),
      n: Type.Integer({ description: '受理数 Received' }),
    }),
    { description },
  );
const Trend = (description: string) =>
  Type.Array(
    Type.Object({
      start: Type.String({ description: '起始日（北京时间）First China day of the bucket', examples: ['2026-11-02'] }),
      received: Type.Integer({ description: '受理数 Received' }),
      closed: Type.Integer({ description: '其中已办结 Of those, closed now' }),
      resolved: Type.Integer({ description: '其中已化解 Of those, resolved now' }),
    }),
    { description },
  );

export const StatisticsBreakdown = Type.Object(
  {
    region: Type.String({ description: '区域 Region' }),
    regionLabel: Label({ zh: '示范县', en: 'Demo County' }),
    current: Statistics,
    previous: Described(Statistics, '上一期（等长、紧接其前）The period of equal length just before'),
    weeks: Trend('按周（周一起）By China week, Monday first; every week of the period'),
    months: Trend('按月 By China month'),
    byType: CountList('按类型 By matter type', { key: 'dispute', zh: '纠纷化解', en: 'Dispute' }),
    byChannel: CountList('按渠道 By channel', { key: 'window', zh: '窗口', en: 'Window' }),
    byCategory: CountList('按类别 By category', { key: 'neighbour', zh: '邻里纠纷', en: 'Neighbour' }),
    subRegions: Type.Array(
      Type.Object({
        code: Nullable(Type.String({ description: '下级区域；null 为本级受理 Sub-region; null: at this level' })),
        label: Label({ zh: '示范镇', en: 'Demo Town' }),
        rank: Type.Integer({ description: '名次（按化解率，再按办结率、受理数）Rank by resolution rate' }),
        received: Type.Integer(),
        closed: Type.Integer(),
        resolved: Type.Integer(),
        closedOnTime: Type.Integer(),
        satisfied: Type.Integer(),
        completionRate: Rate('办结率 Completion rate'),
        resolutionRate: Rate('化解率 Resolution rate'),
        onTimeRate: Rate('按期办结率 On-time rate'),
        satisfaction: Rate('满意率 Satisfaction'),
      }),
      { description: '直属下级区域排名 The direct sub-regions, ranked' },
    ),
    risk: CountList('按当前风险等级 By current risk grade (none: not graded)', {
      key: 'red',
      zh: '红色（重大风险）',
      en: 'Red',
    }),
  },
  {
    description: '统计看板 The dashboard',
    examples: [
      {
        region: 'demo-county-a',
        regionLabel: { zh: '明江区', en: 'Mingjiang District' },
        current: STATISTICS_EXAMPLE,
        previous: STATISTICS_EXAMPLE,
        weeks: [{ start: '2026-03-30', received: 4, closed: 3, resolved: 2 }],
        months: [{ start: '2026-03-01', received: 15, closed: 10, resolved: 8 }],
        byType: [{ key: 'dispute', label: { zh: '纠纷化解', en: 'Dispute' }, n: 12 }],
        byChannel: [{ key: 'window', label: { zh: '窗口来访', en: 'Walk-in' }, n: 10 }],
        byCategory: [{ key: '(none)', label: { zh: '未分类', en: 'No category' }, n: 6 }],
        subRegions: [
          {
            code: 'demo-town-a1',
            label: { zh: '东湖街道', en: 'Donghu Subdistrict' },
            rank: 1,
            received: 9,
            closed: 7,
            resolved: 6,
            closedOnTime: 6,
            satisfied: 5,
            completionRate: 0.778,
            resolutionRate: 0.667,
            onTimeRate: 0.857,
            satisfaction: 1,
          },
        ],
        risk: [{ key: 'red', label: { zh: '红色（重大风险）', en: 'Red (major risk)' }, n: 1 }],
      },
    ],
  },
);
export type StatisticsBreakdown = Static<typeof StatisticsBreakdown>;

export const StatisticsExportQuery = Type.Object(
  {
    ...StatisticsQuery.properties,
    format: StringEnum(['xlsx', 'csv'] as const, { description: '文件格式 File format: xlsx or csv' }),
  },
  { additionalProperties: false },
);
export type StatisticsExportQuery = Static<typeof StatisticsExportQuery>;

/** The export's answer: the file, in the media type asked for (documented per type, like the QR SVG). */
export const StatisticsExportFile = {
  description: '统计文件 The dashboard as a file',
  content: {
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: Type.String({ format: 'binary', description: 'Excel 工作簿 Excel workbook (format=xlsx)' }),
    },
    'text/csv': {
      schema: Type.String({
        description: 'CSV（UTF-8，带 BOM）CSV, UTF-8 with a BOM (format=csv)',
        examples: ['\uFEFF区域,明江区\r\n…'],
      }),
    },
  },
};
