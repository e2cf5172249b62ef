// Work lands where someone can take it: a mediator with a login finds what the process assigned them
// in their own inbox; "unassigned" lists only what the caller may claim; a refusal says who can act;
// every unit the demo's routing sends work to has a demo account.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { upsertMediators } from '../../store/mediators.js';
import { upsertUser } from '../../store/users.js';
import {
  CATEGORIES,
  DEMO_MEDIATORS,
  DEMO_REGIONS,
  MATTER_TYPES,
  RegionTree,
  route,
  type Role,
} from '../../domain/index.js';
import { demoStaff } from '../../scripts/seed.js';

t.test("a mediator's task is in their own inbox; unassigned lists only claimable work", async (t) => {
  const h = await apiHarness(t);
  const mediatorId = 'med-a1-1-village-01';
  const login = (id: string, roles: Role[], regionCode: string, unit: string) => {
    h.tokens[id] = h.app.jwt.sign({
      sub: id,
      name: id,
      roles,
      regionCode,
      regionPath: h.regions.path(regionCode),
      unit,
    });
    return upsertUser(h.db, { id, displayName: id, roles, regionCode, unit, passwordHash: 'x' });
  };
  await login(mediatorId, ['mediator'], 'demo-village-a1-1', 'demo-village-a1-1/people-mediation-committee');
  await upsertMediators(
    h.db,
    DEMO_MEDIATORS.map((m) => (m.id === mediatorId ? { ...m, userId: mediatorId } : m)),
  );
  const m = await h.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2 },
    summary: '邻里排水纠纷',
  });
  const key = await h.inboxTask(m.trackingCode, 'Task_Mediate');
  const mine = await h.call(mediatorId, 'GET', '/api/tasks?view=mine');
  t.same(
    mine.json.items.map((x: { jobKey: string }) => x.jobKey),
    [key],
    'the recommended mediator finds it under "mine"',
  );
  t.equal(mine.json.items[0].assignee, mediatorId);

  // A county market-regulation handler may not take a village mediation: not listed, and told who may.
  const other = await h.call('handler', 'GET', '/api/tasks?view=unassigned');
  t.notOk(
    other.json.items.some((x: { jobKey: string }) => x.jobKey === key),
    'not offered to another unit',
  );
  const refused = await h.call('handler', 'POST', `/api/tasks/${key}/claim`);
  t.equal(refused.status, 403);
  t.match(refused.json.message, /med-a1-1-village-01.*人民调解委员会/, 'the refusal names who can act');
  const supervisor = await h.call('supervisor', 'GET', '/api/tasks?view=unassigned');
  t.ok(
    supervisor.json.items.some((x: { jobKey: string }) => x.jobKey === key),
    'a supervisor sees it to reassign',
  );
  t.equal((await h.call(mediatorId, 'POST', `/api/tasks/${key}/claim`)).status, 200, 'the mediator claims it');
});

t.test('every unit the demo routing sends work to has a demo account', async (t) => {
  const regions = new RegionTree(DEMO_REGIONS);
  const staffed = new Set(demoStaff().map((u) => u.unit));
  const missing = new Set<string>();
  for (const r of DEMO_REGIONS)
    for (const matterType of MATTER_TYPES)
      for (const category of matterType === 'dispute' ? CATEGORIES.map((c) => c.code) : [undefined])
        for (const risk of ['green', 'orange', 'red'] as const) {
          let d;
          try {
            d = route({ matterType, category, regionCode: r.code, risk }, regions);
          } catch {
            continue; // a combination the table refuses is not work that lands anywhere
          }
          const unit = `${d.regionCode}/${d.committee ?? d.department}`;
          if (!staffed.has(unit)) missing.add(unit);
        }
  t.same([...missing], [], 'no unit queue without an account');
  const ids = demoStaff().map((u) => u.id);
  t.equal(new Set(ids).size, ids.length, 'account ids are unique');
  t.ok(ids.includes('demo-county-a.petition-office') || ids.some((i) => i.endsWith('.petition-office')));
});
