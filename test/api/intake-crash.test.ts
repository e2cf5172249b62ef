// kill -9 of the whole started system (engine, workers, API in one `npm start`) while 200 intakes are
// in flight; clients resend what got no answer once it is back (same Idempotency-Key). Every accepted
// matter must end with exactly one process instance and its one first task.
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabase } from '../helpers/db.js';
import { eventually } from '../helpers/engine.js';
import { PROJECT_ROOT } from '../../platform/database.js';
import { freePort } from '../../platform/net.js';

const TOTAL = 200;
const IN_FLIGHT = 16;
const KILL_AFTER = 40;

const body = {
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode: 'demo-village-a1-1',
  summary: '邻居占用公共通道',
  facts: { parties: 2 },
  parties: [
    { role: 'applicant', name: '张三', phone: '13812345678' },
    { role: 'respondent', name: '李四' },
  ],
};

interface Started {
  child: ChildProcess;
  output: () => string;
}

/**
 * `npm start`'s script in its own process group. `env -i` gives it a shell's environment and none of
 * tap's coverage hooks (the child's coverage would be merged into this project's figures).
 */
function startSystem(env: Record<string, string>): Started {
  const vars = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env };
  const child = spawn(
    '/usr/bin/env',
    [
      '-i',
      ...Object.entries(vars).map(([k, v]) => `${k}=${v}`),
      process.execPath,
      '--import',
      'tsx',
      'scripts/start.ts',
    ],
    { cwd: PROJECT_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (c) => (out += c));
  child.stderr?.on('data', (c) => (out += c));
  return { child, output: () => out };
}

async function ready(port: string, s: Started): Promise<void> {
  await eventually(
    async () => {
      if (s.child.exitCode !== null) throw new Error(`start exited:\n${s.output()}`);
      return s.output().includes('is running') && (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok));
    },
    120_000,
    `the system to start:\n${s.output()}`,
  );
}

function killGroup(s: Started): Promise<void> {
  const gone = new Promise<void>((r) => (s.child.exitCode !== null ? r() : s.child.once('exit', () => r())));
  process.kill(-s.child.pid!, 'SIGKILL');
  return gone;
}

t.test('kill -9 during 200 intakes: each accepted matter has one instance and one first task', async (t) => {
  const ownerUrl = await testDatabase(t, { owner: true });
  const port = String(await freePort());
  const env = {
    DATABASE_URL: ownerUrl,
    PORT: port,
    ENGINE_GRPC_PORT: String(await freePort()),
    ENGINE_HTTP_PORT: String(await freePort()),
    DATA_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
  };
  let system = startSystem(env);
  t.teardown(() => (system.child.exitCode === null ? killGroup(system) : undefined));
  await ready(port, system);
  const password = /clerk \/ (\S+?)[,)]/.exec(system.output())?.[1];
  t.ok(password, 'the demo clerk is printed');
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clerk', password }),
  });
  const { token } = (await login.json()) as { token: string };

  const answered = new Map<string, { id: number; trackingCode: string }>();
  const send = async (key: string): Promise<void> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/matters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`intake ${key}: ${res.status} ${await res.text()}`);
    const m = (await res.json()) as { id: number; trackingCode: string };
    answered.set(key, m);
  };
  const keys = Array.from({ length: TOTAL }, (_, i) => `crash-test-${String(i).padStart(4, '0')}`);
  let killed: Promise<void> | undefined;
  let next = 0;
  const lane = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      await send(key).catch(() => {}); // the connection died with the system: resent below
      if (!killed && answered.size >= KILL_AFTER) killed = killGroup(system);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  await killed;
  const beforeCrash = new Map(answered);
  t.ok(beforeCrash.size >= KILL_AFTER && beforeCrash.size < TOTAL, `killed mid-run (${beforeCrash.size} answered)`);

  system = startSystem(env);
  await ready(port, system);
  for (const key of keys.filter((k) => !answered.has(k))) await send(key);
  for (const [key, m] of beforeCrash) t.equal(answered.get(key)?.id, m.id, `${key} kept its matter`);

  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  t.teardown(() => db.end());
  const { rows: matters } = await db.query<{ tracking_code: string }>('SELECT tracking_code FROM app.matters');
  t.equal(matters.length, TOTAL, 'one matter per Idempotency-Key');
  const perMatter = async (sql: string) =>
    new Map((await db.query<{ code: string; n: number }>(sql)).rows.map((r) => [r.code, r.n]));
  await eventually(
    async () =>
      (await perMatter('SELECT tracking_code AS code, count(*)::int AS n FROM app.tasks GROUP BY 1')).size === TOTAL,
    120_000,
    'every matter to reach its first task',
  );
  const instances = await perMatter(`
    SELECT v.value::json #>> '{}' AS code, count(DISTINCT pi.key)::int AS n
      FROM engine.variables v
      JOIN engine.process_instances pi ON pi.key = v.scope_key
     WHERE v.name = 'trackingCode'
       AND pi.parent_process_instance_key IS NULL
     GROUP BY 1`);
  const tasks = await perMatter('SELECT tracking_code AS code, count(*)::int AS n FROM app.tasks GROUP BY 1');
  const wrong = matters
    .map((m) => m.tracking_code)
    .filter((c) => instances.get(c) !== 1 || tasks.get(c) !== 1)
    .map((c) => `${c}: ${instances.get(c) ?? 0} instance(s), ${tasks.get(c) ?? 0} task(s)`);
  t.same(wrong, [], 'exactly one instance and one first task for every matter');
});
