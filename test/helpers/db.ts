// Each test file gets its own database, cloned from the migrated template scripts/test.ts made.
// Dropped when the file passes; kept for inspection when it fails.
import pg from 'pg';
import { randomBytes } from 'node:crypto';

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

export async function testDatabase(t: TapLike): Promise<string> {
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
  return u.toString();
}
