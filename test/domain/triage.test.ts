// triage(): the one decision intake answers and the process records: risk, route, unit and its name,
// the non-litigation route; bad data throws the DomainError the process turns into an incident.
import t from 'tap';
import { DEMO_REGIONS, RegionTree, route, triage } from '../../domain/index.js';

const tree = new RegionTree(DEMO_REGIONS);

t.test('a device reports a street lamp out: no facts, the street office, green', async (t) => {
  const x = triage(
    { matterType: 'complaint', category: 'public-facilities', regionCode: 'demo-village-a1-1', facts: {} },
    tree,
  );
  t.equal(x.grade.level, 'green');
  t.equal(x.unit, 'demo-town-a1/town-government');
  t.equal(x.unitLabel, '东湖街道办事处');
  t.match(x.route, { startTier: 'town', regionCode: 'demo-town-a1', ruleId: 'complaint-property-management-town' });
  t.equal(x.nonLitigation, null, 'complaints have no non-litigation route');
  t.same(
    triage({ matterType: 'complaint', category: 'public-facilities', regionCode: 'demo-village-a1-1' }, tree),
    x,
    'absent facts are no facts',
  );
});

t.test('the route is routing’s, with the risk graded from the facts', async (t) => {
  const input = {
    matterType: 'dispute',
    category: 'unpaid-wages',
    regionCode: 'demo-village-a2-1',
    facts: { parties: 30, amountYuan: 300000 },
  };
  const x = triage(input, tree);
  t.equal(x.grade.level, 'red');
  t.same(x.route, route({ ...input, matterType: 'dispute', risk: 'red' }, tree));
  t.equal(x.unit, 'demo-county-a/hrss');
  t.equal(x.unitLabel, '明江区人力资源和社会保障局');
  t.same(x.nonLitigation, {
    route: 'labour-arbitration',
    department: 'labour-arbitration',
    stage: 'labour-arbitration',
    unit: 'demo-county-a/labour-arbitration',
  });
  const food = triage(
    { matterType: 'complaint', category: 'food-safety', regionCode: 'demo-town-a2', facts: null },
    tree,
  );
  t.match(food, { unit: 'demo-county-a/market-regulation', unitLabel: '明江区市场监督管理局' });
  t.equal(
    triage({ matterType: 'consultation', category: null, regionCode: 'demo-town-a1' }, tree).route.ruleId,
    'consultation',
  );
});

t.test('bad data throws the DomainError the process raises as an incident', async (t) => {
  const at = { regionCode: 'demo-town-a1' };
  t.throws(() => triage({ matterType: 'dispute', facts: { parties: 2, violance: true }, ...at }, tree), {
    name: 'DomainError',
    code: 'INVALID_FACTS',
  });
  t.throws(() => triage({ matterType: 'rumour', ...at }, tree), { code: 'UNKNOWN_MATTER_TYPE' });
  t.throws(() => triage({ matterType: 'dispute', category: 'gossip', ...at }, tree), { code: 'UNKNOWN_CATEGORY' });
  t.throws(() => triage({ matterType: 'dispute', regionCode: 'atlantis' }, tree), { code: 'UNKNOWN_REGION' });
  t.throws(() => triage(null as never, tree), { code: 'INVALID_INPUT' });
});
