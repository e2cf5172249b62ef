// Every start failure ends in one line naming the cause and what to do.
import t from 'tap';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import semver from 'semver';
import { assertPortsFree, explainStartFailure, StartError } from '../../platform/start-errors.js';
import { migrate, createDatabaseIfMissing, PROJECT_ROOT } from '../../platform/database.js';
import { loadConfig } from '../../platform/config.js';
import { productionProblems } from '../../platform/production.js';

t.test('a taken port is named with the variable that moves it', async (t) => {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => server.close());
  const port = (server.address() as net.AddressInfo).port;
  await t.rejects(
    assertPortsFree([{ host: '127.0.0.1', port, variable: 'ENGINE_HTTP_PORT', what: 'the Operate-style API' }]),
    { name: 'StartError', message: `port ${port} (the Operate-style API) is already in use by another program` },
  );
  await t.rejects(assertPortsFree([{ host: '127.0.0.1', port, variable: 'PORT', what: 'x' }]), {
    message: /set PORT to a free port/,
  });
  await t.resolves(assertPortsFree([{ host: '127.0.0.1', port: 0, variable: 'PORT', what: 'x' }]), 'port 0 is free');
  server.close();
  await new Promise((r) => setTimeout(r, 50));
  await t.resolves(assertPortsFree([{ host: '127.0.0.1', port, variable: 'PORT', what: 'x' }]), 'freed again');
});

t.test('library errors become one line with what to do', async (t) => {
  const sys = (code: string, extra: object = {}) =>
    Object.assign(new Error(`boom ${code}\nstack-ish`), { code }, extra);
  t.equal(explainStartFailure(new StartError('said plainly')), 'said plainly');
  t.match(explainStartFailure(sys('EADDRINUSE', { port: 26500 })), /^port 26500 is already in use/);
  t.match(
    explainStartFailure(sys('ECONNREFUSED', { address: '10.0.0.1', port: 5432 })),
    /10\.0\.0\.1:5432.*DATABASE_URL/,
  );
  t.match(explainStartFailure(sys('28P01')), /refused the login .*DATABASE_URL/);
  t.match(explainStartFailure(sys('3D000')), /create the database/);
  t.match(explainStartFailure(sys('EACCES')), /permission denied/);
  t.equal(explainStartFailure(new Error('odd\nsecond line')), 'start failed: odd', 'one line only');
  t.equal(explainStartFailure(undefined), 'start failed: undefined');
});

t.test('a failing migration is named, and nothing of it is applied', async (t) => {
  const admin = process.env.TEST_ADMIN_DATABASE_URL!;
  const name = `gc_t_${process.env.TEST_RUN_ID}_mig_${randomBytes(3).toString('hex')}`;
  await createDatabaseIfMissing(admin, name);
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-migrations-'));
  t.teardown(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await c.end();
  });
  const write = (file: string, body: string) =>
    fs.writeFileSync(
      path.join(dir, file),
      `export async function up(k: any) { ${body} }\nexport async function down() {}\n`,
    );
  write('001_good.ts', "await k.raw('CREATE TABLE good (id int)');");
  write('002_bad.ts', "await k.raw('CREATE TABLE half (id int)'); await k.raw('SELECT * FROM no_such_table');");
  write('003_after.ts', "await k.raw('CREATE TABLE after_bad (id int)');");
  await t.rejects(migrate(url, dir), {
    name: 'StartError',
    message: /^migration 002_bad\.ts failed \(nothing of it was applied\): .*no_such_table/,
  });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
    AND table_name IN ('good', 'half', 'after_bad') ORDER BY 1`);
  await c.end();
  t.same(
    rows.map((r) => r.table_name),
    ['good'],
    'the migration before applied; the failing one and later did not',
  );
});

t.test('a bad configuration value is named', async (t) => {
  t.throws(() => loadConfig({ PG_PORT: 'abc' }), { message: /Invalid configuration: .*PG_PORT/ });
});

t.test('the Node versions we name are ones every installed package accepts (no EBADENGINE)', async (t) => {
  const ours = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).engines.node as string;
  t.ok(semver.satisfies(process.version, ours), `this Node (${process.version}) is one we name (${ours})`);
  const refusing: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith('.')) continue;
      const pkgDir = path.join(dir, name);
      if (name.startsWith('@')) {
        walk(pkgDir);
        continue;
      }
      const manifest = path.join(pkgDir, 'package.json');
      if (fs.existsSync(manifest)) {
        const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
        const wants = pkg.engines?.node;
        if (typeof wants === 'string' && semver.validRange(wants) && !semver.subset(ours, wants)) {
          refusing.push(`${pkg.name}@${pkg.version} wants node ${wants}`);
        }
      }
      if (fs.existsSync(path.join(pkgDir, 'node_modules'))) walk(path.join(pkgDir, 'node_modules'));
    }
  };
  walk(path.join(PROJECT_ROOT, 'node_modules'));
  t.same(refusing, [], 'no installed package refuses a Node version package.json names');
});

t.test('production mode refuses what is only fine for a demo', async (t) => {
  const base = {
    GC_MODE: 'production',
    DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
    JWT_SECRET: 'x'.repeat(40),
    DATABASE_URL: 'postgres://gc:s3cure-Passw0rd@db.internal:5432/governance',
  };
  t.same(productionProblems(loadConfig(base)), [], 'a proper configuration passes');
  const problems = (over: Record<string, string | undefined>) => productionProblems(loadConfig({ ...base, ...over }));
  t.match(problems({ DATA_KEY: undefined }), [/DATA_KEY and JWT_SECRET must come from the environment/]);
  t.match(problems({ DATABASE_URL: undefined }), [/DATABASE_URL must name a managed PostgreSQL/]);
  t.match(problems({ DATABASE_URL: 'postgres://postgres:postgres@db:5432/g' }), [/password is a default one/]);
  t.match(problems({ ENGINE_CLOCK_CONTROL: 'true' }), [/ENGINE_CLOCK_CONTROL must be off/]);
  t.throws(() => loadConfig({ GC_MODE: 'prod' }), /GC_MODE/, 'the mode is spelt out');

  // The start itself turns these into its one line (scripts/start.ts preflight → StartError); a
  // child start is not spawned here: under tap's coverage hooks its partial coverage of the same
  // sources would be merged into this run's and count them twice.
  t.match(
    explainStartFailure(new StartError(`production mode refuses to start: ${problems({ JWT_SECRET: undefined })[0]}`)),
    /^production mode refuses to start: DATA_KEY and JWT_SECRET/,
  );
});
