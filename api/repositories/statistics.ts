// The figures the centres report, computed exactly from the matters and their event log for a
// region subtree and a period. The cohort is the matters RECEIVED in [from, to); their outcome is as
// it stands now (closed, reason, follow-up). Definitions (also in api/README.md):
//   completion rate   = closed / received            resolution rate = closure 'resolved' / received
//   on-time rate      = closed never overdue (no 'mediation-overdue', no 'assignment-sheet') / closed
//   time to resolve   = closed_at − received_at of resolved matters (hours): mean and median
//   town or below     = resolved closed at tier town, village or grid / resolved
//   satisfaction      = (satisfied + basically satisfied) / follow-ups answered (excluding "don't know")
//   one-time          = resolved and never reopened / resolved
//   funnel            = received → resolved without litigation → to litigation (a litigation hand-off)
//                       → unresolved after litigation (not closed, or its follow-up found it unresolved)
import type { Db } from './db.js';

export interface StatsQuery { regionPath: string; from: Date; to: Date }

const PER_MATTER = `
  WITH m AS (
    SELECT id, matter_type, channel, category, status, closure_reason, received_at, closed_at
      FROM app.matters WHERE region_path LIKE ? AND received_at >= ? AND received_at < ?
  ), f AS (
    SELECT m.*,
           coalesce(bool_or(e.type = 'litigation-handoff'), false) AS litigated,
           coalesce(bool_or(e.type = 'reopened'), false) AS reopened,
           coalesce(bool_or(e.type IN ('mediation-overdue', 'assignment-sheet')), false) AS overdue,
           (array_agg(e.data->>'tier' ORDER BY e.id DESC) FILTER (WHERE e.type = 'closed'))[1] AS closed_tier,
           (array_agg(e.data->>'satisfaction' ORDER BY e.id DESC) FILTER (WHERE e.type = 'follow-up-done'))[1] AS satisfaction,
           (array_agg((e.data->>'resolved')::boolean ORDER BY e.id DESC) FILTER (WHERE e.type = 'follow-up-done'))[1] AS follow_up_resolved
      FROM m LEFT JOIN app.matter_events e ON e.matter_id = m.id
     GROUP BY m.id, m.matter_type, m.channel, m.category, m.status, m.closure_reason, m.received_at, m.closed_at
  )`;

const ratio = (n: number, d: number) => (d ? n / d : null);

export async function statistics(db: Db, q: StatsQuery) {
  const like = `${q.regionPath.replace(/[\\%_]/g, '\\$&')}%`;
  const args = [like, q.from, q.to];
  const { rows: [s] } = await db.raw(`${PER_MATTER}
    SELECT count(*)::int AS received,
           count(*) FILTER (WHERE status = 'closed')::int AS closed,
           count(*) FILTER (WHERE closure_reason = 'resolved')::int AS resolved,
           count(*) FILTER (WHERE status = 'closed' AND NOT overdue)::int AS closed_on_time,
           avg(extract(epoch FROM closed_at - received_at) / 3600) FILTER (WHERE closure_reason = 'resolved') AS mean_hours,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - received_at) / 3600) FILTER (WHERE closure_reason = 'resolved') AS median_hours,
           count(*) FILTER (WHERE closure_reason = 'resolved' AND closed_tier IN ('town', 'village', 'grid'))::int AS resolved_town_or_below,
           count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basically-satisfied'))::int AS satisfied,
           count(*) FILTER (WHERE satisfaction IS NOT NULL AND satisfaction <> 'unknown')::int AS answered,
           count(*) FILTER (WHERE closure_reason = 'resolved' AND NOT reopened)::int AS one_time,
           count(*) FILTER (WHERE closure_reason = 'resolved' AND NOT litigated)::int AS resolved_without_litigation,
           count(*) FILTER (WHERE litigated)::int AS to_litigation,
           count(*) FILTER (WHERE litigated AND (status <> 'closed' OR follow_up_resolved = false))::int AS unresolved_after_litigation
      FROM f`, args);
  const by = async (col: string) => {
    const { rows } = await db.raw(`SELECT coalesce(${col}, '(none)') AS k, count(*)::int AS n FROM app.matters WHERE region_path LIKE ? AND received_at >= ? AND received_at < ? GROUP BY 1 ORDER BY 2 DESC, 1`, args);
    return Object.fromEntries(rows.map((r: { k: string; n: number }) => [r.k, r.n]));
  };
  const { rows: overdueUnits } = await db.raw(`
    SELECT e.unit, count(*)::int AS overdue FROM app.matter_events e JOIN app.matters m ON m.id = e.matter_id
     WHERE m.region_path LIKE ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.type IN ('mediation-overdue', 'assignment-sheet') AND e.unit IS NOT NULL
     GROUP BY e.unit ORDER BY 2 DESC, 1 LIMIT 10`, args);
  return {
    received: s.received,
    byType: await by('matter_type'), byChannel: await by('channel'), byCategory: await by('category'),
    closed: s.closed, resolved: s.resolved,
    completionRate: ratio(s.closed, s.received),
    resolutionRate: ratio(s.resolved, s.received),
    onTimeRate: ratio(s.closed_on_time, s.closed),
    meanHoursToResolve: s.mean_hours === null ? null : Number(s.mean_hours),
    medianHoursToResolve: s.median_hours === null ? null : Number(s.median_hours),
    townOrBelowShare: ratio(s.resolved_town_or_below, s.resolved),
    satisfaction: ratio(s.satisfied, s.answered),
    oneTimeResolutionRate: ratio(s.one_time, s.resolved),
    funnel: { received: s.received, resolvedWithoutLitigation: s.resolved_without_litigation, toLitigation: s.to_litigation, unresolvedAfterLitigation: s.unresolved_after_litigation },
    mostOverdueUnits: overdueUnits,
  };
}
