// One case, one code: unguessable (60 random bits, not sequential), printable (Crockford base32: no
// I, L, O, U, so it survives being read over the phone), with a check symbol that catches typos.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function check(symbols: string): string {
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) sum += ALPHABET.indexOf(symbols[i]) * (i + 1);
  return ALPHABET[sum % 31];
}

/** e.g. 'GC-7K2M-9QXR-4TW' (12 random symbols then the check symbol). */
export function newTrackingCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(12);
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[bytes[i] % 32];
  s += check(s);
  return `GC-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Normalises what a citizen typed (case, dashes, O→0, I/L→1) and checks it; null when it cannot be a code. */
export function normaliseTrackingCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/^GC/, '').replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{13}$/.test(raw)) return null;
  if (check(raw.slice(0, 12)) !== raw[12]) return null;
  return `GC-${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}
