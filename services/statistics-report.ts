// The leaders' dashboard in one answer: the figures of GET /api/statistics for the period and for the
// period of equal length just before it (for ▲/▼), trends per week and month, the breakdowns with their
// labels, the direct sub-regions ranked, and the current risk grades. The export (statistics-export.ts)
// writes the same answer into a workbook or a CSV, so the page, the file and the API agree.
import type { Knex } from 'knex';
import { chinaIso, labelOf, unitLabel, type Label, type RegionTree } from '../domain/index.js';
import { statistics } from '../store/statistics.js';
import { riskCounts, subRegions, trends, type TrendBucket } from '../store/statistics-breakdown.js';

const ratio = (n: number, d: number) => (d ? n / d : null);
const NO_CATEGORY = '(none)';

export interface Period {
  /** The region asked for (or the caller's own) and its path. */
  region: string;
  regionPath: string;
  from: Date;
  to: Date;
}

/** The figures of GET /api/statistics: the region, the instants used, the overdue units with names. */
export async function figures(db: Knex, regions: RegionTree, p: Period) {
  const s = await statistics(db, { regionPath: p.regionPath, from: p.from, to: p.to });
  return {
    region: p.region,
    from: chinaIso(p.from),
    to: chinaIso(p.to),
    ...s,
    mostOverdueUnits: s.mostOverdueUnits.map((u: { unit: string; overdue: number }) => ({
      ...u,
      label: unitLabel(u.unit, regions) ?? null,
    })),
  };
}
export type Figures = Awaited<ReturnType<typeof figures>>;

export interface Count {
  key: string;
  label: Label;
  n: number;
}

const counts = (kind: 'matterType' | 'channel' | 'category', m: Record<string, number>): Count[] =>
  Object.entries(m)
    .map(([key, n]) => ({
      key,
      n,
      label: key === NO_CATEGORY ? { zh: '未分类', en: 'No category' } : labelOf(kind, key),
    }))
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));

export interface SubRegionFigures {
  /** null: matters received at the region itself (本级), not below it. */
  code: string | null;
  label: Label;
  rank: number;
  received: number;
  closed: number;
  resolved: number;
  closedOnTime: number;
  satisfied: number;
  completionRate: number | null;
  resolutionRate: number | null;
  onTimeRate: number | null;
  satisfaction: number | null;
}

/** Ranked by resolution rate (the figure centres are judged by), then completion, then volume. */
function ranked(rows: Awaited<ReturnType<typeof subRegions>>): SubRegionFigures[] {
  const key = (x: number | null) => (x === null ? -1 : x);
  return rows
    .map((r) => ({
      code: r.code,
      label: { zh: r.name, en: r.nameEn ?? r.name },
      rank: 0,
      received: r.received,
      closed: r.closed,
      resolved: r.resolved,
      closedOnTime: r.closedOnTime,
      satisfied: r.satisfied,
      completionRate: ratio(r.closed, r.received),
      resolutionRate: ratio(r.resolved, r.received),
      onTimeRate: ratio(r.closedOnTime, r.closed),
      satisfaction: ratio(r.satisfied, r.answered),
    }))
    .sort(
      (a, b) =>
        key(b.resolutionRate) - key(a.resolutionRate) ||
        key(b.completionRate) - key(a.completionRate) ||
        b.received - a.received ||
        (a.code ?? '~').localeCompare(b.code ?? '~'),
    )
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

export interface Dashboard {
  region: string;
  regionLabel: Label;
  current: Figures;
  previous: Figures;
  weeks: TrendBucket[];
  months: TrendBucket[];
  byType: Count[];
  byChannel: Count[];
  byCategory: Count[];
  subRegions: SubRegionFigures[];
  risk: Count[];
}

/** Everything the dashboard shows for a region and period; the previous period ends where this begins. */
export async function dashboard(db: Knex, regions: RegionTree, p: Period): Promise<Dashboard> {
  const q = { regionPath: p.regionPath, from: p.from, to: p.to };
  const before = { ...p, from: new Date(2 * p.from.getTime() - p.to.getTime()), to: p.from };
  const [current, previous, weeks, months, subs, risk] = await Promise.all([
    figures(db, regions, p),
    figures(db, regions, before),
    trends(db, q, 'week'),
    trends(db, q, 'month'),
    subRegions(db, q),
    riskCounts(db, q),
  ]);
  const r = regions.has(p.region) ? regions.get(p.region) : null;
  return {
    region: p.region,
    regionLabel: r ? { zh: r.name, en: r.nameEn ?? r.name } : { zh: p.region, en: p.region },
    current,
    previous,
    weeks,
    months,
    byType: counts('matterType', current.byType),
    byChannel: counts('channel', current.byChannel),
    byCategory: counts('category', current.byCategory),
    subRegions: ranked(subs),
    risk: Object.entries(risk).map(([key, n]) => ({
      key,
      n,
      label: key === 'none' ? { zh: '未评估', en: 'Not graded' } : labelOf('riskLevel', key),
    })),
  };
}
