// Names for people: the models' element names (read from the diagrams' XML, in the page's language)
// and the server's bilingual texts ("中文 · English").
import { splitBilingual } from '../matter/labels.js';

/** Element id → its name in the model, for every diagram shown (called processes too). */
export function elementNames(diagrams: { xml: string }[], locale: string): Record<string, string> {
  const out: Record<string, string> = {};
  const parser = new DOMParser();
  for (const d of diagrams) {
    const doc = parser.parseFromString(d.xml, 'application/xml');
    for (const el of Array.from(doc.querySelectorAll('[id][name]'))) {
      const id = el.getAttribute('id')!;
      if (out[id]) continue;
      const name = splitBilingual(el.getAttribute('name'));
      out[id] = (locale === 'en' ? name.en : name.zh) || id;
    }
  }
  return out;
}

/** "中文 · English" → the part for the locale (the whole text when it is not split so). */
export function inLocaleText(text: string, locale: string): string {
  const at = text.indexOf(' · ');
  if (at < 0) return text;
  return locale === 'en' ? text.slice(at + 3) : text.slice(0, at);
}
