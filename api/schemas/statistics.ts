// The figures for a region subtree and a period; definitions at the top of store/statistics.ts.
import { Type, type Static } from 'typebox';
import { DateTime, Nullable, RegionFilter } from './common.js';

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
    examples: [
      {
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
      },
    ],
  },
);
export type Statistics = Static<typeof Statistics>;
