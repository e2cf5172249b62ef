// Quality sampling (四级抽访, seed 002): which closed people's-mediation cases of a China week are
// reviewed one level up, and which open disputes have missed deadlines often enough to be flagged
// long unresolved (久调不决) and guided to arbitration or court. The rules are domain/quality.ts;
// here they meet the tables (migration 20261201000030_quality_sampling).
//
// A people's-mediation case of week [Monday 00:00, next Monday 00:00) China time is a dispute
//   - closed with reason 'resolved' within the week (closed_at), and
//   - whose latest 'mediation-agreed' event was recorded at tier village or town by that region's
//     people's mediation committee (event unit '<region>/people-mediation-committee'), and
//   - with no 'referred' or 'litigation-handoff' after that agreement (it was the agreement, not an
//     arbitration or a court, that settled it: an unfulfilled agreement that went to court does not count).
// Professional and administrative mediation (a property committee, market regulation), the county's
// joint mediation, withdrawn and referred matters are not sampled.
//
// The share of a review pool (the cases one unit reviews) is the row in app.quality_sample_shares of
// the reviewing region or its nearest ancestor (administrators set it: PUT /api/quality/shares/:region),
// else the model's header `share` (bpmn/quality-sampling.bpmn, 0.2), rounded up: a pool with any case
// yields at least one.
//
// Long unresolved: an open dispute whose timeline shows LONG_UNRESOLVED_MISSES deadline misses
// (domain countDeadlineMisses: each 'mediation-overdue', and each distinct deadline an
// 'assignment-sheet' was sent for, the quality review's own excepted), not yet referred or handed to
// the court. Flagged once per matter, with the route it is guided to (domain litigationGuidance).
import type { Db } from '../platform/db.js';
import {
  type RegionTree,
  type Tier,
  countDeadlineMisses,
  drawSamples,
  LONG_UNRESOLVED_MISSES,
  litigationGuidance,
  shareFor,
  weekContaining,
  weeksToSample,
  type DrawnSample,
  type GuidanceRoute,
  type MissEvent,
  type SampleCandidate,
} from '../domain/index.js';

export interface Sample extends DrawnSample {
  reason: 'sampled';
}

export interface Flag {
  matterId: string;
  trackingCode: string;
  regionCode: string;
  tier: string | null;
  handlingUnit: string | null;
  misses: number;
  route: GuidanceRoute;
  routeUnit: string;
  /** The week (its Monday) of the run that flagged it. */
  week: string;
  message: string;
}

export interface SamplingRun {
  /** Weeks this run sampled (their Mondays); empty when they were sampled already. */
  weeks: string[];
  samples: Sample[];
  flags: Flag[];
  /** A redelivered job: what the run with this key recorded the first time. */
  repeated: boolean;
}

export interface SamplingInput {
  /** The time the run happens at (the workers' clock). */
  now: Date;
  /** The sampling job's element instance: a redelivery answers what the first attempt recorded. */
  runKey: string;
  regions: RegionTree;
  /** Share for pools whose region (and its ancestors) has no row in app.quality_sample_shares. */
  defaultShare: number;
}

/** A date column as its calendar day (pg would hand back a Date at local midnight). */
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/**
 * One sampling run: samples every week weeksToSample() names (recording each week once, so a second
 * run for the same week samples nothing) and flags the open disputes that have missed
 * LONG_UNRESOLVED_MISSES deadlines and were not flagged before. Serialised by an advisory lock;
 * deterministic (the draw order is a hash of week and matter). Flags are recorded here; their
 * timeline events are the caller's (workers/sample-quality.ts).
 */
export async function sampleQuality(db: Db, input: SamplingInput): Promise<SamplingRun> {
  return db.transaction(async (trx) => {
    await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('app.quality_sampling'))`);
    const before = await trx('app.quality_sampling_runs').where({ run_key: input.runKey }).select('week_start');
    const flaggedBefore = await trx('app.long_unresolved_flags').where({ run_key: input.runKey }).first('id');
    if (before.length || flaggedBefore) {
      const weeks = (
        await trx('app.quality_sampling_runs')
          .where({ run_key: input.runKey })
          .orderBy('week_start')
          .select({ week: trx.raw(day('week_start')) })
      ).map((r) => r.week as string);
      return {
        weeks,
        samples: await samplesOfRun(trx, input.runKey, input.regions),
        flags: await flagsOfRun(trx, input.runKey, input.regions),
        repeated: true,
      };
    }
    const last = await trx('app.quality_sampling_runs')
      .first({ week: trx.raw(`${day('max(week_start)')}`) })
      .then((r) => (r?.week as string | null) ?? null);
    const shares = await sampleShares(trx);
    const weeks = weeksToSample(input.now, last);
    for (const w of weeks) {
      await trx('app.quality_sampling_runs').insert({ week_start: w.key, run_key: input.runKey, ran_at: input.now });
      const drawn = drawSamples(await candidates(trx, w.start, w.end), w.key, input.regions, (region) =>
        shareFor(region, shares, input.regions, input.defaultShare),
      );
      if (drawn.length)
        await trx('app.quality_samples')
          .insert(
            drawn.map((d) => ({
              period_start: w.key,
              matter_id: d.matterId,
              region_code: d.regionCode,
              reason: 'sampled',
              created_at: input.now,
              run_key: input.runKey,
              mediated_tier: d.mediatedTier,
              mediated_unit: d.mediatedUnit,
              review_unit: d.reviewUnit,
              share: d.share,
            })),
          )
          .onConflict(['period_start', 'matter_id'])
          .ignore();
    }
    await flagLongUnresolved(trx, input);
    return {
      weeks: weeks.map((w) => w.key),
      samples: await samplesOfRun(trx, input.runKey, input.regions),
      flags: await flagsOfRun(trx, input.runKey, input.regions),
      repeated: false,
    };
  });
}

async function candidates(db: Db, from: Date, to: Date): Promise<SampleCandidate[]> {
  const { rows } = await db.raw(
    `SELECT m.id::text AS "matterId", m.tracking_code AS "trackingCode", m.region_code AS "regionCode",
            a.tier AS "mediatedTier", a.unit AS "mediatedUnit"
       FROM app.matters m
       JOIN LATERAL (
         SELECT e.id, e.tier, e.unit FROM app.matter_events e
          WHERE e.matter_id = m.id AND e.type = 'mediation-agreed'
          ORDER BY e.id DESC LIMIT 1
       ) a ON true
      WHERE m.status = 'closed' AND m.closed_at >= ? AND m.closed_at < ?
        AND m.matter_type = 'dispute' AND m.closure_reason = 'resolved'
        AND a.tier IN ('village', 'town')
        AND a.unit LIKE '%/people-mediation-committee'
        AND NOT EXISTS (
          SELECT 1 FROM app.matter_events x
           WHERE x.matter_id = m.id AND x.id > a.id AND x.type IN ('referred', 'litigation-handoff'))
      ORDER BY m.id`,
    [from, to],
  );
  return rows as SampleCandidate[];
}

/** Open disputes with LONG_UNRESOLVED_MISSES misses, not flagged before and not yet referred or in court. */
async function flagLongUnresolved(db: Db, input: SamplingInput): Promise<void> {
  const { rows } = await db.raw(
    `SELECT m.id::text AS "matterId", m.region_code AS "regionCode", m.category, m.handling_unit AS "handlingUnit",
            json_agg(json_build_object('id', e.id::text, 'type', e.type, 'deadline', e.data->>'deadline',
                                       'element', e.data->>'element') ORDER BY e.id) AS events
       FROM app.matter_events e
       JOIN app.matters m ON m.id = e.matter_id
      WHERE e.type IN ('mediation-overdue', 'assignment-sheet') AND e.occurred_at <= ?
        AND m.matter_type = 'dispute' AND m.status <> 'closed'
        AND NOT EXISTS (SELECT 1 FROM app.long_unresolved_flags f WHERE f.matter_id = m.id)
        AND NOT EXISTS (
          SELECT 1 FROM app.matter_events x
           WHERE x.matter_id = m.id AND x.type IN ('referred', 'litigation-handoff'))
      GROUP BY m.id
      ORDER BY m.id`,
    [input.now],
  );
  const week = weekContaining(input.now).key;
  for (const r of rows as {
    matterId: string;
    regionCode: string;
    category: string | null;
    handlingUnit: string | null;
    events: MissEvent[];
  }[]) {
    const misses = countDeadlineMisses(r.events);
    if (misses < LONG_UNRESOLVED_MISSES) continue;
    const g = litigationGuidance(r.category, r.regionCode, misses, input.regions);
    await db('app.long_unresolved_flags')
      .insert({
        matter_id: r.matterId,
        run_key: input.runKey,
        week_start: week,
        flagged_at: input.now,
        misses,
        handling_unit: r.handlingUnit,
        route: g.route,
        route_unit: g.unit,
      })
      .onConflict('matter_id')
      .ignore();
  }
}

async function samplesOfRun(db: Db, runKey: string, regions: RegionTree): Promise<Sample[]> {
  const rows = await db('app.quality_samples as s')
    .join('app.matters as m', 'm.id', 's.matter_id')
    .where({ 's.run_key': runKey, 's.reason': 'sampled' })
    .orderBy('s.id')
    .select({
      matterId: db.raw('s.matter_id::text'),
      trackingCode: 'm.tracking_code',
      regionCode: 's.region_code',
      week: db.raw(day('s.period_start')),
      mediatedTier: 's.mediated_tier',
      mediatedUnit: 's.mediated_unit',
      reviewUnit: 's.review_unit',
      share: 's.share',
    });
  return rows.map((r) => {
    const reviewRegion = String(r.reviewUnit).split('/')[0]!;
    return {
      matterId: r.matterId,
      trackingCode: r.trackingCode,
      regionCode: r.regionCode,
      week: r.week,
      mediatedTier: r.mediatedTier as Tier,
      mediatedUnit: r.mediatedUnit,
      reviewTier: regions.has(reviewRegion) ? regions.get(reviewRegion).tier : (r.mediatedTier as Tier),
      reviewRegion,
      reviewUnit: r.reviewUnit,
      share: Number(r.share),
      reason: 'sampled' as const,
    };
  });
}

async function flagsOfRun(db: Db, runKey: string, regions: RegionTree): Promise<Flag[]> {
  const rows = await db('app.long_unresolved_flags as f')
    .join('app.matters as m', 'm.id', 'f.matter_id')
    .where('f.run_key', runKey)
    .orderBy('f.id')
    .select({
      matterId: db.raw('f.matter_id::text'),
      trackingCode: 'm.tracking_code',
      regionCode: 'm.region_code',
      category: 'm.category',
      tier: 'm.tier',
      handlingUnit: 'f.handling_unit',
      misses: 'f.misses',
      week: db.raw(day('f.week_start')),
    });
  return rows.map((r) => {
    const g = litigationGuidance(r.category, r.regionCode, r.misses, regions);
    return {
      matterId: r.matterId,
      trackingCode: r.trackingCode,
      regionCode: r.regionCode,
      tier: r.tier,
      handlingUnit: r.handlingUnit,
      misses: r.misses,
      route: g.route,
      routeUnit: g.unit,
      week: r.week,
      message: g.message,
    };
  });
}

/** Region → share of the pools it reviews (and its descendants review, unless they have their own). */
export async function sampleShares(db: Db): Promise<Map<string, number>> {
  const rows = await db('app.quality_sample_shares').select('region_code', 'share');
  return new Map(rows.map((r) => [r.region_code as string, Number(r.share)]));
}

/** Sets (or, with share null, removes) a region's share. */
export async function setSampleShare(
  db: Db,
  regionCode: string,
  share: number | null,
  at: Date,
  by: string | null,
): Promise<void> {
  if (share === null) {
    await db('app.quality_sample_shares').where({ region_code: regionCode }).delete();
    return;
  }
  await db('app.quality_sample_shares')
    .insert({ region_code: regionCode, share, updated_at: at, updated_by: by })
    .onConflict('region_code')
    .merge();
}
