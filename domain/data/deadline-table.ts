// Time limits per stage (办理时限). The first matching row wins, so specific rows (a tier and a
// category) come before general ones, and every stage ends with a '*' row. Rows citing a law
// follow it; the others are local practice and can be changed here by each centre.
import type { MajorCategoryCode } from './categories.js';
import type { Tier } from '../regions.js';

export const STAGES = [
  'mediation',
  'joint-mediation',
  'department-report',
  'consultation',
  'counselling',
  'complaint',
  'petition-acceptance',
  'petition-handling',
  'judicial-confirmation',
  'fulfilment-check',
  'follow-up',
  'follow-up-visit',
  'quality-review',
  'urgent-protection',
  'answer-feedback',
  'leader-review',
  'labour-arbitration',
  'administrative-reconsideration',
  'commercial-mediation',
  'pre-filing-mediation',
] as const;

export type Stage = (typeof STAGES)[number];

/** Exactly one unit per period. */
export type Period = { workingDays: number } | { calendarDays: number } | { hours: number };

export interface DeadlineRule {
  stage: Stage;
  tier?: Tier | '*';
  category?: MajorCategoryCode | '*';
  limit: Period;
  /** Added to the limit when `extended` (延长办理期限); absent = the stage cannot be extended. */
  extension?: Period;
  /** Fractions of the time from start to due at which to remind and to warn. */
  remindAt?: number;
  warnAt?: number;
  /** Calendar-day periods whose last day is not a working day end on the next working day. */
  rollToWorkingDay?: boolean;
  source: string;
}

export const DEFAULT_REMIND_AT = 0.5;
export const DEFAULT_WARN_AT = 0.8;

export const DEADLINE_RULES: readonly DeadlineRule[] = [
  // Mediation. Labour: 劳动争议调解仲裁法 art. 14 (no agreement within 15 days → arbitration).
  {
    stage: 'mediation',
    category: 'labour',
    limit: { calendarDays: 15 },
    rollToWorkingDay: true,
    source: '劳动争议调解仲裁法第十四条',
  },
  // Medical: 医疗纠纷预防和处理条例 art. 36 (30 working days, longer only with the parties' consent).
  {
    stage: 'mediation',
    category: 'medical',
    limit: { workingDays: 30 },
    extension: { workingDays: 30 },
    source: '医疗纠纷预防和处理条例第三十六条',
  },
  // Traffic: 道路交通事故处理程序规定 (mediation by the traffic police within 10 days).
  {
    stage: 'mediation',
    category: 'traffic',
    limit: { calendarDays: 10 },
    rollToWorkingDay: true,
    source: '道路交通事故处理程序规定',
  },
  // People's mediation by tier: small matters fast at the bottom (小事不出村、大事不出镇).
  { stage: 'mediation', tier: 'grid', limit: { workingDays: 3 }, source: 'local practice: 网格就地化解' },
  {
    stage: 'mediation',
    tier: 'village',
    limit: { workingDays: 10 },
    extension: { workingDays: 5 },
    source: 'local practice: 村级调解',
  },
  {
    stage: 'mediation',
    tier: 'town',
    limit: { workingDays: 15 },
    extension: { workingDays: 15 },
    source: 'local practice: 镇级调解',
  },
  {
    stage: 'mediation',
    tier: 'county',
    limit: { calendarDays: 30 },
    extension: { calendarDays: 30 },
    rollToWorkingDay: true,
    source: '人民调解一般在30日内调结',
  },
  {
    stage: 'mediation',
    limit: { calendarDays: 30 },
    extension: { calendarDays: 30 },
    rollToWorkingDay: true,
    source: '人民调解一般在30日内调结',
  },

  {
    stage: 'joint-mediation',
    limit: { workingDays: 20 },
    extension: { workingDays: 10 },
    source: 'local practice: 县级联合调处',
  },
  // "The centre blows the whistle, departments report" by the end of the next working day.
  { stage: 'department-report', limit: { workingDays: 1 }, source: 'local practice: 中心吹哨、部门报到' },
  { stage: 'consultation', limit: { workingDays: 0 }, source: 'local practice: 法律咨询即问即答' },
  { stage: 'counselling', limit: { workingDays: 3 }, source: 'local practice: 心理服务预约' },
  {
    stage: 'complaint',
    limit: { workingDays: 15 },
    extension: { workingDays: 15 },
    source: 'local practice: 投诉举报办理',
  },

  // 信访工作条例: decide acceptance within 15 days; handle within 60 days, extendable by ≤ 30.
  {
    stage: 'petition-acceptance',
    limit: { calendarDays: 15 },
    rollToWorkingDay: true,
    source: '信访工作条例 (15日内告知是否受理)',
  },
  {
    stage: 'petition-handling',
    limit: { calendarDays: 60 },
    extension: { calendarDays: 30 },
    rollToWorkingDay: true,
    source: '信访工作条例 (60日内办结, 延长不超过30日)',
  },
  // 最高人民法院关于人民调解协议司法确认程序的若干规定: 15 days, extendable by 10.
  {
    stage: 'judicial-confirmation',
    limit: { calendarDays: 15 },
    extension: { calendarDays: 10 },
    rollToWorkingDay: true,
    source: '最高人民法院关于人民调解协议司法确认程序的若干规定',
  },

  {
    stage: 'fulfilment-check',
    limit: { calendarDays: 30 },
    rollToWorkingDay: true,
    source: 'local practice: 调解协议履行回查',
  },
  { stage: 'follow-up', limit: { workingDays: 7 }, source: 'local practice: 结案后回访' },
  { stage: 'follow-up-visit', limit: { workingDays: 3 }, source: 'local practice: 回访办理' },
  { stage: 'leader-review', limit: { workingDays: 5 }, source: 'local practice: 领导包案，一周内召集调处' },
  { stage: 'quality-review', limit: { workingDays: 10 }, source: 'local practice: 四级抽访' },
  // 反家庭暴力法 art. 28: a protection order within 72 hours, within 24 hours when urgent.
  { stage: 'urgent-protection', limit: { hours: 24 }, remindAt: 0.25, warnAt: 0.5, source: '反家庭暴力法第二十八条' },
  { stage: 'answer-feedback', limit: { workingDays: 3 }, source: 'local practice: 结果反馈' },

  // Non-litigation routes and the court's pre-filing mediation.
  {
    stage: 'labour-arbitration',
    limit: { calendarDays: 45 },
    extension: { calendarDays: 15 },
    rollToWorkingDay: true,
    source: '劳动争议调解仲裁法第四十三条',
  },
  {
    stage: 'administrative-reconsideration',
    limit: { calendarDays: 60 },
    extension: { calendarDays: 30 },
    rollToWorkingDay: true,
    source: '行政复议法第六十二条',
  },
  {
    stage: 'commercial-mediation',
    limit: { calendarDays: 30 },
    extension: { calendarDays: 30 },
    rollToWorkingDay: true,
    source: 'local practice: 商事调解',
  },
  {
    stage: 'pre-filing-mediation',
    limit: { calendarDays: 30 },
    rollToWorkingDay: true,
    source: '诉前调解一般不超过30日',
  },
];
