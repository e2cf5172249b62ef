// The running system's database login. Migrations run as the owner of the tables (DATABASE_URL); the
// engine, the API and the workers connect as `gc_app`, which owns nothing and may only INSERT into and
// SELECT from the audit log (migration 16), so no bug and no injected SQL can erase the audit trail.
// Either the operator names that login (APP_DATABASE_URL) or the start gives gc_app a password
// derived from the owner's URL: every part started with the same DATABASE_URL arrives at the same one.
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { StartError } from './start-errors.js';

export const APP_ROLE = 'gc_app';

/** The URL `gc_app` connects with: the owner's server and database, gc_app's name and password. */
export function derivedAppUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  // A role belongs to the whole server, so the key leaves out the database: every database of one
  // server (the tests' clones, a second deployment) derives the same password.
  const key = `${u.username}:${u.password}@${u.host}`;
  u.username = APP_ROLE;
  u.password = createHmac('sha256', key).update(`${APP_ROLE} login`).digest('base64url');
  return u.toString();
}

async function canConnect(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    return true;
  } catch (err) {
    // 28P01 wrong password, 28000 role may not log in (still NOLOGIN): both mean "not yet provisioned".
    if (['28P01', '28000'].includes((err as { code?: string }).code ?? '')) return false;
    throw err;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Gives gc_app LOGIN and the derived password, once per cluster at a time. */
async function provision(ownerUrl: string, appUrl: string): Promise<void> {
  const password = decodeURIComponent(new URL(appUrl).password);
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    // ALTER ROLE from two starts at once fails with "tuple concurrently updated": take turns.
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [`${APP_ROLE} provisioning`]);
    await c.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${c.escapeLiteral(password)}`);
  } catch (err) {
    throw new StartError(
      `cannot give the application role ${APP_ROLE} its login (${(err as Error).message}): ` +
        `let DATABASE_URL's role manage roles (CREATEROLE), or create the login yourself and set APP_DATABASE_URL`,
      { cause: err },
    );
  } finally {
    await c.end().catch(() => {});
  }
}

/** Tables the login `url` owns in our schemas; the application's login must own none. */
export async function tablesOwnedBy(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('app', 'engine')
          AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
        ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await c.end().catch(() => {});
  }
}

/**
 * The URL the running system uses: APP_DATABASE_URL when given, otherwise gc_app's derived login
 * (provisioned on first use). Refuses a login that owns any of our tables.
 */
export async function applicationUrl(ownerUrl: string, given?: string): Promise<string> {
  let url = given;
  if (!url) {
    url = derivedAppUrl(ownerUrl);
    if (!(await canConnect(url))) await provision(ownerUrl, url);
  }
  const owned = await tablesOwnedBy(url);
  if (owned.length)
    throw new StartError(
      `the application's database login owns ${owned.length} table(s) (${owned.slice(0, 3).join(', ')}…): ` +
        'it must own none; set APP_DATABASE_URL to a login without ownership (SECURITY.md)',
    );
  return url;
}
