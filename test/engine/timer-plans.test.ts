// Timers fired by their plan (made when the timer was created, applied many per statement) leave
// exactly the state a timer fired as a command leaves. Each model runs twice from the same
// variables: instance A keeps its plan, instance B's plan is dropped, both fire in the same pass,
// and the two instances' rows are compared. Firings that read outside the instance are not planned.
import t from 'tap';

type Test = Parameters<typeof testEngine>[0] & { equal: typeof t.equal; same: typeof t.same; ok: typeof t.ok };
import pg from 'pg';
import { testEngine, work, completed, eventually, type TestEngine } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';

const HOUR = 3_600_000;

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

async function setup(t: Test): Promise<{ e: TestEngine; db: pg.Pool }> {
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
async function deployEach(e: TestEngine, procs: string[], defs: b.Defs = {}): Promise<void> {
  for (const [i, p] of procs.entries()) await e.zeebe.deployResource({ name: `p${i}.bpmn`, process: b.bpmn(p, defs) });
}

const planned = async (db: pg.Pool, root: string) =>
  (
    await db.query('SELECT count(*) FILTER (WHERE plan IS NOT NULL)::int AS n FROM engine.timers WHERE root_key = $1', [
      root,
    ])
  ).rows[0].n as number;

/** Runs `model` twice (plan kept / plan dropped), fires both, and compares. */
async function twin(
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

t.test('fired by plan = fired as a command, for every kind of continuation', async (t) => {
  const { e, db } = await setup(t);
  const due = b.timerDef('timeDuration', 'PT2H');
  await deployEach(
    e,
    [
      b.proc('toEnd', b.start('s'), b.catchEvent('wait', due), b.end('e'), b.chain('s', 'wait', 'e')),
      b.proc(
        'escalate',
        b.start('s'),
        b.serviceTask('mediate', 'mediate'),
        b.boundary('late', 'mediate', due),
        b.serviceTask('remind', '=kind', { headers: { level: '=level + 1' }, inputs: { who: '=caseNo' } }),
        b.end('ok'),
        b.end('up'),
        b.chain('s', 'mediate', 'ok'),
        b.chain('late', 'remind', 'up'),
      ),
      b.proc(
        'route',
        b.start('s'),
        b.catchEvent('wait', due, { outputs: { late: '=true' } }),
        b.xor('x', 'toB'),
        b.serviceTask('a', 'a'),
        b.serviceTask('b', 'b'),
        b.end('ea'),
        b.end('eb'),
        b.chain('s', 'wait', 'x'),
        b.flow('x', 'a', '=late and level > 1'),
        b.flow('x', 'b', undefined, 'toB'),
        b.chain('a', 'ea'),
        b.chain('b', 'eb'),
      ),
      b.proc(
        'join',
        b.start('s'),
        b.and('fork'),
        b.catchEvent('wait', due),
        b.serviceTask('work', 'work'),
        b.and('joined'),
        b.end('e'),
        b.chain('s', 'fork', 'wait', 'joined', 'e'),
        b.chain('fork', 'work', 'joined'),
      ),
      b.proc(
        'race',
        b.start('s'),
        b.eventGateway('g'),
        b.catchEvent('wait', due),
        b.catchEvent('answer', b.messageDef('answer')),
        b.end('e1'),
        b.end('e2'),
        b.chain('s', 'g'),
        b.chain('g', 'wait', 'e1'),
        b.chain('g', 'answer', 'e2'),
      ),
      b.proc(
        'nested',
        b.start('s'),
        b.subProcess('sub', b.start('ss') + b.catchEvent('wait', due) + b.end('se') + b.chain('ss', 'wait', 'se'), {
          outputs: { out: '=caseNo' },
        }),
        b.manualTask('m'),
        b.userTask('review', { candidateGroups: '=group' }),
        b.end('e'),
        b.chain('s', 'sub', 'm', 'review', 'e'),
      ),
      b.proc('child', b.start('cs'), b.catchEvent('wait', due), b.end('ce'), b.chain('cs', 'wait', 'ce')),
      b.proc(
        'parent',
        b.start('s'),
        b.callActivity('call', 'child'),
        b.serviceTask('after', 'after'),
        b.end('e'),
        b.chain('s', 'call', 'after', 'e'),
      ),
    ],
    { messages: { answer: '=caseNo' } },
  );
  const vars = { caseNo: 'GC-1', kind: 'remind', level: 2, group: 'mediators' };
  for (const id of ['toEnd', 'escalate', 'route', 'join', 'race', 'nested', 'parent']) {
    const { state: s } = await twin(t, e, db, id, vars, { plannable: true });
    if (id === 'toEnd') t.equal(s.processInstances[0][1], 'COMPLETED');
    if (id === 'escalate')
      t.same(
        s.jobs.map((j) => [j[0], j[1], j[4]]),
        [['remind', 'remind', { level: '3' }]],
        "the task's job is gone, the reminder's job has its headers",
      );
    if (id === 'route')
      t.same(
        s.jobs.map((j) => j[1]),
        ['a'],
        'the output mapping fed the gateway',
      );
    if (id === 'join')
      t.same(
        Object.keys((s.elements.find((x) => x[1] === 'PROCESS')![4] as { joins?: object }).joins ?? {}),
        ['joined'],
        'the token waits at the join',
      );
    if (id === 'race') t.same(s.subscriptions, [], 'the losing message subscription is closed');
    if (id === 'parent')
      t.same(
        s.processInstances.map((p) => p[1]),
        ['ACTIVE', 'COMPLETED'],
        'the child completed, the parent went on',
      );
  }
});

t.test('firings that read outside the instance (or write a large value) are not planned, and still fire', async (t) => {
  const { e, db } = await setup(t);
  const due = b.timerDef('timeDuration', 'PT2H');
  await deployEach(
    e,
    [
      b.proc(
        'again',
        b.start('s'),
        b.catchEvent('wait', due),
        b.catchEvent('wait2', b.timerDef('timeDuration', 'PT5H')),
        b.end('e'),
        b.chain('s', 'wait', 'wait2', 'e'),
      ),
      b.proc(
        'receive',
        b.start('s'),
        b.catchEvent('wait', due),
        b.receiveTask('answer', 'answer'),
        b.end('e'),
        b.chain('s', 'wait', 'answer', 'e'),
      ),
      b.proc(
        'clock',
        b.start('s'),
        b.catchEvent('wait', due),
        b.scriptTask('stamp', '=today() > date("2000-01-01")', 'stamp'),
        b.serviceTask('w', 'w'),
        b.end('e'),
        b.chain('s', 'wait', 'stamp', 'w', 'e'),
      ),
      b.proc(
        'calls',
        b.start('s'),
        b.catchEvent('wait', due),
        b.callActivity('call', 'leaf'),
        b.end('e'),
        b.chain('s', 'wait', 'call', 'e'),
      ),
      b.proc('leaf', b.start('ls'), b.serviceTask('leafTask', 'leaf'), b.end('le'), b.chain('ls', 'leafTask', 'le')),
      b.proc(
        'large',
        b.start('s'),
        b.catchEvent('wait', due, { outputs: { copy: '=blob' } }),
        b.serviceTask('w', 'w'),
        b.end('e'),
        b.chain('s', 'wait', 'w', 'e'),
      ),
      b.proc(
        'cycle',
        b.start('s'),
        b.serviceTask('mediate', 'mediate'),
        b.boundary('nudge', 'mediate', b.timerDef('timeCycle', 'R2/PT2H'), false),
        b.serviceTask('remind', 'remind'),
        b.end('re'),
        b.end('e'),
        b.chain('s', 'mediate', 'e'),
        b.chain('nudge', 'remind', 're'),
      ),
    ],
    { messages: { answer: '=caseNo' } },
  );
  for (const id of ['again', 'receive', 'clock', 'calls', 'large', 'cycle']) {
    const { state: s } = await twin(t, e, db, id, { caseNo: 'GC-2', blob: 'x'.repeat(100_000) }, { plannable: false });
    if (id === 'again') t.same(s.timers, ['wait2'], 'the next timer is open');
    if (id === 'receive') t.same(s.subscriptions, [['answer', 'answer']]);
    if (id === 'calls')
      t.same(
        s.processInstances.map((p) => p[0]),
        ['calls', 'leaf'],
      );
    if (id === 'cycle') t.same(s.timers, ['nudge'], 'the cycle goes on');
    if (id === 'large')
      t.ok(
        s.variables.some((v) => v[1] === 'copy' && String(v[2]).length > 100_000),
        'the large output was written by the command',
      );
  }
});

t.test('a plan goes stale when the instance changes; the timer then fires as a command on the new state', async (t) => {
  const { e, db } = await setup(t);
  await e.zeebe.deployResource({
    name: 'stale.bpmn',
    process: b.bpmn(
      b.proc(
        'stale',
        b.start('s'),
        b.and('fork'),
        b.catchEvent('wait', b.timerDef('timeDuration', 'PT2H')),
        b.serviceTask('notify', '=channel'),
        b.end('e1'),
        b.serviceTask('work', 'work'),
        b.end('e2'),
        b.chain('s', 'fork', 'wait', 'notify', 'e1'),
        b.chain('fork', 'work', 'e2'),
      ),
    ),
  });
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'stale', variables: { channel: 'sms' } });
  t.equal(await planned(db, r.processInstanceKey), 1);
  await e.zeebe.setVariables({
    elementInstanceKey: r.processInstanceKey,
    variables: { channel: 'wechat' },
    local: false,
  });
  const [job] = await e.zeebe.activateJobs({
    type: 'work',
    worker: 'w',
    maxJobsToActivate: 1,
    timeout: 60_000,
    requestTimeout: -1,
  } as any);
  await e.zeebe.completeJob({ jobKey: job.key, variables: { done: true } });
  await e.advanceClock(2 * HOUR + 1000);
  const { rows } = await db.query('SELECT type FROM engine.jobs WHERE root_key = $1', [r.processInstanceKey]);
  t.same(
    rows.map((x) => x.type),
    ['wechat'],
    'the job type comes from the variables at firing, not at planning',
  );
  t.equal(
    (await db.query('SELECT count(*)::int AS n FROM engine.timers WHERE root_key = $1', [r.processInstanceKey])).rows[0]
      .n,
    0,
  );
});

t.test(
  'a planned firing wakes CreateProcessInstanceWithResult and long-polling workers; 2 000 due together fire once each',
  async (t) => {
    const { e, db } = await setup(t);
    await deployEach(e, [
      b.proc(
        'quick',
        b.start('s'),
        b.catchEvent('wait', b.timerDef('timeDuration', 'PT1H'), { outputs: { waited: '=true' } }),
        b.end('e'),
        b.chain('s', 'wait', 'e'),
      ),
      b.proc(
        'many',
        b.start('s'),
        b.catchEvent('wait', b.timerDef('timeDuration', 'PT1H')),
        b.serviceTask('followUp', 'followUp'),
        b.end('e'),
        b.chain('s', 'wait', 'followUp', 'e'),
      ),
    ]);
    const seen = work(t, e, 'followUp');
    const keys: string[] = [];
    for (let i = 0; i < 2000; i += 50) {
      keys.push(
        ...(
          await Promise.all(
            Array.from({ length: 50 }, () => e.zeebe.createProcessInstance({ bpmnProcessId: 'many', variables: {} })),
          )
        ).map((r) => r.processInstanceKey),
      );
    }
    // Asked for after the 2 000 are created: its 20 s request timeout runs from the call, and creating
    // them takes longer than that on a loaded machine.
    const withResult = e.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'quick',
      variables: { n: 1 },
      requestTimeout: 20_000,
    } as any);
    const plannedTimers = async () =>
      (await db.query('SELECT count(*) FILTER (WHERE plan IS NOT NULL)::int AS n FROM engine.timers')).rows[0]
        .n as number;
    await eventually(async () => (await plannedTimers()) === 2001, 5000, 'the waiting instance created');
    t.equal(await plannedTimers(), 2001, 'every timer is planned');
    await e.advanceClock(HOUR + 1000);
    const result = await withResult;
    t.same(result.variables, { n: 1, waited: true }, 'the waiting caller got the result');
    await eventually(async () => seen.length >= 2000, 30_000, 'all follow-up jobs worked');
    for (const k of keys.slice(0, 20)) await completed(e, k);
    const counts = (
      await db.query(`SELECT count(*) FILTER (WHERE element_id = 'wait' AND state = 'COMPLETED')::int AS fired,
    count(DISTINCT root_key) FILTER (WHERE element_id = 'followUp')::int AS roots,
    count(*) FILTER (WHERE element_id = 'followUp')::int AS tasks
    FROM engine.element_instances
    WHERE bpmn_process_id = 'many'`)
    ).rows[0];
    t.same(counts, { fired: 2000, roots: 2000, tasks: 2000 }, 'each timer fired exactly once');
    t.equal((await db.query('SELECT count(*)::int AS n FROM engine.timers')).rows[0].n, 0);
  },
);
