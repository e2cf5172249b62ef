// Each test file gets its own database, cloned from the migrated template scripts/test.ts made.
// Dropped when the file passes; kept for inspection when it fails.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { derivedAppUrl } from '../../platform/app-role.js';

interface TapLike {
  teardown(fn: () => unknown): void;
  passing(): boolean;
}

function env(name: string): string {
  const v = process.env[name];
  if (!v)
    throw new Error(`${name} is not set: run the tests with \`npm test\` (scripts/test.ts prepares the database)`);
  return v;
}

/**
 * A fresh database for this test file. Its URL logs in as gc_app, the role the running system uses
 * (it owns nothing, so a test needing a missing grant fails as production would); `{ owner: true }`
 * gives the tables' owner instead, for set-ups that need it.
 */
export async function testDatabase(t: TapLike, opts: { owner?: boolean } = {}): Promise<string> {
  const admin = env('TEST_ADMIN_DATABASE_URL');
  const name = `gc_t_${env('TEST_RUN_ID')}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(
    `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(env('TEST_TEMPLATE_DATABASE'))}`,
  );
  await client.end();
  t.teardown(async () => {
    if (!t.passing()) {
      console.error(`# test database kept: ${name}`);
      return;
    }
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).catch(() => {});
    await c.end();
  });
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return opts.owner ? u.toString() : derivedAppUrl(u.toString());
}
