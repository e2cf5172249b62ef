// Look-ups: every code a request needs can be read through the API with its label, so nobody reads the
// source; units and their people stay within the caller's jurisdiction.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { upsertUser } from '../../store/users.js';

t.test('codes and labels for forms and pickers', async (t) => {
  const h = await apiHarness(t);
  const regions = await h.call('clerk', 'GET', '/api/lookups/regions');
  t.equal(regions.status, 200);
  const codes = regions.json.items.map((r: { code: string }) => r.code);
  t.equal(codes[0], 'demo-city', 'parents first');
  t.ok(codes.includes('demo-village-a1-1'));
  t.match(regions.json.items[0], { name: String, tier: 'city', tierLabel: { zh: String, en: String } });

  const cats = await h.call('clerk', 'GET', '/api/lookups/categories');
  const family = cats.json.items.find((c: { code: string }) => c.code === 'marriage-family');
  t.ok(family.minors.some((m: { code: string; sensitive: boolean }) => m.code === 'domestic-violence' && m.sensitive));
  t.ok(family.zh, 'labels in Chinese');

  for (const [path, code] of [
    ['matter-types', 'petition'],
    ['channels', 'window'],
    ['departments', 'hrss'],
  ]) {
    const r = await h.call('mediator', 'GET', `/api/lookups/${path}`);
    t.equal(r.status, 200, path);
    t.ok(
      r.json.items.some((i: { code: string; zh: string }) => i.code === code && i.zh),
      `${path} has ${code} with a label`,
    );
  }
  t.equal((await h.call(null, 'GET', '/api/lookups/channels')).status, 401, 'staff only');

  // Units of the caller's jurisdiction, marked staffed where someone can take the work.
  const units = await h.call('mediator', 'GET', '/api/lookups/units');
  const list = units.json.items as { unit: string; staffed: boolean; label: string }[];
  t.ok(
    list.every((u) => u.unit.startsWith('demo-town-a1') || u.unit.startsWith('demo-village-a1')),
    'own subtree',
  );
  const committee = list.find((u) => u.unit === 'demo-town-a1/people-mediation-committee');
  t.ok(committee?.staffed, 'the mediator’s own committee is staffed');
  t.match(committee?.label, /人民调解委员会/);
  t.ok(
    list.some((u) => u.unit === 'demo-town-a1/centre'),
    'the town centre',
  );
  const outside = await h.call('mediator', 'GET', '/api/lookups/units?region=demo-county-b');
  t.equal(outside.status, 403, 'another county is outside a town mediator’s jurisdiction');

  await upsertUser(h.db, {
    id: 'a1-second-mediator',
    displayName: '调解员 周丽',
    roles: ['mediator'],
    regionCode: 'demo-town-a1',
    unit: 'demo-town-a1/people-mediation-committee',
    passwordHash: 'x',
  });
  const members = await h.call(
    'supervisor',
    'GET',
    `/api/lookups/units/${encodeURIComponent('demo-town-a1/people-mediation-committee')}/members`,
  );
  t.equal(members.status, 200, members.body);
  t.same(members.json.items.map((m: { id: string }) => m.id).sort(), ['a1-second-mediator', 'mediator']);
  t.notOk('passwordHash' in members.json.items[0], 'no hashes');
  const far = await h.call(
    'mediator',
    'GET',
    `/api/lookups/units/${encodeURIComponent('demo-county-b/labour')}/members`,
  );
  t.equal(far.status, 404, 'a unit outside the jurisdiction looks absent');
  t.equal(
    (await h.call('mediator', 'GET', `/api/lookups/units/${encodeURIComponent('bad unit')}/members`)).status,
    400,
  );
});
