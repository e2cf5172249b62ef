// `npm test`: a real PostgreSQL for the tests (DATABASE_URL's server, or an embedded throw-away
// cluster), one migrated template database that every test file clones, then tap.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, migrate, createDatabaseIfMissing, PROJECT_ROOT } from '../platform/database.js';
import { freePort } from '../platform/net.js';
import { applicationUrl } from '../platform/app-role.js';
import { explainStartFailure } from '../platform/start-errors.js';
import { ensureChromium } from '../platform/chromium.js';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function run(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tap/dist/esm/run.mjs'), ...args], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  // The browser tests need it; when it cannot be had they fail saying how (test/helpers/browser.ts).
  const noBrowser = ensureChromium();
  if (noBrowser) console.error(`# ${noBrowser}`);
  const template = `gc_test_template_${process.pid}`;
  let adminUrl = process.env.DATABASE_URL;
  let stop = async (_ok: boolean) => {};
  if (!adminUrl) {
    const dataDir = path.join('.data', `test-postgres-${process.pid}`);
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir, port, database: 'postgres' });
    adminUrl = server.url;
    stop = async (ok) => {
      await server.stop();
      if (ok) fs.rmSync(path.join(PROJECT_ROOT, dataDir), { recursive: true, force: true });
      else console.error(`test data kept for inspection in ${dataDir} (embedded PostgreSQL cluster)`);
    };
  }
  await createDatabaseIfMissing(adminUrl, template);
  await migrate(withDatabase(adminUrl, template));
  // Tests connect as the running system does: gc_app, which owns nothing (test/helpers/db.ts).
  await applicationUrl(withDatabase(adminUrl, template));
  let code = 1;
  try {
    code = await run(process.argv.slice(2), {
      TEST_ADMIN_DATABASE_URL: adminUrl,
      TEST_TEMPLATE_DATABASE: template,
      TEST_RUN_ID: String(process.pid),
    });
  } finally {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    if (code === 0) {
      const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [
        `gc_t_${process.pid}_%`,
        template,
      ]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(r.datname)} WITH (FORCE)`);
    }
    await admin.end();
    await stop(code === 0);
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.error(`\nnpm test could not start its database: ${explainStartFailure(err)}`);
    process.exit(1);
  },
);
