// Quality sampling (四级抽访): a week's samples and their reviews, the disputes flagged long unresolved
// (久调不决) and where they are guided, and the share of each review pool sampled per region.
import { Type, type Static } from 'typebox';
import { DateTime, Limit, Nullable, Offset, RegionFilter, StringEnum, TrackingCode } from './common.js';

const Day = (description: string, example: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: [example] });

const Share = Type.Number({
  exclusiveMinimum: 0,
  maximum: 1,
  description: '抽取比例（0 到 1，向上取整，每个复核池至少 1 件）Share of a review pool sampled, in (0, 1]',
  examples: [0.2],
});

export const QualitySamplesQuery = Type.Object(
  {
    week: Type.Optional(
      Day(
        '抽访周（北京时间周一至下周一；可填该周任一天，默认上一整周）' +
          ' The China week (Monday to Monday), any day of it; default the previous whole week',
        '2026-10-12',
      ),
    ),
    region: Type.Optional(RegionFilter),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);
export type QualitySamplesQuery = Static<typeof QualitySamplesQuery>;

const TIERS = ['city', 'county', 'town', 'village', 'grid'] as const;

const SAMPLE_EXAMPLE = {
  matterId: '42',
  trackingCode: 'GC-2610-0042-7K3QX',
  regionCode: 'demo-village-a1-1',
  regionName: '湖滨社区',
  category: 'neighbour',
  week: '2026-10-12',
  mediatedTier: 'village',
  mediatedUnit: 'demo-village-a1-1/people-mediation-committee',
  mediatedUnitLabel: '湖滨社区人民调解委员会',
  reviewUnit: 'demo-town-a1/justice',
  reviewUnitLabel: '东湖街道司法行政(人民调解、公共法律服务)',
  share: 0.2,
  sampledAt: '2026-10-19T09:00:00.000+08:00',
  closedAt: '2026-10-14T18:05:00.000+08:00',
  review: { at: '2026-10-21T10:00:00.000+08:00', verdict: 'pass', notes: '程序规范', by: 'demo-town-a1/justice' },
};

export const QualitySample = Type.Object(
  {
    matterId: Type.String({ description: '事项 ID Matter id' }),
    trackingCode: TrackingCode,
    regionCode: Type.String({ description: '事项所属区域 Region of the matter' }),
    regionName: Type.String({ description: '区域名称 Region name' }),
    category: Nullable(Type.String({ description: '类别 Category' })),
    week: Type.String({ description: '抽访周（周一）The week sampled, its Monday' }),
    mediatedTier: Nullable(StringEnum(TIERS, { description: '达成协议的层级 Tier of the agreement' })),
    mediatedUnit: Nullable(Type.String({ description: '调解单位（人民调解委员会）Mediating committee' })),
    mediatedUnitLabel: Nullable(Type.String({ description: '调解单位名称 Its name' })),
    reviewUnit: Nullable(Type.String({ description: '复核单位（上一级）Reviewing unit, the level above' })),
    reviewUnitLabel: Nullable(Type.String({ description: '复核单位名称 Its name' })),
    share: Nullable(Type.Number({ description: '所在复核池的抽取比例 Share applied to its pool' })),
    sampledAt: DateTime('抽取时间 Sampled at'),
    closedAt: Nullable(DateTime('办结时间 Closed at')),
    review: Nullable(
      Type.Object(
        {
          at: DateTime('复核时间 Reviewed at'),
          verdict: Nullable(
            Type.String({ description: '结论：pass 合格 / rework 重新调解 / guide-litigation 引导诉讼或仲裁 Verdict' }),
          ),
          notes: Nullable(Type.String({ description: '复核意见 Notes' })),
          by: Nullable(Type.String({ description: '复核单位 Reviewing unit' })),
        },
        { description: '复核结果（未复核为 null）The review, null until done' },
      ),
    ),
  },
  { description: '抽访样本 A sampled case', examples: [SAMPLE_EXAMPLE] },
);

export const QualitySampleList = Type.Object(
  {
    region: Type.String({ description: '区域 Region' }),
    week: Type.Object(
      {
        key: Type.String({ description: '周一日期 The Monday' }),
        start: DateTime('起（含）周一 00:00 Start, Monday 00:00, inclusive'),
        end: DateTime('止（不含）下周一 00:00 End, next Monday 00:00, exclusive'),
      },
      { description: '抽访周（北京时间）The China week' },
    ),
    ranAt: Nullable(DateTime('抽取时间（尚未抽取为 null）When the week was sampled; null: not yet')),
    total: Type.Integer({ description: '样本总数 Samples in all' }),
    items: Type.Array(QualitySample),
  },
  {
    description: '一周的抽访样本 A week’s samples',
    examples: [
      {
        region: 'demo-county-a',
        week: {
          key: '2026-10-12',
          start: '2026-10-12T00:00:00.000+08:00',
          end: '2026-10-19T00:00:00.000+08:00',
        },
        ranAt: '2026-10-19T09:00:00.000+08:00',
        total: 1,
        items: [SAMPLE_EXAMPLE],
      },
    ],
  },
);

export const LongUnresolvedQuery = Type.Object(
  {
    region: Type.Optional(RegionFilter),
    open: Type.Optional(
      Type.Boolean({ default: true, description: '仅未办结的（默认是）Only matters still open (default true)' }),
    ),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);
export type LongUnresolvedQuery = Static<typeof LongUnresolvedQuery>;

const FLAG_EXAMPLE = {
  matterId: '43',
  trackingCode: 'GC-2609-0043-9P2LM',
  regionCode: 'demo-village-a2-1',
  regionName: '石桥村',
  category: 'unpaid-wages',
  status: 'in-progress',
  tier: 'county',
  handlingUnit: 'demo-county-a/centre',
  handlingUnitLabel: '明江区综治中心',
  misses: 2,
  flaggedAt: '2026-11-02T09:00:00.000+08:00',
  week: '2026-11-02',
  route: 'labour-arbitration',
  routeUnit: 'demo-county-a/labour-arbitration',
  routeUnitLabel: '明江区劳动人事争议仲裁院',
  guidance:
    '本案已 2 次逾期未能调结（久调不决），请引导当事人申请劳动仲裁（明江区劳动人事争议仲裁院）。' +
    ' Missed 2 deadlines without settlement: guide the parties to labour-arbitration' +
    ' (demo-county-a/labour-arbitration).',
};

export const LongUnresolvedItem = Type.Object(
  {
    matterId: Type.String({ description: '事项 ID Matter id' }),
    trackingCode: TrackingCode,
    regionCode: Type.String({ description: '事项所属区域 Region of the matter' }),
    regionName: Type.String({ description: '区域名称 Region name' }),
    category: Nullable(Type.String({ description: '类别 Category' })),
    status: Type.String({ description: '当前状态 Status now' }),
    tier: Nullable(Type.String({ description: '当前层级 Tier now' })),
    handlingUnit: Nullable(
      Type.String({ description: '标记时的承办单位（已收到引导通知）Handling unit when flagged' }),
    ),
    handlingUnitLabel: Nullable(Type.String({ description: '承办单位名称 Its name' })),
    misses: Type.Integer({ description: '逾期次数（见 domain/quality.ts）Deadlines missed' }),
    flaggedAt: DateTime('标记时间 Flagged at'),
    week: Type.String({ description: '标记所在周（周一）Week of the flag, its Monday' }),
    route: StringEnum(
      ['labour-arbitration', 'administrative-reconsideration', 'commercial-mediation', 'litigation'] as const,
      { description: '引导途径：仲裁、复议、商事调解或诉讼 Route the parties are guided to' },
    ),
    routeUnit: Type.String({ description: '引导至的单位 Unit of that route' }),
    routeUnitLabel: Type.String({ description: '其名称 Its name' }),
    guidance: Type.String({ description: '给承办单位的引导意见 What the handling unit was asked to do' }),
  },
  { description: '久调不决的事项 A long-unresolved dispute', examples: [FLAG_EXAMPLE] },
);

export const LongUnresolvedList = Type.Object(
  {
    region: Type.String({ description: '区域 Region' }),
    total: Type.Integer({ description: '总数 In all' }),
    items: Type.Array(LongUnresolvedItem),
  },
  {
    description: '久调不决、已引导诉讼或仲裁的纠纷 Long-unresolved disputes, guided to court or arbitration',
    examples: [{ region: 'demo-county-a', total: 1, items: [FLAG_EXAMPLE] }],
  },
);

export const QualitySharesQuery = Type.Object({ region: Type.Optional(RegionFilter) }, { additionalProperties: false });
export type QualitySharesQuery = Static<typeof QualitySharesQuery>;

export const QualityShareList = Type.Object(
  {
    region: Type.String({ description: '区域 Region' }),
    effectiveShare: Type.Number({ description: '该区域适用的比例 Share that applies to this region' }),
    defaultShare: Type.Number({ description: '未设置时的比例（流程头 share）Default when none is set' }),
    items: Type.Array(
      Type.Object({
        regionCode: Type.String({ description: '区域 Region' }),
        regionName: Type.String({ description: '区域名称 Region name' }),
        share: Type.Number({ description: '比例 Share' }),
        updatedAt: DateTime('设置时间 Set at'),
        updatedBy: Nullable(Type.String({ description: '设置人 Set by' })),
      }),
      {
        description: '辖区内设置的比例（下级未设置时沿用上级）Shares set in the subtree; a region inherits its nearest',
      },
    ),
  },
  {
    description: '抽访比例 Sampling shares',
    examples: [
      {
        region: 'demo-county-a',
        effectiveShare: 0.3,
        defaultShare: 0.2,
        items: [
          {
            regionCode: 'demo-county-a',
            regionName: '明江区',
            share: 0.3,
            updatedAt: '2026-10-01T09:00:00.000+08:00',
            updatedBy: 'admin',
          },
        ],
      },
    ],
  },
);

export const QualityShareParams = Type.Object(
  {
    region: Type.String({
      minLength: 1,
      maxLength: 64,
      description: '区域代码 Region code',
      examples: ['demo-town-a1'],
    }),
  },
  { additionalProperties: false },
);
export type QualityShareParams = Static<typeof QualityShareParams>;

export const QualityShareBody = Type.Object(
  { share: Nullable(Share) },
  {
    additionalProperties: false,
    description:
      '比例；null 为清除（沿用上级或默认）The share; null clears it (the nearest ancestor’s or the default applies)',
    examples: [{ share: 0.3 }],
  },
);
export type QualityShareBody = Static<typeof QualityShareBody>;
