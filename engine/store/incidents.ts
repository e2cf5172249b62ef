// Incidents and timers: the rows commands look up before they lock an instance tree.
import type pg from 'pg';
import type { Tx } from './db.js';

export interface IncidentRecord {
  key: string;
  state: string;
  rootKey: string;
  elementInstanceKey: string;
  jobKey: string | null;
  data: { vars?: Record<string, unknown> };
}

export async function getIncident(q: Tx | pg.Pool, key: string, lock = false): Promise<IncidentRecord | null> {
  const { rows } = await q.query(
    `SELECT key, state, root_key AS "rootKey", element_instance_key AS "elementInstanceKey", job_key AS "jobKey", data
     FROM engine.incidents WHERE key = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [key],
  );
  return rows[0] ?? null;
}

export async function resolveIncidentRow(tx: Tx, key: string, now: Date): Promise<void> {
  await tx.query(`UPDATE engine.incidents SET state = 'RESOLVED', resolved_at = $2 WHERE key = $1`, [key, now]);
}

export interface JobIncident {
  key: string;
  errorMessage: string;
  job: {
    rootKey: string;
    processInstanceKey: string;
    processDefinitionKey: string;
    bpmnProcessId: string;
    elementInstanceKey: string;
    elementId: string;
    key: string;
  };
}

export async function insertJobIncident(tx: Tx, i: JobIncident, errorType: string, now: Date): Promise<void> {
  const j = i.job;
  await tx.query(
    `INSERT INTO engine.incidents
       (key, state, error_type, error_message, root_key, process_instance_key, process_definition_key, bpmn_process_id,
        element_instance_key, element_id, job_key, created_at)
     VALUES ($1, 'ACTIVE', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      i.key,
      errorType,
      i.errorMessage,
      j.rootKey,
      j.processInstanceKey,
      j.processDefinitionKey,
      j.bpmnProcessId,
      j.elementInstanceKey,
      j.elementId,
      j.key,
      now,
    ],
  );
}

export interface TimerRecord {
  key: string;
  dueDate: Date;
  rootKey: string | null;
  elementInstanceKey: string | null;
  processDefinitionKey: string;
  elementId: string;
  repetitions: number;
  interval: string | null;
}

const timerCols = `key, due_date AS "dueDate", root_key AS "rootKey", element_instance_key AS "elementInstanceKey",
  process_definition_key AS "processDefinitionKey", element_id AS "elementId", repetitions, interval`;

export async function dueTimers(pool: pg.Pool, now: Date, limit: number): Promise<TimerRecord[]> {
  const { rows } = await pool.query(
    `SELECT ${timerCols} FROM engine.timers WHERE due_date <= $1 ORDER BY due_date, key LIMIT $2`,
    [now, limit],
  );
  return rows;
}

/** Re-reads a timer under lock: gone means another command already fired or closed it. */
export async function lockTimer(tx: Tx, key: string): Promise<TimerRecord | null> {
  const { rows } = await tx.query(`SELECT ${timerCols} FROM engine.timers WHERE key = $1 FOR UPDATE SKIP LOCKED`, [
    key,
  ]);
  return rows[0] ?? null;
}

export async function existingTimers(q: Tx, keys: string[]): Promise<Set<string>> {
  const { rows } = await q.query('SELECT key FROM engine.timers WHERE key = ANY($1::bigint[])', [keys]);
  return new Set(rows.map((r) => r.key as string));
}

export async function insertStartTimer(tx: Tx, t: TimerRecord): Promise<void> {
  await tx.query(
    `INSERT INTO engine.timers
       (key, due_date, root_key, element_instance_key, process_definition_key, element_id, repetitions, interval)
     VALUES ($1, $2, NULL, NULL, $3, $4, $5, $6)`,
    [t.key, t.dueDate, t.processDefinitionKey, t.elementId, t.repetitions, t.interval],
  );
}

export async function processInstanceState(q: Tx | pg.Pool, key: string): Promise<string | null> {
  const { rows } = await q.query('SELECT state FROM engine.process_instances WHERE key = $1', [key]);
  return rows[0]?.state ?? null;
}

export async function rootVariables(q: Tx | pg.Pool, key: string): Promise<Record<string, unknown>> {
  const { rows } = await q.query('SELECT name, value FROM engine.variables WHERE scope_key = $1', [key]);
  return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value)]));
}
