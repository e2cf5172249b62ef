// Mediator recommendation (矛调素问-style matching): who in the handling region, at that tier,
// handles the category and still has room. Ranking is a strict order so results are repeatable:
// specialist before generalist, then lower load, then longer service, then id.
import { DomainError } from './errors.js';
import { isPlainObject, requireInteger, requireObject, requireString, show } from './guard.js';
import { isTier, RegionTree, requireTier } from './regions.js';
import type { Tier } from './regions.js';
import { isCategory, majorCategory } from './taxonomy.js';

export { DEMO_MEDIATORS } from './data/demo-mediators.js';

export interface Mediator {
  id: string;
  name: string;
  kind: 'individual' | 'committee';
  /** Where the mediator is based; recommended for matters handled there or above. */
  regionCode: string;
  tier: Tier;
  /** Major category codes, or '*' for a generalist. */
  categories: string[];
  /** Open matters now assigned. */
  activeCases: number;
  /** Open matters the mediator can carry; at capacity → not recommended. */
  capacity: number;
  /** Year the mediator started mediating. */
  since?: number;
  /** The mediator's login, when they have one: what the process assigns them lands in their inbox. */
  userId?: string;
}

export interface Recommendation {
  mediator: Mediator;
  /** For display only (0–100-ish): the order of the list is the ranking. */
  score: number;
  /** 'specialist:labour' | 'generalist', 'load:4/12', 'since:2009'. */
  reasons: string[];
}

export interface RecommendQuery {
  category: string;
  tier: Tier;
  /** The handling region (from route()). */
  regionCode: string;
}

function validateMediator(m: unknown, i: number): Mediator {
  const bad = (what: string): never => {
    throw new DomainError(
      'INVALID_MEDIATOR',
      `mediator #${i}${isPlainObject(m) && typeof m.id === 'string' ? ` '${m.id}'` : ''}: ${what}`,
    );
  };
  if (!isPlainObject(m)) return bad(`must be an object, got ${show(m)}`);
  if (typeof m.id !== 'string' || m.id === '') bad('has no id');
  if (m.kind !== 'individual' && m.kind !== 'committee') bad(`kind ${show(m.kind)} (expected individual or committee)`);
  if (typeof m.regionCode !== 'string') bad('has no regionCode');
  if (!isTier(m.tier)) bad(`unknown tier ${show(m.tier)}`);
  if (!Array.isArray(m.categories) || m.categories.length === 0) bad('categories must be a non-empty array');
  for (const c of m.categories as unknown[]) if (c !== '*' && !isCategory(c)) bad(`unknown category ${show(c)}`);
  if (typeof m.capacity !== 'number' || !Number.isInteger(m.capacity) || m.capacity < 1)
    bad(`capacity must be an integer ≥ 1, got ${show(m.capacity)}`);
  if (typeof m.activeCases !== 'number' || !Number.isInteger(m.activeCases) || m.activeCases < 0)
    bad(`activeCases must be an integer ≥ 0, got ${show(m.activeCases)}`);
  if (m.since !== undefined && m.since !== null && (typeof m.since !== 'number' || !Number.isInteger(m.since)))
    bad(`since must be a year, got ${show(m.since)}`);
  if (m.userId !== undefined && m.userId !== null && (typeof m.userId !== 'string' || m.userId === ''))
    bad(`userId must be a login id, got ${show(m.userId)}`);
  return m as unknown as Mediator;
}

/**
 * The best `limit` mediators for a matter. Candidates: based in the handling region or below it,
 * at the given tier, handling the category (its major code, or '*'), below capacity. Mediators
 * based in regions the tree does not know are skipped (a registry may span other jurisdictions).
 */
export function recommendMediators(
  registry: Mediator[],
  query: RecommendQuery,
  regions: RegionTree,
  limit = 3,
): Recommendation[] {
  if (!Array.isArray(registry))
    throw new DomainError('INVALID_MEDIATOR', `registry must be an array, got ${show(registry)}`);
  const q = requireObject(query, 'recommendation query');
  const major = majorCategory(q.category as string);
  const tier = requireTier(q.tier);
  if (!(regions instanceof RegionTree)) throw new DomainError('INVALID_INPUT', 'regions must be a RegionTree');
  const root = regions.get(requireString(q.regionCode, 'regionCode', 'UNKNOWN_REGION')).code;
  requireInteger(limit, 'limit', 1);

  const ranked = registry
    .map(validateMediator)
    .filter((m) => m.tier === tier && regions.has(m.regionCode) && regions.isWithin(m.regionCode, root))
    .filter((m) => m.categories.includes(major) || m.categories.includes('*'))
    .filter((m) => m.activeCases < m.capacity)
    .map((m) => ({
      m,
      specialist: m.categories.includes(major),
      load: m.activeCases / m.capacity,
      since: m.since ?? Number.POSITIVE_INFINITY,
    }))
    .sort(
      (a, b) =>
        Number(b.specialist) - Number(a.specialist) ||
        a.load - b.load ||
        a.since - b.since ||
        (a.m.id < b.m.id ? -1 : a.m.id > b.m.id ? 1 : 0),
    );

  return ranked.slice(0, limit).map(({ m, specialist, load }) => ({
    mediator: m,
    score: Math.round((specialist ? 60 : 30) + (1 - load) * 40),
    reasons: [
      specialist ? `specialist:${major}` : 'generalist',
      `load:${m.activeCases}/${m.capacity}`,
      ...(m.since ? [`since:${m.since}`] : []),
    ],
  }));
}
