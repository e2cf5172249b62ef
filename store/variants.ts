// Region → process mappings uploaded at run time (the file bpmn/variants/variants.json is the base),
// each pinned to the version that was mapped.
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
