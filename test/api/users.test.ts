// User administration through the API: administrators create, change, deactivate, reactivate and
// reset passwords within their jurisdiction, audited without passwords; supervisors read; nobody
// locks themselves out; a change ends the user's sessions (at once here, within the window in
// another API process); ten identical creates at once make one user.
import t from 'tap';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { apiHarness } from '../helpers/api.js';
import { buildApp } from '../../api/app.js';
import { auditOf } from '../../store/audit.js';
import { fromZeebeClient } from '../../engine-client/index.js';
import { loadVariantMap } from '../../services/processes.js';
import { createLogger } from '../../platform/logger.js';
import { passwordProblem, type Role } from '../../domain/index.js';

const lines: string[] = [];
const log = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  }),
);
// One system for the file; a long session-check window, so a refusal here is the change itself.
const h = await apiHarness(t, { log, sessionCheckMs: 60_000 });
const passwords: string[] = [];
const bodies: string[] = [];

async function call(user: string | null, method: string, url: string, body?: unknown) {
  const r = await h.call(user, method, url, body);
  bodies.push(r.body);
  return r;
}
const login = async (username: string, password: string) =>
  h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
/** A session for a user, signed as the login signs it (the login endpoint is rate-limited). */
function session(id: string, roles: Role[], regionCode: string, unit: string | null = null): string {
  h.tokens[id] = h.app.jwt.sign({
    sub: id,
    name: id,
    roles,
    regionCode,
    regionPath: h.regions.path(regionCode),
    unit,
  });
  return id;
}
const signedIn = async (user: string) => (await h.call(user, 'GET', '/api/calendar')).status;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('create, read, list, change, deactivate, reactivate, reset: audited, no password kept', async (t) => {
  const created = await call('admin', 'POST', '/api/users', {
    id: 'zhang.wei',
    displayName: '张伟',
    roles: ['department-handler'],
    regionCode: 'demo-county-a',
    unit: 'demo-county-a/housing',
  });
  t.equal(created.status, 201, created.body);
  t.equal(created.headers['cache-control'], 'no-store', 'an answer with a password is not cached');
  const first = created.json.generatedPassword as string;
  passwords.push(first);
  t.match(first, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/, 'a generated password, shown once');
  t.equal(passwordProblem(first, 'zhang.wei'), null, 'it meets the strength rule');
  t.match(created.json.user, {
    id: 'zhang.wei',
    displayName: '张伟',
    roles: ['department-handler'],
    regionCode: 'demo-county-a',
    regionPath: h.regions.path('demo-county-a'),
    unit: 'demo-county-a/housing',
    active: true,
  });
  const row = await h.db('app.users').where({ id: 'zhang.wei' }).first('password_hash');
  t.match(row.password_hash, /^\$argon2id\$/, 'stored as an argon2 hash');
  t.notMatch(row.password_hash, first, 'never in clear');
  t.equal((await login('zhang.wei', first)).statusCode, 200, 'the new user signs in with it');

  const one = await call('supervisor', 'GET', '/api/users/zhang.wei');
  t.equal(one.status, 200, 'a centre supervisor reads');
  t.same(one.json, created.json.user);
  const clerk = await call('clerk', 'GET', '/api/users/zhang.wei');
  t.equal(clerk.status, 403);
  t.match(clerk.json.message, /administrator, centre-supervisor/, 'the refusal says which roles may');
  t.equal((await call('supervisor', 'PATCH', '/api/users/zhang.wei', { displayName: 'x' })).status, 403);
  t.match((await call('supervisor', 'POST', '/api/users/zhang.wei/deactivate')).json.message, /administrator/);
  t.equal((await call('admin', 'GET', '/api/users/no.such.user')).status, 404);

  const byUnit = await call('admin', 'GET', '/api/users?unit=demo-county-a/housing');
  t.same(
    byUnit.json.items.map((u: { id: string }) => u.id),
    ['zhang.wei'],
  );
  const byRole = await call('supervisor', 'GET', '/api/users?role=department-handler&region=demo-county-a');
  t.same(
    byRole.json.items.map((u: { id: string }) => u.id),
    ['handler', 'zhang.wei'],
    'by role within a region',
  );
  t.equal(byRole.json.total, 2);
  const all = await call('admin', 'GET', '/api/users?limit=2&offset=1');
  t.equal(all.json.items.length, 2, 'paged');
  t.ok(all.json.total >= 15, `all of the city (${all.json.total})`);

  // Each change ends the user's session at once in this process (the window here is 60 s).
  for (const change of [
    { roles: ['department-handler', 'mediator'] },
    { unit: 'demo-county-a/people-mediation-committee' },
    { regionCode: 'demo-town-a1', unit: 'demo-town-a1/people-mediation-committee' },
  ]) {
    const before = (await call('admin', 'GET', '/api/users/zhang.wei')).json;
    session('zhang.wei', before.roles, before.regionCode, before.unit);
    t.equal(await signedIn('zhang.wei'), 200, 'signed in before the change');
    const r = await call('admin', 'PATCH', '/api/users/zhang.wei', change);
    t.equal(r.status, 200, JSON.stringify(change));
    t.match(r.json, change, 'changed');
    const after = await h.call('zhang.wei', 'GET', '/api/calendar');
    t.equal(after.status, 401, `${Object.keys(change).join(', ')} changed: the session ends at once`);
    t.match(after.json.message, /roles, unit or jurisdiction changed/);
  }
  const same = await call('admin', 'PATCH', '/api/users/zhang.wei', { displayName: '张伟' });
  t.equal(same.status, 200, 'a change to what is already there is no change');

  const u = (await call('admin', 'GET', '/api/users/zhang.wei')).json;
  session('zhang.wei', u.roles, u.regionCode, u.unit);
  const off = await call('admin', 'POST', '/api/users/zhang.wei/deactivate');
  t.equal(off.status, 200);
  t.equal(off.json.active, false);
  t.equal((await h.call('zhang.wei', 'GET', '/api/calendar')).status, 401, 'deactivated: refused at once');
  t.equal((await login('zhang.wei', first)).statusCode, 401, 'and cannot sign in');
  t.equal((await call('admin', 'POST', '/api/users/zhang.wei/deactivate')).json.active, false, 'idempotent');
  t.same(
    (await call('admin', 'GET', '/api/users?active=false')).json.items.map((x: { id: string }) => x.id),
    ['zhang.wei'],
    'listed among the inactive',
  );
  const on = await call('admin', 'POST', '/api/users/zhang.wei/reactivate');
  t.equal(on.json.active, true, 'reactivated');

  session('zhang.wei', u.roles, u.regionCode, u.unit);
  t.equal(await signedIn('zhang.wei'), 200);
  await sleep(1100); // a session that began in an earlier second than the reset
  const reset = await call('admin', 'POST', '/api/users/zhang.wei/password', {});
  t.equal(reset.status, 200);
  t.equal(reset.headers['cache-control'], 'no-store');
  const second = reset.json.generatedPassword as string;
  passwords.push(second);
  t.not(second, first, 'a new password');
  const ended = await h.call('zhang.wei', 'GET', '/api/calendar');
  t.equal(ended.status, 401, 'a reset ends the sessions begun before it');
  t.match(ended.json.message, /password was reset/);
  t.equal((await login('zhang.wei', first)).statusCode, 401, 'the old password no longer works');

  const weak = await call('admin', 'POST', '/api/users/zhang.wei/password', { password: 'short1A!' });
  t.equal(weak.status, 400);
  t.same(weak.json.details[0].field, 'password');
  t.notMatch(weak.body, 'short1A!', 'the refusal does not repeat the password');
  for (const bad of ['alllowercaseletters', 'zhang.wei-Pass-2026', 'aaaaaaaaaaaaaaaaaaaaaaaa'])
    t.equal((await call('admin', 'POST', '/api/users/zhang.wei/password', { password: bad })).status, 400, bad);
  const chosen = 'Lantern-river-7-autumn';
  passwords.push(chosen);
  const set = await call('admin', 'POST', '/api/users/zhang.wei/password', { password: chosen });
  t.equal(set.status, 200);
  t.equal(set.json.generatedPassword, null, 'nothing generated when one is chosen');
  const ok = await login('zhang.wei', chosen);
  t.equal(ok.statusCode, 200, 'the chosen password works');
  t.match(ok.json().user, { sub: 'zhang.wei', regionCode: 'demo-town-a1' });

  const trail = await auditOf(h.db, 'user', 'zhang.wei');
  t.same(
    trail.map((a) => a.action),
    [
      'user.create',
      'user.change',
      'user.change',
      'user.change',
      'user.deactivate',
      'user.reactivate',
      'user.reset-password',
      'user.reset-password',
    ],
    'every change audited once (no-ops are not)',
  );
  t.ok(
    trail.every((a) => a.actor === 'admin'),
    'with the actor',
  );
  t.same(trail[2]!.details, {
    before: { unit: 'demo-county-a/housing' },
    after: { unit: 'demo-county-a/people-mediation-committee' },
  });
  t.same(
    trail.slice(-2).map((a) => a.details),
    [{ passwordGenerated: true }, { passwordGenerated: false }],
  );
  const text = JSON.stringify(trail);
  for (const p of passwords) t.notMatch(text, p, 'no password in the audit log');
  t.notMatch(text, /argon2/, 'no hash in the audit log');
});

t.test('jurisdiction: outside looks absent, regions and units outside are refused', async (t) => {
  const list = await call('island-admin', 'GET', '/api/users');
  const ids = list.json.items.map((u: { id: string }) => u.id);
  t.ok(ids.includes('island-clerk') && !ids.includes('clerk'), 'only users of the island county');
  t.ok(
    list.json.items.every((u: { regionPath: string }) => u.regionPath.startsWith(h.regions.path('demo-island-county'))),
  );
  t.equal((await call('island-supervisor', 'GET', '/api/users/clerk')).status, 404, 'outside looks absent');
  t.equal((await call('island-admin', 'PATCH', '/api/users/clerk', { displayName: 'x' })).status, 404);
  t.equal((await call('island-admin', 'POST', '/api/users/clerk/deactivate')).status, 404);
  t.equal((await call('island-admin', 'POST', '/api/users/clerk/password', {})).status, 404);
  t.equal((await call('island-admin', 'PATCH', '/api/users/admin', { roles: ['auditor'] })).status, 404, 'nor above');
  const region = await call('island-admin', 'GET', '/api/users?region=demo-county-a');
  t.equal(region.status, 403);
  t.equal(region.json.code, 'OUT_OF_JURISDICTION');

  const base = { id: 'wang.fang', displayName: '王芳', roles: ['mediator'], regionCode: 'demo-island-town-1' };
  const refused = async (body: object, status: number, field?: string, code = 'VALIDATION_FAILED') => {
    const r = await call('island-admin', 'POST', '/api/users', { ...base, ...body });
    t.equal(r.status, status, `${JSON.stringify(body)}: ${r.body}`);
    t.equal(r.json.code, code);
    if (field) t.equal(r.json.details?.[0]?.field, field, `names ${field}`);
  };
  await refused({ regionCode: 'demo-county-a' }, 403, 'regionCode', 'OUT_OF_JURISDICTION');
  await refused({ regionCode: 'demo-city' }, 403, 'regionCode', 'OUT_OF_JURISDICTION');
  await refused({ regionCode: 'no-such-region' }, 400, 'regionCode');
  await refused({ unit: 'demo-county-a/housing' }, 400, 'unit');
  await refused({ unit: 'demo-island-county/housing' }, 400, 'unit');
  await refused({ unit: 'demo-island-town-1/no-such-department' }, 400, 'unit');
  await refused({ unit: 'people-mediation-committee' }, 400, 'unit');
  await refused({ unit: 'nowhere/housing' }, 400, 'unit');
  await refused({ id: 'Wang Fang' }, 400, 'id');
  await refused({ roles: ['mayor'] }, 400, 'roles.0');
  await refused({ roles: [] }, 400, 'roles');
  await refused({ displayName: '王\u0000芳' }, 400, 'displayName');
  await refused({ password: 'weakpass' }, 400, 'password');
  await refused({ extra: 1 }, 400);
  t.equal((await h.db('app.users').where({ id: 'wang.fang' })).length, 0, 'nothing was written');

  const ok = await call('island-admin', 'POST', '/api/users', {
    ...base,
    unit: 'demo-island-village-1-1/people-mediation-committee',
  });
  t.equal(ok.status, 201, 'a unit below the user’s region');
  const island = (body: object) => call('island-admin', 'PATCH', '/api/users/wang.fang', body);
  const moved = await island({ regionCode: 'demo-island-town-2' });
  t.equal(moved.status, 400, 'moving away from the unit’s region');
  t.equal(moved.json.details[0].field, 'regionCode');
  t.equal((await island({ regionCode: 'demo-city' })).json.code, 'OUT_OF_JURISDICTION');
  const both = await island({ regionCode: 'demo-island-town-2', unit: null });
  t.equal(both.status, 200, 'moved with its unit cleared');
  t.equal(both.json.unit, null);
  t.equal((await island({ unit: 'demo-island-town-2/centre' })).status, 200, "the region's centre is a unit");
  t.equal((await island({})).status, 400, 'an empty change');
  t.equal((await island({ active: false })).status, 400, 'deactivation has its own endpoint');
  const nul = await h.app.inject({
    method: 'GET',
    url: '/api/users/wang%00fang',
    headers: { authorization: `Bearer ${h.tokens['island-admin']}` },
  });
  t.equal(nul.statusCode, 400, 'NUL in the path');
  t.match(nul.json().details[0], { field: 'id' });
  const trail = await auditOf(h.db, 'user', 'wang.fang');
  t.same(
    trail.map((a) => [a.actor, a.action]),
    [
      ['island-admin', 'user.create'],
      ['island-admin', 'user.change'],
      ['island-admin', 'user.change'],
    ],
  );
});

t.test('nobody locks themselves out', async (t) => {
  const drop = await call('island-admin', 'PATCH', '/api/users/island-admin', { roles: ['centre-supervisor'] });
  t.equal(drop.status, 403);
  t.equal(drop.json.code, 'FORBIDDEN');
  t.match(drop.json.message, /另一位管理员.*another\s+administrator/s, 'says who may act');
  const off = await call('island-admin', 'POST', '/api/users/island-admin/deactivate');
  t.equal(off.status, 403);
  t.match(off.json.message, /不能停用自己/);
  const row = await h.db('app.users').where({ id: 'island-admin' }).first('roles', 'active');
  t.same(row, { roles: ['administrator'], active: true }, 'unchanged');
  // Another administrator may; and one may keep administrator while adding a role.
  await h.db('app.users').insert({
    id: 'county-admin',
    display_name: 'county-admin',
    password_hash: 'x',
    roles: ['administrator'],
    region_code: 'demo-island-county',
  });
  t.equal((await call('island-admin', 'POST', '/api/users/county-admin/deactivate')).status, 200, 'a peer');
  const keep = await call('island-admin', 'PATCH', '/api/users/island-admin', { roles: ['administrator', 'auditor'] });
  t.equal(keep.status, 200, 'keeping administrator');
  t.equal((await h.call('island-admin', 'GET', '/api/users')).status, 401, 'their own session ends too');
  t.equal(
    (await auditOf(h.db, 'user', 'island-admin')).length,
    1,
    'refusals changed and audited nothing; the change is audited',
  );
});

t.test('ten identical creates at once make one user; the rest are 409', async (t) => {
  const body = { id: 'li.na', displayName: '李娜', roles: ['window-clerk'], regionCode: 'demo-county-a' };
  const answers = await Promise.all(Array.from({ length: 10 }, () => call('admin', 'POST', '/api/users', body)));
  const statuses = answers.map((a) => a.status).sort();
  t.same(statuses, [201, ...Array(9).fill(409)], statuses.join(' '));
  for (const a of answers.filter((x) => x.status === 409)) {
    t.equal(a.json.code, 'ALREADY_EXISTS');
    t.equal(a.json.details[0].field, 'id');
  }
  passwords.push(...answers.map((a) => a.json.generatedPassword).filter(Boolean));
  t.equal((await h.db('app.users').where({ id: 'li.na' })).length, 1, 'one user');
  t.equal((await auditOf(h.db, 'user', 'li.na')).length, 1, 'one audit entry');
});

t.test('in another API process, a deactivated user is refused within its session-check window', async (t) => {
  const pool = new pg.Pool({ connectionString: h.e.databaseUrl, max: 2 });
  pool.on('error', () => {});
  h.e.closers.unshift(() => pool.end());
  const windowMs = 300;
  const other = await buildApp({
    pool,
    log: createLogger('silent'),
    sessionCheckMs: windowMs,
    db: h.db,
    engine: fromZeebeClient(h.e.zeebe, h.e.httpUrl),
    regions: h.regions,
    variants: loadVariantMap(),
    vault: h.vault,
    jwtSecret: randomBytes(32).toString('hex'),
    clock: h.now,
  });
  h.e.beforeStop.unshift(() => other.close());
  const token = other.jwt.sign({
    sub: 'li.na',
    name: 'li.na',
    roles: ['window-clerk'],
    regionCode: 'demo-county-a',
    regionPath: h.regions.path('demo-county-a'),
    unit: null,
  });
  const get = () =>
    other.inject({ method: 'GET', url: '/api/calendar', headers: { authorization: `Bearer ${token}` } });
  t.equal((await get()).statusCode, 200, 'signed in there');
  const off = await call('admin', 'POST', '/api/users/li.na/deactivate');
  t.equal(off.status, 200, 'deactivated through this process');
  const started = Date.now();
  let status = 200;
  while (status === 200 && Date.now() - started < windowMs + 2000) {
    status = (await get()).statusCode;
    if (status === 200) await sleep(50);
  }
  t.equal(status, 401, 'refused there');
  const took = Date.now() - started;
  t.ok(took <= windowMs + 700, `within the window (${took} ms)`);
});

t.test('no password or hash reaches an answer or the log', async (t) => {
  t.ok(passwords.length >= 3);
  const everything = bodies.join('\n');
  t.notMatch(everything, /argon2|password_hash|passwordHash/, 'no hash in any answer');
  const logged = lines.join('\n');
  t.ok(lines.length > 10, `the API logged (${lines.length} lines)`);
  for (const p of passwords) t.notMatch(logged, p, 'no password in the log');
  t.notMatch(logged, /argon2/);
});
