// Loading and flushing the InstanceTree aggregate (see runtime/tree.ts).
import { prepared, type EngineDb, type Tx } from './db.js';
import { InstanceTree, type ElementInstance } from '../runtime/tree.js';

function toElement(r: any): ElementInstance {
  return {
    key: r.key, rootKey: r.root_key, processInstanceKey: r.process_instance_key, processDefinitionKey: r.process_definition_key,
    bpmnProcessId: r.bpmn_process_id, version: r.version, elementId: r.element_id, elementType: r.element_type,
    flowScopeKey: r.flow_scope_key, state: r.state, data: r.data ?? {}, startDate: r.start_date, endDate: r.end_date,
  };
}

const ACTIVE_ELEMENTS = `FROM engine.element_instances e JOIN engine.process_definitions pd ON pd.key = e.process_definition_key
  WHERE e.root_key = $1 AND e.state = 'ACTIVE'`;
const VARS = `(SELECT json_agg(json_build_array(v.name, v.value)) FROM engine.variables v WHERE v.scope_key = e.key) AS vars`;
// Keys as text inside JSON: they exceed 2^53.
const ELEMENT_JSON = `e.key::text AS key, e.root_key::text AS root_key, e.process_instance_key::text AS process_instance_key,
  e.process_definition_key::text AS process_definition_key, e.bpmn_process_id, e.element_id, e.element_type,
  e.flow_scope_key::text AS flow_scope_key, e.state, e.data, e.start_date, e.end_date, pd.version`;

function fill(tree: InstanceTree, rows: any[]): void {
  for (const r of rows) {
    tree.load(toElement(r));
    if (r.vars) tree.vars.set(r.key, new Map(r.vars as [string, string][]));
  }
}

/**
 * Loads the active state of a root instance; null if it is unknown. With `lock`, the root row is
 * locked first (pessimistic commands); without, the load is one consistent snapshot and the flush
 * checks the revision instead (optimistic commands, retried on conflict).
 */
export async function loadTree(tx: Tx, rootKey: string, lock = true): Promise<InstanceTree | null> {
  const tree = new InstanceTree(rootKey);
  if (!lock) {
    const { rows } = await tx.query(prepared(
      `SELECT p.rev, (SELECT json_agg(x) FROM (SELECT ${ELEMENT_JSON}, ${VARS} ${ACTIVE_ELEMENTS}) x) AS els
       FROM engine.process_instances p WHERE p.key = $1`, [rootKey]));
    if (!rows.length) return null;
    tree.rev = rows[0].rev;
    fill(tree, (rows[0].els ?? []).map((r: any) => ({ ...r, start_date: new Date(r.start_date), end_date: r.end_date ? new Date(r.end_date) : null })));
    return tree;
  }
  // The lock is its own statement: the load after it then sees everything committed before the lock.
  const head = await tx.query(prepared('SELECT state, rev FROM engine.process_instances WHERE key = $1 FOR UPDATE', [rootKey]));
  if (!head.rowCount) return null;
  tree.rev = head.rows[0].rev;
  if (head.rows[0].state === 'ACTIVE') fill(tree, (await tx.query(prepared(`SELECT e.*, pd.version, ${VARS} ${ACTIVE_ELEMENTS}`, [rootKey]))).rows);
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

/** Builds one statement of data-modifying CTEs: a command's writes cost one round trip. */
class Batch {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  p(v: unknown): string { this.params.push(v); return `$${this.params.length}`; }
  add(sql: string): void { this.parts.push(`w${this.parts.length} AS (${sql})`); }
  insert(table: string, columns: [string, string][], rows: unknown[][], select?: string, suffix = ''): void {
    if (!rows.length) return;
    const names = columns.map(([c]) => c).join(', ');
    const unnest = columns.map(([, t], i) => `${this.p(rows.map((r) => r[i]))}::${t}[]`).join(', ');
    this.add(`INSERT INTO ${table} (${names}) SELECT ${select ?? names} FROM unnest(${unnest}) AS u(${names}) ${suffix}`);
  }
}

export async function flushTree(tx: Tx, db: EngineDb, tree: InstanceTree, now: Date): Promise<void> {
  const b = new Batch();
  const closed = tree.closedOwners;
  // Data-modifying CTEs share one snapshot and do not see each other's rows, so rows created and
  // ended within this command are written in their final state rather than inserted and then changed.
  const live = <T extends { elementInstanceKey: string | null }>(rows: T[]) => rows.filter((r) => !r.elementInstanceKey || !closed.has(r.elementInstanceKey));
  const ins = [...tree.insertedElements];
  b.insert('engine.element_instances',
    [['key', 'bigint'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'], ['process_definition_key', 'bigint'], ['bpmn_process_id', 'text'],
      ['element_id', 'text'], ['element_type', 'text'], ['flow_scope_key', 'bigint'], ['state', 'text'], ['data', 'jsonb'], ['start_date', 'timestamptz'], ['end_date', 'timestamptz']],
    ins.map((e) => [e.key, e.rootKey, e.processInstanceKey, e.processDefinitionKey, e.bpmnProcessId, e.elementId, e.elementType, e.flowScopeKey, e.state, JSON.stringify(e.data), e.startDate, e.endDate]));
  const upd = [...tree.changedElements].filter((e) => !tree.insertedElements.has(e));
  if (upd.length) {
    b.add(`UPDATE engine.element_instances e SET state = u.state, data = u.data, end_date = u.end_date
       FROM unnest(${b.p(upd.map((e) => e.key))}::bigint[], ${b.p(upd.map((e) => e.state))}::text[], ${b.p(upd.map((e) => JSON.stringify(e.data)))}::jsonb[], ${b.p(upd.map((e) => e.endDate))}::timestamptz[])
       AS u(key, state, data, end_date) WHERE e.key = u.key`);
  }
  const newPis = new Set(tree.newProcessInstances.map((p) => p.key));
  b.insert('engine.process_instances',
    [['key', 'bigint'], ['root_key', 'bigint'], ['process_definition_key', 'bigint'], ['bpmn_process_id', 'text'], ['version', 'int'], ['state', 'text'],
      ['parent_process_instance_key', 'bigint'], ['parent_element_instance_key', 'bigint'], ['start_correlation_key', 'text'], ['start_date', 'timestamptz'], ['end_date', 'timestamptz']],
    tree.newProcessInstances.map((p) => {
      const ended = tree.endedProcessInstances.get(p.key);
      return [p.key, p.rootKey, p.processDefinitionKey, p.bpmnProcessId, p.version, ended?.state ?? 'ACTIVE', p.parentProcessInstanceKey, p.parentElementInstanceKey, p.startCorrelationKey, p.startDate, ended?.endDate ?? null];
    }));
  const ended = [...tree.endedProcessInstances].filter(([k]) => !newPis.has(k) && k !== tree.rootKey);
  const guards: string[] = [];
  if (tree.rev !== null) {
    // Every command on an existing tree bumps its revision; an optimistic command whose snapshot is
    // stale matches no row here and the whole statement fails (see the guard below).
    const rootEnd = tree.endedProcessInstances.get(tree.rootKey);
    b.add(`UPDATE engine.process_instances SET rev = rev + 1${rootEnd ? `, state = ${b.p(rootEnd.state)}, end_date = ${b.p(rootEnd.endDate)}` : ''}
       WHERE key = ${b.p(tree.rootKey)} AND rev = ${b.p(tree.rev)} RETURNING 1`);
    guards.push(`w${b.parts.length - 1}`);
  }
  for (const c of tree.claims) {
    b.add(`DELETE FROM engine.${c.table} WHERE key = ${b.p(c.key)} RETURNING 1`);
    guards.push(`w${b.parts.length - 1}`);
  }
  const claimKeys = tree.claims.map((c) => c.key);
  if (ended.length) {
    b.add(`UPDATE engine.process_instances p SET state = u.state, end_date = u.end_date
       FROM unnest(${b.p(ended.map(([k]) => k))}::bigint[], ${b.p(ended.map(([, v]) => v.state))}::text[], ${b.p(ended.map(([, v]) => v.endDate))}::timestamptz[])
       AS u(key, state, end_date) WHERE p.key = u.key`);
  }
  if (tree.changedVars.size) {
    const vars = [...tree.changedVars.values()];
    const keys: string[] = [];
    for (let i = 0; i < vars.length; i++) keys.push(await db.nextKey(tx));
    b.insert('engine.variables', [['scope_key', 'bigint'], ['name', 'text'], ['value', 'text'], ['key', 'bigint'], ['root_key', 'bigint'], ['process_instance_key', 'bigint']],
      vars.map((v, i) => [v.scopeKey, v.name, v.value, keys[i], tree.rootKey, v.processInstanceKey]), undefined, 'ON CONFLICT (scope_key, name) DO UPDATE SET value = EXCLUDED.value');
  }
  if (closed.size) {
    const owners = b.p([...closed]);
    const claimed = b.p(claimKeys);
    b.add(`DELETE FROM engine.jobs WHERE element_instance_key = ANY(${owners}::bigint[]) AND key <> ALL(${claimed}::bigint[])`);
    b.add(`DELETE FROM engine.timers WHERE element_instance_key = ANY(${owners}::bigint[]) AND key <> ALL(${claimed}::bigint[])`);
    b.add(`DELETE FROM engine.message_subscriptions WHERE element_instance_key = ANY(${owners}::bigint[])`);
    b.add(`UPDATE engine.incidents SET state = 'RESOLVED', resolved_at = ${b.p(now)} WHERE element_instance_key = ANY(${owners}::bigint[]) AND state = 'ACTIVE'`);
  }
  if (tree.removedTriggers.size) {
    const keys = b.p([...tree.removedTriggers].filter((k) => !claimKeys.includes(k)));
    b.add(`DELETE FROM engine.timers WHERE key = ANY(${keys}::bigint[])`);
    b.add(`DELETE FROM engine.message_subscriptions WHERE key = ANY(${keys}::bigint[])`);
  }
  const newIncidentKeys = new Set(tree.newIncidents.map((i) => i.key));
  const resolved = [...tree.resolvedIncidents].filter((k) => !newIncidentKeys.has(k));
  if (resolved.length) {
    b.add(`UPDATE engine.incidents SET state = 'RESOLVED', resolved_at = ${b.p(now)} WHERE key = ANY(${b.p(resolved)}::bigint[]) AND state = 'ACTIVE'`);
  }
  b.insert('engine.jobs',
    [['key', 'bigint'], ['type', 'text'], ['state', 'text'], ['retries', 'int'], ['custom_headers', 'jsonb'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'],
      ['element_instance_key', 'bigint'], ['element_id', 'text'], ['bpmn_process_id', 'text'], ['process_definition_key', 'bigint'], ['version', 'int'], ['scope_keys', 'text'], ['created_at', 'timestamptz']],
    live(tree.newJobs).map((j) => [j.key, j.type, 'ACTIVATABLE', j.retries, JSON.stringify(j.customHeaders), j.rootKey, j.processInstanceKey, j.elementInstanceKey, j.elementId, j.bpmnProcessId, j.processDefinitionKey, j.version, j.scopeKeys.join(','), now]),
    `key, type, state, retries, custom_headers, root_key, process_instance_key, element_instance_key, element_id, bpmn_process_id, process_definition_key, version, string_to_array(scope_keys, ',')::bigint[], created_at`);
  b.insert('engine.timers',
    [['key', 'bigint'], ['due_date', 'timestamptz'], ['root_key', 'bigint'], ['element_instance_key', 'bigint'], ['process_definition_key', 'bigint'], ['element_id', 'text'], ['repetitions', 'int'], ['interval', 'text']],
    live(tree.newTimers).map((t) => [t.key, t.dueDate, t.rootKey, t.elementInstanceKey, t.processDefinitionKey, t.elementId, t.repetitions, t.interval]));
  b.insert('engine.message_subscriptions',
    [['key', 'bigint'], ['message_name', 'text'], ['correlation_key', 'text'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'], ['element_instance_key', 'bigint'], ['element_id', 'text']],
    live(tree.newSubscriptions).map((s) => [s.key, s.messageName, s.correlationKey, s.rootKey, s.processInstanceKey, s.elementInstanceKey, s.elementId]));
  b.insert('engine.incidents',
    [['key', 'bigint'], ['state', 'text'], ['error_type', 'text'], ['error_message', 'text'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'], ['process_definition_key', 'bigint'],
      ['bpmn_process_id', 'text'], ['element_instance_key', 'bigint'], ['element_id', 'text'], ['job_key', 'bigint'], ['data', 'jsonb'], ['created_at', 'timestamptz'], ['resolved_at', 'timestamptz']],
    tree.newIncidents.map((i) => {
      const gone = closed.has(i.elementInstanceKey) || tree.resolvedIncidents.has(i.key);
      return [i.key, gone ? 'RESOLVED' : 'ACTIVE', i.errorType, i.errorMessage, i.rootKey, i.processInstanceKey, i.processDefinitionKey, i.bpmnProcessId, i.elementInstanceKey, i.elementId, i.jobKey, JSON.stringify(i.data), now, gone ? now : null];
    }));
  b.insert('engine.message_correlations', [['message_key', 'bigint'], ['target', 'text']],
    tree.messageCorrelations.map((c) => [c.messageKey, c.target]), undefined, 'ON CONFLICT DO NOTHING');
  if (!b.parts.length) return;
  // A guard that matched no row divides by zero: the statement fails as a whole (error 22012,
  // which optimistic commands take as "someone else was first" and retry).
  const guard = guards.length ? `1 / (${guards.map((g) => `(SELECT count(*)::int FROM ${g})`).join(' * ')})` : '1';
  await tx.query(prepared(`WITH ${b.parts.join(',\n')}\nSELECT ${guard} AS ok`, b.params));
}
