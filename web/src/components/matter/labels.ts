// Labels the API sends as { zh, en }, read in the console's language (Chinese unless English is chosen).
import { useI18n } from 'vue-i18n';

export type Label = { zh: string; en: string };

export function useLabel(): (l: Label | null | undefined, fallback?: string) => string {
  const { locale } = useI18n();
  return (l, fallback = '—') => (l ? (locale.value === 'en' ? l.en : l.zh) : fallback);
}

/** The user's roles may record an outcome that names these roles. */
export const mayAct = (mine: readonly string[], allowed: readonly string[]): boolean =>
  mine.some((r) => allowed.includes(r));

/** '分级调解 Mediation at a tier' → { zh: '分级调解', en: 'Mediation at a tier' }: models name things in both. */
export function splitBilingual(name: string | null | undefined): Label {
  const s = (name ?? '').trim();
  const m = /^(.*?[^\x20-\x7e].*?)\s+([A-Za-z].*)$/.exec(s);
  return m ? { zh: m[1], en: m[2] } : { zh: s, en: s };
}
