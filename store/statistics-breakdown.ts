// The dashboard's cuts of the same cohort as store/statistics.ts (matters RECEIVED in [from, to), their
// outcome as it stands now): trends per China week or month, the direct sub-regions side by side, and
// the current risk grades. Whole China days come from app.stats_daily, the ragged ends from the matters
// (split() and RAW of store/statistics.ts), so every cut adds up to the figures of GET /api/statistics.
// A trend bucket counts the matters received in it and, of those, how many are closed or resolved now:
// the bucket's drill-down (received in the bucket, figure=closed) then finds exactly that many.
import { likePrefix, type Db } from '../platform/db.js';
import { RAW, split, type StatsQuery } from './statistics.js';

const CHINA_MS = 8 * 3_600_000;
const chinaDay = (t: Date) => new Date(t.getTime() + CHINA_MS).toISOString().slice(0, 10);

/** The whole days (summary) and ragged ends (matters) of a period, as query arguments. */
function parts(q: StatsQuery) {
  const like = likePrefix(q.regionPath);
  const { days, raw } = split(q.from, q.to);
  return { like, summary: [like, ...days], raw: [like, ...raw] };
}

export interface TrendBucket {
  /** The China day the week (Monday) or month starts on. */
  start: string;
  received: number;
  closed: number;
  resolved: number;
}

/** Received, and of those closed and resolved, per China week (Monday first) or month; empty ones too. */
export async function trends(db: Db, q: StatsQuery, unit: 'week' | 'month'): Promise<TrendBucket[]> {
  const p = parts(q);
  const first = chinaDay(q.from);
  const last = chinaDay(new Date(q.to.getTime() - 1));
  const { rows } = await db.raw(
    `WITH b AS (
       SELECT generate_series(date_trunc(?, ?::date), ?::date, ('1 ' || ?)::interval)::date AS start
     ), c AS (
       SELECT date_trunc(?, day)::date AS start, sum(received)::int AS received, sum(closed)::int AS closed,
              sum(resolved)::int AS resolved
         FROM (
           SELECT day, received, closed, resolved
             FROM app.stats_daily
            WHERE region_path LIKE ?
              AND day >= ?
              AND day < ?
            UNION ALL
           SELECT app.china_day(received_at), 1, (status = 'closed')::int,
                  coalesce(closure_reason = 'resolved', false)::int
             FROM app.matters
            WHERE ${RAW}
         ) d
        GROUP BY 1
     )
     SELECT to_char(b.start, 'YYYY-MM-DD') AS start, coalesce(c.received, 0) AS received,
            coalesce(c.closed, 0) AS closed, coalesce(c.resolved, 0) AS resolved
       FROM b
       LEFT JOIN c ON c.start = b.start
      ORDER BY b.start`,
    [unit, first, last, unit, unit, ...p.summary, ...p.raw],
  );
  return rows;
}

export interface SubRegionRow {
  /** The sub-region's code; null for matters received at the region itself (本级). */
  code: string | null;
  name: string;
  nameEn: string | null;
  received: number;
  closed: number;
  resolved: number;
  closedOnTime: number;
  satisfied: number;
  answered: number;
}

/**
 * The direct sub-regions of the region at `q.regionPath` (the towns of a county, say), each with its
 * whole subtree's counters, plus one row for matters received at the region itself when there are any.
 */
export async function subRegions(db: Db, q: StatsQuery): Promise<SubRegionRow[]> {
  const p = parts(q);
  const { rows } = await db.raw(
    `WITH d AS (
       SELECT region_path COLLATE "C" AS region_path, received, closed, resolved, closed_on_time, satisfied,
              answered
         FROM app.stats_daily
        WHERE region_path LIKE ?
          AND day >= ?
          AND day < ?
        UNION ALL
       SELECT region_path COLLATE "C", c[1], c[2], c[3], c[4], c[6], c[7]
         FROM app.matters m
        CROSS JOIN LATERAL (SELECT app.stats_counters(m) AS c) x
        WHERE ${RAW}
     ), r AS (
       SELECT k.code, k.name, k.name_en, k.path
         FROM app.regions k
         JOIN app.regions parent ON parent.code = k.parent
        WHERE parent.path = ?
        UNION ALL
       SELECT NULL, '本级', 'This level', ?
     )
     SELECT r.code, r.name, r.name_en AS "nameEn",
            coalesce(sum(d.received), 0)::int AS received, coalesce(sum(d.closed), 0)::int AS closed,
            coalesce(sum(d.resolved), 0)::int AS resolved,
            coalesce(sum(d.closed_on_time), 0)::int AS "closedOnTime",
            coalesce(sum(d.satisfied), 0)::int AS satisfied, coalesce(sum(d.answered), 0)::int AS answered
       FROM r
       LEFT JOIN d ON CASE WHEN r.code IS NULL THEN d.region_path = r.path COLLATE "C"
                         ELSE starts_with(d.region_path, r.path COLLATE "C") END
      GROUP BY r.code, r.name, r.name_en
     HAVING r.code IS NOT NULL OR coalesce(sum(d.received), 0) > 0
      ORDER BY r.code NULLS LAST`,
    [...p.summary, ...p.raw, q.regionPath, q.regionPath],
  );
  return rows;
}

/** The cohort by its current risk grade (red, orange, green; 'none' when not graded). */
export async function riskCounts(db: Db, q: StatsQuery): Promise<Record<string, number>> {
  const { rows } = await db.raw(
    `SELECT coalesce(risk_level, 'none') AS k, count(*)::int AS n
       FROM app.matters
      WHERE region_path LIKE ?
        AND received_at >= ?
        AND received_at < ?
      GROUP BY 1`,
    [likePrefix(q.regionPath), q.from, q.to],
  );
  const out: Record<string, number> = { red: 0, orange: 0, green: 0, none: 0 };
  for (const r of rows as { k: string; n: number }[]) out[r.k] = r.n;
  return out;
}
