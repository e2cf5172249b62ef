// Matters: the intake body, the list filters, and what staff see of a matter (masked parties,
// timeline). Request rules are the ones the routes had as JSON-schema literals, unchanged.
import { Type, type Static } from 'typebox';
import { MATTER_TYPES, CHANNELS, TIERS, MATTER_STATUSES, CLOSURE_REASONS } from '../../domain/index.js';
import { DateTime, Limit, Nullable, Offset, OpenObject, RegionCode, RegionFilter, StringEnum } from './common.js';
import { CodeLabel, TrackingCode } from './common.js';

export const RiskFacts = Type.Object(
  {
    parties: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: '当事人数 Number of parties' })),
    amountYuan: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12, description: '涉及金额（元）Amount, yuan' })),
    violence: Type.Optional(Type.Boolean({ description: '有暴力 Violence' })),
    threat: Type.Optional(Type.Boolean({ description: '有威胁 Threats' })),
    repeatPetition: Type.Optional(Type.Boolean({ description: '重复信访 Repeated petition' })),
    vulnerableParty: Type.Optional(Type.Boolean({ description: '弱势当事人 Vulnerable party' })),
    domesticViolence: Type.Optional(Type.Boolean({ description: '家庭暴力 Domestic violence' })),
    extremeWords: Type.Optional(Type.Boolean({ description: '过激言辞 Extreme words' })),
  },
  { additionalProperties: false, description: '风险研判要素 Facts for the risk grade' },
);

const PARTY_ROLES = ['applicant', 'respondent', 'third-party', 'agent'] as const;
export const PartyInput = Type.Object(
  {
    role: StringEnum(PARTY_ROLES, { description: '当事人身份 Role in the matter' }),
    name: Type.String({ minLength: 1, maxLength: 100, description: '姓名 Name', examples: ['张三'] }),
    idNumber: Type.Optional(
      Type.String({
        pattern: '^[0-9]{17}[0-9Xx]$|^[A-Za-z0-9]{6,20}$',
        description: '身份证号（加密存储）ID number, stored sealed',
        examples: ['330203199001011234'],
      }),
    ),
    phone: Type.Optional(
      Type.String({ pattern: '^\\+?[0-9-]{5,20}$', description: '电话（加密存储）Phone, stored sealed' }),
    ),
  },
  { additionalProperties: false },
);

export const IntakeBody = Type.Object(
  {
    matterType: StringEnum(MATTER_TYPES, { description: '事项类型 Matter type' }),
    channel: StringEnum(CHANNELS, { description: '来源渠道 Channel' }),
    category: Type.Optional(Type.String({ maxLength: 50, description: '类别（缺省时按摘要推荐）Category' })),
    regionCode: RegionCode,
    summary: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: '事项摘要 Summary',
      examples: ['邻居占用楼道堆放杂物，多次协商未果'],
    }),
    facts: Type.Optional(RiskFacts),
    // At least one party, except from channel 'system' (the route checks it: channelNeedsParty).
    parties: Type.Optional(
      Type.Array(PartyInput, {
        maxItems: 50,
        description:
          '当事人：至少一名；设备或系统自动上报（channel=system）可无 Parties: at least one, none needed from channel system',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        matterType: 'dispute',
        channel: 'window',
        regionCode: 'demo-town-a1',
        summary: '邻居占用楼道堆放杂物，多次协商未果',
        parties: [{ role: 'applicant', name: '张三', phone: '13812345678' }],
      },
      {
        matterType: 'complaint',
        channel: 'system',
        category: 'public-facilities',
        regionCode: 'demo-village-a1-1',
        summary: '路灯监测：湖滨社区3号路灯故障不亮',
      },
    ],
  },
);
export type IntakeBody = Static<typeof IntakeBody>;

export const IntakeHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 200,
      description: '幂等键：重发得到首次的答复 Resend to get the first answer',
    }),
  ),
});

/** The figures of /api/statistics a list can be narrowed to (store/matters.ts reads app.stats_counters). */
export const MATTER_FIGURES = [
  'closed',
  'resolved',
  'closedOnTime',
  'resolvedTownOrBelow',
  'satisfied',
  'answered',
  'oneTime',
  'resolvedWithoutLitigation',
  'toLitigation',
  'unresolvedAfterLitigation',
] as const;

export const MatterListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(['received', 'in-progress', 'closed', 'reopened'] as const)),
    matterType: Type.Optional(StringEnum(MATTER_TYPES)),
    category: Type.Optional(Type.String({ maxLength: 50 })),
    tier: Type.Optional(StringEnum(TIERS, { description: '当前层级 Current tier' })),
    region: Type.Optional(RegionFilter),
    regionCode: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: '辖区内的区域（含下级，同 region）A region within your jurisdiction and below (as region)',
        examples: ['demo-town-a1'],
      }),
    ),
    risk: Type.Optional(StringEnum(['red', 'orange', 'green'] as const, { description: '风险等级 Risk grade' })),
    channel: Type.Optional(StringEnum(CHANNELS, { description: '受理渠道 Channel' })),
    figure: Type.Optional(
      StringEnum(MATTER_FIGURES, {
        description:
          '统计口径（与 /api/statistics 定义相同）：计入该指标分子的事项 Only the matters a figure of' +
          ' /api/statistics counts (its numerator), by the same definition',
      }),
    ),
    overdueUnit: Type.Optional(
      Type.String({
        maxLength: 120,
        description: '曾在该单位逾期（逾期或交办单）Matters that fell overdue at this unit',
        examples: ['demo-county-a/petition-office'],
      }),
    ),
    overdue: Type.Optional(Type.Boolean({ description: '只看逾期 Only overdue ones' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: '受理时间起 Received from' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: '受理时间止 Received before' })),
    receivedFrom: Type.Optional(
      Type.String({
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
        description: '受理日期起（北京时间，含当日）Received on or after this China day',
        examples: ['2026-03-01'],
      }),
    ),
    receivedTo: Type.Optional(
      Type.String({
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
        description: '受理日期止（北京时间，含当日）Received on or before this China day',
        examples: ['2026-03-31'],
      }),
    ),
    sort: Type.Optional(
      StringEnum(['-received', 'received'] as const, {
        default: '-received',
        description: '排序：-received 最新在前（默认），received 最早在前 Newest first (default) or oldest first',
      }),
    ),
    search: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          '一个检索框：受理编号、身份证号、电话或当事人姓名，由系统判断（按当事人检索留痕）' +
          ' One search box: a tracking code, an ID number, a phone or a party name; the API decides which' +
          ' (searches by party are audited)',
        examples: ['GC-2603-0001-7K3QX'],
      }),
    ),
    q: Type.Optional(Type.String({ maxLength: 100, description: '摘要检索 Text search in the summary' })),
    code: Type.Optional(
      Type.String({
        maxLength: 40,
        description: '受理编号（不分大小写）Tracking code, any case',
        examples: ['GC-2603-0001-7K3QX'],
      }),
    ),
    party: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: '当事人姓名（留痕）Party name, audited',
        examples: ['张三'],
      }),
    ),
    phone: Type.Optional(
      Type.String({
        pattern: '^\\+?[0-9 -]{5,24}$',
        description: '当事人电话，按密钥散列比对（留痕）Party phone, matched by its keyed hash, audited',
      }),
    ),
    idNumber: Type.Optional(
      Type.String({
        pattern: '^[0-9]{17}[0-9Xx]$|^[A-Za-z0-9]{6,20}$',
        description: '当事人证件号，按密钥散列比对（留痕）Party ID number, matched by its keyed hash, audited',
      }),
    ),
    limit: Type.Optional(Limit(200, 50)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);
export type MatterListQuery = Static<typeof MatterListQuery>;

export const MatterParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,18}$', description: '事项 ID Matter id', examples: ['42'] }),
});
export const MatterDetailQuery = Type.Object(
  {
    reveal: Type.Optional(Type.Boolean({ default: false, description: '显示未遮盖的个人信息（留痕）Unmask, audited' })),
  },
  { additionalProperties: false },
);

export const PartyView = Type.Object({
  role: StringEnum(PARTY_ROLES),
  name: Type.String({ description: '姓名 Name' }),
  idNumber: Nullable(
    Type.String({ description: '身份证号（默认遮盖）ID number, masked', examples: ['3302**********1234'] }),
  ),
  phone: Nullable(Type.String({ description: '电话（默认遮盖）Phone, masked', examples: ['138****5678'] })),
});
export type PartyView = Static<typeof PartyView>;

/** Labels shared with the public page and the inbox (domain/labels.ts). */
export const StatusLabel = CodeLabel('状态名称 Status, for people', { zh: '办理中', en: 'In progress' });
export const ClosureReasonLabel = Nullable(
  CodeLabel('办结原因名称（未办结为 null）Closure reason, for people; null while open', {
    zh: '已化解',
    en: 'Resolved',
  }),
);
export const RiskLevelLabel = Nullable(
  CodeLabel('风险等级名称 Risk grade, for people', { zh: '绿色（一般风险）', en: 'Green (ordinary risk)' }),
);

export const MATTER_EXAMPLE = {
  id: '42',
  trackingCode: 'GC-7K2M-9QXR-4TW',
  matterType: 'dispute',
  matterTypeLabel: { zh: '纠纷化解', en: 'Dispute resolution' },
  channel: 'window',
  channelLabel: { zh: '窗口来访', en: 'Walk-in at the window' },
  category: 'neighbour',
  categoryLabel: { zh: '邻里纠纷', en: 'Neighbours' },
  regionCode: 'demo-town-a1',
  summary: '邻居占用楼道堆放杂物，多次协商未果',
  facts: {},
  status: 'in-progress',
  statusLabel: { zh: '办理中', en: 'In progress' },
  closureReason: null,
  closureReasonLabel: null,
  tier: 'town',
  tierLabel: { zh: '乡镇(街道)', en: 'town/street' },
  handlingUnit: 'demo-town-a1/people-mediation-committee',
  riskLevel: 'green',
  riskLevelLabel: { zh: '绿色（一般风险）', en: 'Green (ordinary risk)' },
  processId: 'dispute-resolution',
  processInstanceKey: '2251799813685249',
  nextDeadline: '2026-03-09T18:00:00.000+08:00',
  receivedAt: '2026-03-02T09:30:00.000+08:00',
  closedAt: null,
  possibleDuplicateOf: [],
};

export const MatterView = Type.Object(
  {
    id: Type.String({ description: '事项 ID Matter id' }),
    trackingCode: TrackingCode,
    matterType: StringEnum(MATTER_TYPES),
    matterTypeLabel: CodeLabel('事项类型名称 Matter type, for people', { zh: '纠纷化解', en: 'Dispute resolution' }),
    channel: StringEnum(CHANNELS),
    channelLabel: CodeLabel('来源渠道名称 Channel, for people', { zh: '窗口来访', en: 'Walk-in at the window' }),
    category: Nullable(Type.String({ description: '类别 Category' })),
    categoryLabel: Nullable(CodeLabel('类别名称 Category, for people', { zh: '邻里纠纷', en: 'Neighbours' })),
    regionCode: Type.String({ description: '属地 Region code' }),
    summary: Type.String({ description: '摘要 Summary' }),
    // Open: the risk facts as received; the intake schema above is what limits them.
    facts: OpenObject('风险研判要素 Risk facts'),
    status: StringEnum(MATTER_STATUSES, { description: '状态 Status' }),
    statusLabel: StatusLabel,
    closureReason: Nullable(StringEnum(CLOSURE_REASONS, { description: '办结原因 Closure reason' })),
    closureReasonLabel: ClosureReasonLabel,
    tier: Nullable(Type.String({ description: '当前层级 Current tier' })),
    tierLabel: Nullable(CodeLabel('层级名称 Tier, for people', { zh: '乡镇(街道)', en: 'town/street' })),
    handlingUnit: Nullable(Type.String({ description: '承办单位 Handling unit (region/department)' })),
    riskLevel: Nullable(Type.String({ description: '风险等级 Risk grade' })),
    riskLevelLabel: RiskLevelLabel,
    processId: Nullable(Type.String({ description: '流程 BPMN process id' })),
    processInstanceKey: Nullable(Type.String({ description: '流程实例 Process instance key' })),
    nextDeadline: Nullable(DateTime('下一期限 Next deadline')),
    receivedAt: DateTime('受理时间 Received at'),
    closedAt: Nullable(DateTime('办结时间 Closed at')),
    possibleDuplicateOf: Type.Array(Type.String(), { description: '可能重复的事项 ID Possible duplicates (ids)' }),
  },
  { description: '事项 A matter as staff see it', examples: [MATTER_EXAMPLE] },
);
export type MatterView = Static<typeof MatterView>;

const ROUTING_EXAMPLE = {
  tier: 'town',
  tierLabel: '乡镇(街道)',
  regionCode: 'demo-town-a1',
  unit: 'demo-town-a1/people-mediation-committee',
  unitLabel: '东湖街道人民调解委员会',
  risk: 'green',
  online: false,
  ruleId: 'dispute',
};

export const RoutingDecision = Type.Object(
  {
    tier: StringEnum(TIERS, { description: '首办层级 The tier that handles it first', examples: ['town'] }),
    tierLabel: Type.String({ description: '层级名称 The tier in Chinese', examples: ['乡镇(街道)'] }),
    regionCode: Type.String({ description: '承办区域 The region whose unit handles it', examples: ['demo-town-a1'] }),
    unit: Type.String({
      description:
        '承办单位（区域/部门），首个待办进入其队列 Handling unit <region>/<department>: its queue gets the first task',
      examples: ['demo-town-a1/town-government'],
    }),
    unitLabel: Type.String({
      description: '承办单位名称，可告知群众 The unit in Chinese, to tell the citizen',
      examples: ['东湖街道办事处'],
    }),
    risk: StringEnum(['red', 'orange', 'green'] as const, { description: '风险等级 Risk grade', examples: ['green'] }),
    online: Type.Boolean({ description: '线上流转至上级 Transferred up online (class-3 regions)', examples: [false] }),
    ruleId: Type.String({ description: '分流规则 Routing rule id', examples: ['complaint-property-management-town'] }),
  },
  {
    description:
      '分流去向：与流程的分类分级步骤同一规则、同一数据；无法分流时为 null（流程报事故，见监控）' +
      ' Where the process sends it first: the same rule on the same data as its triage step;' +
      ' null when it cannot be routed (the process raises an incident, see the monitor)',
    examples: [ROUTING_EXAMPLE],
  },
);
export type RoutingDecision = Static<typeof RoutingDecision>;

export const IntakeReply = Type.Object(
  {
    ...MatterView.properties,
    parties: Type.Array(PartyView),
    duplicateHint: Type.Array(TrackingCode, { description: '疑似重复的受理编号 Possible duplicates (codes)' }),
    replayed: Type.Boolean({ description: '按幂等键重放 Answer replayed for a resent Idempotency-Key' }),
    routing: Nullable(RoutingDecision),
  },
  {
    description: '已受理的事项 The matter received',
    examples: [{ ...MATTER_EXAMPLE, parties: [], duplicateHint: [], replayed: false, routing: ROUTING_EXAMPLE }],
  },
);
export type IntakeReply = Static<typeof IntakeReply>;

export const MatterList = Type.Object(
  {
    total: Type.Integer({ description: '符合条件的总数 Matching matters' }),
    items: Type.Array(MatterView),
    searchedBy: Type.Optional(
      StringEnum(['code', 'idNumber', 'phone', 'party'] as const, {
        description: 'search 被识别为 How `search` was read: code, ID number, phone or party name',
      }),
    ),
  },
  { description: '事项列表 A page of matters', examples: [{ total: 1, items: [MATTER_EXAMPLE] }] },
);
export type MatterList = Static<typeof MatterList>;
