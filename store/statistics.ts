// The figures the centres report for a region subtree and a period. The cohort is the matters
// RECEIVED in [from, to); their outcome is as it stands now (closed, reason, follow-up). Definitions
// (also in api/README.md; one SQL definition in app.stats_counters, migration 9):
//   completion rate   = closed / received            resolution rate = closure 'resolved' / received
//   on-time rate      = closed never overdue (no 'mediation-overdue', no 'assignment-sheet') / closed
//   time to resolve   = closed_at − received_at of resolved matters (hours): mean and median
//   town or below     = resolved closed at tier town, village or grid / resolved
//   satisfaction      = (satisfied + basically satisfied) / follow-ups answered (excluding "don't know")
//   one-time          = resolved and never reopened / resolved
//   funnel            = received → resolved without litigation → to litigation (a litigation hand-off)
//                       → unresolved after litigation (not closed, or its follow-up found it unresolved)
//
// Whole China calendar days are read from the summary tables the triggers keep (a city-year is a few
// thousand rows); the partial days at either end of the period from the matters themselves. The
// median is exact: the summary's histogram finds the bucket, the matters in that bucket give the value.
// statisticsFromEventLog() computes the same figures straight from the event log: the reference the
// tests hold the summary to.
import { likePrefix, type Db } from '../platform/db.js';

export interface StatsQuery {
  regionPath: string;
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
const CHINA_MS = 8 * 3_600_000; // UTC+8 all year: China keeps no daylight saving time
const chinaMidnight = (t: Date, round: 'up' | 'down') =>
  new Date(Math[round === 'up' ? 'ceil' : 'floor']((t.getTime() + CHINA_MS) / DAY_MS) * DAY_MS - CHINA_MS);
const chinaDay = (t: Date) => new Date(t.getTime() + CHINA_MS).toISOString().slice(0, 10);

/** The period cut into whole China days (from the summary) and the partial days at its ends (raw). */
export function split(from: Date, to: Date) {
  const start = chinaMidnight(from, 'up');
  const end = chinaMidnight(to, 'down');
  if (start >= end) return { days: [chinaDay(to), chinaDay(to)], raw: [from, to, to, to] };
  return { days: [chinaDay(start), chinaDay(end)], raw: [from, start, end, to] };
}

const COUNTERS = [
  'received',
  'closed',
  'resolved',
  'closed_on_time',
  'resolved_town_or_below',
  'satisfied',
  'answered',
  'one_time',
  'resolved_without_litigation',
  'to_litigation',
  'unresolved_after_litigation',
] as const;
type Counters = Record<(typeof COUNTERS)[number], number> & { resolved_seconds: string | null };
// A WHERE condition; its continuation lines are indented to line up where the queries below interpolate it.
export const RAW = `region_path LIKE ?
            AND (received_at >= ? AND received_at < ?
                 OR received_at >= ? AND received_at < ?)`;

const ratio = (n: number, d: number) => (d ? n / d : null);

export async function statistics(db: Db, q: StatsQuery) {
  const like = likePrefix(q.regionPath);
  const { days, raw } = split(q.from, q.to);
  const summary: (string | Date)[] = [like, ...days];
  const rawArgs: (string | Date)[] = [like, ...raw];
  const {
    rows: [s],
  } = await db.raw(
    `SELECT ${COUNTERS.map((c) => `coalesce(sum(${c}), 0)::int AS ${c}`).join(', ')},
            sum(resolved_seconds) AS resolved_seconds
       FROM (
         SELECT ${COUNTERS.join(', ')}, resolved_seconds
           FROM app.stats_daily
          WHERE region_path LIKE ?
            AND day >= ?
            AND day < ?
          UNION ALL
         SELECT ${COUNTERS.map((_, i) => `c[${i + 1}]`).join(', ')}, coalesce(resolve_seconds, 0)
           FROM app.matters m
          CROSS JOIN LATERAL (SELECT app.stats_counters(m) AS c) x
          WHERE ${RAW}
       ) p`,
    [...summary, ...rawArgs],
  );
  const { rows: breakdown } = await db.raw(
    `SELECT dim, key, sum(n)::int AS n
       FROM (
         SELECT dim, key, received AS n
           FROM app.stats_breakdown
          WHERE region_path LIKE ?
            AND day >= ?
            AND day < ?
          UNION ALL
         SELECT d.dim, d.key, 1
           FROM app.matters m
          CROSS JOIN LATERAL (
            VALUES ('type', m.matter_type),
                   ('channel', m.channel),
                   ('category', coalesce(m.category, '(none)'))
          ) d(dim, key)
          WHERE ${RAW}
       ) b
      GROUP BY 1, 2
     HAVING sum(n) <> 0
      ORDER BY 3 DESC, 2`,
    [...summary, ...rawArgs],
  );
  const { rows: overdueUnits } = await db.raw(
    `SELECT unit, sum(n)::int AS overdue
       FROM (
         SELECT unit, n
           FROM app.stats_overdue_units
          WHERE region_path LIKE ?
            AND day >= ?
            AND day < ?
          UNION ALL
         SELECT e.unit, 1
           FROM app.matter_events e
           JOIN app.matters m ON m.id = e.matter_id
          WHERE m.region_path LIKE ?
            AND e.type IN ('mediation-overdue', 'assignment-sheet')
            AND e.unit IS NOT NULL
            AND (e.occurred_at >= ? AND e.occurred_at < ?
                 OR e.occurred_at >= ? AND e.occurred_at < ?)
       ) u
      GROUP BY 1
     HAVING sum(n) > 0
      ORDER BY 2 DESC, 1
      LIMIT 10`,
    [...summary, ...rawArgs],
  );
  const median = await medianSeconds(db, q, like, summary, rawArgs, s.resolved);
  const by = (dim: string) =>
    Object.fromEntries(
      breakdown.filter((r: { dim: string }) => r.dim === dim).map((r: { key: string; n: number }) => [r.key, r.n]),
    );
  return figures(s, { byType: by('type'), byChannel: by('channel'), byCategory: by('category') }, median, overdueUnits);
}

/** The exact median (percentile_cont 0.5) of the resolve times: histogram first, then one bucket. */
async function medianSeconds(
  db: Db,
  q: StatsQuery,
  like: string,
  summary: (string | Date)[],
  rawArgs: (string | Date)[],
  resolved: number,
) {
  if (!resolved) return null;
  const { rows: hist } = await db.raw(
    `SELECT bucket, sum(n)::int AS n
       FROM (
         SELECT bucket, n
           FROM app.stats_resolve_hist
          WHERE region_path LIKE ?
            AND day >= ?
            AND day < ?
          UNION ALL
         SELECT resolve_bucket, 1
           FROM app.matters
          WHERE closure_reason = 'resolved'
            AND ${RAW}
       ) h
      GROUP BY 1
      ORDER BY 1`,
    [...summary, ...rawArgs],
  );
  const nth = async (k: number) => {
    let before = 0;
    for (const { bucket, n } of hist as { bucket: number; n: number }[]) {
      if (k < before + n) {
        const { rows } = await db.raw(
          `SELECT resolve_seconds
             FROM app.matters
            WHERE closure_reason = 'resolved'
              AND resolve_bucket = ?
              AND region_path LIKE ?
              AND received_at >= ?
              AND received_at < ?
            ORDER BY resolve_seconds
           OFFSET ?
            LIMIT 1`,
          [bucket, like, q.from, q.to, k - before],
        );
        return Number(rows[0].resolve_seconds);
      }
      before += n;
    }
    throw new Error(`the resolve-time histogram holds ${before} matters, the counters ${resolved}`);
  };
  const lo = await nth(Math.floor((resolved - 1) / 2));
  return resolved % 2 ? lo : (lo + (await nth(resolved / 2))) / 2;
}

function figures(
  s: Counters,
  breakdown: Record<'byType' | 'byChannel' | 'byCategory', Record<string, number>>,
  medianSecs: number | null,
  mostOverdueUnits: { unit: string; overdue: number }[],
) {
  return {
    received: s.received,
    ...breakdown,
    closed: s.closed,
    resolved: s.resolved,
    completionRate: ratio(s.closed, s.received),
    resolutionRate: ratio(s.resolved, s.received),
    onTimeRate: ratio(s.closed_on_time, s.closed),
    meanHoursToResolve: s.resolved ? Number(s.resolved_seconds) / s.resolved / 3600 : null,
    medianHoursToResolve: medianSecs === null ? null : medianSecs / 3600,
    townOrBelowShare: ratio(s.resolved_town_or_below, s.resolved),
    satisfaction: ratio(s.satisfied, s.answered),
    oneTimeResolutionRate: ratio(s.one_time, s.resolved),
    funnel: {
      received: s.received,
      resolvedWithoutLitigation: s.resolved_without_litigation,
      toLitigation: s.to_litigation,
      unresolvedAfterLitigation: s.unresolved_after_litigation,
    },
    mostOverdueUnits,
  };
}

/** The same figures straight from matters and their event log, without the summary: the reference. */
export async function statisticsFromEventLog(db: Db, q: StatsQuery) {
  const args = [likePrefix(q.regionPath), q.from, q.to];
  const {
    rows: [s],
  } = await db.raw(
    `WITH f AS (
       SELECT m.id, m.status, m.closure_reason, extract(epoch FROM m.closed_at - m.received_at) AS secs,
              coalesce(bool_or(e.type = 'litigation-handoff'), false) AS litigated,
              coalesce(bool_or(e.type = 'reopened'), false) AS reopened,
              coalesce(bool_or(e.type IN ('mediation-overdue', 'assignment-sheet')), false) AS overdue,
              (array_agg(e.data->>'tier' ORDER BY e.id DESC) FILTER (WHERE e.type = 'closed'))[1] AS closed_tier,
              (array_agg(e.data->>'satisfaction' ORDER BY e.id DESC)
                 FILTER (WHERE e.type = 'follow-up-done'))[1] AS satisfaction,
              (array_agg(CASE WHEN e.data->>'resolved' IN ('true', 'false') THEN (e.data->>'resolved')::boolean END
                         ORDER BY e.id DESC)
                 FILTER (WHERE e.type = 'follow-up-done'))[1] AS follow_up_resolved
         FROM app.matters m
         LEFT JOIN app.matter_events e ON e.matter_id = m.id
        WHERE m.region_path LIKE ?
          AND m.received_at >= ?
          AND m.received_at < ?
        GROUP BY m.id
     )
     SELECT count(*)::int AS received,
            count(*) FILTER (WHERE status = 'closed')::int AS closed,
            count(*) FILTER (WHERE closure_reason = 'resolved')::int AS resolved,
            count(*) FILTER (WHERE status = 'closed' AND NOT overdue)::int AS closed_on_time,
            sum(secs) FILTER (WHERE closure_reason = 'resolved') AS resolved_seconds,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY secs)
              FILTER (WHERE closure_reason = 'resolved') AS median_seconds,
            count(*) FILTER (WHERE closure_reason = 'resolved' AND closed_tier IN ('town', 'village', 'grid'))::int
              AS resolved_town_or_below,
            count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basically-satisfied'))::int AS satisfied,
            count(*) FILTER (WHERE satisfaction IS NOT NULL AND satisfaction <> 'unknown')::int AS answered,
            count(*) FILTER (WHERE closure_reason = 'resolved' AND NOT reopened)::int AS one_time,
            count(*) FILTER (WHERE closure_reason = 'resolved' AND NOT litigated)::int AS resolved_without_litigation,
            count(*) FILTER (WHERE litigated)::int AS to_litigation,
            count(*) FILTER (WHERE litigated AND (status <> 'closed' OR follow_up_resolved = false))::int
              AS unresolved_after_litigation
       FROM f`,
    args,
  );
  const by = async (col: string) => {
    const { rows } = await db.raw(
      `SELECT coalesce(${col}, '(none)') AS k, count(*)::int AS n
         FROM app.matters
        WHERE region_path LIKE ?
          AND received_at >= ?
          AND received_at < ?
        GROUP BY 1
        ORDER BY 2 DESC, 1`,
      args,
    );
    return Object.fromEntries(rows.map((r: { k: string; n: number }) => [r.k, r.n]));
  };
  const { rows: overdueUnits } = await db.raw(
    `SELECT e.unit, count(*)::int AS overdue
       FROM app.matter_events e
       JOIN app.matters m ON m.id = e.matter_id
      WHERE m.region_path LIKE ?
        AND e.occurred_at >= ?
        AND e.occurred_at < ?
        AND e.type IN ('mediation-overdue', 'assignment-sheet')
        AND e.unit IS NOT NULL
      GROUP BY e.unit
      ORDER BY 2 DESC, 1
      LIMIT 10`,
    args,
  );
  const breakdown = {
    byType: await by('matter_type'),
    byChannel: await by('channel'),
    byCategory: await by('category'),
  };
  return figures(s, breakdown, s.median_seconds === null ? null : Number(s.median_seconds), overdueUnits);
}

/** Recomputes the per-matter facts and every summary from the event log (after a bulk load or a repair). */
export async function rebuildStatistics(db: Db): Promise<void> {
  await db.raw('SELECT app.rebuild_statistics()');
}
