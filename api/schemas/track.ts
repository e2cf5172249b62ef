// The public tracking page: one code, no personal data, nothing about what a sensitive matter is.
import { Type, type Static } from 'typebox';
import { MATTER_TYPES, MATTER_STATUSES, CLOSURE_REASONS } from '../../domain/index.js';
import { CodeLabel, DateTime, Nullable, StringEnum, TrackingCode } from './common.js';
import { ClosureReasonLabel, StatusLabel } from './matters.js';

export const TrackParams = Type.Object({
  code: Type.String({
    minLength: 1,
    maxLength: 40,
    description: '受理编号 Tracking code',
    examples: ['GC-7K2M-9QXR-4TW'],
  }),
});

export const PublicStep = Type.Object({
  step: Type.String({ description: '步骤 Step', examples: ['received'] }),
  label: Type.String({ description: '中文名称 Label (Chinese)', examples: ['已受理'] }),
  labelEn: Type.String({ description: '英文名称 Label (English)', examples: ['Received'] }),
  at: DateTime('时间 When'),
  unit: Nullable(
    Type.String({ description: '办理单位（不含个人）Unit, never a person', examples: ['示范镇综治中心'] }),
  ),
});

/** What the citizen can do now: flags only, never the question's text (that comes after the check). */
export const TrackAwaiting = Type.Object(
  {
    answer: Type.Boolean({ description: '工作人员提出的问题待答复 A question staff asked awaits an answer' }),
    rating: Type.Boolean({ description: '回访待评价 The follow-up visit is open for a rating' }),
  },
  { description: '群众此刻可办的事 What the citizen can do now', examples: [{ answer: true, rating: false }] },
);
export type TrackAwaiting = Static<typeof TrackAwaiting>;

const PUBLIC_FIELDS = {
  trackingCode: TrackingCode,
  matterType: StringEnum(MATTER_TYPES),
  matterTypeLabel: CodeLabel('事项类型名称 Matter type, for people', { zh: '纠纷化解', en: 'Dispute resolution' }),
  category: Nullable(Type.String({ description: '类别（中文）Category label' })),
  status: StringEnum(MATTER_STATUSES),
  statusLabel: StatusLabel,
  closureReason: Nullable(StringEnum(CLOSURE_REASONS)),
  closureReasonLabel: ClosureReasonLabel,
  handlingUnit: Nullable(Type.String({ description: '承办单位 Handling unit' })),
  nextDeadline: Nullable(DateTime('下一期限 Next deadline')),
  receivedAt: DateTime('受理时间 Received at'),
  steps: Type.Array(PublicStep, { description: '办理进度 Progress' }),
};
const PUBLIC_EXAMPLE = {
  trackingCode: 'GC-7K2M-9QXR-4TW',
  matterType: 'dispute',
  matterTypeLabel: { zh: '纠纷化解', en: 'Dispute resolution' },
  category: '邻里纠纷',
  status: 'in-progress',
  statusLabel: { zh: '办理中', en: 'In progress' },
  closureReason: null,
  closureReasonLabel: null,
  handlingUnit: '示范镇人民调解委员会',
  nextDeadline: '2026-03-09T18:00:00.000+08:00',
  receivedAt: '2026-03-02T09:30:00.000+08:00',
  steps: [{ step: 'received', label: '已受理', labelEn: 'Received', at: '2026-03-02T09:30:00.000+08:00', unit: null }],
};

/** The matter as the public sees it (api/views.ts publicView). */
export const PublicMatter = Type.Object(PUBLIC_FIELDS, {
  description: '一案一码公开信息 What the public page shows',
  examples: [PUBLIC_EXAMPLE],
});
export type PublicMatter = Static<typeof PublicMatter>;

/** GET /api/track/:code: the public view and what the citizen can do now. */
export const TrackedMatter = Type.Object(
  { ...PUBLIC_FIELDS, awaiting: TrackAwaiting },
  {
    description: '一案一码公开信息与可办事项 What the public page shows, and what the citizen can do now',
    examples: [{ ...PUBLIC_EXAMPLE, awaiting: { answer: true, rating: false } }],
  },
);
export type TrackedMatter = Static<typeof TrackedMatter>;

/** Not JSON: the reply is an SVG document, so OpenAPI documents the media type instead. */
export const QrSvg = {
  description: '二维码（SVG）QR code of the tracking page (SVG)',
  content: {
    'image/svg+xml': { schema: Type.String({ description: 'SVG 文档 SVG document', examples: ['<svg …>'] }) },
  },
};

// ---- The citizen acts: a check (the applicant's phone's last four digits), then answer or rate. -----

const PhoneLast4 = Type.String({
  pattern: '^[0-9]{4}$',
  description: '申请人登记手机号的后四位 The last four digits of the applicant’s phone',
  examples: ['5678'],
});

export const TrackVerifyBody = Type.Object(
  { phoneLast4: PhoneLast4 },
  { additionalProperties: false, examples: [{ phoneLast4: '5678' }] },
);
export type TrackVerifyBody = Static<typeof TrackVerifyBody>;

export const TrackVerifyReply = Type.Object(
  {
    verified: Type.Literal(true),
    question: Nullable(
      Type.String({ description: '工作人员的问题（核验后才给出）The question staff asked, only after the check' }),
    ),
    askedAt: Nullable(DateTime('提问时间 Asked at')),
    awaiting: TrackAwaiting,
  },
  {
    description: '核验通过 The check passed',
    examples: [
      {
        verified: true,
        question: '请补充漏水部位的照片',
        askedAt: '2026-03-03T10:00:00.000+08:00',
        awaiting: { answer: true, rating: false },
      },
    ],
  },
);
export type TrackVerifyReply = Static<typeof TrackVerifyReply>;

export const TrackAnswerBody = Type.Object(
  {
    phoneLast4: PhoneLast4,
    answer: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: '对工作人员问题的答复 The answer to the question staff asked',
      examples: ['照片已发至承办人，漏水在卫生间顶部'],
    }),
  },
  { additionalProperties: false, examples: [{ phoneLast4: '5678', answer: '照片已发至承办人，漏水在卫生间顶部' }] },
);
export type TrackAnswerBody = Static<typeof TrackAnswerBody>;

export const TRACK_SATISFACTION = ['satisfied', 'basically-satisfied', 'unsatisfied'] as const;

export const TrackRatingBody = Type.Object(
  {
    phoneLast4: PhoneLast4,
    satisfaction: StringEnum(TRACK_SATISFACTION, {
      description: '满意度：satisfied 满意，basically-satisfied 基本满意，unsatisfied 不满意 Satisfaction',
    }),
    reallyResolved: StringEnum(['yes', 'no'] as const, {
      description: '矛盾是否真正化解：yes 是，no 否 Is it really resolved',
    }),
    comment: Type.Optional(
      Type.String({ maxLength: 500, description: '意见建议 Comment', examples: ['调解员很耐心'] }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ phoneLast4: '5678', satisfaction: 'satisfied', reallyResolved: 'yes', comment: '调解员很耐心' }],
  },
);
export type TrackRatingBody = Static<typeof TrackRatingBody>;

export const TrackActReply = Type.Object(
  {
    recorded: Type.Literal(true),
    replayed: Type.Boolean({ description: '重复提交，按第一次的记录答复 A repeat: the first record stands' }),
    at: DateTime('记录时间 Recorded at'),
  },
  {
    description: '已记录 Recorded',
    examples: [{ recorded: true, replayed: false, at: '2026-03-04T08:15:00.000+08:00' }],
  },
);
export type TrackActReply = Static<typeof TrackActReply>;
