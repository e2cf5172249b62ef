// Quality sampling (四级抽访): which closed mediation cases of a period are reviewed, and which open
// disputes have gone unresolved too long (久调不决).
import type { Db } from '../platform/db.js';

export interface Sample {
  matterId: string;
  trackingCode: string;
  regionCode: string;
  reason: 'sampled' | 'long-unresolved';
}

/**
 * Samples `share` of the disputes closed in [from, to) per county (at least one where any closed),
 * chosen by a hash of the matter and the period so a rerun picks the same ones, and flags disputes
 * open since before `openSince`. Idempotent: a period is sampled once.
 */
export async function sampleQuality(
  db: Db,
  from: Date,
  to: Date,
  share: number,
  openSince: Date,
  now: Date,
): Promise<Sample[]> {
  const period = from.toISOString().slice(0, 10);
  await db.raw(
    `INSERT INTO app.quality_samples (period_start, matter_id, region_code, reason, created_at)
     SELECT ?::date, id, region_code, 'sampled', ?
       FROM (
         SELECT m.id, m.region_code,
                row_number() OVER (PARTITION BY split_part(m.region_path, '/', 3) ORDER BY md5(m.id::text || ?)) AS n,
                count(*) OVER (PARTITION BY split_part(m.region_path, '/', 3)) AS total
           FROM app.matters m
          WHERE m.matter_type = 'dispute'
            AND m.status = 'closed'
            AND m.closed_at >= ?
            AND m.closed_at < ?
       ) c
      WHERE n <= greatest(1, ceil(total * ?::numeric))
     ON CONFLICT (period_start, matter_id) DO NOTHING`,
    [period, now, period, from, to, share],
  );
  await db.raw(
    `INSERT INTO app.quality_samples (period_start, matter_id, region_code, reason, created_at)
     SELECT ?::date, id, region_code, 'long-unresolved', ?
       FROM app.matters
      WHERE matter_type = 'dispute'
        AND status <> 'closed'
        AND received_at < ?
     ON CONFLICT (period_start, matter_id) DO NOTHING`,
    [period, now, openSince],
  );
  const rows = await db('app.quality_samples as s')
    .join('app.matters as m', 'm.id', 's.matter_id')
    .where('s.period_start', period)
    .orderBy('s.id')
    .select({
      matterId: 's.matter_id',
      trackingCode: 'm.tracking_code',
      regionCode: 's.region_code',
      reason: 's.reason',
    });
  return rows.map((r) => ({ ...r, matterId: String(r.matterId) }));
}
