// The running system's login (gc_app) owns nothing and cannot erase the audit log, whatever SQL it runs.
import t from 'tap';
import pg from 'pg';
import { testDatabase } from '../helpers/db.js';
import { APP_ROLE, applicationUrl, tablesOwnedBy } from '../../platform/app-role.js';

async function client(t: { teardown(fn: () => unknown): void }, url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  t.teardown(() => c.end());
  return c;
}

t.test('the application role may add to the audit log and read it, nothing else', async (t) => {
  const appUrl = await testDatabase(t);
  const app = await client(t, appUrl);
  t.equal((await app.query('SELECT current_user AS u')).rows[0].u, APP_ROLE);
  await app.query(
    `INSERT INTO app.audit_log (at, actor, action, target_kind, target_id) VALUES (now(), 'u1', 'test', 'matter', '1')`,
  );
  t.equal((await app.query('SELECT count(*)::int AS n FROM app.audit_log')).rows[0].n, 1, 'INSERT and SELECT work');
  const refused: [string, RegExp][] = [
    [`UPDATE app.audit_log SET actor = 'someone else'`, /permission denied/],
    ['DELETE FROM app.audit_log', /permission denied/],
    ['TRUNCATE app.audit_log', /permission denied/],
    ['ALTER TABLE app.audit_log DISABLE TRIGGER audit_log_append_only', /must be owner/],
    ['ALTER TABLE app.audit_log DISABLE TRIGGER ALL', /must be owner/],
    ['DROP TABLE app.audit_log', /must be owner/],
    ['ALTER TABLE app.matters OWNER TO gc_app', /must be owner/],
    ['CREATE TABLE app.shadow (x int)', /permission denied/],
    ['TRUNCATE app.matters', /permission denied/],
  ];
  for (const [sql, why] of refused) await t.rejects(app.query(sql), why, sql);
  t.equal((await app.query('SELECT count(*)::int AS n FROM app.audit_log')).rows[0].n, 1, 'the entry is still there');
  t.same(await tablesOwnedBy(appUrl), [], 'it owns no table');
});

t.test('the owner can still do what migrations need; the start refuses an owning login', async (t) => {
  const ownerUrl = await testDatabase(t, { owner: true });
  const owner = await client(t, ownerUrl);
  await owner.query('ALTER TABLE app.audit_log DISABLE TRIGGER audit_log_append_only');
  await owner.query('ALTER TABLE app.audit_log ENABLE TRIGGER audit_log_append_only');
  t.ok((await tablesOwnedBy(ownerUrl)).includes('app.audit_log'), 'the owner owns the audit log');
  await t.rejects(applicationUrl(ownerUrl, ownerUrl), /login owns \d+ table\(s\).*APP_DATABASE_URL/);
});

t.test('every part started at once arrives at the same login', async (t) => {
  const ownerUrl = await testDatabase(t, { owner: true });
  const urls = await Promise.all(Array.from({ length: 12 }, () => applicationUrl(ownerUrl)));
  t.equal(new Set(urls).size, 1, 'one URL');
  t.equal(new URL(urls[0]).username, APP_ROLE);
  t.not(new URL(urls[0]).password, new URL(ownerUrl).password, 'not the owner password');
  const app = await client(t, urls[0]);
  t.equal((await app.query('SELECT current_user AS u')).rows[0].u, APP_ROLE);
});
