// Reading quality sampling (四级抽访): a week's samples and their reviews, the disputes flagged long
// unresolved (久调不决) with where they are guided, and the share each region samples; setting a share.
// The routes (api/routes/quality.ts) scope every query to the caller's jurisdiction first.
import type { Knex } from 'knex';
import {
  unitLabel,
  type RegionTree,
  DEFAULT_SAMPLE_SHARE,
  litigationGuidance,
  previousWeek,
  requireShare,
  shareFor,
  weekOf,
  type Week,
} from '../domain/index.js';
import {
  longUnresolvedFlags,
  samplesOfWeek,
  sharesWithin,
  type FlagRow,
  type SampleRow,
} from '../store/quality-lists.js';
import { sampleShares, setSampleShare } from '../store/quality.js';
import { audit } from '../store/audit.js';

const label = (unit: string | null, regions: RegionTree) => (unit ? unitLabel(unit, regions) : null);
const regionName = (code: string, regions: RegionTree) => (regions.has(code) ? regions.get(code).name : code);

export interface SampleView extends SampleRow {
  regionName: string;
  mediatedUnitLabel: string | null;
  reviewUnitLabel: string | null;
}

/** The week `week` (any day of it; default: the previous whole week at `now`), within `regionPath`. */
export async function qualitySamples(
  db: Knex,
  regions: RegionTree,
  q: { regionPath: string; week?: string; now: Date; limit: number; offset: number },
): Promise<{ week: Week; ranAt: Date | null; total: number; items: SampleView[] }> {
  const week = q.week ? weekOf(q.week) : previousWeek(q.now);
  const r = await samplesOfWeek(db, { week: week.key, regionPath: q.regionPath, limit: q.limit, offset: q.offset });
  return {
    week,
    ranAt: r.ranAt,
    total: r.total,
    items: r.items.map((s) => ({
      ...s,
      regionName: regionName(s.regionCode, regions),
      mediatedUnitLabel: label(s.mediatedUnit, regions),
      reviewUnitLabel: label(s.reviewUnit, regions),
    })),
  };
}

export interface FlagView extends FlagRow {
  regionName: string;
  handlingUnitLabel: string | null;
  routeUnitLabel: string;
  /** What the handling unit was asked to do, Chinese first. */
  guidance: string;
}

export async function longUnresolved(
  db: Knex,
  regions: RegionTree,
  q: { regionPath: string; openOnly: boolean; limit: number; offset: number },
): Promise<{ total: number; items: FlagView[] }> {
  const r = await longUnresolvedFlags(db, q);
  return {
    total: r.total,
    items: r.items.map((f) => ({
      ...f,
      regionName: regionName(f.regionCode, regions),
      handlingUnitLabel: label(f.handlingUnit, regions),
      routeUnitLabel: unitLabel(f.routeUnit, regions),
      guidance: litigationGuidance(f.category, f.regionCode, f.misses, regions).message,
    })),
  };
}

/** The shares set within a subtree, and the share that applies to the subtree's own region. */
export async function qualityShares(db: Knex, regions: RegionTree, regionCode: string, regionPath: string) {
  const [rows, all] = await Promise.all([sharesWithin(db, regionPath), sampleShares(db)]);
  return {
    region: regionCode,
    effectiveShare: shareFor(regionCode, all, regions, DEFAULT_SAMPLE_SHARE),
    defaultShare: DEFAULT_SAMPLE_SHARE,
    items: rows.map((r) => ({ ...r, regionName: regionName(r.regionCode, regions) })),
  };
}

/** Sets (share a number) or clears (null) a region's share; audited. */
export async function setQualityShare(
  db: Knex,
  regionCode: string,
  share: number | null,
  actor: string,
  at: Date,
): Promise<void> {
  const value = share === null ? null : requireShare(share);
  await db.transaction(async (trx) => {
    await setSampleShare(trx, regionCode, value, at, actor);
    await audit(trx, {
      at,
      actor,
      action: 'quality.share',
      targetKind: 'region',
      targetId: regionCode,
      details: { share: value },
    });
  });
}
