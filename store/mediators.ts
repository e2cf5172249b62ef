// The registry of mediators and mediation committees, with their current load (open matters).
import type { Db } from '../platform/db.js';
import type { Mediator } from '../domain/index.js';

export async function upsertMediators(db: Db, mediators: Mediator[]): Promise<void> {
  for (const m of mediators) {
    await db('app.mediators')
      .insert({
        id: m.id,
        name: m.name,
        kind: m.kind,
        region_code: m.regionCode,
        tier: m.tier,
        categories: m.categories,
        capacity: m.capacity,
        since: m.since ?? null,
        user_id: m.userId ?? null,
      })
      .onConflict('id')
      .merge();
  }
}

/** Every mediator with `activeCases` counted from the open matters assigned to them. */
export async function mediatorsWithLoad(db: Db): Promise<Mediator[]> {
  const rows = await db('app.mediators as m')
    .leftJoin(
      db('app.matters')
        .where('status', '<>', 'closed')
        .whereNotNull('mediator_id')
        .groupBy('mediator_id')
        .select('mediator_id')
        .count({ n: '*' })
        .as('l'),
      'l.mediator_id',
      'm.id',
    )
    .select('m.*', db.raw('coalesce(l.n, 0)::int AS active'))
    .orderBy('m.id');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    regionCode: r.region_code,
    tier: r.tier,
    categories: r.categories,
    capacity: r.capacity,
    since: r.since ?? undefined,
    userId: r.user_id ?? undefined,
    activeCases: r.active,
  }));
}
