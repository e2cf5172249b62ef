// The one label catalogue: what people read for each code the system stores and answers with
// (Chinese first, then English). Codes stay on the wire and in the database; a label goes next to
// each. Tiers, matter types and channels keep their tables where they are defined (regions.ts,
// taxonomy.ts) and are part of the catalogue through LABELS.
import type { ClosureReason, MatterStatus } from './matter.js';
import type { RiskLevel } from './data/risk-table.js';
import { TIER_LABELS } from './regions.js';
import { CHANNEL_LABELS, MATTER_TYPE_LABELS, isCategory, categoryInfo } from './taxonomy.js';

export interface Label {
  zh: string;
  en: string;
}

export const STATUS_LABELS: Readonly<Record<MatterStatus, Label>> = {
  received: { zh: '已受理', en: 'Received' },
  'in-progress': { zh: '办理中', en: 'In progress' },
  closed: { zh: '已办结', en: 'Closed' },
  reopened: { zh: '重新办理', en: 'Reopened' },
};

export const CLOSURE_REASON_LABELS: Readonly<Record<ClosureReason, Label>> = {
  resolved: { zh: '已化解', en: 'Resolved' },
  withdrawn: { zh: '当事人撤回', en: 'Withdrawn' },
  referred: { zh: '经仲裁、复议等途径解决', en: 'Settled through another route' },
  'not-accepted': { zh: '不予受理', en: 'Not accepted' },
  litigated: { zh: '转诉讼解决', en: 'Taken to court' },
};

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, Label>> = {
  red: { zh: '红色（高风险）', en: 'Red (high risk)' },
  orange: { zh: '橙色（较高风险）', en: 'Orange (elevated risk)' },
  green: { zh: '绿色（一般风险）', en: 'Green (ordinary risk)' },
};

/** States of a task in the inbox (app.tasks.state). */
export const TASK_STATES = ['open', 'completed', 'gone'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABELS: Readonly<Record<TaskState, Label>> = {
  open: { zh: '待办', en: 'Open' },
  completed: { zh: '已办', en: 'Completed' },
  gone: { zh: '已失效', en: 'No longer exists' },
};

/**
 * Every type of timeline entry (app.matter_events.type) the code writes: the store (received), the
 * workers' steps, the `record-event` headers of the models, the outcome service and the API's own
 * steps. test/domain/labels.test.ts reads the source and the models to keep this list complete.
 */
export const EVENT_LABELS = {
  received: { zh: '已受理', en: 'Received' },
  triaged: { zh: '已分流', en: 'Routed' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  'mediator-assigned': { zh: '已指派调解', en: 'Mediator assigned' },
  'urgent-protection-activated': { zh: '启动紧急保护', en: 'Urgent protection started' },
  'deadline-set': { zh: '设定办理期限', en: 'Deadline set' },
  'deadline-extended': { zh: '延长办理期限', en: 'Deadline extended' },
  'reminder-letter': { zh: '发出工作提示函', en: 'Work reminder letter sent' },
  'risk-warning-letter': { zh: '发出风险预警函', en: 'Risk warning letter sent' },
  'assignment-sheet': { zh: '发出任务交办单', en: 'Task assignment sheet sent' },
  'mediation-agreed': { zh: '调解达成协议', en: 'Agreement reached' },
  'mediation-failed': { zh: '调解未成，转上级', en: 'Not settled, moved up' },
  'mediation-overdue': { zh: '逾期，转上级', en: 'Overdue, moved up' },
  escalated: { zh: '上一级受理', en: 'Taken up by the next tier' },
  'ladder-exhausted': { zh: '已至最高调处层级', en: 'No higher tier left' },
  'departments-summoned': { zh: '召集部门联合调处', en: 'Departments summoned' },
  'department-reported': { zh: '部门报到并提出意见', en: 'Department reported' },
  'leader-assigned': { zh: '领导包案', en: 'A leader takes the case' },
  'supervision-opened': { zh: '列入风险督办', en: 'Put under supervision by risk grade' },
  'supervision-overdue': { zh: '督办调度日已过，催办', en: 'Supervision review day passed, pressed' },
  supervised: { zh: '督办单位已调度督办', en: 'Supervised by the supervising unit' },
  'judicial-confirmation-requested': { zh: '申请司法确认', en: 'Judicial confirmation requested' },
  'judicial-confirmation': { zh: '司法确认', en: 'Judicial confirmation' },
  referred: { zh: '引导仲裁/复议', en: 'Referred' },
  'litigation-handoff': { zh: '引导诉讼', en: 'To court' },
  'court-outcome': { zh: '法院结果', en: 'Court outcome' },
  'outcome-recorded': { zh: '登记办理结果', en: 'Outcome recorded' },
  'petition-accepted': { zh: '信访已受理', en: 'Petition accepted' },
  'petition-not-accepted': { zh: '信访不予受理', en: 'Petition not accepted' },
  'petition-extension-refused': { zh: '再次延期不予准许', en: 'Second extension refused' },
  'information-requested': { zh: '请当事人补充材料', en: 'Information requested' },
  'information-provided': { zh: '当事人已补充材料', en: 'Information provided' },
  'task-completed': { zh: '完成待办', en: 'Task completed' },
  'citizen-notified': { zh: '已告知当事人', en: 'Citizen notified' },
  closed: { zh: '已办结', en: 'Closed' },
  'follow-up-scheduled': { zh: '已安排回访', en: 'Follow-up scheduled' },
  'follow-up-done': { zh: '已回访', en: 'Followed up' },
  reopened: { zh: '重新办理', en: 'Reopened' },
  'quality-reviewed': { zh: '质量抽访已复核', en: 'Quality review recorded' },
  'long-unresolved-flagged': { zh: '久调不决，引导仲裁或诉讼', en: 'Long unresolved: guided to arbitration or court' },
  'instance-cancelled': { zh: '流程已撤销', en: 'Process cancelled' },
} as const satisfies Record<string, Label>;
export type EventType = keyof typeof EVENT_LABELS;
export const EVENT_TYPES = Object.keys(EVENT_LABELS) as EventType[];

/** Steps a citizen is shown on the public tracking page; internal bookkeeping (deadlines, letters) is not. */
export const PUBLIC_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'received',
  'triaged',
  'mediator-assigned',
  'mediation-agreed',
  'mediation-failed',
  'mediation-overdue',
  'escalated',
  'departments-summoned',
  'judicial-confirmation-requested',
  'judicial-confirmation',
  'referred',
  'litigation-handoff',
  'court-outcome',
  'dispatched',
  'petition-accepted',
  'closed',
  'follow-up-done',
  'reopened',
]);

/**
 * What a sensitive matter's page may show: that it was received, is being handled and was closed —
 * never where, by whom or how (a court, a protection order or a women's federation gives it away).
 */
export const NEUTRAL_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>(['received', 'closed', 'follow-up-done']);

/** The catalogue, by kind of code. */
export const LABELS = {
  status: STATUS_LABELS,
  closureReason: CLOSURE_REASON_LABELS,
  event: EVENT_LABELS,
  riskLevel: RISK_LEVEL_LABELS,
  tier: TIER_LABELS,
  matterType: MATTER_TYPE_LABELS,
  channel: CHANNEL_LABELS,
  taskState: TASK_STATE_LABELS,
} as const;
export type LabelKind = keyof typeof LABELS | 'category';

const has = (table: object, code: string) => Object.prototype.hasOwnProperty.call(table, code);

/**
 * The label of a code (null for null). A code the catalogue does not know — a row written by a newer
 * model, say — reads as itself in both languages rather than failing the answer.
 */
export function labelOf(kind: LabelKind, code: string): Label;
export function labelOf(kind: LabelKind, code: string | null | undefined): Label | null;
export function labelOf(kind: LabelKind, code: string | null | undefined): Label | null {
  if (code === null || code === undefined) return null;
  if (kind === 'category') {
    if (!isCategory(code)) return { zh: code, en: code };
    const c = categoryInfo(code);
    return { zh: c.zh, en: c.en };
  }
  const table: object = LABELS[kind];
  return has(table, code) ? { ...(table as Record<string, Label>)[code] } : { zh: code, en: code };
}

/** Whether the catalogue has a label of this kind for the code. */
export function hasLabel(kind: LabelKind, code: string): boolean {
  return kind === 'category' ? isCategory(code) : has(LABELS[kind], code);
}

/** Every template the workers, models and routes queue (workers/*, bpmn headers, api/routes/tasks.ts). */
export const TEMPLATE_LABELS: Readonly<Record<string, Label>> = {
  'matter-received': { zh: '受理告知短信', en: 'Receipt message' },
  'matter-assigned': { zh: '交办通知', en: 'Assignment notice' },
  dispatch: { zh: '派单通知', en: 'Dispatch notice' },
  'matter-closed': { zh: '办结告知', en: 'Closure notice' },
  'matter-reopened': { zh: '重新办理通知', en: 'Reopening notice' },
  'reminder-letter': { zh: '工作提示函', en: 'Work reminder letter' },
  'risk-warning-letter': { zh: '风险预警函', en: 'Risk warning letter' },
  'risk-warning-letter-copy': { zh: '风险预警函（抄送）', en: 'Risk warning letter (copy)' },
  'assignment-sheet': { zh: '任务交办单', en: 'Task assignment sheet' },
  'assignment-sheet-copy': { zh: '任务交办单（抄送）', en: 'Task assignment sheet (copy)' },
  'urgent-protection': { zh: '紧急保护通知', en: 'Urgent protection notice' },
  summons: { zh: '联合调处召集通知', en: 'Summons to joint mediation' },
  'supervision-item': { zh: '风险督办单', en: 'Supervision item' },
  'supervision-overdue': { zh: '督办催办通知', en: 'Supervision reminder' },
  referral: { zh: '移送函（仲裁/复议）', en: 'Referral letter' },
  referred: { zh: '引导仲裁/复议告知', en: 'Referral notice to the parties' },
  litigation: { zh: '诉前调解/立案移送函', en: 'Hand-off to court' },
  enforcement: { zh: '执行移送函', en: 'Hand-off for enforcement' },
  'litigation-guidance': { zh: '诉讼引导告知', en: 'Litigation guidance' },
  'judicial-confirmation-request': { zh: '司法确认申请', en: 'Judicial confirmation request' },
  'information-requested': { zh: '补充材料通知', en: 'Request for information' },
  'information-provided': { zh: '当事人已补充材料', en: 'Information provided' },
};

/** Who a message or letter is for (app.outbox.recipient_kind). */
export const RECIPIENT_KIND_LABELS: Readonly<Record<string, Label>> = {
  citizen: { zh: '当事人', en: 'Parties' },
  unit: { zh: '单位', en: 'Unit' },
  court: { zh: '法院', en: 'Court' },
  staff: { zh: '工作人员', en: 'Staff' },
};

/** The `stage` headers of the models' compute-deadline steps (bpmn/*.bpmn). */
export const STAGE_LABELS: Readonly<Record<string, Label>> = {
  mediation: { zh: '调解期限', en: 'Mediation deadline' },
  'joint-mediation': { zh: '联合调处期限', en: 'Joint mediation deadline' },
  'department-report': { zh: '部门报到期限', en: 'Department report deadline' },
  'leader-review': { zh: '领导包案期限', en: 'Leader review deadline' },
  'urgent-protection': { zh: '紧急保护确认期限', en: 'Urgent protection deadline' },
  complaint: { zh: '投诉办理期限', en: 'Complaint deadline' },
  'petition-acceptance': { zh: '信访受理告知期限', en: 'Petition acceptance deadline' },
  'petition-handling': { zh: '信访办理期限', en: 'Petition handling deadline' },
  'fulfilment-check': { zh: '履行核查期限', en: 'Fulfilment check deadline' },
  'follow-up-visit': { zh: '回访期限', en: 'Follow-up deadline' },
  'quality-review': { zh: '质量复核期限', en: 'Quality review deadline' },
};

/** A party's role in a matter (app.parties.role). */
export const PARTY_ROLE_LABELS: Readonly<Record<string, Label>> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  respondent: { zh: '被申请人', en: 'Respondent' },
  'third-party': { zh: '第三人', en: 'Third party' },
  agent: { zh: '代理人', en: 'Agent' },
};

/** Where one message stands (app.deliveries.status), and a letter's overall state. */
export const DELIVERY_STATUS_LABELS: Readonly<Record<string, Label>> = {
  queued: { zh: '待发送', en: 'Queued' },
  sending: { zh: '发送中', en: 'Sending' },
  sent: { zh: '已发送', en: 'Sent' },
  delivered: { zh: '已送达', en: 'Delivered' },
  failed: { zh: '发送失败，将重试', en: 'Failed, will retry' },
  dead: { zh: '发送失败，已停止重试', en: 'Failed, no more retries' },
  skipped: { zh: '未发送', en: 'Not sent' },
};

/** A code's label from one of the tables above; the code itself (both languages) when it has none. */
export const labelOr = (table: Readonly<Record<string, Label>>, code: string): Label =>
  Object.prototype.hasOwnProperty.call(table, code) ? table[code] : { zh: code, en: code };
