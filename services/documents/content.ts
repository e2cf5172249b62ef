// What each official document says: the issuing body, the addressee by its full region-qualified name,
// the body and the facts, from the matter and the letter's payload. Pure: rendering is render.ts's.
// A sensitive matter's category is never written into a letter that travels between offices.
import {
  isSensitiveCategory,
  labelOf,
  PARTY_ROLE_LABELS,
  TEMPLATE_LABELS,
  unitLabel,
  type RegionTree,
  type Tier,
} from '../../domain/index.js';
import type { Matter } from '../../store/matters.js';
import type { OfficialDoc } from './render.js';

/** The prefix of each kind's number: 〔2026〕综治提字第0007号. Copies are numbered with their letter. */
export const NUMBER_PREFIX: Readonly<Record<string, string>> = {
  'reminder-letter': '综治提字',
  'risk-warning-letter': '综治警字',
  'assignment-sheet': '综治交字',
  receipt: '综治受字',
  'mediation-agreement': '调协字',
};

/** The kinds' Chinese names: the letters' template labels and the documents made on request. */
export const DOCUMENT_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  ...TEMPLATE_LABELS,
  receipt: { zh: '受理回执', en: 'Receipt' },
  'mediation-agreement': { zh: '调解协议书', en: 'Mediation agreement' },
};

/** The counter a kind draws its numbers from (a copy shares its letter's). */
export const counterOf = (kind: string): string => kind.replace(/-copy$/, '');

export function formatDocNumber(kind: string, year: number, seq: number): string {
  return `〔${year}〕${NUMBER_PREFIX[counterOf(kind)] ?? '综治字'}第${String(seq).padStart(4, '0')}号`;
}

const DAY = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const YEAR = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' });

/** 2026年3月2日 (China's date of the instant). */
export const chinaDate = (d: Date): string => DAY.format(d);
export const chinaYear = (d: Date): number => Number(YEAR.format(d));

/** The issuing body: the centre of the matter's county (区/县), else of the highest region above it. */
export function issuerOf(m: Pick<Matter, 'regionCode'>, regions: RegionTree): string {
  if (!regions.has(m.regionCode)) return '综治中心';
  const county = regions.atTier(m.regionCode, 'county' as Tier);
  const top = [regions.get(m.regionCode), ...regions.ancestors(m.regionCode)].pop()!;
  return `${(county ?? top).name}综治中心`;
}

/**
 * A unit's full name, qualified by the regions between it and its county (湖滨社区人民调解委员会 →
 * 明江区东湖街道湖滨社区人民调解委员会). A bare department code (older rows) is read as that department of
 * the matter's handling region.
 */
export function fullUnitName(unit: string, m: Pick<Matter, 'regionCode' | 'handlingRegion'>, regions: RegionTree) {
  return unitLabel(unit.includes('/') ? unit : `${m.handlingRegion ?? m.regionCode}/${unit}`, regions, 'county');
}

function deadlineText(v: unknown): string | null {
  if (typeof v !== 'string' && !(v instanceof Date)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? String(v) : chinaDate(d);
}

const BODY: Readonly<Record<string, (who: string, what: string, due: string, issuer: string) => string>> = {
  'reminder-letter': (who, what, due, issuer) =>
    `${who}承办的${what}已过办理时限的一半，办理期限至${due}。请抓紧办理，按期办结，并将办理情况及时反馈${issuer}。`,
  'risk-warning-letter': (who, what, due, issuer) =>
    `${who}承办的${what}已用去办理时限的百分之八十，存在逾期风险，办理期限至${due}。请立即采取有效措施，` +
    `确保按期办结，并将办理情况书面反馈${issuer}。`,
  'assignment-sheet': (who, what, due, issuer) =>
    `${who}承办的${what}已超过办理期限（${due}）仍未办结，现予交办。请接单后立即办理，` +
    `并将办理结果和未按期办结的原因书面反馈${issuer}。`,
};

/** A supervision letter (or its copy) about a matter, addressed to `unit`. */
export function letterDoc(
  kind: string,
  m: Matter,
  unit: string,
  payload: Record<string, unknown>,
  regions: RegionTree,
  docNumber: string,
  at: Date,
): OfficialDoc {
  const base = counterOf(kind);
  const copy = kind !== base;
  const issuer = issuerOf(m, regions);
  const addressee = fullUnitName(unit, m, regions);
  const handling = m.handlingUnit ? fullUnitName(m.handlingUnit, m, regions) : null;
  const due = deadlineText(payload.deadline) ?? (m.nextDeadline ? chinaDate(m.nextDeadline) : '（未定）');
  const type = labelOf('matterType', m.matterType).zh;
  const what = `${type}事项（受理编号：${m.trackingCode}）`;
  const who = copy ? (handling ?? '承办单位') : '你单位';
  const paragraphs = [BODY[base](who, what, due, issuer)];
  if (copy) paragraphs.push(`现将《${DOCUMENT_LABELS[base].zh}》抄送你单位，请督促承办单位按期办结。`);
  const sensitive = isSensitiveCategory(m.category);
  const facts: [string, string][] = [
    ['受理编号', m.trackingCode],
    ['事项类型', type],
    ...(m.category && !sensitive ? [['事项类别', labelOf('category', m.category).zh] as [string, string]] : []),
    ['受理日期', chinaDate(m.receivedAt)],
    ...(handling ? [['承办单位', handling] as [string, string]] : []),
    ['办理期限', due],
    ...(base !== 'reminder-letter' && m.riskLevel
      ? [['风险等级', labelOf('riskLevel', m.riskLevel).zh] as [string, string]]
      : []),
  ];
  return {
    issuer,
    docNumber,
    title: DOCUMENT_LABELS[base].zh,
    addressee: { label: copy ? '抄送' : '主送', name: addressee },
    paragraphs,
    facts,
    date: chinaDate(at),
    note: `本${DOCUMENT_LABELS[base].zh.slice(-1)}由${issuer}通过综治中心案件系统制发，以文号 ${docNumber} 为准。`,
  };
}

export interface ReceiptFacts {
  unit: string | null;
  tier: string | null;
  online: boolean;
  /** The public tracking page (the address the printed receipt's QR code holds). */
  trackingUrl: string;
}

/** The receipt: the code, when and what, where it went and the next deadline; no party, phone or ID. */
export function receiptDoc(
  m: Matter,
  where: ReceiptFacts,
  regions: RegionTree,
  docNumber: string,
  at: Date,
): OfficialDoc {
  const issuer = issuerOf(m, regions);
  const sensitive = isSensitiveCategory(m.category);
  // As on the printed receipt: a sensitive matter names neither its category nor its unit.
  const unit = sensitive || !where.unit ? null : fullUnitName(where.unit, m, regions);
  const tier = labelOf('tier', where.tier)?.zh ?? null;
  const facts: [string, string][] = [
    ['受理编号', m.trackingCode],
    ['受理时间', chinaDate(m.receivedAt)],
    ['事项类型', labelOf('matterType', m.matterType).zh],
    ...(m.category && !sensitive ? [['事项类别', labelOf('category', m.category).zh] as [string, string]] : []),
    ['受理渠道', labelOf('channel', m.channel).zh],
    ['承办去向', unit ? `${unit}${tier ? `（${tier}）` : ''}` : (tier ?? '分流中')],
    ['下一期限', m.status !== 'closed' && m.nextDeadline ? chinaDate(m.nextDeadline) : '—'],
  ];
  return {
    issuer,
    docNumber,
    title: '受理回执',
    paragraphs: [
      `你方反映的事项已于${chinaDate(m.receivedAt)}受理，受理编号为 ${m.trackingCode}。` +
        (where.online ? '本事项将通过线上流转办理。' : '') +
        '请凭受理编号查询办理进度。',
    ],
    facts,
    date: chinaDate(at),
    note: `查询办理进度：访问 ${where.trackingUrl} ，输入申请人手机号后四位。`,
  };
}

export interface AgreementFacts {
  /** The mediation-agreed event: when, at which unit and tier, and what was agreed. */
  at: Date;
  unit: string | null;
  summary: string | null;
  /** Names and roles only: never an ID number or a phone (staff read the agreement; IDs stay sealed). */
  parties: { role: string; name: string }[];
}

/** The mediation agreement (调解协议书): issued by the mediating unit, the parties by name and role. */
export function agreementDoc(m: Matter, a: AgreementFacts, regions: RegionTree, docNumber: string): OfficialDoc {
  const issuer = a.unit ? fullUnitName(a.unit, m, regions) : issuerOf(m, regions);
  const role = (r: string) => PARTY_ROLE_LABELS[r]?.zh ?? r;
  return {
    issuer,
    docNumber,
    title: '调解协议书',
    paragraphs: [
      `${a.parties.map((p) => `${role(p.role)}：${p.name}`).join('；')}。`,
      `上述当事人之间的${labelOf('matterType', m.matterType).zh}事项（受理编号：${m.trackingCode}），经${issuer}` +
        '主持调解，当事人在平等自愿的基础上达成如下协议：',
      a.summary?.trim() || '（协议内容见调解记录。）',
      '本协议经各方当事人签名（盖章）、调解员签名并加盖调解组织印章后生效。当事人可以自本协议生效之日起三十日内' +
        '共同向人民法院申请司法确认。本协议一式若干份，当事人、调解组织各执一份。',
      `当事人（签名）：${'＿'.repeat(8)}\u3000\u3000调解员（签名）：${'＿'.repeat(8)}`,
    ],
    facts: [
      ['受理编号', m.trackingCode],
      ['达成日期', chinaDate(a.at)],
    ],
    date: chinaDate(a.at),
  };
}
