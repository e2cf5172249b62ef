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

export const PublicMatter = Type.Object(
  {
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
  },
  {
    description: '一案一码公开信息 What the public page shows',
    examples: [
      {
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
        steps: [
          { step: 'received', label: '已受理', labelEn: 'Received', at: '2026-03-02T09:30:00.000+08:00', unit: null },
        ],
      },
    ],
  },
);
export type PublicMatter = Static<typeof PublicMatter>;

/** Not JSON: the reply is an SVG document, so OpenAPI documents the media type instead. */
export const QrSvg = {
  description: '二维码（SVG）QR code of the tracking page (SVG)',
  content: {
    'image/svg+xml': { schema: Type.String({ description: 'SVG 文档 SVG document', examples: ['<svg …>'] }) },
  },
};
