// Sessions end when they should: deactivating a user or changing their roles, unit or jurisdiction
// invalidates their tokens (within the check interval), and logging out ends that session at once.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';

const PASSWORD = 'correct horse battery staple';

t.test('deactivation, a changed role and logout end sessions', async (t) => {
  const h = await apiHarness(t, { sessionCheckMs: 100 });
  const login = async (username: string) => {
    const r = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    t.equal(r.statusCode, 200, `${username} signs in`);
    return r.json().token as string;
  };
  const get = (token: string, url: string) =>
    h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const settle = () => new Promise((r) => setTimeout(r, 150));

  const clerk = await login('clerk');
  t.equal((await get(clerk, '/api/matters')).statusCode, 200);
  await h
    .db('app.users')
    .where({ id: 'clerk' })
    .update({ roles: ['auditor'] });
  await settle();
  const changed = await get(clerk, '/api/matters');
  t.equal(changed.statusCode, 401, 'a changed role ends the session');
  t.match(changed.json().message, /roles, unit or jurisdiction changed: sign in again/);
  await h
    .db('app.users')
    .where({ id: 'clerk' })
    .update({ roles: ['window-clerk'] });
  const again = await login('clerk');
  t.equal((await get(again, '/api/matters')).statusCode, 200, 'a new login works');
  await h.db('app.users').where({ id: 'clerk' }).update({ active: false });
  await settle();
  const inactive = await get(again, '/api/matters');
  t.equal(inactive.statusCode, 401, 'deactivation ends the session');
  t.match(inactive.json().message, /not active/);

  const first = await login('mediator');
  const second = await login('mediator');
  const out = await h.app.inject({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { authorization: `Bearer ${first}` },
  });
  t.equal(out.statusCode, 200);
  t.same(out.json(), { loggedOut: true });
  const ended = await get(first, '/api/tasks');
  t.equal(ended.statusCode, 401, 'the logged-out token is refused at once');
  t.match(ended.json().message, /logged out/);
  t.equal((await get(second, '/api/tasks')).statusCode, 200, 'another session of the same user goes on');
});

t.test('the same logout fired many times at once ends the session once', async (t) => {
  const h = await apiHarness(t);
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'clerk', password: PASSWORD },
  });
  const token = r.json().token as string;
  const outs = await Promise.all(
    Array.from({ length: 10 }, () =>
      h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } }),
    ),
  );
  t.ok(
    outs.every((o) => o.statusCode === 200 || o.statusCode === 401),
    `each answers 200 or 401 (${outs.map((o) => o.statusCode).join(' ')})`,
  );
  t.ok(
    outs.some((o) => o.statusCode === 200),
    'one of them ended it',
  );
  const rows = await h.db('app.revoked_sessions').where({ user_id: 'clerk' });
  t.equal(rows.length, 1, 'one revoked session recorded');
});
