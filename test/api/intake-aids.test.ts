// What the intake form asks before submitting: the category the summary suggests and the duplicate
// hint, each the same as POST /api/matters gives, for the roles that take intakes. The hint names only
// matters within the caller's jurisdiction and every check is audited without the numbers looked up.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { auditOf } from '../../store/audit.js';

const ID = '330203199001011234';
const PHONE = '13812345678';
const body = (regionCode: string, summary: string, party: Record<string, string> = { idNumber: ID }) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode,
  summary,
  parties: [{ role: 'applicant', name: '赵某', ...party }],
});
let keys = 0;
const key = () => ({ 'idempotency-key': `intake-aids-${++keys}-${Date.now()}` });
const fields = (json: { details?: { field: string }[] }) => (json.details ?? []).map((d) => d.field);

t.test('the category suggestion: what intake would fill in', async (t) => {
  const h = await apiHarness(t);
  const q = (s: string) => `/api/intake/category-suggestion?${s}`;
  const neighbour = await h.call('clerk', 'GET', q(`summary=${encodeURIComponent('邻居占用楼道堆放杂物')}`));
  t.equal(neighbour.status, 200);
  t.same(neighbour.json, { category: 'neighbour', label: { zh: '邻里纠纷', en: 'Neighbours' } });
  const food = await h.call(
    'supervisor',
    'GET',
    q(`matterType=complaint&summary=${encodeURIComponent('在超市买的食品已经变质')}`),
  );
  t.equal(food.json.category, 'food-safety', 'complaints are classified too');
  const consult = await h.call(
    'admin',
    'GET',
    q(`matterType=consultation&summary=${encodeURIComponent('邻居占用楼道')}`),
  );
  t.same(consult.json, { category: null, label: null }, 'a consultation gets no category, as at intake');
  const none = await h.call('clerk', 'GET', q(`summary=${encodeURIComponent('其他事情')}`));
  t.same(none.json, { category: null, label: null }, 'no word matches');

  // The same as intake: a dispute received without a category gets this one.
  const received = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    { ...body('demo-village-a1-1', '邻居占用楼道堆放杂物'), category: undefined },
    key(),
  );
  t.equal(received.json.category, neighbour.json.category, 'intake filled in the suggested category');

  const missing = await h.call('clerk', 'GET', q('matterType=dispute'));
  t.equal(missing.status, 400);
  t.same(fields(missing.json), ['summary'], 'a missing summary is named');
  const badType = await h.call('clerk', 'GET', q('summary=x&matterType=gossip'));
  t.equal(badType.status, 400);
  t.same(fields(badType.json), ['matterType'], 'an unknown matter type is named');
  const long = await h.call('clerk', 'GET', q(`summary=${'长'.repeat(2001)}`));
  t.equal(long.status, 400);
  t.same(fields(long.json), ['summary']);

  t.equal((await h.call('mediator', 'GET', q('summary=x'))).status, 403, 'a mediator takes no intakes');
  t.equal((await h.call('auditor', 'GET', q('summary=x'))).status, 403);
  t.equal((await h.call(null, 'GET', q('summary=x'))).status, 401);
});

t.test('the duplicate check: within jurisdiction, audited, as intake hints', async (t) => {
  const h = await apiHarness(t);
  const check = (user: string, b: unknown) => h.call(user, 'POST', '/api/intake/duplicate-check', b);
  const elsewhere = await h.call('island-clerk', 'POST', '/api/matters', body('demo-island-town-1', '海岛'), key());
  t.equal(elsewhere.status, 201);

  const before = await check('clerk', { regionCode: 'demo-village-a1-1', parties: [{ idNumber: ID }] });
  t.equal(before.status, 200);
  t.same(before.json, { duplicateHint: [], possibleDuplicateOf: [] }, 'the matter in another county is not named');

  const first = await h.call('clerk', 'POST', '/api/matters', body('demo-village-a1-1', '邻里纠纷一'), key());
  t.equal(first.status, 201);
  const byId = await check('clerk', { regionCode: 'demo-village-a1-1', parties: [{ idNumber: ID }] });
  t.same(byId.json, { duplicateHint: [first.json.trackingCode], possibleDuplicateOf: [first.json.id] });
  const byPhone = await check('clerk', {
    regionCode: 'demo-town-a2',
    parties: [{ phone: '13900000000' }, { phone: PHONE }],
  });
  t.same(byPhone.json.duplicateHint, [], 'the first matter has no phone: nothing by phone');
  const second = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    body('demo-village-a1-1', '邻里纠纷二', { idNumber: ID, phone: PHONE }),
    key(),
  );
  t.same(second.json.duplicateHint, byId.json.duplicateHint, 'intake then hints exactly what the check said');
  const intakeHint = (await auditOf(h.db, 'matter', second.json.id)).find((a) => a.action === 'matter.duplicate-hint');
  t.same(intakeHint?.details, { found: 2, shown: [first.json.trackingCode] }, 'and audits its hint as before');
  const both = await check('clerk', { regionCode: 'demo-village-a1-1', parties: [{ phone: PHONE }] });
  t.same(both.json.duplicateHint, [second.json.trackingCode], 'found by phone now');

  const island = await check('island-supervisor', { regionCode: 'demo-island-town-1', parties: [{ idNumber: ID }] });
  t.same(island.json.duplicateHint, [elsewhere.json.trackingCode], 'each sees the matters of its own county');
  const admin = await check('admin', { regionCode: 'demo-city', parties: [{ idNumber: ID.toLowerCase() }] });
  t.same(
    admin.json.duplicateHint,
    [elsewhere.json.trackingCode, first.json.trackingCode, second.json.trackingCode],
    'the city sees all three',
  );

  const audits = await h
    .db('app.audit_log')
    .where({ action: 'matter.duplicate-check' })
    .orderBy('id')
    .select('actor', 'target_kind', 'target_id', 'details');
  t.equal(audits.length, 6, 'every check is audited, also when nothing was found');
  t.same(audits[0], {
    actor: 'clerk',
    target_kind: 'region',
    target_id: 'demo-village-a1-1',
    details: { identifiers: 1, found: 1, shown: [] },
  });
  t.same(audits[2].details, { identifiers: 2, found: 0, shown: [] });
  t.notMatch(JSON.stringify(audits), /330203|138123|139000/, 'never the numbers looked up');

  const out = await check('clerk', { regionCode: 'demo-island-town-1', parties: [{ idNumber: ID }] });
  t.equal(out.status, 403);
  t.equal(out.json.code, 'OUT_OF_JURISDICTION', 'a region outside the jurisdiction is refused');
  t.equal((await check('mediator', { regionCode: 'demo-town-a1', parties: [{ phone: PHONE }] })).status, 403);
  t.equal((await check('auditor', { regionCode: 'demo-town-a1', parties: [{ phone: PHONE }] })).status, 403);
  t.equal(
    await h
      .db('app.audit_log')
      .where({ action: 'matter.duplicate-check' })
      .count('* as n')
      .first()
      .then((r) => +r!.n),
    6,
    'a refused check looks nothing up',
  );
});

t.test('bad input: a 400 naming the field', async (t) => {
  const h = await apiHarness(t);
  const check = (b: unknown) => h.call('clerk', 'POST', '/api/intake/duplicate-check', b);
  const cases: [string, unknown, string][] = [
    ['no parties', { regionCode: 'demo-town-a1', parties: [] }, 'parties'],
    ['parties missing', { regionCode: 'demo-town-a1' }, 'parties'],
    ['no identifiers', { regionCode: 'demo-town-a1', parties: [{}] }, 'parties'],
    ['a bad ID number', { regionCode: 'demo-town-a1', parties: [{ idNumber: '3302-bad' }] }, 'parties.0.idNumber'],
    ['a bad phone', { regionCode: 'demo-town-a1', parties: [{ phone: 'call me' }] }, 'parties.0.phone'],
    [
      'a name is not asked',
      { regionCode: 'demo-town-a1', parties: [{ name: '赵某', phone: PHONE }] },
      'parties.0.name',
    ],
    ['region missing', { parties: [{ phone: PHONE }] }, 'regionCode'],
    ['unknown region', { regionCode: 'nowhere', parties: [{ phone: PHONE }] }, 'regionCode'],
  ];
  for (const [what, b, field] of cases) {
    const r = await check(b);
    t.equal(r.status, 400, `${what}: 400`);
    t.equal(r.json.code, 'VALIDATION_FAILED');
    t.ok(fields(r.json).includes(field), `${what}: names ${field} (${JSON.stringify(r.json.details)})`);
  }
  t.equal(
    await h
      .db('app.audit_log')
      .where({ action: 'matter.duplicate-check' })
      .count('* as n')
      .first()
      .then((r) => +r!.n),
    0,
  );
});

t.test('the receipt: where it went, how to follow it, no personal data', async (t) => {
  const h = await apiHarness(t, { publicBaseUrl: 'https://zz.example.gov.cn/' });
  const m = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    body('demo-village-a1-1', '邻里纠纷', { idNumber: ID, phone: PHONE }),
    key(),
  );
  t.equal(m.status, 201);
  const r = await h.call('clerk', 'GET', `/api/intake/receipt/${m.json.id}`);
  t.equal(r.status, 200);
  t.match(r.json, {
    id: m.json.id,
    trackingCode: m.json.trackingCode,
    trackingUrl: `https://zz.example.gov.cn/track/${m.json.trackingCode}`,
    matterType: 'dispute',
    matterTypeLabel: { zh: '纠纷化解' },
    channelLabel: { zh: '窗口来访' },
    categoryLabel: { zh: '邻里纠纷' },
    receivedAt: m.json.receivedAt,
    sensitive: false,
    tier: m.json.routing.tier,
    tierLabel: { zh: m.json.routing.tierLabel },
    unitLabel: m.json.routing.unitLabel,
    online: false,
    applicant: '赵*',
  });
  t.notMatch(r.body, /330203|1234|13812345678|5678|赵某/, 'no ID number, phone or full name');
  // Once the process has set it, the next deadline is on the receipt too.
  await h.inboxTask(m.json.trackingCode, 'Task_Mediate');
  const later = await h.call('supervisor', 'GET', `/api/intake/receipt/${m.json.id}`);
  t.match(later.json, { unitLabel: m.json.routing.unitLabel, nextDeadline: /^\d{4}-\d\d-\d\dT.*\+08:00$/ });

  const dv = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    { ...body('demo-village-a1-1', '丈夫多次殴打'), category: 'domestic-violence' },
    key(),
  );
  const hidden = await h.call('clerk', 'GET', `/api/intake/receipt/${dv.json.id}`);
  t.match(hidden.json, { sensitive: true, categoryLabel: null, unitLabel: null, applicant: null });
  t.notMatch(hidden.body, /家庭暴力|殴打|赵/, 'a sensitive receipt says nothing of what it is about');

  t.equal((await h.call('island-clerk', 'GET', `/api/intake/receipt/${m.json.id}`)).status, 404, 'elsewhere: 404');
  t.equal((await h.call('mediator', 'GET', `/api/intake/receipt/${m.json.id}`)).status, 403);
  t.equal((await h.call('clerk', 'GET', '/api/intake/receipt/999999')).status, 404);
  const bad = await h.call('clerk', 'GET', '/api/intake/receipt/abc');
  t.equal(bad.status, 400);
  t.same(fields(bad.json), ['id']);
});

t.test('documented: description, an example, the ApiError shape', async (t) => {
  const h = await apiHarness(t);
  const doc = h.app.swagger() as unknown as { paths: Record<string, Record<string, any>> };
  const ops = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/intake/'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => [`${m} ${path}`, op] as const));
  t.equal(ops.length, 3, ops.map(([n]) => n).join(', '));
  for (const [name, op] of ops) {
    t.ok(op.description && op.summary && op.tags?.includes('intake'), `${name}: described`);
    const json = op.responses['200'].content['application/json'];
    t.ok(json.schema && (json.schema.examples ?? json.example ?? json.examples), `${name}: an example`);
    for (const c of ['400', '401', '403'])
      t.equal(op.responses[c].content['application/json'].schema.$ref, '#/components/schemas/ApiError', `${name} ${c}`);
  }
});
