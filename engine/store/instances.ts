// Loading and flushing the InstanceTree aggregate (see runtime/tree.ts).
import { prepared, type EngineDb, type Tx } from './db.js';
import { InstanceTree, type ElementInstance } from '../runtime/tree.js';
import { collectWrites, addWrites, Batch } from './writes.js';

function toElement(r: any): ElementInstance {
  return {
    key: r.key,
    rootKey: r.root_key,
    processInstanceKey: r.process_instance_key,
    processDefinitionKey: r.process_definition_key,
    bpmnProcessId: r.bpmn_process_id,
    version: r.version,
    elementId: r.element_id,
    elementType: r.element_type,
    flowScopeKey: r.flow_scope_key,
    state: r.state,
    data: r.data ?? {},
    startDate: r.start_date,
    endDate: r.end_date,
  };
}

const ACTIVE_ELEMENTS = `FROM engine.element_instances e
  JOIN engine.process_definitions pd ON pd.key = e.process_definition_key
  WHERE e.root_key = $1 AND e.state = 'ACTIVE'`;
const VARS = `(SELECT json_agg(json_build_array(v.name, v.value))
  FROM engine.variables v
  WHERE v.scope_key = e.key) AS vars`;
// Keys as text inside JSON: they exceed 2^53.
const ELEMENT_JSON = `e.key::text AS key, e.root_key::text AS root_key,
  e.process_instance_key::text AS process_instance_key, e.process_definition_key::text AS process_definition_key,
  e.bpmn_process_id, e.element_id, e.element_type, e.flow_scope_key::text AS flow_scope_key, e.state, e.data,
  e.start_date, e.end_date, pd.version`;

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
  const head = await tx.query(
    prepared('SELECT state, rev FROM engine.process_instances WHERE key = $1 FOR UPDATE', [rootKey]),
  );
  if (!head.rowCount) return null;
  const tree = new InstanceTree(rootKey);
  tree.rev = head.rows[0].rev;
  if (head.rows[0].state === 'ACTIVE')
    fill(tree, (await tx.query(prepared(`SELECT e.*, pd.version, ${VARS} ${ACTIVE_ELEMENTS}`, [rootKey]))).rows);
  return tree;
}

/** Loads several trees without locks in one statement (optimistic batches); unknown roots are absent. */
export async function loadTrees(q: Tx, rootKeys: string[]): Promise<Map<string, InstanceTree>> {
  const out = new Map<string, InstanceTree>();
  if (!rootKeys.length) return out;
  const { rows } = await q.query(
    prepared(
      `SELECT p.key::text AS root, p.rev, (SELECT json_agg(x) FROM (SELECT ${ELEMENT_JSON}, ${VARS}
        FROM engine.element_instances e JOIN engine.process_definitions pd ON pd.key = e.process_definition_key
        WHERE e.root_key = p.key AND e.state = 'ACTIVE') x) AS els
     FROM engine.process_instances p WHERE p.key = ANY($1::bigint[])`,
      [rootKeys],
    ),
  );
  for (const r of rows) {
    const tree = new InstanceTree(r.root);
    tree.rev = r.rev;
    fill(
      tree,
      (r.els ?? []).map((e: any) => ({
        ...e,
        start_date: new Date(e.start_date),
        end_date: e.end_date ? new Date(e.end_date) : null,
      })),
    );
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

/**
 * Writes what the commands did to their trees, all trees in one statement, set-based per table.
 * Every existing tree's revision is checked and bumped, and claimed jobs/timers must still be
 * there: otherwise the statement divides by zero and fails as a whole (error 22012, which
 * optimistic commands take as "another command was first" and retry).
 */
export async function flushTrees(tx: Tx, db: EngineDb, trees: InstanceTree[], now: Date): Promise<void> {
  const { w, revs, claims } = await collectWrites(tx, db, trees, now);
  const b = new Batch();
  addWrites(b, {
    rows: (part, columns) => (w[part].length ? b.rows(columns, w[part]) : null),
    now: () => `${b.p(now)}::timestamptz`,
    notConsumed: () => `key <> ALL(${b.p([...claims.jobs, ...claims.timers])}::bigint[])`,
  });
  if (revs.length) {
    b.expect(
      b.add(`UPDATE engine.process_instances p
       SET rev = p.rev + 1, state = COALESCE(u.state, p.state), end_date = COALESCE(u.end_date, p.end_date)
       FROM ${b.rows(
         [
           ['key', 'bigint'],
           ['rev', 'bigint'],
           ['state', 'text'],
           ['end_date', 'timestamptz'],
         ],
         revs,
       )} AS u
       WHERE p.key = u.key AND p.rev = u.rev RETURNING 1`),
      revs.length,
    );
  }
  // A job is claimed only while it can still be completed (it may have failed since it was read).
  if (claims.jobs.length)
    b.expect(
      b.add(
        `DELETE FROM engine.jobs
         WHERE key = ANY(${b.p(claims.jobs)}::bigint[]) AND state IN ('ACTIVATED', 'ACTIVATABLE')
         RETURNING 1`,
      ),
      claims.jobs.length,
    );
  if (claims.timers.length)
    b.expect(
      b.add(`DELETE FROM engine.timers WHERE key = ANY(${b.p(claims.timers)}::bigint[]) RETURNING 1`),
      claims.timers.length,
    );
  if (!b.parts.length) return;
  const guard = b.guards.length ? `1 / (${b.guards.join(' * ')})` : '1';
  await tx.query(prepared(b.text(`${guard} AS ok`), b.params));
}

export function flushTree(tx: Tx, db: EngineDb, tree: InstanceTree, now: Date): Promise<void> {
  return flushTrees(tx, db, [tree], now);
}
