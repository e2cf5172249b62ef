// Jobs: activation (FOR UPDATE SKIP LOCKED), failure, retries, time-outs and back-offs.
import type pg from 'pg';
import { prepared, type Tx } from './db.js';

export interface JobRecord {
  key: string;
  type: string;
  state: string;
  retries: number;
  worker: string | null;
  deadline: Date | null;
  errorMessage: string | null;
  customHeaders: Record<string, string>;
  rootKey: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  bpmnProcessId: string;
  processDefinitionKey: string;
  version: number;
  scopeKeys: string[];
}

const cols = `key, type, state, retries, worker, deadline, error_message AS "errorMessage",
  custom_headers AS "customHeaders", root_key AS "rootKey", process_instance_key AS "processInstanceKey",
  element_instance_key AS "elementInstanceKey", element_id AS "elementId", bpmn_process_id AS "bpmnProcessId",
  process_definition_key AS "processDefinitionKey", version, scope_keys::text[] AS "scopeKeys"`;

export async function getJob(q: Tx | pg.Pool, key: string, lock = false): Promise<JobRecord | null> {
  const { rows } = await q.query(
    prepared(`SELECT ${cols} FROM engine.jobs WHERE key = $1 ${lock ? 'FOR UPDATE' : ''}`, [key]),
  );
  return rows[0] ?? null;
}

export async function getJobs(q: Tx | pg.Pool, keys: string[]): Promise<Map<string, JobRecord>> {
  const { rows } = await q.query(prepared(`SELECT ${cols} FROM engine.jobs WHERE key = ANY($1::bigint[])`, [keys]));
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * Activates up to `max` jobs of a type and reads the variables each can see, in one statement:
 * its scope chain merged, inner scopes winning (only `names` when given).
 */
export async function activateJobs(
  pool: pg.Pool,
  type: string,
  worker: string,
  max: number,
  timeoutMs: number,
  now: Date,
  names: string[] | null,
): Promise<(JobRecord & { variables: Record<string, unknown> })[]> {
  const { rows } = await pool.query(
    prepared(
      `WITH a AS (
       UPDATE engine.jobs SET state = 'ACTIVATED', worker = $3, deadline = $4
        WHERE key IN (SELECT key FROM engine.jobs
                      WHERE type = $1 AND state = 'ACTIVATABLE'
                      ORDER BY key LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING ${cols}, scope_keys)
     SELECT a.*, (SELECT json_agg(json_build_array(v.scope_key::text, v.name, v.value)) FROM engine.variables v
                   WHERE v.scope_key = ANY(a.scope_keys) ${names ? 'AND v.name = ANY($5::text[])' : ''}) AS vars
       FROM a ORDER BY a.key`,
      names
        ? [type, max, worker, new Date(now.getTime() + timeoutMs), names]
        : [type, max, worker, new Date(now.getTime() + timeoutMs)],
    ),
  );
  return rows.map(({ vars, scope_keys: _s, ...job }) => {
    const byScope = new Map<string, [string, string][]>();
    for (const [scope, name, value] of (vars ?? []) as [string, string, string][]) {
      let l = byScope.get(scope);
      if (!l) byScope.set(scope, (l = []));
      l.push([name, value]);
    }
    const variables: Record<string, unknown> = {};
    for (const scope of job.scopeKeys as string[])
      for (const [n, v] of byScope.get(scope) ?? []) variables[n] = JSON.parse(v);
    return { ...(job as JobRecord), variables };
  });
}

export async function setJobState(
  q: Tx | pg.Pool,
  key: string,
  fields: { state: string; retries?: number; retryAt?: Date | null; errorMessage?: string | null },
): Promise<void> {
  await q.query(
    `UPDATE engine.jobs
     SET state = $2, retries = COALESCE($3, retries), retry_at = $4, error_message = COALESCE($5, error_message),
         worker = NULL, deadline = NULL
     WHERE key = $1`,
    [key, fields.state, fields.retries ?? null, fields.retryAt ?? null, fields.errorMessage ?? null],
  );
}

export async function updateRetries(q: Tx | pg.Pool, key: string, retries: number): Promise<void> {
  await q.query('UPDATE engine.jobs SET retries = $2 WHERE key = $1', [key, retries]);
}

export async function updateDeadline(q: Tx | pg.Pool, key: string, deadline: Date): Promise<number> {
  const r = await q.query(`UPDATE engine.jobs SET deadline = $2 WHERE key = $1 AND state = 'ACTIVATED'`, [
    key,
    deadline,
  ]);
  return r.rowCount ?? 0;
}

/** Timed-out activations and finished back-offs become activatable again; returns their types. */
export async function releaseJobs(pool: pg.Pool, now: Date): Promise<string[]> {
  const { rows } = await pool.query(
    `UPDATE engine.jobs SET state = 'ACTIVATABLE', worker = NULL, deadline = NULL, retry_at = NULL
     WHERE key IN (SELECT key FROM engine.jobs WHERE state = 'ACTIVATED' AND deadline <= $1
                   UNION ALL SELECT key FROM engine.jobs WHERE state = 'BACKOFF' AND retry_at <= $1 LIMIT 5000)
     RETURNING type`,
    [now],
  );
  return [...new Set(rows.map((r) => r.type as string))];
}

export async function releaseActivated(pool: pg.Pool, keys: string[]): Promise<string[]> {
  const { rows } = await pool.query(
    `UPDATE engine.jobs
     SET state = 'ACTIVATABLE', worker = NULL, deadline = NULL
     WHERE key = ANY($1::bigint[]) AND state = 'ACTIVATED'
     RETURNING type`,
    [keys],
  );
  return [...new Set(rows.map((r) => r.type as string))];
}
