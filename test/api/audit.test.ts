// The audit log reader: administrators and auditors read entries newest first, filtered by actor,
// action (exact or a prefix), target and period; each reader sees only the actors of their
// jurisdiction (system actors only at the top of the tree); a look-up naming a person is audited;
// bad input is a 400 naming the field.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { audit, auditOf } from '../../store/audit.js';

const h = await apiHarness(t);

// Entries at known instants (China time), by actors of three places and by the citizen.
const at = (s: string) => new Date(s);
const seeded = [
  { actor: 'admin', action: 'test.alpha', at: at('2026-01-05T10:00:00+08:00'), targetKind: 'matter', targetId: '7' },
  { actor: 'clerk', action: 'test.beta', at: at('2026-01-06T23:30:00+08:00'), targetKind: 'matter', targetId: '7' },
  { actor: 'island-admin', action: 'test.beta', at: at('2026-01-07T09:00:00+08:00'), targetKind: 'user' },
  { actor: 'citizen', action: 'test.gamma', at: at('2026-01-08T09:00:00+08:00'), targetKind: 'matter' },
];
for (const e of seeded) await audit(h.db, { ...e, details: { n: e.action } });

const read = async (user: string | null, query: string) => h.call(user, 'GET', `/api/audit?${query}`);
const actorsOf = (r: { json: { items: { actor: string }[] } }) => r.json.items.map((e) => e.actor);

t.test('an administrator at the top reads everyone, newest first, with names and China time', async (t) => {
  const created = await h.call('admin', 'POST', '/api/users', {
    id: 'audit.target',
    displayName: '审计对象',
    roles: ['auditor'],
    regionCode: 'demo-county-a',
  });
  t.equal(created.status, 201);
  const r = await read('admin', 'action=test.');
  t.equal(r.status, 200);
  t.same(actorsOf(r), ['citizen', 'island-admin', 'clerk', 'admin'], 'newest first, the citizen included');
  t.match(r.json.items[3], {
    at: '2026-01-05T10:00:00.000+08:00',
    actorName: 'admin',
    action: 'test.alpha',
    targetKind: 'matter',
    targetId: '7',
    details: { n: 'test.alpha' },
  });
  t.equal(r.json.items[0].actorName, null, 'a system actor has no name');
  const mine = await read('admin', 'action=user.create');
  t.match(mine.json.items[0], { actor: 'admin', action: 'user.create', targetKind: 'user', targetId: 'audit.target' });
  t.notMatch(JSON.stringify(mine.json), /password"\s*:\s*"/, 'no password in the entry');
});

t.test('filters: action exact or prefix, target, period in China days, paging', async (t) => {
  t.same(actorsOf(await read('auditor', 'action=test.beta')), ['island-admin', 'clerk']);
  t.same(actorsOf(await read('auditor', 'action=test')), [], 'without the dot: an exact code');
  t.same(actorsOf(await read('auditor', 'targetKind=matter&targetId=7')), ['clerk', 'admin']);
  // 2026-01-06 China day: the clerk's 23:30 +08:00 is in it (15:30 UTC); the next day's entries are not.
  t.same(actorsOf(await read('auditor', 'action=test.&from=2026-01-06&to=2026-01-06')), ['clerk']);
  t.same(
    actorsOf(await read('auditor', 'action=test.&from=2026-01-07T09:00:00%2B08:00&to=2026-01-08T09:00:00Z')),
    ['citizen', 'island-admin'],
    'date-times with offsets: from inclusive, to exclusive',
  );
  const page = await read('auditor', 'action=test.&limit=2&offset=1');
  t.equal(page.json.total, 4);
  t.same(actorsOf(page), ['island-admin', 'clerk']);
});

t.test('jurisdiction: an island administrator sees the island only; no system actors', async (t) => {
  t.same(actorsOf(await read('island-admin', 'action=test.')), ['island-admin']);
  t.same(actorsOf(await read('island-auditor', 'targetKind=matter&targetId=7')), [], 'not demo-county-a');
  const codes = await h.call('island-admin', 'GET', '/api/audit/actions');
  t.equal(codes.status, 200);
  t.same(codes.json.actions, ['test.beta'], 'the codes of what they may read');
  const all = await h.call('auditor', 'GET', '/api/audit/actions');
  t.ok(all.json.actions.includes('user.create') && all.json.actions.includes('test.gamma'));
  t.ok(all.json.targetKinds.includes('matter'));
});

t.test('roles: administrators and auditors; others 403, no session 401', async (t) => {
  t.equal((await read('auditor', '')).status, 200);
  t.equal((await read('island-auditor', '')).status, 200);
  for (const u of ['mediator', 'clerk', 'supervisor', 'leader', 'designer']) {
    t.equal((await read(u, '')).status, 403, `${u}: 403`);
    t.equal((await h.call(u, 'GET', '/api/audit/actions')).status, 403, `${u}: 403 on the codes`);
  }
  t.equal((await read(null, '')).status, 401);
});

t.test('bad input: 400 naming the field', async (t) => {
  for (const [query, field] of [
    ['from=2026-02-30', 'from'],
    ['from=yesterday', 'from'],
    ['to=2026-01-01T25:00:00Z', 'to'],
    ['from=2026-01-02&to=2026-01-01', 'from'],
    ['limit=201', 'limit'],
    ['offset=-1', 'offset'],
    ['action=Monitor%20*', 'action'],
  ]) {
    const r = await read('auditor', query);
    t.equal(r.status, 400, `${query}: 400`);
    t.equal(r.json.code, 'VALIDATION_FAILED');
    t.match(JSON.stringify(r.json.details), field, `${query}: names ${field}`);
  }
  t.equal((await read('auditor', 'colour=red')).status, 400, 'an unknown parameter: 400');
});

t.test('a look-up naming a person is itself audited; browsing by action is not', async (t) => {
  const before = (await auditOf(h.db, 'user', 'clerk')).length;
  await read('auditor', 'action=test.');
  t.equal((await auditOf(h.db, 'user', 'clerk')).length, before, 'no person named: nothing written');
  const r = await read('auditor', 'actor=clerk');
  t.same(actorsOf(r), ['clerk']);
  const byActor = await auditOf(h.db, 'user', 'clerk');
  t.equal(byActor.length, before + 1);
  t.match(byActor.at(-1), {
    actor: 'auditor',
    action: 'audit.read',
    details: { filter: { actor: 'clerk' }, found: 1 },
  });
  await read('auditor', 'targetKind=user&targetId=audit.target');
  t.match((await auditOf(h.db, 'user', 'audit.target')).at(-1), { actor: 'auditor', action: 'audit.read' });
  // The reader's own look-up is then in the log for the next reader.
  const next = await read('admin', 'action=audit.read&actor=auditor');
  t.ok(next.json.total >= 2);
});
