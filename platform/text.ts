// Text PostgreSQL cannot store: NUL (U+0000) is refused in text and jsonb, and an unpaired UTF-16
// surrogate has no UTF-8 form. Input carrying either is refused where it enters (API, gateway) with
// the path of the offending field, instead of failing deep inside a write.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnstorableText(s: string): boolean {
  return UNSTORABLE.test(s);
}

/** The dotted path of the first string (or object key) in `value` PostgreSQL could not store, or null. */
export function findUnstorableText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasUnstorableText(value) ? path || '(value)' : null;
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    const here = path ? `${path}.${k}` : k;
    if (hasUnstorableText(k)) return here;
    const found = findUnstorableText(v, here);
    if (found) return found;
  }
  return null;
}

export const UNSTORABLE_MESSAGE = 'contains a character that cannot be stored (NUL or an unpaired surrogate)';
