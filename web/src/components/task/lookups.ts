// The look-ups the inbox and the task page need (matter types, categories, regions, units), fetched
// once per page load and shared: they change only with a new release.
import type { Static } from 'typebox';
import type { CategoryList, CodeList, RegionList, UnitList, UnitMemberList } from '../../../../api/schemas/index.js';
import { api } from '../../api.js';

export type Codes = Static<typeof CodeList>;
export type Categories = Static<typeof CategoryList>;
export type Regions = Static<typeof RegionList>;
export type Region = Regions['items'][number];
export type Members = Static<typeof UnitMemberList>;

const cache = new Map<string, Promise<unknown>>();
function once<T>(url: string): Promise<T> {
  let p = cache.get(url) as Promise<T> | undefined;
  if (!p) {
    p = api<T>('GET', url);
    // A failed look-up is asked again next time rather than remembered.
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

export const matterTypes = () => once<Codes>('/api/lookups/matter-types');
export const categories = () => once<Categories>('/api/lookups/categories');
export const regions = () => once<Regions>('/api/lookups/regions');
export const units = () => once<UnitList>('/api/lookups/units');
/** The active members of a unit (not cached: people join and leave). */
export const members = (unit: string) => api<Members>('GET', `/api/lookups/units/${encodeURIComponent(unit)}/members`);

/** A label in the console's language: Chinese unless English is chosen. */
export const inLocale = (l: { zh: string; en: string } | null | undefined, locale: string): string =>
  l ? (locale === 'en' ? l.en : l.zh) : '—';

export interface TreeOption {
  value: string;
  label: string;
  children?: TreeOption[];
}

/** The region subtree under `root` (the user's jurisdiction) as cascader options. */
export function regionTree(all: Region[], root: string, locale: string): TreeOption[] {
  const name = (r: Region) => (locale === 'en' && r.nameEn ? r.nameEn : r.name);
  const build = (r: Region): TreeOption => {
    const kids = all.filter((c) => c.parent === r.code).map(build);
    return { value: r.code, label: name(r), ...(kids.length ? { children: kids } : {}) };
  };
  const top = all.find((r) => r.code === root);
  return top ? [build(top)] : [];
}

/**
 * A task's name in the console's language. The models name user tasks "中文 English" (调解 Mediate);
 * the part in the other language is left out of a narrow column. A name not in that form stays whole.
 */
export function taskNameIn(name: string | null | undefined, locale: string): string {
  if (!name) return '—';
  const m = name.match(/^(.*[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])\s+([A-Za-z].*)$/);
  if (!m) return name;
  return locale === 'en' ? m[2]! : m[1]!;
}
