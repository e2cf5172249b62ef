// What the intake form asks before submitting: the category the summary suggests, and the duplicate
// hint its parties would get (both what POST /api/matters would give, by the same code); and the
// receipt printed after it.
import { Type, type Static } from 'typebox';
import { MATTER_TYPES, TIERS } from '../../domain/index.js';
import { CodeLabel, DateTime, Nullable, RegionCode, StringEnum, TrackingCode } from './common.js';
import { PartyInput } from './matters.js';

export const CategorySuggestionQuery = Type.Object(
  {
    summary: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: '事项摘要（与受理时相同）The summary, as it will be submitted',
      examples: ['邻居占用楼道堆放杂物，多次协商未果'],
    }),
    matterType: Type.Optional(
      StringEnum(MATTER_TYPES, {
        description: '事项类型（仅纠纷与投诉举报分类）Matter type: only disputes and complaints',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CategorySuggestionQuery = Static<typeof CategorySuggestionQuery>;

export const CategorySuggestion = Type.Object(
  {
    category: Nullable(Type.String({ description: '推荐类别代码（无则为 null）Suggested category code, or null' })),
    label: Nullable(CodeLabel('推荐类别名称 The category, for people', { zh: '邻里纠纷', en: 'Neighbours' })),
  },
  {
    description: '按摘要推荐的类别：未指定类别时受理即用此类别 The category intake would fill in from the summary',
    examples: [
      { category: 'neighbour', label: { zh: '邻里纠纷', en: 'Neighbours' } },
      { category: null, label: null },
    ],
  },
);
export type CategorySuggestion = Static<typeof CategorySuggestion>;

export const DuplicateCheckBody = Type.Object(
  {
    regionCode: RegionCode,
    parties: Type.Array(
      Type.Object(
        { idNumber: PartyInput.properties.idNumber, phone: PartyInput.properties.phone },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: 50,
        description: '当事人的身份证号或电话（至少一项）The parties’ ID numbers or phones (at least one in all)',
      },
    ),
  },
  {
    additionalProperties: false,
    examples: [
      { regionCode: 'demo-village-a1-1', parties: [{ idNumber: '330203199001011234', phone: '13812345678' }] },
    ],
  },
);
export type DuplicateCheckBody = Static<typeof DuplicateCheckBody>;

export const DuplicateCheckReply = Type.Object(
  {
    duplicateHint: Type.Array(TrackingCode, {
      description: '疑似重复的受理编号（仅本人辖区内）Possible duplicates (codes), within your jurisdiction only',
    }),
    possibleDuplicateOf: Type.Array(Type.String(), { description: '同上，事项 ID The same matters (ids)' }),
  },
  {
    description:
      '同一当事人（身份证号或电话相同）未办结的事项，与受理时的提示相同；每次查询留痕' +
      ' Open matters of the same person, as intake would hint; every check is audited',
    examples: [{ duplicateHint: ['GC-7K2M-9QXR-4TW'], possibleDuplicateOf: ['42'] }],
  },
);
export type DuplicateCheckReply = Static<typeof DuplicateCheckReply>;

const RECEIPT_EXAMPLE = {
  id: '42',
  trackingCode: 'GC-7K2M-9QXR-4TW',
  trackingUrl: 'https://zz.example.gov.cn/track/GC-7K2M-9QXR-4TW',
  matterType: 'dispute',
  matterTypeLabel: { zh: '纠纷化解', en: 'Dispute resolution' },
  channelLabel: { zh: '窗口来访', en: 'Walk-in at the window' },
  categoryLabel: { zh: '邻里纠纷', en: 'Neighbours' },
  receivedAt: '2026-03-02T09:30:00.000+08:00',
  sensitive: false,
  tier: 'town',
  tierLabel: { zh: '乡镇(街道)', en: 'town/street' },
  unitLabel: '东湖街道人民调解委员会',
  online: false,
  nextDeadline: '2026-03-09T18:00:00.000+08:00',
  applicant: '张*',
};

export const Receipt = Type.Object(
  {
    id: Type.String({ description: '事项 ID Matter id' }),
    trackingCode: TrackingCode,
    trackingUrl: Type.String({
      description: '公开查询页地址（与回执二维码相同）The public tracking page, as the receipt’s QR code',
    }),
    matterType: StringEnum(MATTER_TYPES),
    matterTypeLabel: CodeLabel('事项类型名称 Matter type, for people', { zh: '纠纷化解', en: 'Dispute resolution' }),
    channelLabel: CodeLabel('受理渠道名称 Channel, for people', { zh: '窗口来访', en: 'Walk-in at the window' }),
    categoryLabel: Nullable(
      CodeLabel('类别（敏感事项不载明）Category; never for a sensitive matter', { zh: '邻里纠纷', en: 'Neighbours' }),
    ),
    receivedAt: DateTime('受理时间 Received at'),
    sensitive: Type.Boolean({
      description:
        '敏感事项：回执可能落入他人之手，不载明类别、承办单位与当事人' +
        ' Sensitive: the receipt names neither the category, the unit nor a party',
    }),
    tier: Nullable(StringEnum(TIERS, { description: '承办层级 The tier handling it' })),
    tierLabel: Nullable(CodeLabel('层级名称 Tier, for people', { zh: '乡镇(街道)', en: 'town/street' })),
    unitLabel: Nullable(Type.String({ description: '承办单位名称（敏感事项为 null）The unit; null when sensitive' })),
    online: Type.Boolean({ description: '线上流转至上级 Transferred up online (class-3 regions)' }),
    nextDeadline: Nullable(DateTime('下一期限（流程计算后才有）Next deadline, once the process has set it')),
    applicant: Nullable(
      Type.String({ description: '申请人姓名（遮盖；敏感事项为 null）Applicant, masked; null when sensitive' }),
    ),
  },
  {
    description:
      '受理回执：给群众的凭据，无证件号与电话；承办去向在流程分流前按同一规则预先给出' +
      ' The receipt for the citizen: no ID numbers or phones; where it goes is given by the routing rule' +
      ' until the process has recorded it',
    examples: [RECEIPT_EXAMPLE],
  },
);
export type Receipt = Static<typeof Receipt>;
