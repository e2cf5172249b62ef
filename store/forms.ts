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

/** A form's JSON as stored (Camunda Forms: an id and components, with whatever else form-js keeps). */
export type StoredSchema = Record<string, unknown> & { components?: unknown[] };

/** The latest recorded version of every form (what a user task linking the form by id gets). */
export async function latestForms(
  db: Db,
): Promise<{ formId: string; version: number; formKey: string; schema: StoredSchema }[]> {
  const rows = await db('app.forms')
    .distinctOn('form_id')
    .orderBy([{ column: 'form_id' }, { column: 'version', order: 'desc' }]);
  return rows.map((r) => ({ formId: r.form_id, version: r.version, formKey: r.form_key, schema: r.schema }));
}

export async function latestForm(
  db: Db,
  formId: string,
): Promise<{ formId: string; version: number; formKey: string; schema: StoredSchema } | undefined> {
  const r = await db('app.forms').where({ form_id: formId }).orderBy('version', 'desc').first();
  return r && { formId: r.form_id, version: r.version, formKey: r.form_key, schema: r.schema };
}
