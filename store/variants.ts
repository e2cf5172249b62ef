// Region → process mappings uploaded at run time (the file bpmn/variants/variants.json is the base),
// each pinned to the version that was mapped.
import type { Knex } from 'knex';
import type { Db } from '../platform/db.js';

export async function storedVariants(db: Db): Promise<Record<string, string>> {
  const rows = await db('app.process_variants').select('region_code', 'process_id');
  return Object.fromEntries(rows.map((r) => [r.region_code, r.process_id]));
}

/** Process id → the version last mapped through the API. */
export async function storedPins(db: Db): Promise<Map<string, number>> {
  const rows = await db('app.process_variants')
    .whereNotNull('version')
    .orderBy('uploaded_at')
    .select('process_id', 'version');
  return new Map(rows.map((r) => [r.process_id as string, Number(r.version)]));
}

export async function mapVariant(
  db: Db,
  regionCode: string,
  processId: string,
  by: string,
  at: Date,
  version?: number,
): Promise<void> {
  await db('app.process_variants')
    .insert({ region_code: regionCode, process_id: processId, uploaded_by: by, uploaded_at: at, version })
    .onConflict('region_code')
    .merge();
}

/**
 * Runs `fn` in a transaction holding the lock on `processId`'s pinned version: one change of the
 * version at a time, so the version a change replaces (and audits) is the one really there before it.
 */
export async function withPinLock<T>(
  db: Knex,
  processId: string,
  fn: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`process.pin:${processId}`]);
    return fn(trx);
  });
}
