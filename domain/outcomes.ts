// What staff tell a matter's process from outside it: a withdrawal, the result of the non-litigation
// route, the court's outcome, the court's judicial confirmation, whether an agreement was fulfilled,
// and the citizen's answer to a question. Each code carries its Chinese and English label and the exact
// variables the models' gateways and scripts read (bpmn/dispute-resolution.bpmn and its variants):
//   matter-withdrawn        → none (the event sub-process sets closureReason "withdrawn" itself)
//   non-litigation-outcome  → routeResolved (Gw_RouteResolved: true → closed "referred", else court)
//   court-outcome           → courtOutcome (Task_CourtClosure: "pre-filing-settled" → "resolved", else "litigated")
//   judicial-confirmation   → confirmed (recorded; then the fulfilment period runs either way)
//   Task_CheckFulfilment    → fulfilment (Gw_Fulfilled: "fulfilled" → resolved, else court enforcement)
import type { Role } from './roles.js';

export const OUTCOME_KINDS = [
  'withdrawal',
  'non-litigation',
  'court',
  'judicial-confirmation',
  'fulfilment',
  'citizen-answer',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface OutcomeCode {
  code: string;
  label: string;
  labelEn: string;
  /** The process variables the code is delivered with. */
  variables: Record<string, unknown>;
  /** Non-litigation: the route it belongs to; court: the hand-off kind it answers. */
  fits?: string;
  /** The matter is closed with this reason when the code ends it (documentation). */
  closesAs?: string;
  /** A note is required with this code. */
  needsNote?: boolean;
}

const code = (
  c: string,
  label: string,
  labelEn: string,
  variables: Record<string, unknown>,
  more: Partial<OutcomeCode> = {},
): OutcomeCode => ({ code: c, label, labelEn, variables, ...more });

const LA = 'labour-arbitration';
const AR = 'administrative-reconsideration';
const CM = 'commercial-mediation';
const nl = (c: string, label: string, labelEn: string, route: string, resolved: boolean) =>
  code(c, label, labelEn, { routeResolved: resolved }, { fits: route, ...(resolved ? { closesAs: 'referred' } : {}) });
const court = (c: string, label: string, labelEn: string, fits: string, closesAs = 'litigated') =>
  code(c, label, labelEn, { courtOutcome: c }, { fits, closesAs });

export const OUTCOME_CODES: Record<Exclude<OutcomeKind, 'citizen-answer'>, readonly OutcomeCode[]> = {
  withdrawal: [
    code('settled-privately', '当事人自行和解', 'Settled between the parties', {}, { closesAs: 'withdrawn' }),
    code('applicant-withdraws', '申请人主动撤回', 'The applicant withdraws', {}, { closesAs: 'withdrawn' }),
    code(
      'other-channel',
      '当事人另行起诉或选择其他途径',
      'The parties take another route themselves',
      {},
      {
        closesAs: 'withdrawn',
      },
    ),
    code(
      'other',
      '其他原因（须填写说明）',
      'Other reason (a note is required)',
      {},
      {
        closesAs: 'withdrawn',
        needsNote: true,
      },
    ),
  ],
  'non-litigation': [
    nl('arbitration-mediated', '仲裁调解结案', 'Settled by mediation at arbitration', LA, true),
    nl('arbitration-award-accepted', '仲裁裁决生效（未起诉）', 'Arbitral award in force, not challenged', LA, true),
    nl('arbitration-award-challenged', '不服仲裁裁决，已起诉', 'Arbitral award challenged in court', LA, false),
    nl('arbitration-not-accepted', '仲裁委不予受理', 'Arbitration declined the case', LA, false),
    nl('reconsideration-settled', '复议调解或和解结案', 'Reconsideration settled by mediation', AR, true),
    nl('reconsideration-decided', '复议决定生效（未起诉）', 'Reconsideration decision in force', AR, true),
    nl('reconsideration-challenged', '不服复议决定，已起诉', 'Reconsideration decision challenged', AR, false),
    nl('reconsideration-not-accepted', '复议机关不予受理', 'Reconsideration declined', AR, false),
    nl('commercial-agreement', '商事调解达成协议', 'Commercial mediation agreement', CM, true),
    nl('commercial-failed', '商事调解未成', 'Commercial mediation failed', CM, false),
  ],
  court: [
    court('pre-filing-settled', '诉前调解成功', 'Settled by pre-filing mediation', 'litigation', 'resolved'),
    court('court-mediated', '诉中调解结案', 'Settled by mediation in court', 'litigation'),
    court('judgment', '判决', 'Judgment', 'litigation'),
    court('dismissed', '驳回起诉', 'Suit dismissed', 'litigation'),
    court('suit-withdrawn', '撤诉', 'Suit withdrawn', 'litigation'),
    court('enforced', '执行完毕', 'Enforced in full', 'enforcement'),
    court('enforcement-ended', '终结执行（未全部履行）', 'Enforcement ended, not fully satisfied', 'enforcement'),
  ],
  'judicial-confirmation': [
    code('confirmed', '裁定确认调解协议有效', 'Agreement confirmed valid', { confirmed: true }),
    code('refused', '裁定驳回申请', 'Confirmation refused', { confirmed: false }),
  ],
  fulfilment: [
    code('fulfilled', '已履行', 'Fulfilled', { fulfilment: 'fulfilled' }, { closesAs: 'resolved' }),
    code('unfulfilled', '未履行（转法院执行）', 'Not fulfilled (to court enforcement)', { fulfilment: 'unfulfilled' }),
  ],
};

export const codesOf = (kind: Exclude<OutcomeKind, 'citizen-answer'>): string[] =>
  OUTCOME_CODES[kind].map((c) => c.code);

export function outcomeCode(kind: OutcomeKind, c: string): OutcomeCode | undefined {
  return kind === 'citizen-answer' ? undefined : OUTCOME_CODES[kind].find((x) => x.code === c);
}

/** "`code` 中文 English" per line: enum labels in the OpenAPI description (ajv admits no x- keywords). */
export function codeList(kind: Exclude<OutcomeKind, 'citizen-answer'>): string {
  return OUTCOME_CODES[kind]
    .map((c) => `\`${c.code}\` ${c.label} ${c.labelEn}${c.closesAs ? `（结案 closes as ${c.closesAs}）` : ''}`)
    .join('；\n');
}

/** How each outcome reaches the process: a message the model waits for, a user task, or only the timeline. */
export interface OutcomeDelivery {
  label: string;
  labelEn: string;
  /** The message name (correlation key: the matter's tracking code). */
  message?: string;
  /** The element that waits (receive task, user task, or the withdrawal event sub-process). */
  elementId?: string;
  /** The step on the timeline that opened the wait; its unit is where the outcome comes from. */
  sourceStep?: string;
  roles: readonly Role[];
  /** Of `roles`, those who must belong to the matter (its mediator, or the unit the outcome comes from). */
  bound: readonly Role[];
}

const SUPERVISORS = ['centre-supervisor', 'administrator'] as const;

export const OUTCOME_DELIVERY: Record<OutcomeKind, OutcomeDelivery> = {
  withdrawal: {
    label: '撤回',
    labelEn: 'withdrawal',
    message: 'matter-withdrawn',
    elementId: 'Sub_Withdraw',
    roles: ['window-clerk', 'mediator', ...SUPERVISORS],
    bound: ['mediator'],
  },
  'non-litigation': {
    label: '仲裁/复议/商事调解结果',
    labelEn: 'non-litigation outcome',
    message: 'non-litigation-outcome',
    elementId: 'Wait_RouteOutcome',
    sourceStep: 'referred',
    roles: ['department-handler', ...SUPERVISORS],
    bound: ['department-handler'],
  },
  court: {
    label: '法院结果',
    labelEn: 'court outcome',
    message: 'court-outcome',
    elementId: 'Wait_CourtOutcome',
    sourceStep: 'litigation-handoff',
    roles: ['department-handler', ...SUPERVISORS],
    bound: ['department-handler'],
  },
  'judicial-confirmation': {
    label: '司法确认结果',
    labelEn: 'judicial confirmation',
    message: 'judicial-confirmation',
    elementId: 'Wait_Confirmation',
    sourceStep: 'judicial-confirmation-requested',
    roles: ['department-handler', ...SUPERVISORS],
    bound: ['department-handler'],
  },
  fulfilment: {
    label: '协议履行情况',
    labelEn: 'fulfilment of the agreement',
    elementId: 'Task_CheckFulfilment',
    roles: ['mediator', 'department-handler', ...SUPERVISORS],
    bound: ['mediator', 'department-handler'],
  },
  'citizen-answer': {
    label: '当事人补充答复',
    labelEn: "the citizen's answer",
    sourceStep: 'information-requested',
    roles: ['window-clerk', 'mediator', 'department-handler', ...SUPERVISORS],
    bound: ['mediator', 'department-handler'],
  },
};

const ROLE_WORDS: Record<Role, [string, string]> = {
  'window-clerk': ['窗口受理员', 'window clerks'],
  mediator: ['调解员', 'mediators'],
  'department-handler': ['部门办理人员', 'department handlers'],
  'centre-supervisor': ['综治中心主任', 'centre supervisors'],
  administrator: ['系统管理员', 'administrators'],
  'process-designer': ['流程设计员', 'process designers'],
  auditor: ['审计员', 'auditors'],
  leader: ['领导', 'leaders'],
};

/** Who may record an outcome, in words: Chinese first, then English. */
export function whoMayRecord(kind: OutcomeKind): string {
  const d = OUTCOME_DELIVERY[kind];
  const whose = (r: Role) => (d.bound.includes(r) ? (r === 'mediator' ? '本案' : '来源单位') : '');
  const whoseEn = (r: Role) =>
    d.bound.includes(r) ? (r === 'mediator' ? "the matter's " : 'the issuing unit’s ') : '';
  const zh = d.roles.map((r) => `${whose(r)}${ROLE_WORDS[r][0]}`).join('、');
  const en = d.roles.map((r) => `${whoseEn(r)}${ROLE_WORDS[r][1]}`).join(', ');
  return `只有${zh}可以登记${d.label} · Only ${en} may record the ${d.labelEn}`;
}
