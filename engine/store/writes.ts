// What commands did to their instance trees, as rows per table, and the one statement of
// data-modifying CTEs that writes them. The same row lists, stored with a timer, are that timer's
// firing plan (see planned-timers.ts): one statement then fires thousands of planned timers.
import type { EngineDb, Tx } from './db.js';
import type { InstanceTree } from '../runtime/tree.js';

export type Row = unknown[];
type Columns = [string, string][];

/** Every table a command writes to, by part. Column order is the order of each row's values. */
const COLUMNS = {
  els: [
    ['key', 'bigint'],
    ['root_key', 'bigint'],
    ['process_instance_key', 'bigint'],
    ['process_definition_key', 'bigint'],
    ['bpmn_process_id', 'text'],
    ['element_id', 'text'],
    ['element_type', 'text'],
    ['flow_scope_key', 'bigint'],
    ['state', 'text'],
    ['data', 'jsonb'],
    ['start_date', 'timestamptz'],
    ['end_date', 'timestamptz'],
  ],
  upd: [
    ['key', 'bigint'],
    ['state', 'text'],
    ['data', 'jsonb'],
    ['end_date', 'timestamptz'],
  ],
  pis: [
    ['key', 'bigint'],
    ['root_key', 'bigint'],
    ['process_definition_key', 'bigint'],
    ['bpmn_process_id', 'text'],
    ['version', 'int'],
    ['state', 'text'],
    ['parent_process_instance_key', 'bigint'],
    ['parent_element_instance_key', 'bigint'],
    ['start_correlation_key', 'text'],
    ['start_date', 'timestamptz'],
    ['end_date', 'timestamptz'],
  ],
  ended: [
    ['key', 'bigint'],
    ['state', 'text'],
    ['end_date', 'timestamptz'],
  ],
  vars: [
    ['scope_key', 'bigint'],
    ['name', 'text'],
    ['value', 'text'],
    ['key', 'bigint'],
    ['root_key', 'bigint'],
    ['process_instance_key', 'bigint'],
  ],
  closed: [['key', 'bigint']],
  removed: [['key', 'bigint']],
  resolved: [['key', 'bigint']],
  jobs: [
    ['key', 'bigint'],
    ['type', 'text'],
    ['state', 'text'],
    ['retries', 'int'],
    ['custom_headers', 'jsonb'],
    ['root_key', 'bigint'],
    ['process_instance_key', 'bigint'],
    ['element_instance_key', 'bigint'],
    ['element_id', 'text'],
    ['bpmn_process_id', 'text'],
    ['process_definition_key', 'bigint'],
    ['version', 'int'],
    ['scope_keys', 'text'],
    ['created_at', 'timestamptz'],
  ],
  timers: [
    ['key', 'bigint'],
    ['due_date', 'timestamptz'],
    ['root_key', 'bigint'],
    ['element_instance_key', 'bigint'],
    ['process_definition_key', 'bigint'],
    ['element_id', 'text'],
    ['repetitions', 'int'],
    ['interval', 'text'],
    ['plan', 'jsonb?'],
    ['plan_rev', 'bigint'],
  ],
  subs: [
    ['key', 'bigint'],
    ['message_name', 'text'],
    ['correlation_key', 'text'],
    ['root_key', 'bigint'],
    ['process_instance_key', 'bigint'],
    ['element_instance_key', 'bigint'],
    ['element_id', 'text'],
  ],
  incidents: [
    ['key', 'bigint'],
    ['state', 'text'],
    ['error_type', 'text'],
    ['error_message', 'text'],
    ['root_key', 'bigint'],
    ['process_instance_key', 'bigint'],
    ['process_definition_key', 'bigint'],
    ['bpmn_process_id', 'text'],
    ['element_instance_key', 'bigint'],
    ['element_id', 'text'],
    ['job_key', 'bigint'],
    ['data', 'jsonb'],
    ['created_at', 'timestamptz'],
    ['resolved_at', 'timestamptz'],
  ],
  correlations: [
    ['message_key', 'bigint'],
    ['target', 'text'],
  ],
} satisfies Record<string, Columns>;

export type Part = keyof typeof COLUMNS;
export type Writes = Record<Part, Row[]>;
export const PARTS = Object.keys(COLUMNS) as Part[];

/** Each existing tree's root: [key, revision read, final state or null, end date or null]. */
export interface Collected {
  w: Writes;
  revs: Row[];
  claims: { jobs: string[]; timers: string[] };
}

/** Gathers the rows the trees' pending writes make, per table part. */
export async function collectWrites(tx: Tx, db: EngineDb, trees: InstanceTree[], now: Date): Promise<Collected> {
  const w = Object.fromEntries(PARTS.map((p) => [p, [] as Row[]])) as Writes;
  const revs: Row[] = [];
  const claims = { jobs: [] as string[], timers: [] as string[] };
  for (const tree of trees) {
    const gone = tree.closedOwners;
    const live = <T extends { elementInstanceKey: string | null }>(rows: T[]) =>
      rows.filter((r) => !r.elementInstanceKey || !gone.has(r.elementInstanceKey));
    for (const e of tree.insertedElements)
      w.els.push([
        e.key,
        e.rootKey,
        e.processInstanceKey,
        e.processDefinitionKey,
        e.bpmnProcessId,
        e.elementId,
        e.elementType,
        e.flowScopeKey,
        e.state,
        e.data,
        e.startDate,
        e.endDate,
      ]);
    for (const e of tree.changedElements)
      if (!tree.insertedElements.has(e)) w.upd.push([e.key, e.state, e.data, e.endDate]);
    const newPis = new Set(tree.newProcessInstances.map((p) => p.key));
    for (const p of tree.newProcessInstances) {
      const end = tree.endedProcessInstances.get(p.key);
      w.pis.push([
        p.key,
        p.rootKey,
        p.processDefinitionKey,
        p.bpmnProcessId,
        p.version,
        end?.state ?? 'ACTIVE',
        p.parentProcessInstanceKey,
        p.parentElementInstanceKey,
        p.startCorrelationKey,
        p.startDate,
        end?.endDate ?? null,
      ]);
    }
    for (const [k, v] of tree.endedProcessInstances)
      if (!newPis.has(k) && k !== tree.rootKey) w.ended.push([k, v.state, v.endDate]);
    if (tree.rev !== null) {
      const end = tree.endedProcessInstances.get(tree.rootKey);
      revs.push([tree.rootKey, tree.rev, end?.state ?? null, end?.endDate ?? null]);
    }
    for (const v of tree.changedVars.values())
      w.vars.push([v.scopeKey, v.name, v.value, await db.nextKey(tx), tree.rootKey, v.processInstanceKey]);
    for (const k of gone) w.closed.push([k]);
    const claimed = new Set(tree.claims.map((c) => c.key));
    for (const c of tree.claims) claims[c.table].push(c.key);
    for (const k of tree.removedTriggers) if (!claimed.has(k)) w.removed.push([k]);
    const newIncidents = new Set(tree.newIncidents.map((i) => i.key));
    for (const k of tree.resolvedIncidents) if (!newIncidents.has(k)) w.resolved.push([k]);
    for (const j of live(tree.newJobs))
      w.jobs.push([
        j.key,
        j.type,
        'ACTIVATABLE',
        j.retries,
        j.customHeaders,
        j.rootKey,
        j.processInstanceKey,
        j.elementInstanceKey,
        j.elementId,
        j.bpmnProcessId,
        j.processDefinitionKey,
        j.version,
        j.scopeKeys.join(','),
        now,
      ]);
    for (const t of live(tree.newTimers))
      w.timers.push([
        t.key,
        t.dueDate,
        t.rootKey,
        t.elementInstanceKey,
        t.processDefinitionKey,
        t.elementId,
        t.repetitions,
        t.interval,
        t.plan ?? null,
        t.planRev ?? null,
      ]);
    for (const x of live(tree.newSubscriptions))
      w.subs.push([
        x.key,
        x.messageName,
        x.correlationKey,
        x.rootKey,
        x.processInstanceKey,
        x.elementInstanceKey,
        x.elementId,
      ]);
    for (const i of tree.newIncidents) {
      const over = gone.has(i.elementInstanceKey) || tree.resolvedIncidents.has(i.key);
      w.incidents.push([
        i.key,
        over ? 'RESOLVED' : 'ACTIVE',
        i.errorType,
        i.errorMessage,
        i.rootKey,
        i.processInstanceKey,
        i.processDefinitionKey,
        i.bpmnProcessId,
        i.elementInstanceKey,
        i.elementId,
        i.jobKey,
        i.data,
        now,
        over ? now : null,
      ]);
    }
    for (const c of tree.messageCorrelations) w.correlations.push([c.messageKey, c.target]);
  }
  return { w, revs, claims };
}

/** Builds one statement of data-modifying CTEs: a command's writes cost one round trip. */
export class Batch {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  readonly guards: string[] = [];
  p(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
  add(sql: string): string {
    this.parts.push(`w${this.parts.length} AS (${sql})`);
    return `w${this.parts.length - 1}`;
  }
  /**
   * Rows as ONE parameter, a JSON array of arrays: JSON.stringify is native, while pg builds array
   * literals element by element in JavaScript (it was the engine's largest cost under load). jsonb
   * columns take the value as it is ('jsonb?': a JSON null is SQL NULL); the others are cast from its text.
   */
  rows(columns: Columns, rows: unknown[][]): string {
    return `(SELECT ${select(columns)} FROM jsonb_array_elements(${this.p(JSON.stringify(rows))}::jsonb) r)`;
  }
  /** The statement fails unless the CTE returned exactly `n` rows. */
  expect(cte: string, n: number): void {
    this.guards.push(`CASE WHEN (SELECT count(*) FROM ${cte}) = ${n} THEN 1 ELSE 0 END`);
  }
  text(result: string): string {
    return `WITH ${this.parts.join(',\n')}\nSELECT ${result}`;
  }
}

/**
 * The columns of JSON rows `r`. With `shiftTo`, timestamps are offsets from the epoch, moved to
 * the time that SQL expression gives (a plan is made at the epoch and applied when it fires).
 */
export function select(columns: Columns, shiftTo?: string): string {
  return columns
    .map(([c, t], i) => {
      if (t === 'jsonb') return `r->${i} AS ${c}`;
      if (t === 'jsonb?') return `NULLIF(r->${i}, 'null') AS ${c}`; // a JSON null is no value
      if (t === 'timestamptz' && shiftTo)
        return `${shiftTo} + ((r->>${i})::timestamptz - 'epoch'::timestamptz) AS ${c}`;
      return `(r->>${i})::${t} AS ${c}`;
    })
    .join(', ');
}

/** Where a statement reads each part's rows from: a parameter (a flush) or stored plans. */
export interface RowSource {
  /** A subquery yielding the part's columns, or null when it has no rows. */
  rows(part: Part, columns: Columns): string | null;
  /** SQL for the current time. */
  now(): string;
  /** SQL condition on `key`: not a job/timer the statement consumes itself (kept out of the owner clean-up). */
  notConsumed(): string;
}

const names = (part: Part) => COLUMNS[part].map(([c]) => c).join(', ');

/** Adds the CTEs writing every part to `b`. Data-modifying CTEs share one snapshot, so rows made
 * and ended within a command are written in their final state, not inserted and then changed. */
export function addWrites(b: Batch, src: RowSource): void {
  const rows = (part: Part) => src.rows(part, COLUMNS[part]);
  const keys = (part: Part) => {
    const r = rows(part);
    return r && `ARRAY(SELECT key FROM ${r} AS k)`;
  };
  const insert = (table: string, part: Part, select = names(part), suffix = '') => {
    const r = rows(part);
    if (r) b.add(`INSERT INTO ${table} (${names(part)}) SELECT ${select} FROM ${r} AS u ${suffix}`);
  };
  insert('engine.element_instances', 'els');
  const upd = rows('upd');
  // The key list lets the planner find the rows by index: joined alone, a large batch (or an
  // estimate of one) makes it scan the whole table.
  if (upd)
    b.add(`UPDATE engine.element_instances e SET state = u.state, data = u.data, end_date = u.end_date FROM ${upd} AS u
    WHERE e.key = u.key AND e.key = ANY(ARRAY(SELECT key FROM ${upd} AS k))`);
  insert('engine.process_instances', 'pis');
  const ended = rows('ended');
  if (ended)
    b.add(`UPDATE engine.process_instances p SET state = u.state, end_date = u.end_date FROM ${ended} AS u
    WHERE p.key = u.key AND p.key = ANY(ARRAY(SELECT key FROM ${ended} AS k))`);
  insert('engine.variables', 'vars', undefined, 'ON CONFLICT (scope_key, name) DO UPDATE SET value = EXCLUDED.value');
  const closed = keys('closed');
  if (closed) {
    const notConsumed = src.notConsumed();
    b.add(`DELETE FROM engine.jobs WHERE element_instance_key = ANY(${closed}) AND ${notConsumed}`);
    b.add(`DELETE FROM engine.timers WHERE element_instance_key = ANY(${closed}) AND ${notConsumed}`);
    b.add(`DELETE FROM engine.message_subscriptions WHERE element_instance_key = ANY(${closed})`);
    b.add(
      `UPDATE engine.incidents SET state = 'RESOLVED', resolved_at = ${src.now()}
       WHERE element_instance_key = ANY(${closed}) AND state = 'ACTIVE'`,
    );
  }
  const removed = keys('removed');
  if (removed) {
    b.add(`DELETE FROM engine.timers WHERE key = ANY(${removed})`);
    b.add(`DELETE FROM engine.message_subscriptions WHERE key = ANY(${removed})`);
  }
  const resolved = keys('resolved');
  if (resolved)
    b.add(
      `UPDATE engine.incidents SET state = 'RESOLVED', resolved_at = ${src.now()}
       WHERE key = ANY(${resolved}) AND state = 'ACTIVE'`,
    );
  insert('engine.jobs', 'jobs', names('jobs').replace('scope_keys', "string_to_array(scope_keys, ',')::bigint[]"));
  insert('engine.timers', 'timers');
  insert('engine.message_subscriptions', 'subs');
  insert('engine.incidents', 'incidents');
  insert('engine.message_correlations', 'correlations', undefined, 'ON CONFLICT DO NOTHING');
}
