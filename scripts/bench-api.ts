// `npm run bench:api` (not part of npm test): the API under load on the whole system in one process.
//   1. intake throughput and latency with autocannon (peer in the same run: the public tracking read);
//   2. latency from intake to the first user task in the inbox;
//   3. the inbox, stuck-work and funnel queries over BENCH_MATTERS generated matters (default 1 M),
//      through HTTP, with the same SQL run directly as the peer. Targets: inbox p99 < 50 ms,
//      stuck search < 200 ms, funnel < 500 ms.
// Sizes: BENCH_MATTERS, BENCH_SECONDS (autocannon duration, 10), BENCH_CONNECTIONS (16).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../platform/database.js';
import { benchDatabase } from './bench-db.js';
import { createLogger } from '../platform/logger.js';
import { startEngine } from '../engine/index.js';
import { connect } from '../platform/db.js';
import { loadRegions } from '../store/regions.js';
import { listTasks } from '../store/tasks.js';
import { statistics, statisticsFromEventLog, rebuildStatistics } from '../store/statistics.js';
import { RegionTree, DEMO_REGIONS } from '../domain/index.js';
import { seedDemo } from './seed.js';
import { loadPart } from './parts.js';
import { upsertUser } from '../store/users.js';
import { createSigner } from 'fast-jwt';
import { zeebeEngine } from '../engine-client/index.js';
import { loadConfig } from '../platform/config.js';
import type { PartContext, RunningPart } from '../services/parts.js';

/** The API part's options (api/main.ts), named here so this script needs nothing of api/. */
interface ApiPartOptions {
  secrets: { jwtSecret: string; dataKey: Buffer };
  limits: { global: number; track: number; login: number };
}

const MATTERS = Number(process.env.BENCH_MATTERS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const f1 = (x: number) => x.toFixed(1);

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  const log = createLogger('error');
  const bench = await benchDatabase('bench-api');
  const url = bench.url;
  const engine = await startEngine({ databaseUrl: url, grpcPort: 0, httpPort: 0, log, schedulerIntervalMs: 250 });
  const db = connect(url, 20);
  await seedDemo(db, path.join(PROJECT_ROOT, '.data', `bench-users-${process.pid}.json`));
  const regions = new RegionTree(await loadRegions(db));
  // The whole system in this process, as `npm start` runs it: the workers and API parts.
  const cfg = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error' });
  const ctx: PartContext = {
    cfg,
    log,
    databaseUrl: url,
    db,
    regions,
    engine: () => zeebeEngine({ address: engine.grpcAddress, operateUrl: engine.httpUrl }),
    clock: () => new Date(),
  };
  const workers = await (await loadPart('workers')).start(ctx);
  const jwtSecret = randomBytes(32).toString('hex');
  const api = await (
    await loadPart<ApiPartOptions, RunningPart & { url: string }>('api')
  ).start(ctx, {
    secrets: { jwtSecret, dataKey: randomBytes(32) },
    // One client (this script) makes every request: per-client limits would measure the limiter.
    limits: { global: 1e9, track: 1e9, login: 1e9 },
  });
  const base = api.url;
  // Tokens as the API's login signs them (HS256 with its secret), without a login per role.
  const signToken = createSigner({ key: jwtSecret, expiresIn: 3_600_000 });
  // The API checks every token against its user as stored: the bench's users exist as signed.
  const sign = async (sub: string, roles: string[], regionCode: string, unit: string | null = null) => {
    const r = regions.get(regionCode);
    const p = regions.path(r.code);
    await upsertUser(db, { id: sub, displayName: sub, passwordHash: '-', roles, regionCode, unit });
    return signToken({ sub, name: sub, roles, regionCode, regionPath: p, unit });
  };
  const clerk = await sign('bench-clerk', ['window-clerk'], 'demo-city');
  const supervisor = await sign('bench-supervisor', ['centre-supervisor'], 'demo-city');
  const mediator = await sign(
    'bench-mediator',
    ['mediator'],
    'demo-town-a1',
    'demo-town-a1/people-mediation-committee',
  );
  const body = JSON.stringify({
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    summary: '压测',
    facts: { parties: 2 },
    parties: [{ role: 'applicant', name: '测试', phone: '13800000000' }],
  });

  // ---- 1. intake vs the public tracking read --------------------------------------------------
  const intake = await autocannon({
    url: `${base}/api/matters`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
    body,
  });
  const code = (await db('app.matters').first('tracking_code')).tracking_code;
  const track = await autocannon({ url: `${base}/api/track/${code}`, connections: CONNECTIONS, duration: SECONDS });
  console.log('\nintake through HTTP (whole system: engine, workers, inbox feed in this process)');
  console.log('                         req/s    p50 ms   p99 ms   non-2xx');
  console.log(
    `POST /api/matters      ${f1(intake.requests.average).padStart(7)}  ${f1(intake.latency.p50).padStart(7)}  ` +
      `${f1(intake.latency.p99).padStart(7)}   ${intake.non2xx}`,
  );
  console.log(
    `GET /api/track (peer)  ${f1(track.requests.average).padStart(7)}  ${f1(track.latency.p50).padStart(7)}  ` +
      `${f1(track.latency.p99).padStart(7)}   ${track.non2xx}`,
  );
  console.log(
    `ratio intake/peer      ${(intake.requests.average / track.requests.average).toFixed(2).padStart(7)}  ` +
      `${(intake.latency.p50 / track.latency.p50).toFixed(2).padStart(7)}  ` +
      `${(intake.latency.p99 / track.latency.p99).toFixed(2).padStart(7)}`,
  );

  // ---- 2. intake → first user task ------------------------------------------------------------
  // First the burst above drains: every matter it took in reaches its first user task.
  const drain0 = Date.now();
  const backlog = async () =>
    (
      await db.raw(
        `SELECT count(*)::int AS n
         FROM app.matters m
         WHERE NOT EXISTS (SELECT 1 FROM app.tasks t WHERE t.matter_id = m.id)`,
      )
    ).rows[0].n as number;
  while ((await backlog()) > 0 && Date.now() - drain0 < 600_000) await new Promise((r) => setTimeout(r, 250));
  const burst = intake.requests.total;
  const drainSecs = (Date.now() - drain0) / 1000 + SECONDS;
  console.log(
    `\nthe burst of ${burst} matters reached the inbox (each at its first user task) ` +
      `${drainSecs.toFixed(1)} s after the burst began: ${(burst / drainSecs).toFixed(1)} matters/s end to end` +
      ((await backlog()) ? ` (NOT all: ${await backlog()} left)` : ''),
  );
  // Then single matters on the idle system.
  const starts = new Map<string, number>();
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; i < 200; i += 8) {
        const t0 = Date.now();
        const r = await fetch(`${base}/api/matters`, {
          method: 'POST',
          headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
          body,
        });
        starts.set(((await r.json()) as { id: string }).id, t0);
      }
    }),
  );
  const ids = [...starts.keys()];
  let rows: { matter_id: string; created_at: Date }[] = [];
  for (let i = 0; i < 600; i++) {
    rows = await db('app.tasks').whereIn('matter_id', ids).select('matter_id', 'created_at');
    if (rows.length >= ids.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const lat = rows.map((r) => r.created_at.getTime() - starts.get(String(r.matter_id))!);
  console.log(
    `\nintake → first user task in the inbox: ${rows.length}/${ids.length} arrived; ` +
      `p50 ${pct(lat, 50)} ms, p99 ${pct(lat, 99)} ms`,
  );
  await workers.stop();

  // ---- 3. queries over generated matters ------------------------------------------------------
  const villages = DEMO_REGIONS.filter((r) => r.tier === 'village').map((r) => r.code);
  const paths = villages.map((v) => regions.path(v));
  const t0 = Date.now();
  await db.raw(`SET maintenance_work_mem = '256MB'`);
  // Bulk load with the per-row triggers off (superuser only), then one rebuild of the statistics
  // summary from the event log, as an operator would after an import.
  await db.transaction(async (trx) => {
    await trx.raw('SET LOCAL session_replication_role = replica');
    await trx.raw(
      `
      INSERT INTO app.matters (tracking_code, matter_type, channel, category, region_code, region_path, summary,
                               status, closure_reason, tier, risk_level, received_at, closed_at, updated_at,
                               process_instance_key, handling_unit, next_deadline)
      SELECT 'GEN-' || g, (ARRAY['dispute','dispute','dispute','petition','complaint','consultation'])[1 + g % 6],
             (ARRAY['window','hotline','online','grid','police-110','transfer'])[1 + g % 6],
             (ARRAY['neighbour','labour','marriage-family','contract-debt'])[1 + g % 4], v.code, v.path, '生成的事项',
             CASE WHEN g % 5 = 0 THEN 'in-progress' ELSE 'closed' END,
             CASE WHEN g % 5 = 0 THEN NULL WHEN g % 23 = 0 THEN 'litigated' ELSE 'resolved' END,
             (ARRAY['village','town','county'])[1 + g % 3], (ARRAY['green','green','orange','red'])[1 + g % 4],
             now() - (g % 365) * interval '1 day',
             CASE WHEN g % 5 = 0 THEN NULL ELSE now() - (g % 365) * interval '1 day' + (g % 97) * interval '1 hour' END,
             now(), 'gen' || g, v.code || '/people-mediation-committee', now() + ((g % 20) - 10) * interval '1 day'
        FROM generate_series(1, ?) g
        JOIN (SELECT * FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS x(code, path, i)) v ON v.i = 1 + g % ?`,
      [MATTERS, villages, paths, villages.length],
    );
    await trx.raw(`
      INSERT INTO app.matter_events (matter_id, type, occurred_at, tier, unit, data, dedup_key)
      SELECT id, t.type, received_at + t.n * interval '1 hour', tier, handling_unit,
             CASE t.type
               WHEN 'closed' THEN jsonb_build_object('reason', closure_reason, 'tier', tier)
               WHEN 'follow-up-done' THEN jsonb_build_object(
                 'satisfaction', (ARRAY['satisfied','basically-satisfied','unsatisfied','unknown'])[1 + id % 4],
                 'resolved', id % 7 <> 0)
               ELSE '{}' END,
             'gen:' || id || ':' || t.type
        FROM app.matters m
             CROSS JOIN (VALUES ('received', 0), ('triaged', 1), ('closed', 50), ('follow-up-done', 200)) t(type, n)
       WHERE m.tracking_code LIKE 'GEN-%' AND (t.type IN ('received', 'triaged') OR m.status = 'closed')`);
    await trx.raw(`
      INSERT INTO app.tasks (job_key, matter_id, tracking_code, region_path, element_id, name, process_instance_key,
                             candidate_groups, due_at, risk_level, state, created_at)
      SELECT 'gen' || id, id, tracking_code, region_path, 'Task_Mediate', '调解', process_instance_key,
             ARRAY[handling_unit], next_deadline, risk_level, 'open', received_at
        FROM app.matters WHERE tracking_code LIKE 'GEN-%' AND status <> 'closed'`);
  });
  const tRebuild = Date.now();
  await rebuildStatistics(db);
  const rebuildSeconds = (Date.now() - tRebuild) / 1000;
  await db.raw('ANALYZE');
  console.log(
    `\ngenerated ${MATTERS} matters, their events and open tasks in ${((Date.now() - t0) / 1000).toFixed(0)} s ` +
      `(statistics summary rebuilt from the event log in ${rebuildSeconds.toFixed(1)} s)`,
  );

  const get = (token: string, p: string) => async () => {
    const r = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${token}` } });
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
    await r.arrayBuffer();
  };
  const year =
    `from=${new Date(Date.now() - 366 * 86_400_000).toISOString()}` +
    `&to=${new Date(Date.now() + 86_400_000).toISOString()}`;
  const cityPath = '/demo-city/';
  const cases: [string, () => Promise<unknown>, () => Promise<unknown>, number][] = [
    [
      'inbox: my unit, by due date',
      get(mediator, '/api/tasks?view=unit&sort=due&limit=50'),
      () =>
        listTasks(db, {
          regionPath: '/demo-city/demo-county-a/demo-town-a1/',
          view: 'unit',
          userId: 'bench-mediator',
          groups: ['demo-town-a1/people-mediation-committee'],
          sort: 'due',
          limit: 50,
          offset: 0,
        }),
      50,
    ],
    [
      'inbox: all in the city, by risk',
      get(supervisor, '/api/tasks?view=all&sort=risk&limit=50'),
      () =>
        listTasks(db, {
          regionPath: cityPath,
          view: 'all',
          userId: 's',
          groups: [],
          sort: 'risk',
          limit: 50,
          offset: 0,
        }),
      50,
    ],
    [
      'stuck: overdue user tasks',
      get(supervisor, '/api/monitor/stuck?kind=overdue-task&region=demo-town-a1'),
      () =>
        db('app.tasks')
          .where('state', 'open')
          .where('due_at', '<', new Date(Date.now() - 86_400_000))
          .where('region_path', 'like', '/demo-city/demo-county-a/demo-town-a1/%')
          .count(),
      200,
    ],
    [
      'funnel: statistics, city, one year',
      get(supervisor, `/api/statistics?${year}`),
      () =>
        statistics(db, {
          regionPath: cityPath,
          from: new Date(Date.now() - 366 * 86_400_000),
          to: new Date(Date.now() + 86_400_000),
        }),
      500,
    ],
  ];
  console.log(`\nqueries over ${MATTERS} matters (20 runs each; peer: the same SQL without HTTP)`);
  console.log('                                     p50 ms   p99 ms   peer p50   ratio   target p99');
  for (const [name, http, direct, target] of cases) {
    await http();
    await direct();
    const a = await timed(20, http);
    const b = await timed(20, direct);
    const ok = pct(a, 99) < target ? 'met' : 'NOT met';
    console.log(
      `${name.padEnd(36)} ${f1(pct(a, 50)).padStart(7)}  ${f1(pct(a, 99)).padStart(7)}  ` +
        `${f1(pct(b, 50)).padStart(8)}   ${(pct(a, 50) / pct(b, 50)).toFixed(2).padStart(5)}   < ${target} ms ${ok}`,
    );
  }
  // The same figures without the summary tables, straight from the event log (3 runs: it is slow).
  const yearQuery = {
    regionPath: cityPath,
    from: new Date(Date.now() - 366 * 86_400_000),
    to: new Date(Date.now() + 86_400_000),
  };
  const fromLog = await timed(3, () => statisticsFromEventLog(db, yearQuery));
  const fromSummary = await timed(3, () => statistics(db, yearQuery));
  console.log(
    `statistics, city, one year: from the summary p50 ${f1(pct(fromSummary, 50))} ms, ` +
      `from the event log p50 ${f1(pct(fromLog, 50))} ms, ` +
      `ratio ${(pct(fromLog, 50) / pct(fromSummary, 50)).toFixed(1)}x`,
  );

  await api.stop();
  await db.destroy();
  await engine.stop();
  fs.rmSync(path.join(PROJECT_ROOT, '.data', `bench-users-${process.pid}.json`), { force: true });
  await bench.drop();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
