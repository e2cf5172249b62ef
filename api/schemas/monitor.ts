// The administrator's monitor: the filter for stuck work, the items, and retry / cancel actions.
import { Type, type Static } from 'typebox';
import { Limit, Nullable, RegionFilter, StringEnum, TrackingCode } from './common.js';

export const STUCK_KINDS = ['incident', 'no-worker', 'overdue-task', 'no-progress'] as const;
const Kind = StringEnum(STUCK_KINDS, {
  description: '事故 / 无人处理的作业 / 逾期任务 / 长期无进展 Incident, no worker, overdue task, no progress',
});

export const StuckQuery = Type.Object(
  {
    kind: Type.Optional(Kind),
    process: Type.Optional(Type.String({ maxLength: 100, description: '流程 BPMN process id' })),
    element: Type.Optional(Type.String({ maxLength: 100, description: '流程节点 BPMN element id' })),
    region: Type.Optional(RegionFilter),
    code: Type.Optional(
      Type.String({ minLength: 1, maxLength: 40, description: '受理编号（不分大小写）Tracking code, any case' }),
    ),
    noWorkerMinutes: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100_000,
        default: 30,
        description: '作业无人领取的分钟数 Minutes unclaimed',
      }),
    ),
    noProgressDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 3650, default: 7, description: '无进展的天数 Days without progress' }),
    ),
    overdueGraceHours: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 10_000, default: 24, description: '逾期宽限小时数 Grace hours' }),
    ),
    limit: Type.Optional(Limit(1000)),
  },
  { additionalProperties: false },
);
export type StuckQuery = Static<typeof StuckQuery>;

const ITEM_EXAMPLE = {
  kind: 'incident',
  trackingCode: 'GC-7K2M-9QXR-4TW',
  matterId: '42',
  processId: 'dispute-resolution',
  regionCode: 'demo-town-a1',
  processInstanceKey: '2251799813685249',
  elementId: 'route-matter',
  since: '2026-03-02T09:31:00.000+08:00',
  detail: 'no route for category',
  incidentKey: '2251799813685400',
};

export const StuckItem = Type.Object({
  kind: Kind,
  trackingCode: Nullable(TrackingCode),
  matterId: Nullable(Type.String({ description: '事项 ID Matter id' })),
  processId: Nullable(Type.String({ description: '流程 Process id' })),
  regionCode: Nullable(Type.String({ description: '属地 Region code' })),
  processInstanceKey: Type.String({ description: '流程实例 Process instance key' }),
  // Optional too: these come from the Operate API, whose answers may omit them (a missing one must
  // not turn a monitor page into a 500 at serialisation).
  elementId: Type.Optional(Nullable(Type.String({ description: '卡住的节点 Element it is stuck on' }))),
  elementName: Type.Optional(Nullable(Type.String({ description: '节点名称 Element name in the model' }))),
  since: Type.Optional(Nullable(Type.String({ description: '自何时（北京时间，+08:00）Since (ISO 8601)' }))),
  detail: Type.String({ description: '说明 What is wrong' }),
  incidentKey: Type.Optional(Type.String({ description: '事故键 Incident key' })),
  jobKey: Type.Optional(Type.String({ description: '作业键 Job key' })),
  elementInstanceKey: Type.Optional(Type.String()),
});
export type StuckItemView = Static<typeof StuckItem>;

export const StuckList = Type.Object(
  {
    total: Type.Integer({ description: '本页条数 Items in this answer' }),
    counts: Type.Object(
      {
        incident: Type.Integer(),
        'no-worker': Type.Integer(),
        'overdue-task': Type.Integer(),
        'no-progress': Type.Integer(),
      },
      { description: '按类别计数 Count per kind' },
    ),
    items: Type.Array(StuckItem),
  },
  {
    description: '卡住的事项 Stuck work',
    examples: [
      { total: 1, counts: { incident: 1, 'no-worker': 0, 'overdue-task': 0, 'no-progress': 0 }, items: [ITEM_EXAMPLE] },
    ],
  },
);
export type StuckList = Static<typeof StuckList>;

export const ActionBody = Type.Object(
  {
    action: StringEnum(['retry', 'cancel'] as const, { description: '重试 / 取消 Retry or cancel' }),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: '取消原因（取消时必填）Reason' })),
    processInstanceKey: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,20}$', description: '单个实例 One instance (or give filter)' }),
    ),
    filter: Type.Optional(StuckQuery),
    preview: Type.Optional(
      Type.Boolean({
        description: '只预览：返回将处理的数量与受理编号，不做任何处理 Only count what it would touch; touches nothing',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ action: 'retry', filter: { kind: 'incident', process: 'dispute-resolution' } }],
  },
);
export type ActionBody = Static<typeof ActionBody>;

export const ActionResult = Type.Object({
  trackingCode: Nullable(TrackingCode),
  processInstanceKey: Type.String({ description: '流程实例 Process instance key' }),
  moved: Type.Optional(Type.Boolean({ description: '重试后实例继续了 The instance went on (retry)' })),
  detail: Type.Optional(Type.String({ description: '说明 What happened (retry)' })),
  cancelled: Type.Optional(Type.Boolean({ description: '已取消 Cancelled (cancel)' })),
});

export const ActionReply = Type.Object(
  {
    action: StringEnum(['retry', 'cancel'] as const),
    count: Type.Integer({ description: '处理的实例数（预览时为将处理的数）Instances acted on (or, previewed, to be)' }),
    results: Type.Array(ActionResult),
    preview: Type.Optional(Type.Boolean({ description: '仅为预览，未做处理 A preview: nothing was done' })),
    codes: Type.Optional(
      Type.Array(Nullable(TrackingCode), {
        maxItems: 20,
        description: '将涉及的受理编号（前 20 个）Tracking codes it would touch (first 20)',
      }),
    ),
  },
  {
    description: '处理结果 What each action did',
    examples: [
      {
        action: 'retry',
        count: 1,
        results: [
          {
            trackingCode: 'GC-7K2M-9QXR-4TW',
            processInstanceKey: '2251799813685249',
            moved: true,
            detail: '事故已解决，实例已继续 · resolved; the instance went on',
          },
        ],
      },
    ],
  },
);
export type ActionReply = Static<typeof ActionReply>;
