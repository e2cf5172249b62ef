// Messages that could not be sent (dead letters) and putting one back in the queue; letters whose
// official document could not be made, and making it again (issue 15).
import { Type, type Static } from 'typebox';
import { CodeLabel, DateTime, Nullable, StringEnum } from './common.js';

export const DeadLetterView = Type.Object({
  id: Type.String({ description: '消息编号 Delivery id' }),
  trackingCode: Nullable(Type.String({ description: '受理编号 Tracking code' })),
  matterId: Nullable(Type.String({ description: '事项 ID Matter id' })),
  channel: StringEnum(['sms', 'letter', 'internal'] as const, { description: '渠道 Channel' }),
  template: Type.String({ description: '模板 Template', examples: ['matter-received'] }),
  templateLabel: CodeLabel('消息种类 Kind, in words', { zh: '受理通知', en: 'Matter received' }),
  channelLabel: CodeLabel('渠道名称 Channel, in words', { zh: '短信', en: 'SMS' }),
  recipientLabel: Type.String({ description: '收件人（当事人身份或单位名称，不含号码）Recipient, never a number' }),
  attempts: Type.Integer({ minimum: 0, description: '已尝试次数 Tries' }),
  error: Nullable(Type.String({ description: '最后一次失败的原因 Why the last try failed' })),
  updatedAt: DateTime('最后尝试时间 Last try at'),
});
export type DeadLetterView = Static<typeof DeadLetterView>;

export const DeadLetterList = Type.Object(
  { items: Type.Array(DeadLetterView, { description: '最新在前，至多 200 条 Newest first, at most 200' }) },
  {
    description: '发送失败且已停止重试的消息 Messages that failed for good',
    examples: [
      {
        items: [
          {
            id: '812',
            trackingCode: 'GC-2603-0001-7K3QX',
            matterId: '42',
            channel: 'sms',
            template: 'matter-received',
            templateLabel: { zh: '受理通知', en: 'Matter received' },
            channelLabel: { zh: '短信', en: 'SMS' },
            recipientLabel: '申请人',
            attempts: 5,
            error: 'aliyun: isv.MOBILE_NUMBER_ILLEGAL: invalid number',
            updatedAt: '2026-03-02T09:35:05.000+08:00',
          },
        ],
      },
    ],
  },
);
export type DeadLetterList = Static<typeof DeadLetterList>;

export const DeliveryIdParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,18}$', description: '消息编号 Delivery id' }) },
  { additionalProperties: false },
);

export const RequeueReply = Type.Object(
  {
    id: Type.String({ description: '消息编号 Delivery id' }),
    queued: Type.Boolean({ description: '已重新排队 Back in the queue' }),
  },
  { description: '已重新排队 Requeued', examples: [{ id: '812', queued: true }] },
);

// Letters whose official document (PDF) could not be made: given up on after five tries (issue 15).
export const FailedDocumentView = Type.Object({
  id: Type.String({ description: '发件记录编号 Outbox id of the letter' }),
  trackingCode: Nullable(Type.String({ description: '受理编号 Tracking code' })),
  matterId: Nullable(Type.String({ description: '事项 ID Matter id' })),
  template: Type.String({ description: '文书种类代码 Letter template', examples: ['reminder-letter'] }),
  templateLabel: CodeLabel('文书种类 Kind, in words', { zh: '工作提示函', en: 'Work reminder letter' }),
  recipientLabel: Type.String({ description: '收件单位名称 Addressee, in words' }),
  attempts: Type.Integer({ minimum: 0, description: '已尝试生成次数 Tries' }),
  error: Nullable(Type.String({ description: '最后一次生成失败的原因 Why the last try failed' })),
  createdAt: DateTime('函件生成时间 Letter written at'),
});
export type FailedDocumentView = Static<typeof FailedDocumentView>;

export const FailedDocumentList = Type.Object(
  { items: Type.Array(FailedDocumentView, { description: '最新在前，至多 200 条 Newest first, at most 200' }) },
  {
    description: '正式文书生成失败且已停止重试的函件 Letters whose document failed for good',
    examples: [
      {
        items: [
          {
            id: '305',
            trackingCode: 'GC-2603-0001-7K3QX',
            matterId: '42',
            template: 'reminder-letter',
            templateLabel: { zh: '工作提示函', en: 'Work reminder letter' },
            recipientLabel: '东湖街道人民调解委员会',
            attempts: 5,
            error: 'duplicate key value violates unique constraint "documents_doc_number_key"',
            createdAt: '2026-03-02T09:35:05.000+08:00',
          },
        ],
      },
    ],
  },
);
export type FailedDocumentList = Static<typeof FailedDocumentList>;

export const OutboxIdParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,18}$', description: '发件记录编号 Outbox id of the letter' }) },
  { additionalProperties: false },
);

export const DocumentRetryReply = Type.Object(
  {
    id: Type.String({ description: '发件记录编号 Outbox id of the letter' }),
    retried: Type.Boolean({ description: '已重新计次，下一轮生成 Fresh tries; made in the next round' }),
  },
  { description: '将重新生成文书 The document will be made again', examples: [{ id: '305', retried: true }] },
);
