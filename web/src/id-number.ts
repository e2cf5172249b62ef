// Checks the form fills before submitting: the 18-digit citizen ID number (GB 11643-1999: address
// code, date of birth, sequence, ISO 7064 MOD 11-2 check character) and a mainland mobile number.
// Pure and dependency-free so the browser bundle and the tests (test/web/id-number.test.ts) share it.

/** Why an ID number is refused, or null when it is a valid 18-digit citizen ID number. */
export type IdNumberProblem = 'format' | 'birth-date' | 'checksum';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character of the first 17 digits ('X' stands for 10). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** The ID number as it should be stored: trimmed, a lower-case check 'x' made upper-case. */
export function tidyIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * What is wrong with an ID number (after tidying), or null. `today` bounds the date of birth (a
 * person born tomorrow has no ID yet); the earliest accepted year is 1900.
 */
export function idNumberProblem(value: string, today: Date = new Date()): IdNumberProblem | null {
  const id = tidyIdNumber(value);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return 'format';
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const born = new Date(Date.UTC(y, m - 1, d));
  const real = born.getUTCFullYear() === y && born.getUTCMonth() === m - 1 && born.getUTCDate() === d;
  if (!real || y < 1900 || born.getTime() > today.getTime()) return 'birth-date';
  return idCheckChar(id) === id[17] ? null : 'checksum';
}

/** A mainland mobile number: 11 digits, 1 then 3–9 (what SMS notices can reach). */
export const MOBILE = /^1[3-9]\d{9}$/;

export function isMobile(value: string): boolean {
  return MOBILE.test(value.trim());
}
