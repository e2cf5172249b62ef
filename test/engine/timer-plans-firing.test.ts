// Planned timers when the instance changed (the plan goes stale and the timer fires as a command)
// and when many fall due together (each fires once, waking the callers and workers waiting on it).
import t from 'tap';
import { work, completed, eventually } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';
import { HOUR, setup, deployEach, planned } from './timer-plans-twins.js';

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
