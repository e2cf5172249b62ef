// Letters between offices as their addressees and senders see them (issue 15): the letters a unit
// received, read (opened by someone of the unit) and acknowledged (签收); the letters the centre sent,
// with whether they were acknowledged; a letter's PDF when it is an official document.
import { Type, type Static } from 'typebox';
import { CodeLabel, DateTime, Nullable, StringEnum } from './common.js';

export const LETTER_BOXES = ['received', 'sent'] as const;
export const LETTER_STATES = ['unread', 'unacknowledged', 'acknowledged'] as const;

export const LetterQuery = Type.Object(
  {
    box: Type.Optional(
      StringEnum(LETTER_BOXES, {
        description:
          '收件（本单位收到的，默认）或发件（辖区内发出的，督办与管理员） Received by your unit (default), or ' +
          'sent within your jurisdiction (supervisors, administrators, auditors)',
      }),
    ),
    state: Type.Optional(StringEnum(LETTER_STATES, { description: '未读 / 未签收 / 已签收 Unread, unacknowledged…' })),
    unit: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 120,
        pattern: '^[a-z0-9-]+/[a-z0-9-]+$',
        description: '发件箱按收件单位筛选 Sent box: one addressee unit',
        examples: ['demo-county-a/justice'],
      }),
    ),
    code: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        pattern: '^[A-Za-z0-9-]+$',
        description: '受理编号（前缀）Tracking code or its start',
        examples: ['GC-2603'],
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: '每页条数 Page size' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0, description: '跳过 Skip' })),
  },
  { additionalProperties: false },
);
export type LetterQuery = Static<typeof LetterQuery>;

const LETTER_EXAMPLE = {
  id: '913',
  matterId: '42',
  trackingCode: 'GC-2603-0001-7K3QX',
  template: 'reminder-letter',
  templateLabel: { zh: '工作提示函', en: 'Work reminder letter' },
  unit: 'demo-town-a1/people-mediation-committee',
  unitLabel: '东湖街道人民调解委员会',
  unitStaffed: true,
  subject: '关于受理编号 GC-2603-0001-7K3QX 事项的工作提示函',
  text: '你单位承办的纠纷事项（受理编号：GC-2603-0001-7K3QX）已过办理时限的一半，办理期限至2026年3月9日。',
  deadline: '2026-03-09T17:00:00.000+08:00',
  sentAt: '2026-03-05T09:00:00.000+08:00',
  readAt: '2026-03-05T10:12:00.000+08:00',
  readBy: '东湖街道人民调解委员会',
  acknowledgedAt: null,
  acknowledgedBy: null,
  note: null,
  document: { id: '77', docNumber: '〔2026〕综治提字第0007号', title: '工作提示函' },
};

export const UnitLetter = Type.Object(
  {
    id: Type.String({ description: '函件编号 Letter id' }),
    matterId: Nullable(Type.String({ description: '事项 ID Matter id' })),
    trackingCode: Nullable(Type.String({ description: '受理编号 Tracking code' })),
    template: Type.String({ description: '函件种类 Kind', examples: ['reminder-letter'] }),
    templateLabel: CodeLabel('函件种类名称 Kind, in words', { zh: '工作提示函', en: 'Work reminder letter' }),
    unit: Type.String({ description: '收件单位 Addressee unit', examples: ['demo-county-a/justice'] }),
    unitLabel: Type.String({ description: '收件单位名称 Addressee, in words', examples: ['明江区司法局'] }),
    unitStaffed: Type.Boolean({
      description:
        '收件单位是否有在岗账号（否则无人能阅读、签收，需线下送达或先开通账号）' +
        ' Whether the addressee unit has any active account (if not, nobody can read or acknowledge it)',
    }),
    subject: Type.String({ description: '标题 Subject' }),
    text: Type.String({ description: '正文（不含当事人信息）Body, without personal data' }),
    deadline: Nullable(DateTime('办理期限 Deadline the letter names')),
    sentAt: Nullable(DateTime('送达时间 Delivered at')),
    readAt: Nullable(DateTime('首次阅读时间 First opened at')),
    readBy: Nullable(Type.String({ description: '首次阅读人 First opened by (display name)' })),
    acknowledgedAt: Nullable(DateTime('签收时间 Acknowledged at')),
    acknowledgedBy: Nullable(Type.String({ description: '签收人 Acknowledged by (display name)' })),
    note: Nullable(Type.String({ description: '签收意见 Note given on acknowledging' })),
    document: Nullable(
      Type.Object(
        {
          id: Type.String({ description: '文书 ID（GET /api/letters/:id/document 下载）Document id' }),
          docNumber: Type.String({ description: '文号 Document number' }),
          title: Type.String({ description: '文书标题 Title' }),
        },
        { description: '正式文书（两函一单有；PDF 生成前为 null）The official document, once made' },
      ),
    ),
  },
  { description: '函件 A letter', examples: [LETTER_EXAMPLE] },
);
export type UnitLetter = Static<typeof UnitLetter>;

export const UnitLetterList = Type.Object(
  {
    box: StringEnum(LETTER_BOXES, { description: '收件或发件 Received or sent' }),
    unit: Nullable(Type.String({ description: '收件箱的单位 The unit whose box this is (received)' })),
    unitLabel: Nullable(Type.String({ description: '单位名称 The unit, in words' })),
    total: Type.Integer({ minimum: 0, description: '符合条件的总数 Matching letters' }),
    unread: Type.Integer({ minimum: 0, description: '未读数（收件箱）Unread (received box)' }),
    unacknowledged: Type.Integer({ minimum: 0, description: '未签收数 Not acknowledged' }),
    items: Type.Array(UnitLetter, { description: '最新在前 Newest first' }),
  },
  {
    description: '函件列表 Letters',
    examples: [
      {
        box: 'received',
        unit: LETTER_EXAMPLE.unit,
        unitLabel: LETTER_EXAMPLE.unitLabel,
        total: 1,
        unread: 0,
        unacknowledged: 1,
        items: [LETTER_EXAMPLE],
      },
    ],
  },
);
export type UnitLetterList = Static<typeof UnitLetterList>;

export const LetterIdParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,18}$', description: '函件编号 Letter id' }) },
  { additionalProperties: false },
);

export const AcknowledgeBody = Type.Object(
  {
    note: Type.Optional(
      Type.String({ maxLength: 500, description: '签收意见（可选）An optional note', examples: ['已安排专人办理'] }),
    ),
  },
  { additionalProperties: false },
);
export type AcknowledgeBody = Static<typeof AcknowledgeBody>;

export const LetterCounts = Type.Object(
  {
    unit: Nullable(Type.String({ description: '本人单位 Your unit (null: none)' })),
    unread: Type.Integer({ minimum: 0, description: '未读 Unread' }),
    unacknowledged: Type.Integer({ minimum: 0, description: '未签收 Not acknowledged' }),
  },
  {
    description: '本单位来函计数（菜单角标）Your unit’s letters, for the menu badge',
    examples: [{ unit: 'demo-county-a/justice', unread: 2, unacknowledged: 3 }],
  },
);
export type LetterCounts = Static<typeof LetterCounts>;

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'dead', 'skipped'] as const;

/** One message a step of the timeline sent, and what became of it. */
export const TimelineMessage = Type.Object(
  {
    channel: StringEnum(['sms', 'letter', 'internal'] as const, { description: '渠道 Channel' }),
    channelLabel: CodeLabel('渠道名称 Channel, in words', { zh: '短信', en: 'SMS' }),
    templateLabel: CodeLabel('消息种类 Kind, in words', { zh: '受理通知', en: 'Matter received' }),
    recipientLabel: Type.String({ description: '收件人（当事人身份或单位名称，不含号码）Recipient, never a number' }),
    status: StringEnum(DELIVERY_STATUSES, { description: '状态 Status' }),
    statusLabel: CodeLabel('状态名称 Status, in words', { zh: '已发送', en: 'Sent' }),
    at: Nullable(DateTime('发送或送达时间 Sent or delivered at')),
    acknowledgedAt: Nullable(DateTime('签收时间（函件）Acknowledged at (letters)')),
  },
  {
    description: '该步骤发出的消息 A message this step sent',
    examples: [
      {
        channel: 'sms',
        channelLabel: { zh: '短信', en: 'SMS' },
        templateLabel: { zh: '受理通知', en: 'Matter received' },
        recipientLabel: '申请人',
        status: 'sent',
        statusLabel: { zh: '已发送', en: 'Sent' },
        at: '2026-03-02T09:30:05.000+08:00',
        acknowledgedAt: null,
      },
    ],
  },
);
export type TimelineMessage = Static<typeof TimelineMessage>;
