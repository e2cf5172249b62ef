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
 * Locks the root row and loads its active state (pessimistic commands); null if it is unknown.
 * Optimistic commands use loadTrees, which reads without a lock and lets the write check the revision.
 */
export async function loadTree(tx: Tx, rootKey: string): Promise<InstanceTree | null> {
  // The lock is its own statement: the load after it then sees everything committed before the lock.
  const head = await tx.query(prepared('SELECT state, rev FROM engine.process_instances WHERE key = $1 FOR UPDATE', [rootKey]));
  if (!head.rowCount) return null;
  const tree = new InstanceTree(rootKey);
  tree.rev = head.rows[0].rev;
  if (head.rows[0].state === 'ACTIVE') fill(tree, (await tx.query(prepared(`SELECT e.*, pd.version, ${VARS} ${ACTIVE_ELEMENTS}`, [rootKey]))).rows);
  return tree;
}

/** Loads several trees without locks in one statement (optimistic batches); unknown roots are absent. */
export async function loadTrees(q: Tx, rootKeys: string[]): Promise<Map<string, InstanceTree>> {
  const out = new Map<string, InstanceTree>();
  if (!rootKeys.length) return out;
  const { rows } = await q.query(prepared(
    `SELECT p.key::text AS root, p.rev, (SELECT json_agg(x) FROM (SELECT ${ELEMENT_JSON}, ${VARS}
        FROM engine.element_instances e JOIN engine.process_definitions pd ON pd.key = e.process_definition_key
        WHERE e.root_key = p.key AND e.state = 'ACTIVE') x) AS els
     FROM engine.process_instances p WHERE p.key = ANY($1::bigint[])`, [rootKeys]));
  for (const r of rows) {
    const tree = new InstanceTree(r.root);
    tree.rev = r.rev;
    fill(tree, (r.els ?? []).map((e: any) => ({ ...e, start_date: new Date(e.start_date), end_date: e.end_date ? new Date(e.end_date) : null })));
    out.set(r.root, tree);
  }
  return out;
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
  readonly guards: string[] = [];
  p(v: unknown): string { this.params.push(v); return `$${this.params.length}`; }
  add(sql: string): string { this.parts.push(`w${this.parts.length} AS (${sql})`); return `w${this.parts.length - 1}`; }
  /**
   * Rows as ONE parameter, a JSON array of arrays: JSON.stringify is native, while pg builds array
   * literals element by element in JavaScript (it was the engine's largest cost under load). jsonb
   * columns take the value as it is; the others are cast from its text.
   */
  rows(columns: [string, string][], rows: unknown[][]): string {
    const cols = columns.map(([c, t], i) => (t === 'jsonb' ? `r->${i} AS ${c}` : `(r->>${i})::${t} AS ${c}`)).join(', ');
    return `(SELECT ${cols} FROM jsonb_array_elements(${this.p(JSON.stringify(rows))}::jsonb) r)`;
  }
  insert(table: string, columns: [string, string][], rows: unknown[][], select?: string, suffix = ''): void {
    if (!rows.length) return;
    const names = columns.map(([c]) => c).join(', ');
    this.add(`INSERT INTO ${table} (${names}) SELECT ${select ?? names} FROM ${this.rows(columns, rows)} AS u ${suffix}`);
  }
  /** The statement fails unless the CTE returned exactly `n` rows. */
  expect(cte: string, n: number): void { this.guards.push(`CASE WHEN (SELECT count(*) FROM ${cte}) = ${n} THEN 1 ELSE 0 END`); }
}

/**
 * Writes what the commands did to their trees, all trees in one statement, set-based per table.
 * Data-modifying CTEs share one snapshot and do not see each other's rows, so rows created and
 * ended within a command are written in their final state rather than inserted and then changed.
 * Every existing tree's revision is checked and bumped, and claimed jobs/timers must still be
 * there: otherwise the statement divides by zero and fails as a whole (error 22012, which
 * optimistic commands take as "another command was first" and retry).
 */
export async function flushTrees(tx: Tx, db: EngineDb, trees: InstanceTree[], now: Date): Promise<void> {
  const b = new Batch();
  const els: unknown[][] = []; const upd: ElementInstance[] = []; const pis: unknown[][] = []; const ended: [string, string, Date][] = [];
  const revs: [string, string, string | null, Date | null][] = []; const vars: unknown[][] = []; const closed: string[] = []; const removed: string[] = [];
  const resolved: string[] = []; const jobs: unknown[][] = []; const timers: unknown[][] = []; const subs: unknown[][] = []; const incidents: unknown[][] = [];
  const correlations: unknown[][] = []; const claims = { jobs: [] as string[], timers: [] as string[] };
  for (const tree of trees) {
    const gone = tree.closedOwners;
    const live = <T extends { elementInstanceKey: string | null }>(rows: T[]) => rows.filter((r) => !r.elementInstanceKey || !gone.has(r.elementInstanceKey));
    for (const e of tree.insertedElements) els.push([e.key, e.rootKey, e.processInstanceKey, e.processDefinitionKey, e.bpmnProcessId, e.elementId, e.elementType, e.flowScopeKey, e.state, e.data, e.startDate, e.endDate]);
    for (const e of tree.changedElements) if (!tree.insertedElements.has(e)) upd.push(e);
    const newPis = new Set(tree.newProcessInstances.map((p) => p.key));
    for (const p of tree.newProcessInstances) {
      const end = tree.endedProcessInstances.get(p.key);
      pis.push([p.key, p.rootKey, p.processDefinitionKey, p.bpmnProcessId, p.version, end?.state ?? 'ACTIVE', p.parentProcessInstanceKey, p.parentElementInstanceKey, p.startCorrelationKey, p.startDate, end?.endDate ?? null]);
    }
    for (const [k, v] of tree.endedProcessInstances) if (!newPis.has(k) && k !== tree.rootKey) ended.push([k, v.state, v.endDate]);
    if (tree.rev !== null) {
      const end = tree.endedProcessInstances.get(tree.rootKey);
      revs.push([tree.rootKey, tree.rev, end?.state ?? null, end?.endDate ?? null]);
    }
    for (const v of tree.changedVars.values()) vars.push([v.scopeKey, v.name, v.value, await db.nextKey(tx), tree.rootKey, v.processInstanceKey]);
    closed.push(...gone);
    const claimed = new Set(tree.claims.map((c) => c.key));
    for (const c of tree.claims) claims[c.table].push(c.key);
    removed.push(...[...tree.removedTriggers].filter((k) => !claimed.has(k)));
    const newIncidents = new Set(tree.newIncidents.map((i) => i.key));
    resolved.push(...[...tree.resolvedIncidents].filter((k) => !newIncidents.has(k)));
    for (const j of live(tree.newJobs)) jobs.push([j.key, j.type, 'ACTIVATABLE', j.retries, j.customHeaders, j.rootKey, j.processInstanceKey, j.elementInstanceKey, j.elementId, j.bpmnProcessId, j.processDefinitionKey, j.version, j.scopeKeys.join(','), now]);
    for (const t of live(tree.newTimers)) timers.push([t.key, t.dueDate, t.rootKey, t.elementInstanceKey, t.processDefinitionKey, t.elementId, t.repetitions, t.interval]);
    for (const x of live(tree.newSubscriptions)) subs.push([x.key, x.messageName, x.correlationKey, x.rootKey, x.processInstanceKey, x.elementInstanceKey, x.elementId]);
    for (const i of tree.newIncidents) {
      const over = gone.has(i.elementInstanceKey) || tree.resolvedIncidents.has(i.key);
      incidents.push([i.key, over ? 'RESOLVED' : 'ACTIVE', i.errorType, i.errorMessage, i.rootKey, i.processInstanceKey, i.processDefinitionKey, i.bpmnProcessId, i.elementInstanceKey, i.elementId, i.jobKey, i.data, now, over ? now : null]);
    }
    for (const c of tree.messageCorrelations) correlations.push([c.messageKey, c.target]);
  }
  b.insert('engine.element_instances',
    [['key', 'bigint'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'], ['process_definition_key', 'bigint'], ['bpmn_process_id', 'text'],
      ['element_id', 'text'], ['element_type', 'text'], ['flow_scope_key', 'bigint'], ['state', 'text'], ['data', 'jsonb'], ['start_date', 'timestamptz'], ['end_date', 'timestamptz']], els);
  if (upd.length) {
    b.add(`UPDATE engine.element_instances e SET state = u.state, data = u.data, end_date = u.end_date
       FROM ${b.rows([['key', 'bigint'], ['state', 'text'], ['data', 'jsonb'], ['end_date', 'timestamptz']], upd.map((e) => [e.key, e.state, e.data, e.endDate]))} AS u
       WHERE e.key = u.key`);
  }
  b.insert('engine.process_instances',
    [['key', 'bigint'], ['root_key', 'bigint'], ['process_definition_key', 'bigint'], ['bpmn_process_id', 'text'], ['version', 'int'], ['state', 'text'],
      ['parent_process_instance_key', 'bigint'], ['parent_element_instance_key', 'bigint'], ['start_correlation_key', 'text'], ['start_date', 'timestamptz'], ['end_date', 'timestamptz']], pis);
  if (ended.length) {
    b.add(`UPDATE engine.process_instances p SET state = u.state, end_date = u.end_date
       FROM ${b.rows([['key', 'bigint'], ['state', 'text'], ['end_date', 'timestamptz']], ended)} AS u WHERE p.key = u.key`);
  }
  if (revs.length) {
    b.expect(b.add(`UPDATE engine.process_instances p SET rev = p.rev + 1, state = COALESCE(u.state, p.state), end_date = COALESCE(u.end_date, p.end_date)
       FROM ${b.rows([['key', 'bigint'], ['rev', 'bigint'], ['state', 'text'], ['end_date', 'timestamptz']], revs)} AS u
       WHERE p.key = u.key AND p.rev = u.rev RETURNING 1`), revs.length);
  }
  b.insert('engine.variables', [['scope_key', 'bigint'], ['name', 'text'], ['value', 'text'], ['key', 'bigint'], ['root_key', 'bigint'], ['process_instance_key', 'bigint']],
    vars, undefined, 'ON CONFLICT (scope_key, name) DO UPDATE SET value = EXCLUDED.value');
  // A job is claimed only while it can still be completed (it may have failed since it was read).
  if (claims.jobs.length) b.expect(b.add(`DELETE FROM engine.jobs WHERE key = ANY(${b.p(claims.jobs)}::bigint[]) AND state IN ('ACTIVATED', 'ACTIVATABLE') RETURNING 1`), claims.jobs.length);
  if (claims.timers.length) b.expect(b.add(`DELETE FROM engine.timers WHERE key = ANY(${b.p(claims.timers)}::bigint[]) RETURNING 1`), claims.timers.length);
  if (closed.length) {
    const owners = b.p(closed);
    const claimed = b.p([...claims.jobs, ...claims.timers]);
    b.add(`DELETE FROM engine.jobs WHERE element_instance_key = ANY(${owners}::bigint[]) AND key <> ALL(${claimed}::bigint[])`);
    b.add(`DELETE FROM engine.timers WHERE element_instance_key = ANY(${owners}::bigint[]) AND key <> ALL(${claimed}::bigint[])`);
    b.add(`DELETE FROM engine.message_subscriptions WHERE element_instance_key = ANY(${owners}::bigint[])`);
    b.add(`UPDATE engine.incidents SET state = 'RESOLVED', resolved_at = ${b.p(now)} WHERE element_instance_key = ANY(${owners}::bigint[]) AND state = 'ACTIVE'`);
  }
  if (removed.length) {
    const keys = b.p(removed);
    b.add(`DELETE FROM engine.timers WHERE key = ANY(${keys}::bigint[])`);
    b.add(`DELETE FROM engine.message_subscriptions WHERE key = ANY(${keys}::bigint[])`);
  }
  if (resolved.length) b.add(`UPDATE engine.incidents SET state = 'RESOLVED', resolved_at = ${b.p(now)} WHERE key = ANY(${b.p(resolved)}::bigint[]) AND state = 'ACTIVE'`);
  b.insert('engine.jobs',
    [['key', 'bigint'], ['type', 'text'], ['state', 'text'], ['retries', 'int'], ['custom_headers', 'jsonb'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'],
      ['element_instance_key', 'bigint'], ['element_id', 'text'], ['bpmn_process_id', 'text'], ['process_definition_key', 'bigint'], ['version', 'int'], ['scope_keys', 'text'], ['created_at', 'timestamptz']],
    jobs, `key, type, state, retries, custom_headers, root_key, process_instance_key, element_instance_key, element_id, bpmn_process_id, process_definition_key, version, string_to_array(scope_keys, ',')::bigint[], created_at`);
  b.insert('engine.timers',
    [['key', 'bigint'], ['due_date', 'timestamptz'], ['root_key', 'bigint'], ['element_instance_key', 'bigint'], ['process_definition_key', 'bigint'], ['element_id', 'text'], ['repetitions', 'int'], ['interval', 'text']], timers);
  b.insert('engine.message_subscriptions',
    [['key', 'bigint'], ['message_name', 'text'], ['correlation_key', 'text'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'], ['element_instance_key', 'bigint'], ['element_id', 'text']], subs);
  b.insert('engine.incidents',
    [['key', 'bigint'], ['state', 'text'], ['error_type', 'text'], ['error_message', 'text'], ['root_key', 'bigint'], ['process_instance_key', 'bigint'], ['process_definition_key', 'bigint'],
      ['bpmn_process_id', 'text'], ['element_instance_key', 'bigint'], ['element_id', 'text'], ['job_key', 'bigint'], ['data', 'jsonb'], ['created_at', 'timestamptz'], ['resolved_at', 'timestamptz']], incidents);
  b.insert('engine.message_correlations', [['message_key', 'bigint'], ['target', 'text']], correlations, undefined, 'ON CONFLICT DO NOTHING');
  if (!b.parts.length) return;
  const guard = b.guards.length ? `1 / (${b.guards.join(' * ')})` : '1';
  await tx.query(prepared(`WITH ${b.parts.join(',\n')}\nSELECT ${guard} AS ok`, b.params));
}

export function flushTree(tx: Tx, db: EngineDb, tree: InstanceTree, now: Date): Promise<void> {
  return flushTrees(tx, db, [tree], now);
}
