// Intake through HTTP (app.inject) on the real system: every type and channel, idempotent retries,
// duplicate hints, bad input, jurisdiction, personal data sealed at rest and masked in answers.
import t from 'tap';
import { DUPLICATE_HINTS } from '../../store/parties.js';
import { apiHarness } from '../helpers/api.js';
import { MATTER_TYPES, CHANNELS } from '../../domain/index.js';

const body = (o: Record<string, unknown> = {}) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode: 'demo-village-a1-1',
  summary: '邻居占用公共通道',
  facts: { parties: 2 },
  parties: [
    { role: 'applicant', name: '张三', idNumber: '330203199001011234', phone: '13812345678' },
    { role: 'respondent', name: '李四' },
  ],
  ...o,
});

t.test('intake of every matter type from every channel', async (t) => {
  const h = await apiHarness(t);
  const codes = new Set<string>();
  for (const matterType of MATTER_TYPES) {
    for (const channel of CHANNELS) {
      const r = await h.call(
        'clerk',
        'POST',
        '/api/matters',
        body({ matterType, channel, category: matterType === 'dispute' ? 'neighbour' : undefined }),
      );
      t.equal(r.status, 201, `${matterType} via ${channel}`);
      t.match(r.json, { matterType, channel, status: 'received', trackingCode: /^GC-/ });
      t.ok(r.json.processId, 'its process started');
      codes.add(r.json.trackingCode);
    }
  }
  t.equal(codes.size, MATTER_TYPES.length * CHANNELS.length, 'every matter has its own code');
  const list = await h.call('supervisor', 'GET', '/api/matters?limit=200');
  t.equal(list.json.total, MATTER_TYPES.length * CHANNELS.length);
});

t.test('a retried submission with the same Idempotency-Key never creates a second matter', async (t) => {
  const h = await apiHarness(t);
  const key = { 'idempotency-key': 'window-7-20260914-0001' };
  const first = await h.call('clerk', 'POST', '/api/matters', body(), key);
  const again = await h.call('clerk', 'POST', '/api/matters', body(), key);
  t.equal(first.status, 201);
  t.equal(again.status, 200);
  t.equal(again.json.id, first.json.id);
  t.equal(again.json.replayed, true);
  const other = await h.call('clerk', 'POST', '/api/matters', body({ summary: '另一件事' }), key);
  t.equal(other.status, 422);
  t.equal(other.json.code, 'IDEMPOTENCY_KEY_REUSED');
  t.equal((await h.call('clerk', 'GET', '/api/matters')).json.total, 1, 'one matter');
  const instances = await h.e.operate('process-instances', { filter: { bpmnProcessId: 'dispute-resolution' } });
  t.equal(instances.total, 1, 'one process instance');
});

t.test('without a category, one is suggested from the summary and marked as suggested', async (t) => {
  const h = await apiHarness(t);
  const r = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    body({ category: undefined, summary: '工地拖欠30名工人工资', facts: { parties: 30, amountYuan: 300000 } }),
  );
  t.equal(r.status, 201);
  t.equal(r.json.category, 'unpaid-wages');
  const [received] = await h.events(r.json);
  t.equal(received.data.categorySuggested, 'unpaid-wages');
});

t.test('the same party with an open matter is flagged as a possible duplicate', async (t) => {
  const h = await apiHarness(t);
  const a = await h.call('clerk', 'POST', '/api/matters', body());
  const b = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    body({ summary: '再次反映', parties: [{ role: 'applicant', name: '张三', phone: '138-1234-5678' }] }),
  );
  t.same(b.json.duplicateHint, [a.json.trackingCode]);
  const c = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    body({ parties: [{ role: 'applicant', name: '王五', phone: '13900000000' }] }),
  );
  t.same(c.json.duplicateHint, []);
  // A frequent visitor: the hint names the most recent open matters, not all of them.
  const codes = [a.json.trackingCode, b.json.trackingCode];
  for (let i = 0; i < 10; i++)
    codes.push((await h.call('clerk', 'POST', '/api/matters', body({ summary: `第${i}次反映` }))).json.trackingCode);
  const last = await h.call('clerk', 'POST', '/api/matters', body({ summary: '又来了' }));
  t.same(last.json.duplicateHint, codes.slice(-DUPLICATE_HINTS), `the ${DUPLICATE_HINTS} most recent, oldest first`);
});

t.test('bad input gets a 400 naming the field, and nothing is stored', async (t) => {
  const h = await apiHarness(t);
  const cases: [unknown, RegExp][] = [
    [body({ matterType: 'gossip' }), /matterType/],
    [body({ channel: undefined }), /channel/],
    [body({ category: 'astrology' }), /category/],
    [body({ regionCode: 'atlantis' }), /regionCode|region/],
    [body({ parties: [] }), /parties/],
    [body({ parties: [{ role: 'applicant', name: '张三', idNumber: '12' }] }), /idNumber/],
    [body({ facts: { parties: 0 } }), /parties/],
    [body({ facts: { parties: 2, violance: true } }), /facts|violance/],
    [body({ summary: '' }), /summary/],
    ['not json at all', /.+/],
    [body({ extra: 1 }), /extra|additional/],
  ];
  for (const [b, re] of cases) {
    const r = await h.call(
      'clerk',
      'POST',
      '/api/matters',
      b,
      typeof b === 'string' ? { 'content-type': 'application/json' } : {},
    );
    t.equal(r.status, 400, `400 for ${JSON.stringify(b).slice(0, 60)}`);
    t.match(JSON.stringify(r.json), re);
  }
  t.equal((await h.db('app.matters').count({ n: '*' }))[0].n, '0', 'nothing stored');
  t.equal((await h.db('app.parties').count({ n: '*' }))[0].n, '0');
});

t.test('sessions, roles and jurisdiction', async (t) => {
  const h = await apiHarness(t);
  t.equal((await h.call(null, 'POST', '/api/matters', body())).status, 401, 'no token');
  t.equal(
    (await h.call(null, 'GET', '/api/matters', undefined, { authorization: 'Bearer nonsense' })).status,
    401,
    'bad token',
  );
  t.equal((await h.call('mediator', 'POST', '/api/matters', body())).status, 403, 'a mediator does not do intake');
  const out = await h.call('clerk', 'POST', '/api/matters', body({ regionCode: 'demo-island-village-1-1' }));
  t.equal(out.status, 403);
  t.equal(out.json.code, 'OUT_OF_JURISDICTION');
  const bad = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'clerk', password: 'wrong' },
  });
  t.equal(bad.statusCode, 401);
  t.equal(bad.json().code, 'BAD_CREDENTIALS');

  const a = await h.call('clerk', 'POST', '/api/matters', body({ regionCode: 'demo-village-a1-1' }));
  const b = await h.call('clerk', 'POST', '/api/matters', body({ regionCode: 'demo-village-a2-1' }));
  const island = await h.call('island-clerk', 'POST', '/api/matters', body({ regionCode: 'demo-island-village-1-1' }));
  t.equal(island.status, 201);
  const mine = await h.call('mediator', 'GET', '/api/matters');
  t.same(
    mine.json.items.map((m: any) => m.id),
    [a.json.id],
    'a town mediator sees the town only',
  );
  t.equal(
    (await h.call('mediator', 'GET', `/api/matters/${b.json.id}`)).status,
    404,
    'outside the jurisdiction looks absent',
  );
  t.equal((await h.call('clerk', 'GET', '/api/matters?region=demo-island-county')).status, 403);
  t.equal((await h.call('supervisor', 'GET', '/api/matters')).json.total, 3, 'the city supervisor sees all');
  t.equal((await h.call('designer', 'GET', '/api/matters')).status, 403, 'a process designer reads no cases');
});

t.test(
  'personal data is sealed at rest, masked in answers, revealed only to roles that need it, and audited',
  async (t) => {
    const h = await apiHarness(t);
    const r = await h.call('clerk', 'POST', '/api/matters', body());
    t.same(r.json.parties[0], {
      role: 'applicant',
      name: '张三',
      idNumber: '330***********1234',
      phone: '138****5678',
    });
    const raw = JSON.stringify(await h.db('app.parties').select('*'));
    t.notMatch(raw, /330203199001011234|13812345678/, 'no ID number or phone in clear in the database');
    const masked = await h.call('handler', 'GET', `/api/matters/${r.json.id}`);
    t.equal(masked.json.parties[0].idNumber, '330***********1234');
    t.equal((await h.call('handler', 'GET', `/api/matters/${r.json.id}?reveal=true`)).status, 403);
    const revealed = await h.call('clerk', 'GET', `/api/matters/${r.json.id}?reveal=true`);
    t.equal(revealed.json.parties[0].idNumber, '330203199001011234');
    t.equal(revealed.json.parties[0].phone, '13812345678');
    const log = await h.db('app.audit_log').where({ target_id: r.json.id }).orderBy('id').select('actor', 'action');
    t.same(
      log.map((x: any) => `${x.actor}:${x.action}`),
      ['clerk:matter.create', 'clerk:personal-data.read'],
    );
    await t.rejects(h.db('app.audit_log').del(), /permission denied/, 'the audit log cannot be rewritten');
  },
);

t.test('public tracking: status, steps, unit and deadline, no personal data; QR code; unknown codes', async (t) => {
  const h = await apiHarness(t);
  const r = await h.call('clerk', 'POST', '/api/matters', body());
  await h.inboxTask(r.json.trackingCode, 'Task_Mediate');
  const code = r.json.trackingCode as string;
  const pub = await h.call(null, 'GET', `/api/track/${code.toLowerCase()}`);
  t.equal(pub.status, 200, 'no login, case-insensitive');
  t.match(pub.json, { trackingCode: code, status: 'in-progress', handlingUnit: /湖滨社区/ });
  t.ok(pub.json.steps.some((s: any) => s.step === 'triaged'));
  t.ok(pub.json.nextDeadline, 'the next deadline is shown');
  t.notMatch(pub.body, /张三|李四|330203|13812345678|邻居占用|"mediator"|王建国/, 'no names, numbers, story or staff');
  const qr = await h.call(null, 'GET', `/api/track/${code}/qr.svg`);
  t.equal(qr.status, 200);
  t.match(qr.headers['content-type'], /image\/svg\+xml/);
  t.match(qr.body, /<svg/);
  t.equal((await h.call(null, 'GET', '/api/track/GC-0000-0000-00000')).status, 404, 'unknown (bad check symbol)');
  t.equal((await h.call(null, 'GET', '/api/track/%27%3B--')).status, 404, 'malformed looks the same');
  const headers = (await h.call(null, 'GET', `/api/track/${code}`)).headers;
  t.ok(headers['x-content-type-options'], 'security headers');
  t.ok(headers['x-ratelimit-limit'], 'rate-limited');
});
