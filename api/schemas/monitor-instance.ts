// The administrator's monitor, one instance: the view (diagrams with token counts, incidents, path,
// variables, action history) and the audited change of variables before a retry.
import { Type, type Static } from 'typebox';
import { DateTime, Nullable, OpenObject, StringEnum, TrackingCode } from './common.js';
import { InstanceDiagram } from './matter-views.js';

export const InstanceParams = Type.Object(
  { key: Type.String({ pattern: '^[0-9]{1,20}$', description: '流程实例 Process instance key' }) },
  { additionalProperties: false },
);
export type InstanceParams = Static<typeof InstanceParams>;

const MonitorDiagram = Type.Object({
  ...InstanceDiagram.properties,
  tokens: Type.Record(Type.String(), Type.Integer(), {
    description: '各节点上的活动令牌数 Active tokens per element',
    examples: [{ Task_Triage: 1 }],
  }),
});

export const MonitorIncident = Type.Object({
  key: Type.String({ description: '事故键 Incident key' }),
  processInstanceKey: Type.String({ description: '所在实例 Instance it is on' }),
  elementId: Type.String({ description: '节点 Element' }),
  type: Type.String({ description: '类型 Error type', examples: ['JOB_NO_RETRIES'] }),
  message: Type.String({ description: '错误信息 Error message' }),
  since: Nullable(DateTime('发生时间 Created')),
});
export type MonitorIncident = Static<typeof MonitorIncident>;

export const MonitorStep = Type.Object({
  processInstanceKey: Type.String(),
  elementId: Type.String({ description: '节点 Element' }),
  type: Type.String({ description: '节点类型 Element type', examples: ['SERVICE_TASK'] }),
  state: Type.String({ description: '状态 ACTIVE / COMPLETED / TERMINATED' }),
  startDate: Nullable(DateTime('进入 Entered')),
  endDate: Nullable(DateTime('离开 Left')),
});

export const MonitorVariable = Type.Object({
  name: Type.String({ description: '变量名 Name' }),
  scopeKey: Type.String({ description: '作用域 Scope key' }),
  value: Nullable(Type.String({ description: '值（JSON 文本；隐去时为 null）Value as JSON text; null when withheld' })),
  withheld: Type.Boolean({ description: '可能含个人信息，值不显示 May hold personal data: value withheld' }),
  truncated: Type.Boolean({ description: '值过长，仅显示开头 Too long: only its start shown' }),
  editable: Type.Boolean({ description: '可在此修改 Can be changed here' }),
});
export type MonitorVariable = Static<typeof MonitorVariable>;

export const MonitorHistoryEntry = Type.Object({
  at: DateTime('时间 When'),
  actor: Type.String({ description: '操作人 Who' }),
  action: Type.String({ description: '操作 monitor.retry / monitor.cancel / monitor.variables' }),
  // Open: what each action recorded (moved, reason, old and new values).
  details: OpenObject('详情 What was recorded'),
});
export type MonitorHistoryEntry = Static<typeof MonitorHistoryEntry>;

export const MonitorInstance = Type.Object(
  {
    processInstanceKey: Type.String({ description: '主流程实例 Root process instance key' }),
    trackingCode: Nullable(TrackingCode),
    matterId: Nullable(Type.String({ description: '事项 ID Matter id' })),
    matterStatus: Nullable(Type.String({ description: '事项状态 Matter status' })),
    regionCode: Nullable(Type.String({ description: '属地 Region code' })),
    processId: Nullable(Type.String({ description: '流程 Process id' })),
    state: StringEnum(['ACTIVE', 'COMPLETED', 'CANCELED'] as const, { description: '实例状态 Instance state' }),
    diagrams: Type.Array(MonitorDiagram, {
      description: '主流程在前，其后为正在运行的被调用流程 The root, then the called instances running now',
    }),
    incidents: Type.Array(MonitorIncident, { description: '未解决的事故 Open incidents' }),
    path: Type.Array(MonitorStep, { description: '经过的路径（按进入时间）The path taken, in order entered' }),
    variables: Type.Array(MonitorVariable, { description: '主流程的变量 The root instance’s variables' }),
    history: Type.Array(MonitorHistoryEntry, { description: '监控操作记录（新在前）Monitor actions, newest first' }),
  },
  {
    description: '流程实例监控视图 One instance as the monitor shows it',
    examples: [
      {
        processInstanceKey: '2251799813685249',
        trackingCode: 'GC-2603-0001-7K3QX',
        matterId: '42',
        matterStatus: 'received',
        regionCode: 'demo-village-a1-1',
        processId: 'dispute-resolution',
        state: 'ACTIVE',
        diagrams: [
          {
            processInstanceKey: '2251799813685249',
            bpmnProcessId: 'dispute-resolution',
            name: '矛盾纠纷化解 Dispute resolution',
            version: 1,
            state: 'ACTIVE',
            root: true,
            parentKey: null,
            calledFrom: null,
            xml: '<bpmn:definitions …/>',
            active: ['Task_Triage'],
            completed: ['Start_Received'],
            incidents: ['Task_Triage'],
            tokens: { Task_Triage: 1 },
          },
        ],
        incidents: [
          {
            key: '2251799813685400',
            processInstanceKey: '2251799813685249',
            elementId: 'Task_Triage',
            type: 'JOB_NO_RETRIES',
            message: "unknown risk fact 'violance'",
            since: '2026-03-02T09:31:00.000+08:00',
          },
        ],
        path: [
          {
            processInstanceKey: '2251799813685249',
            elementId: 'Start_Received',
            type: 'START_EVENT',
            state: 'COMPLETED',
            startDate: '2026-03-02T09:30:00.000+08:00',
            endDate: '2026-03-02T09:30:00.000+08:00',
          },
        ],
        variables: [
          {
            name: 'facts',
            scopeKey: '2251799813685249',
            value: '{"parties":2,"violance":true}',
            withheld: false,
            truncated: false,
            editable: true,
          },
        ],
        history: [
          {
            at: '2026-03-02T10:00:00.000+08:00',
            actor: 'admin',
            action: 'monitor.retry',
            details: { trackingCode: 'GC-2603-0001-7K3QX', moved: false },
          },
        ],
      },
    ],
  },
);
export type MonitorInstance = Static<typeof MonitorInstance>;

export const VariablesBody = Type.Object(
  {
    variables: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 100, description: '变量名 Name' }),
          value: Type.String({ maxLength: 20_000, description: '值（JSON 文本）Value as JSON text' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20, description: '要设置的变量 Variables to set' },
    ),
  },
  {
    additionalProperties: false,
    examples: [{ variables: [{ name: 'facts', value: '{"parties":2,"violence":true}' }] }],
  },
);
export type VariablesBody = Static<typeof VariablesBody>;

export const VariablesReply = Type.Object(
  {
    processInstanceKey: Type.String(),
    // Open: process variables take any JSON.
    old: OpenObject('原值（无则为 null）Values replaced (null where none)'),
    new: OpenObject('新值 Values set'),
  },
  {
    description: '已设置 Variables set',
    examples: [
      {
        processInstanceKey: '2251799813685249',
        old: { facts: { parties: 2, violance: true } },
        new: { facts: { parties: 2, violence: true } },
      },
    ],
  },
);
export type VariablesReply = Static<typeof VariablesReply>;
