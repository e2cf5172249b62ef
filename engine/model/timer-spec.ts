// ISO 8601 timer values as Zeebe accepts them: durations (PT10S, P1DT2H), dates, and repeating
// cycles R[n]/[start/]duration. Cron cycles are not supported yet and are rejected at deploy.

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}
export interface Cycle {
  repetitions: number;
  interval: string;
  start?: Date;
}

/** One optional duration component: a number (a decimal fraction allowed) followed by its designator. */
const component = (designator: string) => `(?:(\\d+(?:\\.\\d+)?)${designator})?`;
/** [-]P[nY][nM][nW][nD][T[nH][nM][nS]]; groups: 1 the sign, 2..8 the numbers of Y M W D H M S. */
const DURATION = new RegExp(
  `^(-)?P${['Y', 'M', 'W', 'D'].map(component).join('')}(?:T${['H', 'M', 'S'].map(component).join('')})?$`,
);

export function parseDuration(text: string): Duration | null {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return null;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  const sign = m[1] ? -1 : 1;
  const d = { years: n(2), months: n(3), weeks: n(4), days: n(5), hours: n(6), minutes: n(7), seconds: n(8) };
  if (Object.values(d).every((x) => x === 0) && !/\d/.test(text)) return null;
  if (sign < 0) for (const k of Object.keys(d) as (keyof Duration)[]) d[k] = -d[k];
  return d;
}

export function addDuration(from: Date, d: Duration): Date {
  const t = new Date(from.getTime());
  if (d.years || d.months) t.setUTCMonth(t.getUTCMonth() + d.years * 12 + d.months);
  const ms = (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000;
  return new Date(t.getTime() + ms);
}

export function parseDate(text: string): Date | null {
  const s = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return null;
  // Zeebe accepts zone ids in brackets (2024-01-01T10:00:00+08:00[Asia/Shanghai]); the offset suffices.
  const d = new Date(s.replace(/\[[^\]]+\]$/, ''));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function parseCycle(text: string): Cycle | null {
  const parts = text.trim().split('/');
  const rep = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!rep) {
    // A plain duration is a cycle that repeats forever (Zeebe accepts it).
    return parseDuration(text) ? { repetitions: -1, interval: text.trim() } : null;
  }
  const repetitions = rep[1] === '' ? -1 : Number(rep[1]);
  if (parts.length === 2 && parseDuration(parts[1])) return { repetitions, interval: parts[1] };
  if (parts.length === 3) {
    const start = parseDate(parts[1]);
    if (start && parseDuration(parts[2])) return { repetitions, interval: parts[2], start };
  }
  return null;
}
