// The staff inbox: a task (a user-task job of the engine, kept in the application's task table),
// the inbox views, and the bodies of assign / complete / request-info.
import { Type, type Static } from 'typebox';
import { MATTER_TYPES, TASK_STATES } from '../../domain/index.js';
import { CodeLabel, DateTime, Limit, Nullable, Offset, OpenObject, StringEnum, TrackingCode } from './common.js';
import { MatterView, RiskLevelLabel } from './matters.js';

export const TaskParams = Type.Object({
  key: Type.String({
    pattern: '^[0-9]{1,20}$',
    description: '任务（作业）键 Task (job) key',
    examples: ['2251799813685300'],
  }),
});

export const TaskListQuery = Type.Object(
  {
    view: Type.Optional(
      StringEnum(['mine', 'unit', 'unassigned', 'all'] as const, {
        default: 'mine',
        description: '我的 / 本单位 / 未认领 / 辖区全部（主任）Mine, my unit, unclaimed, all (supervisors)',
      }),
    ),
    sort: Type.Optional(
      StringEnum(['due', 'risk', 'age'] as const, {
        default: 'due',
        description: '排序：期限、风险（红橙绿）、时长（最早创建）Order: due, risk (red first), age (oldest first)',
      }),
    ),
    order: Type.Optional(
      StringEnum(['asc', 'desc'] as const, { default: 'asc', description: '正序 / 倒序 Ascending or descending' }),
    ),
    matterType: Type.Optional(StringEnum(MATTER_TYPES, { description: '事项类型 Matter type' })),
    category: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description: '纠纷类别（大类含其小类）Category; a major one includes its minors',
        examples: ['neighbour'],
      }),
    ),
    regionCode: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: '辖区内的区域（含下级）A region within your jurisdiction, with everything below it',
        examples: ['demo-town-a1'],
      }),
    ),
    overdue: Type.Optional(
      Type.Boolean({ description: '只看已超期（按服务器时间）Only overdue ones, by the server clock' }),
    ),
    limit: Type.Optional(Limit(200, 50)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);
export type TaskListQuery = Static<typeof TaskListQuery>;

const TASK_EXAMPLE = {
  jobKey: '2251799813685300',
  matterId: '42',
  trackingCode: 'GC-7K2M-9QXR-4TW',
  regionPath: 'demo-city/demo-county-a/demo-town-a1',
  elementId: 'mediate',
  name: '调解 Mediate',
  processInstanceKey: '2251799813685249',
  elementInstanceKey: '2251799813685299',
  formKey: 'mediation-record',
  candidateGroups: ['demo-town-a1/people-mediation-committee'],
  assignee: null,
  dueAt: '2026-03-09T18:00:00.000+08:00',
  riskLevel: 'green',
  riskLevelLabel: { zh: '绿色（一般风险）', en: 'Green (ordinary risk)' },
  state: 'open',
  stateLabel: { zh: '待办', en: 'Open' },
  claimedBy: null,
  completedBy: null,
  completedAt: null,
  createdAt: '2026-03-02T09:31:00.000+08:00',
  matterType: 'dispute',
  matterTypeLabel: { zh: '纠纷化解', en: 'Dispute resolution' },
};

export const TaskView = Type.Object(
  {
    jobKey: Type.String({ description: '任务（作业）键 Task (job) key' }),
    matterId: Nullable(Type.String({ description: '事项 ID Matter id' })),
    trackingCode: Nullable(TrackingCode),
    regionPath: Nullable(Type.String({ description: '属地路径 Region path' })),
    elementId: Type.String({ description: '流程节点 BPMN element id' }),
    name: Nullable(Type.String({ description: '任务名称 Task name' })),
    processInstanceKey: Type.String({ description: '流程实例 Process instance key' }),
    elementInstanceKey: Nullable(Type.String()),
    formKey: Nullable(Type.String({ description: '表单 Form key' })),
    candidateGroups: Type.Array(Type.String(), { description: '候选单位/角色 Candidate groups' }),
    assignee: Nullable(Type.String({ description: '推荐办理人 Recommended assignee' })),
    dueAt: Nullable(DateTime('办理期限 Due')),
    riskLevel: Nullable(Type.String({ description: '风险等级 Risk grade' })),
    riskLevelLabel: RiskLevelLabel,
    state: StringEnum(TASK_STATES, { description: '状态 State' }),
    stateLabel: CodeLabel('状态名称 State, for people', { zh: '待办', en: 'Open' }),
    claimedBy: Nullable(Type.String({ description: '认领人 Claimed by' })),
    completedBy: Nullable(Type.String({ description: '办结人 Completed by' })),
    completedAt: Nullable(DateTime('办结时间 Completed at')),
    createdAt: DateTime('创建时间 Created at'),
    matterType: Nullable(Type.String({ description: '事项类型 Matter type', examples: ['dispute'] })),
    matterTypeLabel: Nullable(
      CodeLabel('事项类型名称 Matter type, for people', { zh: '纠纷化解', en: 'Dispute resolution' }),
    ),
  },
  { description: '待办任务 A task of the inbox', examples: [TASK_EXAMPLE] },
);
export type TaskView = Static<typeof TaskView>;

const Overdue = Type.Boolean({ description: '已超期（按服务器时间）Overdue, by the server clock', examples: [false] });

export const TaskListItem = Type.Object(
  { ...TaskView.properties, overdue: Overdue },
  { description: '待办列表中的任务 A task of the inbox list', examples: [{ ...TASK_EXAMPLE, overdue: false }] },
);
export type TaskListItem = Static<typeof TaskListItem>;

const ViewCount = Type.Object({
  total: Type.Integer({ description: '数量（可能只是下限）Count, maybe a lower bound' }),
  totalIsLowerBound: Type.Boolean({ description: '数量被封顶 The count stopped at its cap' }),
});
const COUNT_EXAMPLE = { total: 1, totalIsLowerBound: false };

export const TaskList = Type.Object(
  {
    total: Type.Integer({ description: '总数（可能只是下限）Total, maybe a lower bound' }),
    totalIsLowerBound: Type.Boolean({ description: '总数被封顶 The count stopped at its cap' }),
    counts: Type.Object(
      { mine: ViewCount, unit: ViewCount, unassigned: ViewCount, all: Nullable(ViewCount) },
      {
        description:
          '各视图在同样筛选下的数量（标签页上的数字）；无权查看“辖区全部”时 all 为 null。' +
          " Each view's count under the same filters (the tabs' numbers); all is null for whom may not open it",
      },
    ),
    items: Type.Array(TaskListItem),
  },
  {
    description:
      '待办列表（带 ETag：以 If-None-Match 轮询，未变化答 304）' +
      ' A page of the inbox (with an ETag: poll with If-None-Match, 304 when unchanged)',
    examples: [
      {
        total: 1,
        totalIsLowerBound: false,
        counts: { mine: COUNT_EXAMPLE, unit: COUNT_EXAMPLE, unassigned: COUNT_EXAMPLE, all: null },
        items: [{ ...TASK_EXAMPLE, overdue: false }],
      },
    ],
  },
);
export type TaskList = Static<typeof TaskList>;

/** The inbox's answer to a poll whose ETag still holds: no body. */
export const NotModified = Type.Null({
  description: '未变化（If-None-Match 与 ETag 相同）Not modified since that ETag',
});

export const TaskDetail = Type.Object(
  {
    ...TaskView.properties,
    overdue: Overdue,
    // Open: a Camunda Form (form-js JSON); its shape is the form designer's, not ours.
    form: Nullable(
      OpenObject('表单定义（Camunda Form）The Camunda Form', [{ id: 'mediation-record', components: [] }]),
    ),
    // Open: the process's values of the form's own fields (nothing else of the process is sent).
    variables: OpenObject(
      '表单的预填值（流程中该表单字段的当前值）The form prefilled: the process values of its fields',
      [{ outcome: 'agreement' }],
    ),
    matter: Nullable(MatterView),
  },
  {
    description: '任务与表单 Task with its form and matter',
    examples: [{ ...TASK_EXAMPLE, overdue: false, form: null, variables: {}, matter: null }],
  },
);
export type TaskDetail = Static<typeof TaskDetail>;

export const AssignBody = Type.Object(
  {
    userId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: '指派给的用户 User to assign',
      examples: ['mediator'],
    }),
  },
  { additionalProperties: false },
);
export type AssignBody = Static<typeof AssignBody>;

export const CompleteBody = Type.Object(
  {
    // Open: the form's fields; services/forms.ts validates them against the task's form.
    variables: OpenObject('表单提交的变量 The form submission', [{ outcome: 'agreed', agreement: '双方同意清理楼道' }]),
  },
  { additionalProperties: false },
);
export type CompleteBody = Static<typeof CompleteBody>;

export const RequestInfoBody = Type.Object(
  {
    question: Type.String({
      minLength: 1,
      maxLength: 1000,
      description: '请当事人补充的内容 What to ask the citizen',
      examples: ['请提供物业出具的证明'],
    }),
  },
  { additionalProperties: false },
);
export type RequestInfoBody = Static<typeof RequestInfoBody>;

export const RequestInfoReply = Type.Object(
  { requested: Type.Boolean({ description: '已通知当事人 The citizen is notified' }) },
  { description: '已请求补充材料 Information requested', examples: [{ requested: true }] },
);
