// The forms deployed with the models, by the key the engine gave them (user-task jobs carry it in
// their formKey header), so a submission can be validated against exactly the version linked.
import type { Db } from '../platform/db.js';

export async function saveForm(
  db: Db,
  f: { formKey: string; formId: string; version: number; schema: unknown },
): Promise<void> {
  await db('app.forms')
    .insert({ form_key: f.formKey, form_id: f.formId, version: f.version, schema: JSON.stringify(f.schema) })
    .onConflict('form_key')
    .ignore();
}

export async function formByKey(
  db: Db,
  formKey: string,
): Promise<{ formId: string; version: number; schema: any } | undefined> {
  const r = await db('app.forms').where({ form_key: formKey }).first();
  return r && { formId: r.form_id, version: r.version, schema: r.schema };
}
