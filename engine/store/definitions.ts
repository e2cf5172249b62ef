// Deployments and process definitions.
import { prepared, type Tx } from './db.js';
import type pg from 'pg';

export interface DefinitionRow {
  key: string;
  bpmnProcessId: string;
  version: number;
  name: string | null;
  resourceName: string;
  checksum: string;
  xml: string;
  deploymentKey: string;
}

export type DefinitionMeta = Omit<DefinitionRow, 'xml'>;

// Look-ups by id or version leave the XML out: a create reads them per call and a real model is tens
// of kilobytes. Only the model cache (definitionByKey) reads the XML, once per definition.
const meta = `key, bpmn_process_id AS "bpmnProcessId", version, name, resource_name AS "resourceName", checksum,
  deployment_key AS "deploymentKey"`;
const cols = `${meta}, xml`;

export async function latestDefinition(q: Tx | pg.Pool, bpmnProcessId: string): Promise<DefinitionMeta | null> {
  const { rows } = await q.query(
    prepared(
      `SELECT ${meta} FROM engine.process_definitions WHERE bpmn_process_id = $1 ORDER BY version DESC LIMIT 1`,
      [bpmnProcessId],
    ),
  );
  return rows[0] ?? null;
}

export async function definitionByVersion(
  q: Tx | pg.Pool,
  bpmnProcessId: string,
  version: number,
): Promise<DefinitionMeta | null> {
  const { rows } = await q.query(
    `SELECT ${meta} FROM engine.process_definitions WHERE bpmn_process_id = $1 AND version = $2`,
    [bpmnProcessId, version],
  );
  return rows[0] ?? null;
}

export async function definitionByKey(q: Tx | pg.Pool, key: string): Promise<DefinitionRow | null> {
  const { rows } = await q.query(`SELECT ${cols} FROM engine.process_definitions WHERE key = $1`, [key]);
  return rows[0] ?? null;
}

export async function insertDeployment(tx: Tx, key: string, now: Date): Promise<void> {
  await tx.query('INSERT INTO engine.deployments (key, created_at) VALUES ($1, $2)', [key, now]);
}

export async function insertDefinition(tx: Tx, d: DefinitionRow, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO engine.process_definitions
       (key, bpmn_process_id, version, name, resource_name, checksum, xml, deployment_key, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [d.key, d.bpmnProcessId, d.version, d.name, d.resourceName, d.checksum, d.xml, d.deploymentKey, now],
  );
}

/** Start events of the previous version stop listening when a new version is deployed (Zeebe's rule). */
export async function closeStartEvents(tx: Tx, bpmnProcessId: string): Promise<void> {
  await tx.query(`DELETE FROM engine.message_start_subscriptions WHERE bpmn_process_id = $1`, [bpmnProcessId]);
  await tx.query(
    `DELETE FROM engine.timers WHERE element_instance_key IS NULL AND process_definition_key IN
       (SELECT key FROM engine.process_definitions WHERE bpmn_process_id = $1)`,
    [bpmnProcessId],
  );
}

export async function insertMessageStart(
  tx: Tx,
  definitionKey: string,
  bpmnProcessId: string,
  elementId: string,
  messageName: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO engine.message_start_subscriptions (process_definition_key, bpmn_process_id, element_id, message_name)
     VALUES ($1, $2, $3, $4)`,
    [definitionKey, bpmnProcessId, elementId, messageName],
  );
}

/** Serialises deployments of one process id so versions are assigned without gaps or clashes. */
export async function lockProcessId(tx: Tx, bpmnProcessId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`engine.deploy:${bpmnProcessId}`]);
}

export interface FormRow {
  key: string;
  formId: string;
  version: number;
  resourceName: string;
  checksum: string;
  schema: unknown;
  deploymentKey: string;
}
const formCols = `key, form_id AS "formId", version, resource_name AS "resourceName", checksum, schema,
  deployment_key AS "deploymentKey"`;

export async function latestForm(q: Tx | pg.Pool, formId: string): Promise<FormRow | null> {
  const { rows } = await q.query(
    `SELECT ${formCols} FROM engine.forms WHERE form_id = $1 ORDER BY version DESC LIMIT 1`,
    [formId],
  );
  return rows[0] ?? null;
}

export async function latestFormKey(q: Tx | pg.Pool, formId: string): Promise<string | null> {
  const { rows } = await q.query(
    prepared('SELECT key FROM engine.forms WHERE form_id = $1 ORDER BY version DESC LIMIT 1', [formId]),
  );
  return rows[0]?.key ?? null;
}

export async function formByKey(q: Tx | pg.Pool, key: string): Promise<FormRow | null> {
  const { rows } = await q.query(`SELECT ${formCols} FROM engine.forms WHERE key = $1`, [key]);
  return rows[0] ?? null;
}

export async function insertForm(tx: Tx, f: FormRow, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO engine.forms (key, form_id, version, resource_name, checksum, schema, deployment_key, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [f.key, f.formId, f.version, f.resourceName, f.checksum, JSON.stringify(f.schema), f.deploymentKey, now],
  );
}
