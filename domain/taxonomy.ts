// What a matter is (type), how it arrived (channel) and, for disputes and complaints, what it is
// about (category). The category tables live in data/categories.ts.
import { CATEGORY_KEYWORDS } from './data/category-keywords.js';
export { CATEGORY_KEYWORDS };
import { CATEGORIES, MAJOR_CATEGORY_CODES } from './data/categories.js';
import type { MajorCategory, MajorCategoryCode } from './data/categories.js';
import { DomainError } from './errors.js';
import { show } from './guard.js';

export { CATEGORIES, MAJOR_CATEGORY_CODES } from './data/categories.js';
export type { MajorCategory, MajorCategoryCode, MinorCategory } from './data/categories.js';

export type MatterType = 'dispute' | 'petition' | 'complaint' | 'consultation' | 'counselling';
export const MATTER_TYPES: readonly MatterType[] = ['dispute', 'petition', 'complaint', 'consultation', 'counselling'];
export const MATTER_TYPE_LABELS: Readonly<Record<MatterType, { zh: string; en: string }>> = {
  dispute: { zh: '纠纷化解', en: 'Dispute resolution' },
  petition: { zh: '信访诉求', en: 'Petition' },
  complaint: { zh: '投诉举报', en: 'Complaint or report' },
  consultation: { zh: '法律咨询', en: 'Legal consultation' },
  counselling: { zh: '心理服务', en: 'Psychological counselling' },
};

export type Channel = 'window' | 'hotline' | 'online' | 'grid' | 'police-110' | 'transfer' | 'system';
export const CHANNELS: readonly Channel[] = ['window', 'hotline', 'online', 'grid', 'police-110', 'transfer', 'system'];
export const CHANNEL_LABELS: Readonly<Record<Channel, { zh: string; en: string }>> = {
  window: { zh: '窗口来访', en: 'Walk-in at the window' },
  hotline: { zh: '12345热线', en: '12345 hotline' },
  online: { zh: '网上受理', en: 'Online' },
  grid: { zh: '网格员上报', en: "Grid worker's report" },
  'police-110': { zh: '110非警务警情', en: '110 non-police call' },
  transfer: { zh: '其他系统转办', en: 'Transfer from another system' },
  system: { zh: '设备或系统自动上报', en: 'Reported by a monitoring device or system' },
};

/**
 * Channels whose matters may name no party: a monitoring device or another government system reports
 * what it detected (a street lamp out, a blocked drain), and nobody has complained. A citizen's
 * request, whichever way it came (a transfer from another system too), names at least one party.
 */
export const CHANNELS_WITHOUT_PARTY: readonly Channel[] = ['system'];

export function channelNeedsParty(channel: Channel): boolean {
  return !CHANNELS_WITHOUT_PARTY.includes(requireChannel(channel));
}

export function isMatterType(value: unknown): value is MatterType {
  return typeof value === 'string' && (MATTER_TYPES as readonly string[]).includes(value);
}

export function requireMatterType(value: unknown): MatterType {
  if (!isMatterType(value))
    throw new DomainError(
      'UNKNOWN_MATTER_TYPE',
      `unknown matter type ${show(value)} (expected one of ${MATTER_TYPES.join(', ')})`,
    );
  return value;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function requireChannel(value: unknown): Channel {
  if (!isChannel(value))
    throw new DomainError('UNKNOWN_CHANNEL', `unknown channel ${show(value)} (expected one of ${CHANNELS.join(', ')})`);
  return value;
}

/** Everything known about one category code, major or minor. */
export interface CategoryInfo {
  code: string;
  zh: string;
  en: string;
  major: MajorCategoryCode;
  isMajor: boolean;
}

const INDEX = new Map<string, CategoryInfo>();
for (const m of CATEGORIES) {
  INDEX.set(m.code, { code: m.code, zh: m.zh, en: m.en, major: m.code, isMajor: true });
  for (const n of m.minors) INDEX.set(n.code, { code: n.code, zh: n.zh, en: n.en, major: m.code, isMajor: false });
}

const SENSITIVE = new Set(CATEGORIES.flatMap((m) => m.minors.filter((n) => n.sensitive).map((n) => n.code)));

export function isCategory(code: unknown): boolean {
  return typeof code === 'string' && INDEX.has(code);
}

export function isMajorCategory(code: unknown): code is MajorCategoryCode {
  return typeof code === 'string' && (MAJOR_CATEGORY_CODES as readonly string[]).includes(code);
}

/** The category's record; throws UNKNOWN_CATEGORY. */
export function categoryInfo(code: string): CategoryInfo {
  const info = typeof code === 'string' ? INDEX.get(code) : undefined;
  if (!info) throw new DomainError('UNKNOWN_CATEGORY', `unknown dispute category ${show(code)}`);
  return info;
}

/** Whether naming the category in public could endanger or shame a party (unknown codes: no). */
export function isSensitiveCategory(code: string | null | undefined): boolean {
  return !!code && SENSITIVE.has(code);
}

/** The major category of a major or minor code ('unpaid-wages' → 'labour'). */
export function majorCategory(code: string): MajorCategoryCode {
  return categoryInfo(code).major;
}

/** The display name of a major or minor code. */
export function categoryLabel(code: string, lang: 'zh' | 'en' = 'zh'): string {
  if (lang !== 'zh' && lang !== 'en')
    throw new DomainError('INVALID_INPUT', `unknown language ${show(lang)} (expected 'zh' or 'en')`);
  return categoryInfo(code)[lang];
}

/** The major category record with its minors. */
export function majorCategoryRecord(code: string): MajorCategory {
  const major = majorCategory(code);
  return CATEGORIES.find((c) => c.code === major)!;
}

/**
 * Suggests a category from the words of a summary (null when nothing matches). The first row of
 * CATEGORY_KEYWORDS whose word appears wins, so specific categories are listed first.
 */
export function suggestCategory(summary: string): string | null {
  if (typeof summary !== 'string') return null;
  for (const row of CATEGORY_KEYWORDS) if (row.words.some((w) => summary.includes(w))) return row.category;
  return null;
}
