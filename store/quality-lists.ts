// What quality sampling recorded, for reading (GET /api/quality/...): a week's samples with their
// review, the disputes flagged long unresolved, and the shares per region. Scoped by region path (a
// jurisdiction is a prefix of the matter's region path). Sampling itself is store/quality.ts.
import { likePrefix, type Db } from '../platform/db.js';
import type { GuidanceRoute, Tier } from '../domain/index.js';

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

export interface SampleRow {
  matterId: string;
  trackingCode: string;
  regionCode: string;
  category: string | null;
  week: string;
  mediatedTier: Tier | null;
  mediatedUnit: string | null;
  reviewUnit: string | null;
  share: number | null;
  sampledAt: Date;
  closedAt: Date | null;
  /** The latest 'quality-reviewed' step recorded for this week's sample, if any. */
  review: { at: Date; verdict: string | null; notes: string | null; by: string | null } | null;
}

export interface SampleQuery {
  /** The week's Monday, 'YYYY-MM-DD'. */
  week: string;
  regionPath: string;
  limit: number;
  offset: number;
}

export async function samplesOfWeek(
  db: Db,
  q: SampleQuery,
): Promise<{ total: number; ranAt: Date | null; items: SampleRow[] }> {
  const run = await db('app.quality_sampling_runs').where({ week_start: q.week }).first('ran_at');
  const base = () =>
    db('app.quality_samples as s')
      .join('app.matters as m', 'm.id', 's.matter_id')
      .where({ 's.period_start': q.week, 's.reason': 'sampled' })
      .andWhereRaw('m.region_path LIKE ?', [likePrefix(q.regionPath)]);
  const [{ n }] = await base().count({ n: '*' });
  const rows = await base()
    .joinRaw(
      `LEFT JOIN LATERAL (
         SELECT e.occurred_at, e.data FROM app.matter_events e
          WHERE e.matter_id = s.matter_id AND e.type = 'quality-reviewed'
            AND e.data->>'sampleWeek' = ${day('s.period_start')}
          ORDER BY e.id DESC LIMIT 1) r ON true`,
    )
    .orderBy('s.id')
    .limit(q.limit)
    .offset(q.offset)
    .select({
      matterId: db.raw('s.matter_id::text'),
      trackingCode: 'm.tracking_code',
      regionCode: 's.region_code',
      category: 'm.category',
      week: db.raw(day('s.period_start')),
      mediatedTier: 's.mediated_tier',
      mediatedUnit: 's.mediated_unit',
      reviewUnit: 's.review_unit',
      share: 's.share',
      sampledAt: 's.created_at',
      closedAt: 'm.closed_at',
      reviewAt: 'r.occurred_at',
      reviewData: 'r.data',
    });
  return {
    total: Number(n),
    ranAt: run?.ran_at ?? null,
    items: rows.map(({ reviewAt, reviewData, share, ...r }) => ({
      ...r,
      share: share === null ? null : Number(share),
      review: reviewAt
        ? {
            at: reviewAt,
            verdict: reviewData?.verdict ?? null,
            notes: reviewData?.notes ?? null,
            by: reviewData?.handlingUnit ?? null,
          }
        : null,
    })),
  };
}

export interface FlagRow {
  matterId: string;
  trackingCode: string;
  regionCode: string;
  category: string | null;
  status: string;
  tier: string | null;
  handlingUnit: string | null;
  misses: number;
  flaggedAt: Date;
  week: string;
  route: GuidanceRoute;
  routeUnit: string;
}

export interface FlagQuery {
  regionPath: string;
  /** Only matters still open (not closed since they were flagged). */
  openOnly: boolean;
  limit: number;
  offset: number;
}

export async function longUnresolvedFlags(db: Db, q: FlagQuery): Promise<{ total: number; items: FlagRow[] }> {
  const base = () => {
    const b = db('app.long_unresolved_flags as f')
      .join('app.matters as m', 'm.id', 'f.matter_id')
      .whereRaw('m.region_path LIKE ?', [likePrefix(q.regionPath)]);
    return q.openOnly ? b.andWhere('m.status', '<>', 'closed') : b;
  };
  const [{ n }] = await base().count({ n: '*' });
  const items = await base()
    .orderBy('f.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .select({
      matterId: db.raw('f.matter_id::text'),
      trackingCode: 'm.tracking_code',
      regionCode: 'm.region_code',
      category: 'm.category',
      status: 'm.status',
      tier: 'm.tier',
      handlingUnit: 'f.handling_unit',
      misses: 'f.misses',
      flaggedAt: 'f.flagged_at',
      week: db.raw(day('f.week_start')),
      route: 'f.route',
      routeUnit: 'f.route_unit',
    });
  return { total: Number(n), items: items as FlagRow[] };
}

export interface ShareRow {
  regionCode: string;
  share: number;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The shares set for the regions of a subtree. */
export async function sharesWithin(db: Db, regionPath: string): Promise<ShareRow[]> {
  const rows = await db('app.quality_sample_shares as q')
    .join('app.regions as r', 'r.code', 'q.region_code')
    .whereRaw('r.path LIKE ?', [likePrefix(regionPath)])
    .orderBy('r.path')
    .select({ regionCode: 'q.region_code', share: 'q.share', updatedAt: 'q.updated_at', updatedBy: 'q.updated_by' });
  return rows.map((r) => ({ ...r, share: Number(r.share) }));
}
