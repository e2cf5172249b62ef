// Region → process mappings uploaded at run time (the file bpmn/variants/variants.json is the base).
import type { Db } from '../platform/db.js';

export async function storedVariants(db: Db): Promise<Record<string, string>> {
  const rows = await db('app.process_variants').select('region_code', 'process_id');
  return Object.fromEntries(rows.map((r) => [r.region_code, r.process_id]));
}

export async function mapVariant(db: Db, regionCode: string, processId: string, by: string, at: Date): Promise<void> {
  await db('app.process_variants')
    .insert({ region_code: regionCode, process_id: processId, uploaded_by: by, uploaded_at: at })
    .onConflict('region_code')
    .merge();
}
