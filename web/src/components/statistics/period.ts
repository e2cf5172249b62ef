// Periods in China days (YYYY-MM-DD, both ends included, as GET /api/statistics reads them), the
// presets a leader picks from, and the links from a figure to its matters (GET /api/matters filters).
import type { RouteLocationRaw } from 'vue-router';

export type Preset = 'week' | 'month' | 'quarter' | 'year' | 'custom';
export interface Period {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;
/** Today's China date parts (UTC+8 all year), whatever the browser's zone. */
function chinaToday(now: number): Date {
  return new Date(Math.floor((now + CHINA) / DAY) * DAY);
}
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The preset period that holds today: from its first day to its last (including days still to come). */
export function presetPeriod(p: Exclude<Preset, 'custom'>, now = Date.now()): Period {
  const d = chinaToday(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (p === 'week') {
    const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
    return { from: ymd(monday), to: ymd(new Date(monday.getTime() + 6 * DAY)) };
  }
  if (p === 'month') return { from: ymd(new Date(Date.UTC(y, m, 1))), to: ymd(new Date(Date.UTC(y, m + 1, 0))) };
  if (p === 'quarter') {
    const q = Math.floor(m / 3) * 3;
    return { from: ymd(new Date(Date.UTC(y, q, 1))), to: ymd(new Date(Date.UTC(y, q + 3, 0))) };
  }
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** The last day of a trend bucket that starts on `start`, clipped to the period. */
export function bucketPeriod(start: string, unit: 'week' | 'month', period: Period): Period {
  const s = new Date(`${start}T00:00:00Z`);
  const end =
    unit === 'week' ? new Date(s.getTime() + 6 * DAY) : new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, 0));
  return { from: start < period.from ? period.from : start, to: ymd(end) > period.to ? period.to : ymd(end) };
}

/** The matters behind a figure: received in the period within the region, narrowed by `extra`. */
export function drill(region: string, period: Period, extra: Record<string, string> = {}): RouteLocationRaw {
  return {
    name: 'matters',
    query: { regionCode: region, receivedFrom: period.from, receivedTo: period.to, ...extra },
  };
}

/** A rate as people read it: 92.2%; no rate (nothing to divide) is a dash. */
export const pct = (r: number | null | undefined): string =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;
