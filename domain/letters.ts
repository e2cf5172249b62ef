// What a letter between offices says in the console's letters view: a subject and a short text by
// outbox template, naming the matter by its tracking code only (letters travel between offices; a
// sensitive matter's subject never does). The official wording of the supervision letters is the PDF's
// (services/documents/content.ts); this is the notice a unit reads in its box.
import { chinaIso } from './china-time.js';
import { DELIVERY_STATUS_LABELS, labelOr, RISK_LEVEL_LABELS, TEMPLATE_LABELS, type Label } from './labels.js';
import { TIER_LABELS } from './regions.js';

/** The channel a message went by (app.deliveries.channel). */
export const DELIVERY_CHANNEL_LABELS: Readonly<Record<string, Label>> = {
  sms: { zh: '短信', en: 'SMS' },
  letter: { zh: '函件', en: 'Letter' },
  internal: { zh: '站内通知', en: 'Internal notice' },
};

/**
 * One message's status in words. An SMS the provider took but never confirmed within the receipt window
 * (it was asked, and no longer is) says so: 已发送 alone would let a clerk assume the citizen has it.
 */
export function deliveryStatusLabel(d: {
  channel: string;
  status: string;
  receiptChecks: number;
  nextCheckAt: Date | null;
}): Label {
  if (d.channel === 'sms' && d.status === 'sent' && d.receiptChecks > 0 && d.nextCheckAt === null)
    return { zh: '已发送，未收到送达回执', en: 'Sent; no delivery receipt came' };
  return labelOr(DELIVERY_STATUS_LABELS, d.status);
}

export interface LetterFacts {
  code: string;
  /** The deadline or supervision due date the letter names, if any. */
  deadline: Date | null;
  params: Record<string, unknown>;
}

/** 2026年3月9日 17:00 (China time). */
function when(d: Date | null): string {
  if (!d) return '（未定）';
  const s = chinaIso(d);
  return `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11, 16)}`;
}

const label = (table: Readonly<Record<string, Label>>, code: unknown): string =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(table, code) ? table[code].zh : String(code ?? '');

const TEXTS: Readonly<Record<string, (f: LetterFacts, what: string) => string>> = {
  'matter-assigned': (_, what) => `${what}已交由你单位办理，请在待办中接收并按期办理。`,
  dispatch: (_, what) => `${what}已派单至你单位，请及时处置并反馈。`,
  'matter-reopened': (_, what) => `${what}经回访未化解，已重新办理，请配合做好衔接。`,
  'reminder-letter': (f, what) =>
    `你单位承办的${what}已过办理时限的一半，办理期限至${when(f.deadline)}。请抓紧办理，按期办结。`,
  'risk-warning-letter': (f, what) =>
    `你单位承办的${what}已用去办理时限的百分之八十，存在逾期风险，办理期限至${when(f.deadline)}。` +
    '请立即采取有效措施，确保按期办结。',
  'assignment-sheet': (f, what) =>
    f.params.from
      ? `${what}在${label(TIER_LABELS, f.params.from)}层级未能化解，现交由你单位办理，请接单后立即办理。`
      : `你单位承办的${what}已超过办理期限（${when(f.deadline)}）仍未办结，现予交办。` +
        '请接单后立即办理，并书面反馈办理结果和未按期办结的原因。',
  'risk-warning-letter-copy': (f, what) =>
    `${what}已用去办理时限的百分之八十，办理期限至${when(f.deadline)}。现将风险预警函抄送你单位，请督促承办单位按期办结。`,
  'assignment-sheet-copy': (f, what) =>
    `${what}已超过办理期限（${when(f.deadline)}）仍未办结。现将任务交办单抄送你单位，请督促承办单位办理。`,
  'urgent-protection': (_, what) => `${what}需要采取紧急保护措施，请立即核实处置。`,
  summons: (_, what) => `${what}需联合调处，请你单位按通知派员报到参与调处。`,
  'supervision-item': (f, what) =>
    `${what}风险等级为${label(RISK_LEVEL_LABELS, f.params.risk)}，列入督办，请按期调度，督办期限至${when(f.deadline)}。`,
  'supervision-overdue': (f, what) => `${what}已超过督办期限（${when(f.deadline)}），请尽快调度督办。`,
  referral: (_, what) => `${what}适宜通过仲裁或行政复议途径解决，现移送你单位。`,
  litigation: (_, what) => `${what}经调解未能化解，现移送你院开展诉前调解或依法立案。`,
  enforcement: (_, what) => `${what}达成的调解协议未履行，现移送你院依法执行。`,
  'litigation-guidance': (_, what) => `${what}长期未能化解，建议引导当事人依法通过诉讼解决。`,
  'judicial-confirmation-request': (_, what) => `当事人申请对${what}达成的调解协议进行司法确认，请依法审查。`,
  'information-provided': (_, what) => `当事人已就${what}补充材料，请查看。`,
};

/** The subject and text of a letter as its addressee reads it in the console. */
export function letterText(template: string, f: LetterFacts): { subject: string; text: string } {
  const kind = label(TEMPLATE_LABELS, template) || template;
  const what = `受理编号 ${f.code} 的事项`;
  const text = TEXTS[template]?.(f, what) ?? `关于${what}的${kind}。`;
  return { subject: `关于受理编号 ${f.code} 事项的${kind}`, text };
}

/** The date a letter's payload names: its deadline, or a supervision item's due date. */
export function letterDeadline(params: Record<string, unknown>): Date | null {
  const v = params.deadline ?? params.due;
  if (typeof v !== 'string' && !(v instanceof Date)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
