// What the planned-timer tests share: an instance's rows in comparable form, an engine whose
// clock is pinned, and `twin`, which fires a model by plan and as a command and compares the rows.
import type t from 'tap';
import pg from 'pg';
import { testEngine, type TestEngine } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';

type Test = Parameters<typeof testEngine>[0] & { equal: typeof t.equal; same: typeof t.same; ok: typeof t.ok };

export const HOUR = 3_600_000;

/** An instance's rows with keys replaced by element ids and times by before/after the firing. */
async function state(db: pg.Pool, root: string, firedAfter: number) {
  const when = (d: Date | null) => (d === null ? null : d.getTime() >= firedAfter ? 'fired' : 'before');
  const els = (
    await db.query(
      `SELECT key::text, element_id, element_type, state, flow_scope_key::text AS scope, data, start_date, end_date
       FROM engine.element_instances
       WHERE root_key = $1
       ORDER BY key`,
      [root],
    )
  ).rows;
  const id = new Map<string, string>(els.map((e) => [e.key, e.element_id]));
  const name = (k: string | null) => (k === null ? null : (id.get(k) ?? 'unknown'));
  const q = async (sql: string) => (await db.query(sql, [root])).rows;
  return {
    elements: els.map((e) => [
      e.element_id,
      e.element_type,
      e.state,
      name(e.scope),
      e.data,
      when(e.start_date),
      when(e.end_date),
    ]),
    processInstances: (
      await q(
        `SELECT bpmn_process_id, state, rev::text, end_date
         FROM engine.process_instances
         WHERE root_key = $1
         ORDER BY key`,
      )
    ).map((p) => [p.bpmn_process_id, p.state, p.rev, when(p.end_date)]),
    variables: (
      await q(
        `SELECT scope_key::text AS scope, name, value
         FROM engine.variables
         WHERE root_key = $1
         ORDER BY scope_key, name`,
      )
    ).map((v) => [name(v.scope), v.name, v.value]),
    jobs: (
      await q(
        `SELECT element_instance_key::text AS el, type, state, retries, custom_headers, created_at
         FROM engine.jobs
         WHERE root_key = $1
         ORDER BY key`,
      )
    ).map((j) => [name(j.el), j.type, j.state, j.retries, j.custom_headers, when(j.created_at)]),
    timers: (await q('SELECT element_id FROM engine.timers WHERE root_key = $1 ORDER BY key')).map((x) => x.element_id),
    subscriptions: (
      await q('SELECT element_id, message_name FROM engine.message_subscriptions WHERE root_key = $1 ORDER BY key')
    ).map((x) => [x.element_id, x.message_name]),
    incidents: (
      await q('SELECT element_id, error_type, state FROM engine.incidents WHERE root_key = $1 ORDER BY key')
    ).map((x) => [x.element_id, x.error_type, x.state]),
  };
}

export async function setup(t: Test): Promise<{ e: TestEngine; db: pg.Pool }> {
  const e = await testEngine(t, { schedulerIntervalMs: 60_000 });
  const db = new pg.Pool({ connectionString: e.databaseUrl, max: 2 });
  db.on('error', () => {
    /* the test database is dropped at teardown, idle clients with it */
  });
  e.closers.push(() => db.end());
  // Ahead of the real time: a scheduler pass started before the pin must not see a later "now"
  // than the pinned clock (timers created after the pin would fire in it).
  e.engine.clock.pin(Math.ceil(Date.now() / 86_400_000 + 30) * 86_400_000);
  return { e, db };
}

/** Each process in its own resource (element ids are unique per document). */
export async function deployEach(e: TestEngine, procs: string[], defs: b.Defs = {}): Promise<void> {
  for (const [i, p] of procs.entries()) await e.zeebe.deployResource({ name: `p${i}.bpmn`, process: b.bpmn(p, defs) });
}

export const planned = async (db: pg.Pool, root: string) =>
  (
    await db.query('SELECT count(*) FILTER (WHERE plan IS NOT NULL)::int AS n FROM engine.timers WHERE root_key = $1', [
      root,
    ])
  ).rows[0].n as number;

/** Runs `model` twice (plan kept / plan dropped), fires both, and compares. */
export async function twin(
  t: Test,
  e: TestEngine,
  db: pg.Pool,
  processId: string,
  variables: Record<string, any>,
  opts: { plannable: boolean },
) {
  const a = (await e.zeebe.createProcessInstance({ bpmnProcessId: processId, variables })).processInstanceKey;
  const bKey = (await e.zeebe.createProcessInstance({ bpmnProcessId: processId, variables })).processInstanceKey;
  t.equal(
    await planned(db, a),
    opts.plannable ? 1 : 0,
    `${processId}: the timer ${opts.plannable ? 'has' : 'has no'} plan`,
  );
  await db.query('UPDATE engine.timers SET plan = NULL, plan_rev = NULL WHERE root_key = $1', [bKey]);
  const firedAfter = e.engine.clock.nowMs() + 2 * HOUR;
  await e.advanceClock(2 * HOUR + 1000);
  const sa = await state(db, a, firedAfter);
  const sb = await state(db, bKey, firedAfter);
  t.same(sa, sb, `${processId}: fired by plan = fired as a command`);
  t.ok(
    sa.elements.some((x) => x[6] === 'fired' || x[5] === 'fired'),
    `${processId}: the timer fired`,
  );
  if (opts.plannable) {
    // A plan's rows carry keys taken when the timer was created, before instance B existed.
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM engine.element_instances WHERE root_key = $1 AND start_date >= $2 AND key > $3',
      [a, new Date(firedAfter), bKey],
    );
    t.equal(rows[0].n, 0, `${processId}: A fired by its plan`);
  }
  return { a, b: bKey, state: sa };
}
