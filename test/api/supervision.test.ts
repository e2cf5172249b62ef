// Supervision by risk grade through the API: the leader of a county reads the figures and the
// supervision items of its jurisdiction, works those addressed to its unit (and only those); the demo's
// accounts of the new units see their work in their unit view: the county leader's task of the
// county-leader variant, the peace office's orange items, the women's federation's protection task.
import t from 'tap';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { demoStaff } from '../../scripts/seed.js';
import { upsertUser } from '../../store/users.js';

const intake = (regionCode: string, category: string, facts: Record<string, unknown>) => ({
  matterType: 'dispute',
  channel: 'window',
  category,
  regionCode,
  summary: '督办测试',
  facts,
  parties: [{ role: 'applicant', name: '周一' }],
});

/** Signs in the demo seed's account of a unit (as `npm start` creates it); returns its id. */
async function demoAccount(h: ApiHarness, unit: string): Promise<string> {
  const u = demoStaff().find((x) => x.unit === unit);
  if (!u) throw new Error(`the demo has no account for ${unit}`);
  await upsertUser(h.db, { ...u, passwordHash: 'unused' });
  h.tokens[u.id] = h.app.jwt.sign({
    sub: u.id,
    name: u.displayName,
    roles: u.roles,
    regionCode: u.regionCode,
    regionPath: h.regions.path(u.regionCode),
    unit: u.unit ?? null,
  });
  return u.id;
}

const keys = (r: { json: { items: { jobKey: string }[] } }) => r.json.items.map((x) => x.jobKey);

t.test('a county leader: the figures, the items of the county, and its own items to complete', async (t) => {
  const h = await apiHarness(t);
  const red = (
    await h.call('clerk', 'POST', '/api/matters', intake('demo-village-a2-1', 'unpaid-wages', { parties: 40 }))
  ).json;
  const orange = (
    await h.call('clerk', 'POST', '/api/matters', intake('demo-village-a1-1', 'neighbour', { parties: 6 }))
  ).json;
  const redKey = await h.inboxTask(red.trackingCode, 'Task_Supervise');
  const orangeKey = await h.inboxTask(orange.trackingCode, 'Task_Supervise');

  const mine = await h.call('leader', 'GET', '/api/tasks?view=unit');
  t.equal(mine.status, 200);
  t.same(keys(mine), [redKey], "the party committee's unit view holds the red item only");
  const office = await demoAccount(h, 'demo-county-a/county-peace-office');
  t.same(keys(await h.call(office, 'GET', '/api/tasks?view=unit')), [orangeKey], 'the peace office holds the orange');

  const all = await h.call('leader', 'GET', '/api/supervision');
  t.equal(all.status, 200);
  t.equal(all.json.total, 2, 'both items of the county');
  const byKey = new Map(all.json.items.map((x: { jobKey: string }) => [x.jobKey, x]));
  t.match(byKey.get(redKey), { riskLevel: 'red', state: 'open', unitLabel: '明江区委' });
  t.match(byKey.get(orangeKey), { riskLevel: 'orange', unitLabel: '明江区委平安办' });
  t.equal(Date.parse(all.json.items[0].dueAt), Date.parse('2026-09-18T18:00:00+08:00'), 'the earliest due first');
  t.same(keys(await h.call('leader', 'GET', '/api/supervision?level=orange')), [orangeKey]);
  t.equal((await h.call('island-leader', 'GET', '/api/supervision')).json.total, 0, 'another county sees none');
  t.equal((await h.call('leader', 'GET', '/api/supervision?region=demo-island-county')).status, 403);

  const figures = await h.call('leader', 'GET', '/api/statistics?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z');
  t.equal(figures.status, 200, 'the leader reads the figures');
  t.equal(figures.json.region, 'demo-county-a', 'of its county');

  const detail = await h.call('leader', 'GET', `/api/tasks/${redKey}`);
  t.equal(detail.status, 200);
  t.equal(detail.json.form?.id, 'supervision', 'with the supervision form');
  t.equal(detail.json.matter?.trackingCode, red.trackingCode, 'and the matter');
  const other = await h.call('leader', 'POST', `/api/tasks/${orangeKey}/complete`, {
    variables: { supervisionMeasure: 'meeting', supervisionInstructions: '越权' },
  });
  t.equal(other.status, 403, "not the peace office's item");
  const bad = await h.call('leader', 'POST', `/api/tasks/${redKey}/complete`, { variables: {} });
  t.same([bad.status, bad.json.code], [400, 'FORM_INVALID']);
  const done = await h.call('leader', 'POST', `/api/tasks/${redKey}/complete`, {
    variables: { supervisionMeasure: 'instruction', supervisionInstructions: '人社局牵头，十日内兑付' },
  });
  t.equal(done.status, 200);
  t.same([done.json.state, done.json.completedBy], ['completed', 'leader']);
  t.same(keys(await h.call('leader', 'GET', '/api/supervision?state=completed')), [redKey]);
  const supervised = await h.waitForEvent(red, 'supervised');
  t.match(supervised[0].data, { measure: 'instruction', instructions: /十日内兑付/ });

  // User administration gives the role and a leadership unit like any other.
  const created = await h.call('admin', 'POST', '/api/users', {
    id: 'liu.yang',
    displayName: '刘洋',
    roles: ['leader'],
    regionCode: 'demo-county-a',
    unit: 'demo-county-a/county-peace-office',
  });
  t.equal(created.status, 201, 'an administrator creates a leader');
  t.same(created.json.user.roles, ['leader']);
});

t.test("the demo's unit accounts see the county leader's and the women's federation's tasks", async (t) => {
  const h = await apiHarness(t);
  // Qingshan County runs the county-leader variant: a red case goes to its own leader.
  const red = (
    await h.call(
      'supervisor',
      'POST',
      '/api/matters',
      intake('demo-village-b1-1', 'neighbour', { parties: 2, violence: true }),
    )
  ).json;
  t.equal(red.processId, 'dispute-resolution-county-leader');
  const leaderKey = await h.inboxTask(red.trackingCode, 'Task_LeaderTakesCase');
  const countyLeader = await demoAccount(h, 'demo-county-b/county-leader');
  const unit = await h.call(countyLeader, 'GET', '/api/tasks?view=unit');
  t.same(keys(unit), [leaderKey], "the leader's task is in the county leader's unit view");
  t.same(unit.json.items[0].candidateGroups, ['demo-county-b/county-leader']);

  const dv = (
    await h.call(
      'clerk',
      'POST',
      '/api/matters',
      intake('demo-village-a1-2', 'marriage-family', { parties: 1, domesticViolence: true }),
    )
  ).json;
  const protectKey = await h.inboxTask(dv.trackingCode, 'Task_ConfirmProtection');
  const federation = await demoAccount(h, 'demo-county-a/womens-federation');
  const theirs = await h.call(federation, 'GET', '/api/tasks?view=unit');
  // (besides its report to the county's joint mediation, which summons it for a family case)
  t.ok(keys(theirs).includes(protectKey), "the county's women's federation has the protection task");
  const done = await h.call(federation, 'POST', `/api/tasks/${protectKey}/complete`, {
    variables: { measures: ['protection-order', 'womens-federation-visit'] },
  });
  t.equal(done.status, 200, 'and completes it');
});
