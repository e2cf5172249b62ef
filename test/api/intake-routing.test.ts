// Routing at intake, through HTTP on the real engine and workers: a monitoring system reports a broken
// street lamp with no party and the first task lands at the street office that owns the place; a food
// complaint lands at market regulation; the intake answer names the tier and unit the process then
// uses, so the clerk can tell the citizen where the matter went.
import t from 'tap';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { routingOf } from '../../services/intake.js';

const person = [{ role: 'applicant', name: '张三', phone: '13812345678' }];

/** The first open task of the matter: its element and candidate groups, once the inbox has it. */
async function firstTask(h: ApiHarness, trackingCode: string, elementId: string) {
  await h.inboxTask(trackingCode, elementId);
  const row = await h.db('app.tasks').where({ tracking_code: trackingCode, state: 'open' }).first('candidate_groups');
  return row.candidate_groups as string[];
}

t.test('a monitoring system reports a street lamp out: no party, the street office that owns it', async (t) => {
  const h = await apiHarness(t);
  const r = await h.call('clerk', 'POST', '/api/matters', {
    matterType: 'complaint',
    channel: 'system',
    regionCode: 'demo-grid-a1-1-1',
    summary: '路灯监测：湖滨社区3号路灯故障不亮',
  });
  t.equal(r.status, 201, JSON.stringify(r.json));
  t.match(r.json, { channel: 'system', category: 'public-facilities', parties: [], tier: null });
  t.same(r.json.routing, {
    tier: 'town',
    tierLabel: '乡镇(街道)',
    regionCode: 'demo-town-a1',
    unit: 'demo-town-a1/town-government',
    unitLabel: '东湖街道办事处',
    risk: 'green',
    online: false,
    ruleId: 'complaint-property-management-town',
  });
  t.same(await firstTask(h, r.json.trackingCode, 'Task_AnswerComplaint'), ['demo-town-a1/town-government']);
  const m = (await h.call('clerk', 'GET', `/api/matters/${r.json.id}`)).json;
  t.match(m, { tier: 'town', handlingUnit: 'demo-town-a1/town-government' }, 'the process routed it as answered');
  t.match(
    m.timeline.find((e: any) => e.type === 'dispatched'),
    { unit: 'demo-town-a1/town-government' },
  );
  const pub = await h.call(null, 'GET', `/api/track/${r.json.trackingCode}`);
  t.equal(pub.json.handlingUnit, '东湖街道办事处', 'the public page names the same unit');
});

t.test('a food complaint goes to market regulation, and its unit finds it in the inbox', async (t) => {
  const h = await apiHarness(t);
  const r = await h.call('clerk', 'POST', '/api/matters', {
    matterType: 'complaint',
    channel: 'hotline',
    regionCode: 'demo-village-a1-2',
    summary: '在超市买的食品已经变质，商家拒绝退货',
    parties: person,
  });
  t.equal(r.status, 201);
  t.equal(r.json.category, 'food-safety', 'suggested from the summary');
  t.match(r.json.routing, {
    tier: 'county',
    tierLabel: '县(市、区)',
    regionCode: 'demo-county-a',
    unit: 'demo-county-a/market-regulation',
    unitLabel: '明江区市场监督管理局',
    ruleId: 'complaint-consumer',
  });
  t.same(await firstTask(h, r.json.trackingCode, 'Task_AnswerComplaint'), ['demo-county-a/market-regulation']);
  const inbox = await h.call('handler', 'GET', '/api/tasks?view=unit');
  t.ok(
    inbox.json.items.some((x: any) => x.trackingCode === r.json.trackingCode),
    'the market regulation handler sees it',
  );
  const named = await h.call('clerk', 'POST', '/api/matters', {
    matterType: 'complaint',
    channel: 'window',
    category: 'food-safety',
    regionCode: 'demo-town-a2',
    summary: '餐馆饭菜不卫生',
    parties: person,
  });
  t.match(named.json.routing, { unit: 'demo-county-a/market-regulation' }, 'the category given');
});

t.test('only the system channel may name no party', async (t) => {
  const h = await apiHarness(t);
  const lamp = { matterType: 'complaint', regionCode: 'demo-village-a1-1', summary: '井盖缺失' };
  for (const channel of ['window', 'hotline', 'online', 'grid', 'police-110', 'transfer']) {
    for (const parties of [undefined, []]) {
      const r = await h.call('clerk', 'POST', '/api/matters', { ...lamp, channel, parties });
      t.equal(r.status, 400, `${channel} with parties ${JSON.stringify(parties)}`);
      t.match(r.json, { code: 'VALIDATION_FAILED', message: /当事人/, details: [{ field: 'parties' }] });
    }
  }
  t.equal((await h.db('app.matters').count({ n: '*' }))[0].n, '0', 'nothing stored');
  const empty = await h.call('clerk', 'POST', '/api/matters', { ...lamp, channel: 'system', parties: [] });
  t.equal(empty.status, 201, 'an empty list from a system is no party');
  const named = await h.call('clerk', 'POST', '/api/matters', { ...lamp, channel: 'system', parties: person });
  t.equal(named.status, 201, 'a system may still name one');
  t.equal(named.json.parties.length, 1);
});

t.test('the answer and the process agree, replays included', async (t) => {
  const h = await apiHarness(t);
  const cases = [
    { matterType: 'dispute', category: 'neighbour', regionCode: 'demo-village-a1-1', facts: { parties: 2 } },
    { matterType: 'dispute', category: 'unpaid-wages', regionCode: 'demo-village-a2-1', facts: { parties: 40 } },
    { matterType: 'petition', regionCode: 'demo-town-a2' },
    { matterType: 'consultation', regionCode: 'demo-county-a' },
    { matterType: 'complaint', category: 'parking', regionCode: 'demo-county-a' },
    { matterType: 'complaint', category: 'neighbour', regionCode: 'demo-village-a2-2' },
  ];
  for (const [i, c] of cases.entries()) {
    const body = { channel: 'window', summary: `事项${i}`, parties: person, ...c };
    const key = { 'idempotency-key': `routing-case-${i}` };
    const r = await h.call('clerk', 'POST', '/api/matters', body, key);
    t.equal(r.status, 201);
    const [triaged] = await h.waitForEvent(r.json, 'triaged');
    t.same(
      [r.json.routing.tier, r.json.routing.unit, r.json.routing.risk, r.json.routing.ruleId],
      [triaged.tier, triaged.unit, (triaged.data.output as { risk: string }).risk, triaged.data.ruleId],
      `${[c.matterType, c.category, 'at', c.regionCode].filter(Boolean).join(' ')}: answered as triaged`,
    );
    const again = await h.call('clerk', 'POST', '/api/matters', body, key);
    t.same(again.json.routing, r.json.routing, 'a replay answers the same routing');
  }
});

t.test('what triage cannot route is answered as no routing (the process raises the incident)', async (t) => {
  const h = await apiHarness(t);
  // Bad facts only a broken integration could send (the API schema refuses them).
  const m = await h.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2, violance: true } as never,
  });
  t.equal(routingOf(m, h.regions), null);
  t.match(routingOf({ ...m, facts: { parties: 2 } }, h.regions), {
    unit: 'demo-village-a1-1/people-mediation-committee',
  });
});
