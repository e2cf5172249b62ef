// Loading and flushing the InstanceTree aggregate (see runtime/tree.ts).
import type { EngineDb, Tx } from './db.js';
import { insertRows } from './sql.js';
import { InstanceTree, type ElementInstance } from '../runtime/tree.js';

function toElement(r: any): ElementInstance {
  return {
    key: r.key, rootKey: r.root_key, processInstanceKey: r.process_instance_key, processDefinitionKey: r.process_definition_key,
    bpmnProcessId: r.bpmn_process_id, version: r.version, elementId: r.element_id, elementType: r.element_type,
    flowScopeKey: r.flow_scope_key, state: r.state, data: r.data ?? {}, startDate: r.start_date, endDate: r.end_date,
  };
}

/** Locks the root process instance row and loads its active state; null if it is unknown. */
export async function loadTree(tx: Tx, rootKey: string): Promise<InstanceTree | null> {
  const lock = await tx.query('SELECT state FROM engine.process_instances WHERE key = $1 FOR UPDATE', [rootKey]);
  if (!lock.rowCount) return null;
  const tree = new InstanceTree(rootKey);
  if (lock.rows[0].state !== 'ACTIVE') return tree;
  const { rows } = await tx.query(
    `SELECT e.*, pd.version FROM engine.element_instances e JOIN engine.process_definitions pd ON pd.key = e.process_definition_key
     WHERE e.root_key = $1 AND e.state = 'ACTIVE'`, [rootKey]);
  for (const r of rows) tree.load(toElement(r));
  const keys = rows.map((r) => r.key);
  const vars = await tx.query('SELECT scope_key, name, value FROM engine.variables WHERE root_key = $1 AND scope_key = ANY($2::bigint[])', [rootKey, keys]);
  for (const v of vars.rows) {
    let m = tree.vars.get(v.scope_key);
    if (!m) tree.vars.set(v.scope_key, (m = new Map()));
    m.set(v.name, v.value);
  }
  return tree;
}

/** The root a key belongs to (process instance, element instance, job...). */
export async function rootOfProcessInstance(tx: Tx | EngineDb['pool'], key: string): Promise<string | null> {
  const { rows } = await tx.query('SELECT root_key FROM engine.process_instances WHERE key = $1', [key]);
  return rows[0]?.root_key ?? null;
}

export async function rootOfElementInstance(tx: Tx | EngineDb['pool'], key: string): Promise<string | null> {
  const { rows } = await tx.query('SELECT root_key FROM engine.element_instances WHERE key = $1', [key]);
  return rows[0]?.root_key ?? null;
}

export async function flushTree(tx: Tx, db: EngineDb, tree: InstanceTree, now: Date): Promise<void> {
  const ins = [...tree.insertedElements];
  await insertRows(tx, 'engine.element_instances',
    [['key', 'bigint'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'], ['process_definition_key', 'bigint'], ['bpmn_process_id', 'text'],
      ['element_id', 'text'], ['element_type', 'text'], ['flow_scope_key', 'bigint'], ['state', 'text'], ['data', 'jsonb'], ['start_date', 'timestamptz'], ['end_date', 'timestamptz']],
    ins.map((e) => [e.key, e.rootKey, e.processInstanceKey, e.processDefinitionKey, e.bpmnProcessId, e.elementId, e.elementType, e.flowScopeKey, e.state, JSON.stringify(e.data), e.startDate, e.endDate]));
  const upd = [...tree.changedElements].filter((e) => !tree.insertedElements.has(e));
  if (upd.length) {
    await tx.query(
      `UPDATE engine.element_instances e SET state = u.state, data = u.data, end_date = u.end_date
       FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::timestamptz[]) AS u(key, state, data, end_date) WHERE e.key = u.key`,
      [upd.map((e) => e.key), upd.map((e) => e.state), upd.map((e) => JSON.stringify(e.data)), upd.map((e) => e.endDate)]);
  }
  await insertRows(tx, 'engine.process_instances',
    [['key', 'bigint'], ['root_key', 'bigint'], ['process_definition_key', 'bigint'], ['bpmn_process_id', 'text'], ['version', 'int'], ['state', 'text'],
      ['parent_process_instance_key', 'bigint'], ['parent_element_instance_key', 'bigint'], ['start_correlation_key', 'text'], ['start_date', 'timestamptz']],
    tree.newProcessInstances.map((p) => [p.key, p.rootKey, p.processDefinitionKey, p.bpmnProcessId, p.version, 'ACTIVE', p.parentProcessInstanceKey, p.parentElementInstanceKey, p.startCorrelationKey, p.startDate]));
  if (tree.endedProcessInstances.size) {
    const ended = [...tree.endedProcessInstances];
    await tx.query(
      `UPDATE engine.process_instances p SET state = u.state, end_date = u.end_date
       FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS u(key, state, end_date) WHERE p.key = u.key`,
      [ended.map(([k]) => k), ended.map(([, v]) => v.state), ended.map(([, v]) => v.endDate)]);
  }
  if (tree.changedVars.size) {
    const vars = [...tree.changedVars.values()];
    const keys: string[] = [];
    for (let i = 0; i < vars.length; i++) keys.push(await db.nextKey(tx));
    await tx.query(
      `INSERT INTO engine.variables (scope_key, name, value, key, root_key, process_instance_key)
       SELECT u.scope_key, u.name, u.value, u.key, $5, u.pik FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $6::bigint[]) AS u(scope_key, name, value, key, pik)
       ON CONFLICT (scope_key, name) DO UPDATE SET value = EXCLUDED.value`,
      [vars.map((v) => v.scopeKey), vars.map((v) => v.name), vars.map((v) => v.value), keys, tree.rootKey, vars.map((v) => v.processInstanceKey)]);
  }
  if (tree.closedOwners.size) {
    const owners = [...tree.closedOwners];
    await tx.query('DELETE FROM engine.jobs WHERE element_instance_key = ANY($1::bigint[])', [owners]);
    await tx.query('DELETE FROM engine.timers WHERE element_instance_key = ANY($1::bigint[])', [owners]);
    await tx.query('DELETE FROM engine.message_subscriptions WHERE element_instance_key = ANY($1::bigint[])', [owners]);
    await tx.query(`UPDATE engine.incidents SET state = 'RESOLVED', resolved_at = $2 WHERE element_instance_key = ANY($1::bigint[]) AND state = 'ACTIVE'`, [owners, now]);
  }
  if (tree.removedTriggers.size) {
    await tx.query('DELETE FROM engine.timers WHERE key = ANY($1::bigint[])', [[...tree.removedTriggers]]);
    await tx.query('DELETE FROM engine.message_subscriptions WHERE key = ANY($1::bigint[])', [[...tree.removedTriggers]]);
  }
  if (tree.resolvedIncidents.size) {
    await tx.query(`UPDATE engine.incidents SET state = 'RESOLVED', resolved_at = $2 WHERE key = ANY($1::bigint[]) AND state = 'ACTIVE'`, [[...tree.resolvedIncidents], now]);
  }
  await insertRows(tx, 'engine.jobs',
    [['key', 'bigint'], ['type', 'text'], ['state', 'text'], ['retries', 'int'], ['custom_headers', 'jsonb'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'],
      ['element_instance_key', 'bigint'], ['element_id', 'text'], ['bpmn_process_id', 'text'], ['process_definition_key', 'bigint'], ['version', 'int'], ['scope_keys', 'text'], ['created_at', 'timestamptz']],
    tree.newJobs.map((j) => [j.key, j.type, 'ACTIVATABLE', j.retries, JSON.stringify(j.customHeaders), j.rootKey, j.processInstanceKey, j.elementInstanceKey, j.elementId, j.bpmnProcessId, j.processDefinitionKey, j.version, j.scopeKeys.join(','), now]),
    `key, type, state, retries, custom_headers, root_key, process_instance_key, element_instance_key, element_id, bpmn_process_id, process_definition_key, version, string_to_array(scope_keys, ',')::bigint[], created_at`);
  await insertRows(tx, 'engine.timers',
    [['key', 'bigint'], ['due_date', 'timestamptz'], ['root_key', 'bigint'], ['element_instance_key', 'bigint'], ['process_definition_key', 'bigint'], ['element_id', 'text'], ['repetitions', 'int'], ['interval', 'text']],
    tree.newTimers.map((t) => [t.key, t.dueDate, t.rootKey, t.elementInstanceKey, t.processDefinitionKey, t.elementId, t.repetitions, t.interval]));
  await insertRows(tx, 'engine.message_subscriptions',
    [['key', 'bigint'], ['message_name', 'text'], ['correlation_key', 'text'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'], ['element_instance_key', 'bigint'], ['element_id', 'text']],
    tree.newSubscriptions.map((s) => [s.key, s.messageName, s.correlationKey, s.rootKey, s.processInstanceKey, s.elementInstanceKey, s.elementId]));
  await insertRows(tx, 'engine.incidents',
    [['key', 'bigint'], ['state', 'text'], ['error_type', 'text'], ['error_message', 'text'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'], ['process_definition_key', 'bigint'],
      ['bpmn_process_id', 'text'], ['element_instance_key', 'bigint'], ['element_id', 'text'], ['job_key', 'bigint'], ['data', 'jsonb'], ['created_at', 'timestamptz']],
    tree.newIncidents.map((i) => [i.key, 'ACTIVE', i.errorType, i.errorMessage, i.rootKey, i.processInstanceKey, i.processDefinitionKey, i.bpmnProcessId, i.elementInstanceKey, i.elementId, i.jobKey, JSON.stringify(i.data), now]));
  await insertRows(tx, 'engine.message_correlations', [['message_key', 'bigint'], ['target', 'text']],
    tree.messageCorrelations.map((c) => [c.messageKey, c.target]), undefined, 'ON CONFLICT DO NOTHING');
  for (const type of tree.jobTypes) await tx.query('SELECT pg_notify($1, $2)', ['engine_jobs', type]);
  if (tree.rootCompleted) await tx.query('SELECT pg_notify($1, $2)', ['engine_instances', tree.rootKey]);
}
