// kill -9 the engine in the middle of a run of thousands of instances, restart it: every instance
// whose creation was acknowledged completes, no job is lost, no instance completes twice.
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { testDatabase } from '../helpers/db.js';
import { zeebeClient } from '../../platform/zeebe.js';
import * as b from '../helpers/bpmn.js';
import { freePort } from '../../platform/net.js';

const TOTAL = 3000;

function startEngineProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', 'engine'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

t.test('kill -9 mid-run loses no acknowledged instance and completes none twice', async (t) => {
  // The start's DATABASE_URL names the tables' owner; the engine itself then runs as gc_app.
  const url = await testDatabase(t, { owner: true });
  const grpcPort = await freePort();
  const env = {
    DATABASE_URL: url,
    ENGINE_GRPC_PORT: String(grpcPort),
    ENGINE_HTTP_PORT: String(await freePort()),
    ENGINE_SCHEDULER_INTERVAL_MS: '100',
  };
  let child = startEngineProcess(env);
  t.teardown(() => {
    child.kill('SIGKILL');
  });
  // No client-side retries: a call cut by the kill fails (unacknowledged) instead of waiting.
  const zeebe = zeebeClient(`127.0.0.1:${grpcPort}`, { retry: false });
  const bounded = <T>(p: Promise<T>) =>
    Promise.race([
      p,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 10 s')), 10_000)),
    ]);
  const until = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      // The client retries on its own while the gateway is down: bound each attempt.
      try {
        await Promise.race([
          zeebe.topology(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), 2000)),
        ]);
        return;
      } catch {
        /* not up yet */
      }
      if (child.exitCode !== null) throw new Error(`the engine exited with code ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('the engine did not come up within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  await until();
  await zeebe.deployResource({
    name: 'one.bpmn',
    process: b.bpmn(
      b.proc('durable', b.start('s'), b.serviceTask('work', 'work'), b.end('e'), b.chain('s', 'work', 'e')),
    ),
  });

  const acknowledged = new Set<string>();
  let handled = 0;
  let running = true;
  // A plain activate/complete loop that shrugs off the engine being down.
  const worker = (async () => {
    while (running) {
      try {
        const jobs = await bounded(
          zeebe.activateJobs({
            type: 'work',
            worker: 'd',
            maxJobsToActivate: 64,
            timeout: 5000,
            requestTimeout: 500,
          } as any),
        );
        await Promise.all(
          jobs.map(async (j: any) => {
            handled++;
            await bounded(zeebe.completeJob({ jobKey: j.key, variables: { doneBy: 'worker' } })).catch(() => {});
          }),
        );
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  })();

  let created = 0;
  let killed = false;
  const creators = Array.from({ length: 16 }, async () => {
    while (created < TOTAL) {
      created++;
      try {
        const r = await bounded(zeebe.createProcessInstance({ bpmnProcessId: 'durable', variables: { n: created } }));
        acknowledged.add(r.processInstanceKey);
        if (process.env.DURABILITY_DEBUG && acknowledged.size % 250 === 0)
          console.error(`# acknowledged ${acknowledged.size}, handled ${handled}`);
      } catch (err) {
        if (process.env.DURABILITY_DEBUG) console.error('# create failed', (err as Error).message);
        await new Promise((r) => setTimeout(r, 100));
      }
      if (!killed && acknowledged.size >= TOTAL / 3) {
        killed = true;
        const dbg = (m: string) => {
          if (process.env.DURABILITY_DEBUG) console.error(`# ${m}`);
        };
        dbg('killing');
        child.kill('SIGKILL');
        if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
        dbg('killed; restarting');
        child = startEngineProcess(env);
        await until();
        dbg('restarted');
      }
    }
  });
  await Promise.all(creators);
  t.comment(`created ${acknowledged.size} acknowledged instances`);
  t.ok(killed, 'the engine was killed mid-run');

  const pool = new pg.Pool({ connectionString: url, max: 2 });

  pool.on('error', () => {
    /* idle clients end when the test database is dropped */
  });
  t.teardown(() => pool.end());
  const deadline = Date.now() + 60_000;
  let missing = acknowledged.size;
  while (Date.now() < deadline) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM engine.process_instances WHERE key = ANY($1::bigint[]) AND state = 'COMPLETED'`,
      [[...acknowledged]],
    );
    missing = acknowledged.size - rows[0].n;
    if (!missing) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  running = false;
  t.comment(`waited for completion; ${missing} missing`);
  await worker;
  t.comment('worker stopped');
  t.equal(missing, 0, `all ${acknowledged.size} acknowledged instances completed`);
  if (missing) {
    const { rows } = await pool.query(
      `SELECT p.key, p.state, p.rev,
              (SELECT json_agg(json_build_array(e.element_id, e.state))
               FROM engine.element_instances e
               WHERE e.process_instance_key = p.key) AS elements,
              (SELECT json_agg(json_build_array(j.key::text, j.state, j.deadline, j.retries))
               FROM engine.jobs j
               WHERE j.process_instance_key = p.key) AS jobs
       FROM engine.process_instances p
       WHERE p.key = ANY($1::bigint[]) AND p.state <> 'COMPLETED'
       LIMIT 5`,
      [[...acknowledged]],
    );
    t.comment(JSON.stringify(rows));
  }
  const twice = await pool.query(
    `SELECT process_instance_key, count(*)
     FROM engine.element_instances
     WHERE element_id = 'e'
     GROUP BY 1 HAVING count(*) > 1`,
  );
  t.equal(twice.rowCount, 0, 'no instance passed its end event twice');
  const doubleTask = await pool.query(
    `SELECT process_instance_key
     FROM engine.element_instances
     WHERE element_id = 'work' AND state = 'COMPLETED'
     GROUP BY 1 HAVING count(*) > 1`,
  );
  t.equal(doubleTask.rowCount, 0, 'no task completed twice');
  const left = await pool.query(`SELECT count(*)::int AS n FROM engine.jobs`);
  const active = await pool.query(`SELECT count(*)::int AS n FROM engine.process_instances WHERE state = 'ACTIVE'`);
  t.equal(left.rows[0].n, active.rows[0].n, 'every job left belongs to an instance still running (none lost)');
  t.ok(handled >= acknowledged.size, `jobs handled: ${handled} (at least once each)`);
  await zeebe.close();
});
