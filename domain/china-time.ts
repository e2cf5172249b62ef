// Instants as people in China read them: ISO 8601 / RFC 3339 text with the fixed +08:00 offset
// (China Standard Time; no daylight saving since 1991), and a China day or a date-time read back
// as the instant a period starts or ends.
import { CHINA_OFFSET_MS, chinaTime } from './calendar.js';
import { DomainError } from './errors.js';
import { requireDate, show } from './guard.js';

const DAY_MS = 86_400_000;

/** '2026-03-02T09:30:00.000+08:00' for the instant 2026-03-02T01:30:00.000Z: the same instant, China time. */
export function chinaIso(date: Date): string {
  const ms = requireDate(date, 'date').getTime();
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, -1)}+08:00`;
}

/** chinaIso of a text instant from elsewhere (e.g. Operate's); text that is no instant is returned as it is. */
export function chinaIsoText(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : chinaIso(new Date(ms));
}

// RFC 3339 date-time (as ajv's 'date-time' format reads it: a zone is required), or a plain date.
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2})(?::?(\d{2}))?))?$/;

/**
 * The instant a period bound names. A China day 'YYYY-MM-DD' is inclusive: as the start it is the
 * day's 00:00 China time; as the end, the whole day is in the period, so the bound is the next day's
 * 00:00 China time (an exclusive instant). A full date-time is that instant whichever end it is.
 * Throws INVALID_INPUT naming `what`.
 */
export function periodBound(text: string, edge: 'start' | 'end', what = edge === 'start' ? 'from' : 'to'): Date {
  const bad = (why: string) =>
    new DomainError(
      'INVALID_INPUT',
      `${what} 应为日期（北京时间）YYYY-MM-DD 或带时区的时间，如 2026-11-01、2026-11-01T00:00:00+08:00 · ` +
        `${what} must be a China day 'YYYY-MM-DD' or a date-time with its offset (${why}; got ${show(text)})`,
    );
  const m = typeof text === 'string' ? DATE_TIME.exec(text) : null;
  if (!m) throw bad('not that form');
  let day: Date;
  try {
    day = chinaTime(m[1]);
  } catch {
    throw bad('no such date');
  }
  if (m[2] === undefined) return edge === 'start' ? day : new Date(day.getTime() + DAY_MS);
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const [oh, om] = [Number(m[8] ?? 0), Number(m[9] ?? 0)];
  if (h > 23 || min > 59 || s > 59 || oh > 23 || om > 59) throw bad('no such time');
  const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}${m[5] ?? ''}Z`);
  const offset = m[6].toUpperCase() === 'Z' ? 0 : (m[7] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  return new Date(ms - offset);
}
