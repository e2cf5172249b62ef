// `npm run bench:engine` (not part of npm test).
// 1. One-task process (start → service task → end): instances per second and p50/p99
//    start-to-completion, driven through the gateway by @camunda8/sdk; in the same run the same
//    number of jobs through pg-boss (send → fetch → complete) on the same PostgreSQL, side by side.
// 2. Many instances waiting on one timer date: engine memory while they are created, then the
//    firing lag (p50/p99) when they all fall due together.
// Sizes: BENCH_INSTANCES (default 10000, after BENCH_WARMUP 1000 untimed), BENCH_TIMERS (default 100000),
// BENCH_CONCURRENCY (32).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { benchDatabase } from './bench-db.js';
import { zeebeClient } from '../platform/zeebe.js';
import { freePort } from '../platform/net.js';

const N = Number(process.env.BENCH_INSTANCES ?? 10_000);
// Both sides first run this many untimed (JIT, connections, caches), then N timed.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const TIMERS = Number(process.env.BENCH_TIMERS ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (x: number) => x.toFixed(1).padStart(9);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pool(n: number, fn: (i: number) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (i < n) await fn(i++);
    }),
  );
}

/** CPU seconds used so far by the engine process and by all PostgreSQL processes (Linux /proc). */
function cpuSeconds(enginePid: number): { engine: number; postgres: number } {
  const ticks = (pid: string) => {
    const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  };
  let postgres = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres += ticks(pid);
    } catch {
      /* gone */
    }
  }
  return { engine: ticks(String(enginePid)) / 100, postgres: postgres / 100 };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main() {
  const bench = await benchDatabase('bench');
  const url = bench.url;

  const grpcPort = await freePort();
  const httpPort = await freePort();
  const engine = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
      '--import',
      'tsx',
      'scripts/start.ts',
      'engine',
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        ENGINE_GRPC_PORT: String(grpcPort),
        ENGINE_HTTP_PORT: String(httpPort),
        ENGINE_CLOCK_CONTROL: 'true',
        LOG_LEVEL: 'error',
        ENGINE_POOL_SIZE: '20',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  process.on('exit', () => engine.kill('SIGKILL')); // also when the bench fails half-way
  const zeebe = zeebeClient(`127.0.0.1:${grpcPort}`);
  for (;;) {
    try {
      await zeebe.topology();
      break;
    } catch {
      await sleep(200);
    }
  }
  console.log(
    `engine pid ${engine.pid}, PostgreSQL ${url.replace(/:[^:@/]+@/, ':***@')}; ` +
      `${N} instances, ${TIMERS} timers, concurrency ${CONCURRENCY}\n`,
  );

  // ---- 1. one-task process vs pg-boss -----------------------------------------------------------
  const xml =
    '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"' +
    ' xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">\n' +
    '  <bpmn:process id="bench" isExecutable="true"><bpmn:startEvent id="s"/>' +
    '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>\n' +
    '  <bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="bench"/>' +
    '</bpmn:extensionElements></bpmn:serviceTask>\n' +
    '  <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process>' +
    '</bpmn:definitions>';
  await zeebe.deployResource({ name: 'bench.bpmn', process: Buffer.from(xml) });
  const started = new Map<string, number>();
  const engineLat: number[] = [];
  const createLat: number[] = [];
  let done = 0;
  const handler = async (job: any) => {
    const r = await job.complete();
    engineLat.push(Date.now() - (started.get(job.processInstanceKey) ?? Date.now()));
    done++;
    return r;
  };
  // BENCH_STREAM=1: jobs pushed through StreamActivatedJobs instead of long-polled ActivateJobs.
  // Up to 128 jobs in flight, as pg-boss below (two fetchers of 64).
  const worker: { close(): unknown } = process.env.BENCH_STREAM
    ? await zeebe.streamJobs({ type: 'bench', worker: 'bench', timeout: 60_000, taskHandler: handler } as any)
    : zeebe.createWorker({
        taskType: 'bench',
        maxJobsToActivate: 128,
        pollInterval: 10,
        timeout: 60_000,
        taskHandler: handler,
      });
  const runEngine = async (n: number) => {
    done = 0;
    engineLat.length = 0;
    createLat.length = 0;
    const t0 = Date.now();
    await pool(n, async () => {
      const s = Date.now();
      const r = await zeebe.createProcessInstance({ bpmnProcessId: 'bench', variables: { n: 1 } });
      createLat.push(Date.now() - s);
      started.set(r.processInstanceKey, s);
    });
    while (done < n) await sleep(5);
    return (Date.now() - t0) / 1000;
  };
  await runEngine(WARMUP);
  const engineSecs = await runEngine(N);
  console.log(`(engine: CreateProcessInstance round trip p50 ${pct(createLat, 50)} ms, p99 ${pct(createLat, 99)} ms)`);
  await worker.close();

  const boss = new PgBoss({ connectionString: url, max: 20 });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue('bench');
  const bossStart = new Map<string, number>();
  const bossLat: number[] = [];
  let bossDone = 0;
  let sending = true;
  const fetchers = Array.from({ length: 2 }, async () => {
    while (sending) {
      const jobs = await boss.fetch('bench', { batchSize: 64 });
      if (!jobs.length) {
        await sleep(10);
        continue;
      }
      await Promise.all(
        jobs.map(async (j) => {
          await boss.complete('bench', j.id);
          bossLat.push(Date.now() - (bossStart.get(j.id) ?? Date.now()));
          bossDone++;
        }),
      );
    }
  });
  const runBoss = async (n: number) => {
    bossDone = 0;
    bossLat.length = 0;
    const b0 = Date.now();
    await pool(n, async () => {
      const s = Date.now();
      const id = await boss.send('bench', { n: 1 });
      if (id) bossStart.set(id, s);
    });
    while (bossDone < n) await sleep(5);
    return (Date.now() - b0) / 1000;
  };
  await runBoss(WARMUP);
  const bossSecs = await runBoss(N);
  sending = false;
  await Promise.all(fetchers);
  await boss.stop({ graceful: false, wait: false } as any);

  const eRate = N / engineSecs;
  const bRate = N / bossSecs;
  console.log('one-task process vs pg-boss (same PostgreSQL, same run)');
  console.log('                         per second   p50 ms   p99 ms');
  console.log(`embedded engine (gRPC)  ${fmt(eRate)} ${fmt(pct(engineLat, 50))} ${fmt(pct(engineLat, 99))}`);
  console.log(`pg-boss                 ${fmt(bRate)} ${fmt(pct(bossLat, 50))} ${fmt(pct(bossLat, 99))}`);
  console.log(
    `ratio engine/pg-boss    ${fmt(eRate / bRate)} ${fmt(pct(engineLat, 50) / pct(bossLat, 50))} ` +
      `${fmt(pct(engineLat, 99) / pct(bossLat, 99))}  (throughput: >1 is faster; latency: <1 is faster)\n`,
  );

  // ---- 2. timers ---------------------------------------------------------------------------------
  if (TIMERS > 0) {
    const clock = async (p: string, body?: object) =>
      (
        await fetch(`http://127.0.0.1:${httpPort}/actuator/clock${p}`, {
          method: body ? 'POST' : 'GET',
          headers: { 'content-type': 'application/json' },
          body: body ? JSON.stringify(body) : undefined,
        })
      ).json() as Promise<{ epochMilli: number }>;
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const txml = xml
      .replace('id="bench"', 'id="wait"')
      .replace(
        /<bpmn:serviceTask id="t">.*?<\/bpmn:serviceTask>/s,
        '<bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition><bpmn:timeDate>=due</bpmn:timeDate>' +
          '</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      );
    await zeebe.deployResource({ name: 'wait.bpmn', process: Buffer.from(txml) });
    const rss: number[] = [rssMb(engine.pid!)];
    const c0 = Date.now();
    const sampler = setInterval(() => rss.push(rssMb(engine.pid!)), 2000);
    await pool(TIMERS, async () => {
      await zeebe.createProcessInstance({ bpmnProcessId: 'wait', variables: { due } });
    });
    clearInterval(sampler);
    rss.push(rssMb(engine.pid!));
    console.log(`${TIMERS} instances waiting on a timer created in ${((Date.now() - c0) / 1000).toFixed(1)} s`);
    console.log(
      `engine RSS (MB) while creating: first ${rss[0].toFixed(0)}, ` +
        `at 25% ${rss[Math.floor(rss.length / 4)].toFixed(0)}, at 50% ${rss[Math.floor(rss.length / 2)].toFixed(0)}, ` +
        `last ${rss[rss.length - 1].toFixed(0)}`,
    );
    const db = new pg.Pool({ connectionString: url, max: 2 });
    // PostgreSQL 17 moved the checkpoint counters to pg_stat_checkpointer.
    const checkpoints = async () =>
      Number(
        (
          await db
            .query('SELECT num_timed + num_requested AS n FROM pg_stat_checkpointer')
            .catch(() => db.query('SELECT checkpoints_timed + checkpoints_req AS n FROM pg_stat_bgwriter'))
        ).rows[0].n,
      );
    const wal = async () => ({
      lsn: (await db.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn as string,
      checkpoints: await checkpoints(),
    });
    const wal0 = await wal();
    const cpu0 = cpuSeconds(engine.pid!);
    const at = await clock('/add', { offsetMilli: Date.parse(due) - Date.now() + 1000 });
    const dueAt = Date.parse(due);
    // Done when no timer is left (each instance completes in the transaction that removes its
    // timer). Polled through the due index: a count over the instances would compete for CPU.
    while ((await db.query('SELECT 1 FROM engine.timers ORDER BY due_date, key LIMIT 1')).rowCount) await sleep(250);
    const cpu1 = cpuSeconds(engine.pid!);
    const wal1 = await wal();
    const walBytes = (await db.query('SELECT pg_wal_lsn_diff($1, $2)::float8 AS n', [wal1.lsn, wal0.lsn])).rows[0]
      .n as number;
    const { rows } = await db.query(
      `SELECT extract(epoch from end_date) * 1000 AS t, state
       FROM engine.process_instances
       WHERE bpmn_process_id = 'wait'`,
    );
    const unfinished = rows.filter((r) => r.state !== 'COMPLETED').length;
    if (unfinished || rows.length !== TIMERS)
      throw new Error(`${unfinished} of ${rows.length} waiting instances did not complete (expected ${TIMERS})`);
    // Lag: when the timer fired (engine clock) minus when it was first due (the clock jump).
    const lags = rows.map((r) => Number(r.t) - Math.max(dueAt, at.epochMilli));
    console.log(
      `timer firing lag after all ${TIMERS} fell due: p50 ${(pct(lags, 50) / 1000).toFixed(2)} s, ` +
        `p99 ${(pct(lags, 99) / 1000).toFixed(2)} s, max ${(Math.max(...lags) / 1000).toFixed(2)} s (target p99 < 2 s)`,
    );
    console.log(
      `CPU while firing: engine ${(cpu1.engine - cpu0.engine).toFixed(1)} s, ` +
        `PostgreSQL ${(cpu1.postgres - cpu0.postgres).toFixed(1)} s (all PostgreSQL processes on the machine)`,
    );
    // A checkpoint during the burst makes the first change of each page log the whole page.
    console.log(
      `WAL while firing: ${(walBytes / 1e6).toFixed(0)} MB, ` +
        `checkpoints started: ${wal1.checkpoints - wal0.checkpoints}`,
    );
    console.log(`engine RSS after firing: ${rssMb(engine.pid!).toFixed(0)} MB`);
    const hot = await db.query(
      `SELECT relname, n_tup_upd, n_tup_hot_upd
       FROM pg_stat_user_tables
       WHERE schemaname = 'engine' AND n_tup_upd > 0
       ORDER BY relname`,
    );
    console.log(`HOT updates: ${hot.rows.map((r) => `${r.relname} ${r.n_tup_hot_upd}/${r.n_tup_upd}`).join(', ')}`);
    await db.end();
  }

  await zeebe.close();
  engine.kill('SIGTERM');
  await new Promise((r) => engine.once('exit', r));
  await bench.drop();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
