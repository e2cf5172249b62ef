// What a matter's page shows besides its detail: the process diagrams (the root instance and the
// called ones running now, with the elements active, passed and in trouble), the letters and messages
// sent for it, and its deadlines. No personal data: recipients are kinds and units, never a phone.
import { Type, type Static } from 'typebox';
import { CodeLabel, DateTime, Nullable, StringEnum, TrackingCode } from './common.js';

const ElementIds = (description: string, example: string[]) =>
  Type.Array(Type.String(), { description, examples: [example] });

export const InstanceDiagram = Type.Object(
  {
    processInstanceKey: Type.String({ description: '流程实例 Process instance key', examples: ['2251799813685249'] }),
    bpmnProcessId: Type.String({ description: '流程 BPMN process id', examples: ['mediation-at-tier'] }),
    name: Type.String({ description: '流程名称 Process name', examples: ['分级调解 Mediation at a tier'] }),
    version: Type.Integer({ description: '版本 Version', examples: [1] }),
    state: StringEnum(['ACTIVE', 'COMPLETED', 'CANCELED'] as const, {
      description: '实例状态 Instance state',
      examples: ['ACTIVE'],
    }),
    root: Type.Boolean({ description: '事项的主流程 The matter’s own (root) instance', examples: [false] }),
    parentKey: Nullable(Type.String({ description: '上级实例 The calling instance' })),
    calledFrom: Nullable(
      Type.String({
        description: '上级流程中的调用活动 The call activity that started it',
        examples: ['Call_Mediation'],
      }),
    ),
    xml: Type.String({ description: '流程图 BPMN 2.0 XML of the deployed version' }),
    active: ElementIds('当前节点 Elements active now', ['Task_Mediate']),
    completed: ElementIds('已经过的节点（已完成或已终止）Elements passed: completed or terminated', [
      'Start_Mediation',
      'Task_AssignMediator',
    ]),
    incidents: ElementIds('有事故的节点 Elements with an open incident', []),
  },
  { description: '一个流程实例的流程图与进度 One process instance: its diagram and where it is' },
);
export type InstanceDiagram = Static<typeof InstanceDiagram>;

export const MatterDiagrams = Type.Object(
  {
    matterId: Type.String({ description: '事项 ID Matter id' }),
    trackingCode: TrackingCode,
    instances: Type.Array(InstanceDiagram, {
      description:
        '主流程在前，其后为正在运行的被调用流程（逐层）；流程未启动时为空 The root first, then the called instances' +
        ' running now (level by level); empty before the process starts',
    }),
  },
  {
    description: '事项的流程图 The matter’s process diagrams',
    examples: [
      {
        matterId: '42',
        trackingCode: 'GC-2603-0001-7K3QX',
        instances: [
          {
            processInstanceKey: '2251799813685301',
            bpmnProcessId: 'mediation-at-tier',
            name: '分级调解 Mediation at a tier',
            version: 1,
            state: 'ACTIVE',
            root: false,
            parentKey: '2251799813685249',
            calledFrom: 'Call_Mediation',
            xml: '<bpmn:definitions …/>',
            active: ['Task_Mediate'],
            completed: ['Start_Mediation', 'Task_AssignMediator', 'Task_ComputeDeadline'],
            incidents: [],
          },
        ],
      },
    ],
  },
);
export type MatterDiagrams = Static<typeof MatterDiagrams>;

const RECIPIENT_KINDS = ['citizen', 'unit', 'court', 'staff'] as const;

export const LetterView = Type.Object({
  id: Type.String({ description: '编号 Id' }),
  template: Type.String({ description: '文书/消息模板 Template', examples: ['reminder-letter'] }),
  templateLabel: CodeLabel('文书名称 The letter, for people', { zh: '工作提示函', en: 'Work reminder letter' }),
  recipientKind: StringEnum(RECIPIENT_KINDS, { description: '收件方类别 Recipient kind' }),
  recipientKindLabel: CodeLabel('收件方类别名称 Recipient kind, for people', { zh: '单位', en: 'Unit' }),
  unit: Nullable(
    Type.String({
      description: '收件单位（单位、法院）Recipient unit, for units and courts',
      examples: ['demo-town-a1/people-mediation-committee'],
    }),
  ),
  recipientLabel: Type.String({
    description:
      '收件方（单位名称或当事人身份，从不含电话或证件号）Recipient: unit name or party role, never contact data',
    examples: ['东湖街道人民调解委员会'],
  }),
  createdAt: DateTime('生成时间 Queued at'),
  sentAt: Nullable(DateTime('发送时间 Sent at')),
  status: StringEnum(['queued', 'sent', 'delivered', 'failed', 'dead', 'skipped'] as const, {
    description:
      '状态：待发送、已发送、已送达、失败将重试、失败已停止重试、未发送（无号码、已退订、敏感事项）' +
      ' Status: queued, sent, delivered, failed (will retry), dead (no more retries), skipped',
  }),
  statusLabel: CodeLabel('状态名称 Status, for people', { zh: '已发送', en: 'Sent' }),
  deliveries: Type.Array(
    Type.Object({
      channel: StringEnum(['sms', 'letter', 'internal'] as const, { description: '渠道 Channel' }),
      recipientLabel: CodeLabel('收件人（当事人身份或单位），从不含号码 Recipient: role or unit, never the number', {
        zh: '申请人',
        en: 'Applicant',
      }),
      status: StringEnum(['queued', 'sending', 'sent', 'delivered', 'failed', 'dead', 'skipped'] as const, {
        description: '该条消息的状态 This message’s status',
      }),
      statusLabel: CodeLabel('状态名称 Status, for people', { zh: '已发送', en: 'Sent' }),
      attempts: Type.Integer({ minimum: 0, description: '已尝试次数 Tries so far' }),
      error: Nullable(
        Type.String({ description: '最近一次失败或未发送的原因 Why the last try failed or it was not sent' }),
      ),
      text: Nullable(
        Type.String({ description: '发出的短信正文（演示模式下即记录内容）The SMS text sent (or recorded)' }),
      ),
      sentAt: Nullable(DateTime('发送时间 Sent at')),
      readAt: Nullable(DateTime('收件单位首次阅读时间（函件）First opened by the addressee (letters)')),
      acknowledgedAt: Nullable(DateTime('收件单位签收时间（函件）Acknowledged by the addressee (letters)')),
      acknowledgedBy: Nullable(Type.String({ description: '签收人 Acknowledged by (display name)' })),
    }),
    { description: '每条实际发出的消息：每位当事人一条短信，或致单位的一份文书 Each message it became' },
  ),
});
export type LetterView = Static<typeof LetterView>;

export const MatterLetters = Type.Object(
  {
    matterId: Type.String({ description: '事项 ID Matter id' }),
    trackingCode: TrackingCode,
    items: Type.Array(LetterView, { description: '按生成先后 Oldest first' }),
  },
  {
    description: '事项的文书与消息 Letters and messages sent for the matter',
    examples: [
      {
        matterId: '42',
        trackingCode: 'GC-2603-0001-7K3QX',
        items: [
          {
            id: '7',
            template: 'matter-assigned',
            templateLabel: { zh: '交办通知', en: 'Assignment notice' },
            recipientKind: 'unit',
            recipientKindLabel: { zh: '单位', en: 'Unit' },
            unit: 'demo-town-a1/people-mediation-committee',
            recipientLabel: '东湖街道人民调解委员会',
            createdAt: '2026-03-02T09:30:05.000+08:00',
            sentAt: null,
            status: 'queued',
            statusLabel: { zh: '待发送', en: 'Queued' },
            deliveries: [],
          },
        ],
      },
    ],
  },
);
export type MatterLetters = Static<typeof MatterLetters>;

export const DeadlineView = Type.Object({
  kind: StringEnum(['task', 'stage'] as const, {
    description: '待办的期限，或办理阶段的法定期限 A task’s due date, or a stage’s deadline',
  }),
  label: CodeLabel('名称 What is due', { zh: '调解期限', en: 'Mediation deadline' }),
  elementId: Nullable(Type.String({ description: '流程节点（待办）The task’s element' })),
  dueAt: DateTime('期限 Due at'),
  setAt: DateTime('设定时间 When it was set'),
  extended: Type.Boolean({ description: '延长后的期限 An extended deadline' }),
  open: Type.Boolean({ description: '仍在办理（待办未完成）Still running: an open task' }),
  overdue: Type.Boolean({ description: '已超期且仍在办理 Past due while still open' }),
});
export type DeadlineView = Static<typeof DeadlineView>;

export const MatterDeadlines = Type.Object(
  {
    matterId: Type.String({ description: '事项 ID Matter id' }),
    nextDeadline: Nullable(DateTime('下一期限 The matter’s next deadline')),
    items: Type.Array(DeadlineView, { description: '按期限先后 By due date' }),
  },
  {
    description: '事项的期限 The matter’s deadlines',
    examples: [
      {
        matterId: '42',
        nextDeadline: '2026-03-09T18:00:00.000+08:00',
        items: [
          {
            kind: 'task',
            label: { zh: '调解 Mediate', en: '调解 Mediate' },
            elementId: 'Task_Mediate',
            dueAt: '2026-03-09T18:00:00.000+08:00',
            setAt: '2026-03-02T09:31:00.000+08:00',
            extended: false,
            open: true,
            overdue: false,
          },
        ],
      },
    ],
  },
);
export type MatterDeadlines = Static<typeof MatterDeadlines>;
