// Finding a matter by its tracking code or a party: the code in any case or spacing, a party's name,
// phone or ID number (by keyed hash, never decrypting), within the caller's jurisdiction, audited.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';

const body = (name: string, phone: string, idNumber: string, o: Record<string, unknown> = {}) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode: 'demo-village-a1-1',
  summary: '邻里纠纷',
  facts: { parties: 2 },
  parties: [{ role: 'applicant', name, phone, idNumber }],
  ...o,
});

t.test('search by tracking code and by party', async (t) => {
  const h = await apiHarness(t);
  const post = async (b: unknown, key: string) =>
    (await h.call('clerk', 'POST', '/api/matters', b, { 'idempotency-key': key })).json;
  const a = await post(body('欧阳明', '13900001111', '33020319900101123X'), 'search-test-0001');
  const b = await post(body('李四', '13900002222', '330203199202021234'), 'search-test-0002');
  const ids = (r: { json: { items: { id: string }[] } }) => r.json.items.map((m) => m.id);

  const code = a.trackingCode.toLowerCase().replace(/-/g, ' ');
  t.same(ids(await h.call('clerk', 'GET', `/api/matters?code=${encodeURIComponent(code)}`)), [a.id], 'code, any case');
  t.same(ids(await h.call('clerk', 'GET', '/api/matters?code=GC-NOT-A-CODE')), [], 'not a code: nothing');
  t.same(ids(await h.call('clerk', 'GET', `/api/matters?party=${encodeURIComponent('欧阳')}`)), [a.id], 'name');
  t.same(ids(await h.call('clerk', 'GET', '/api/matters?phone=139-0000-2222')), [b.id], 'phone, written otherwise');
  t.same(ids(await h.call('clerk', 'GET', '/api/matters?idNumber=33020319900101123x')), [a.id], 'ID, lower-case x');
  t.same(ids(await h.call('clerk', 'GET', '/api/matters?phone=13900009999')), [], 'an unknown phone');
  t.same(
    ids(await h.call('island-clerk', 'GET', '/api/matters?phone=13900001111')),
    [],
    'another county’s clerk does not find it',
  );
  t.equal((await h.call('clerk', 'GET', '/api/matters?phone=abc')).status, 400, 'a phone must look like one');

  const trail = await h.db('app.audit_log').where({ action: 'matters.search-party' }).orderBy('id');
  t.equal(trail.length, 5, 'every party search is audited (name, phone, ID, unknown phone, other county)');
  t.same(trail[1].details.by, ['phone']);
  t.equal(trail[1].details.found, 1);
  t.notOk(JSON.stringify(trail).includes('13900002222'), 'the term itself is not in the audit');
  t.equal((await h.db('app.audit_log').where({ action: 'matters.search-party', actor: 'island-clerk' })).length, 1);
});
