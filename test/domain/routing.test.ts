// Routing: every matter type, risk, class-3 online transfer, the table's own consistency.
import t from 'tap';
import {
  DEMO_REGIONS,
  MAJOR_CATEGORY_CODES,
  MATTER_TYPES,
  ROUTING_TABLE,
  RegionTree,
  isDepartment,
  isStage,
  matchRoutingRule,
  route,
} from '../../domain/index.js';
import type { RouteInput, RoutingRule } from '../../domain/index.js';

const tree = new RegionTree(DEMO_REGIONS);
const r = (input: RouteInput) => route(input, tree);

t.test('disputes start with people’s mediation in the village', async (t) => {
  const x = r({ matterType: 'dispute', category: 'neighbour', regionCode: 'demo-village-a1-1', risk: 'green' });
  t.same(x, {
    startTier: 'village',
    regionCode: 'demo-village-a1-1',
    department: 'justice',
    mediationKind: 'people',
    committee: 'people-mediation-committee',
    stage: 'mediation',
    online: false,
    reasons: ['rule:dispute'],
    ruleId: 'dispute',
  });
  t.equal(
    r({ matterType: 'dispute', category: 'noise-nuisance', regionCode: 'demo-grid-a1-1-1', risk: 'green' }).regionCode,
    'demo-village-a1-1',
    'a grid report goes to its village',
  );
  t.equal(
    r({ matterType: 'dispute', regionCode: 'demo-village-a2-2', risk: 'green' }).ruleId,
    'dispute',
    'no category: the catch-all',
  );
});

t.test('disputes by category', async (t) => {
  const labour = r({ matterType: 'dispute', category: 'unpaid-wages', regionCode: 'demo-village-a2-1', risk: 'green' });
  t.match(labour, {
    startTier: 'village',
    regionCode: 'demo-village-a2-1',
    department: 'justice',
    committee: 'people-mediation-committee',
    stage: 'mediation',
    online: false,
    ruleId: 'dispute-labour-green',
  });
  t.match(
    r({ matterType: 'dispute', category: 'unpaid-wages', regionCode: 'demo-village-a2-1', risk: 'orange' }),
    { startTier: 'town', regionCode: 'demo-town-a2', department: 'hrss', ruleId: 'dispute-labour' },
    'orange labour disputes start at the town',
  );
  const medical = r({
    matterType: 'dispute',
    category: 'medical-malpractice',
    regionCode: 'demo-village-a1-2',
    risk: 'green',
  });
  t.match(medical, {
    startTier: 'county',
    regionCode: 'demo-county-a',
    department: 'health',
    mediationKind: 'professional',
    committee: 'medical-mediation',
  });
  t.match(r({ matterType: 'dispute', category: 'traffic', regionCode: 'demo-town-a1', risk: 'green' }), {
    committee: 'traffic-mediation',
    startTier: 'county',
  });
  t.match(r({ matterType: 'dispute', category: 'parking', regionCode: 'demo-village-a1-1', risk: 'green' }), {
    committee: 'property-mediation',
    department: 'housing',
    startTier: 'town',
    regionCode: 'demo-town-a1',
  });
  t.match(r({ matterType: 'dispute', category: 'bank-credit', regionCode: 'demo-village-a1-1', risk: 'green' }), {
    committee: 'financial-mediation',
    startTier: 'county',
  });
  t.match(r({ matterType: 'dispute', category: 'subcontracting', regionCode: 'demo-village-a1-1', risk: 'green' }), {
    committee: 'construction-mediation',
    startTier: 'county',
  });
  t.match(r({ matterType: 'dispute', category: 'prepaid-card', regionCode: 'demo-village-a1-1', risk: 'green' }), {
    department: 'market-regulation',
    mediationKind: 'administrative',
    startTier: 'town',
  });
});

t.test('risk changes the start', async (t) => {
  const red = r({ matterType: 'dispute', category: 'unpaid-wages', regionCode: 'demo-village-a1-1', risk: 'red' });
  t.same(red, {
    startTier: 'county',
    regionCode: 'demo-county-a',
    department: 'hrss',
    mediationKind: 'joint',
    stage: 'joint-mediation',
    online: false,
    reasons: ['rule:dispute-red-labour'],
    ruleId: 'dispute-red-labour',
  });
  t.match(r({ matterType: 'dispute', category: 'neighbour', regionCode: 'demo-village-a1-1', risk: 'red' }), {
    startTier: 'county',
    department: 'justice',
    mediationKind: 'joint',
    ruleId: 'dispute-red',
  });
  t.match(
    r({ matterType: 'dispute', category: 'medical', regionCode: 'demo-village-a1-1', risk: 'red' }),
    { mediationKind: 'joint', stage: 'joint-mediation' },
    'red beats the category',
  );
  t.match(r({ matterType: 'dispute', category: 'neighbour', regionCode: 'demo-village-a1-1', risk: 'orange' }), {
    startTier: 'town',
    regionCode: 'demo-town-a1',
    ruleId: 'dispute-orange',
  });
  t.match(
    r({ matterType: 'dispute', category: 'labour', regionCode: 'demo-village-a1-1', risk: 'orange' }),
    { ruleId: 'dispute-labour' },
    'a category row beats orange',
  );
});

t.test('the other matter types', async (t) => {
  t.match(r({ matterType: 'petition', regionCode: 'demo-village-a1-1', risk: 'green' }), {
    startTier: 'county',
    regionCode: 'demo-county-a',
    department: 'petition-office',
    stage: 'petition-acceptance',
    online: false,
  });
  t.match(r({ matterType: 'complaint', category: 'online-shopping', regionCode: 'demo-village-a1-1', risk: 'green' }), {
    startTier: 'county',
    department: 'market-regulation',
    stage: 'complaint',
    ruleId: 'complaint-consumer',
  });
  t.match(r({ matterType: 'complaint', category: 'property-fees', regionCode: 'demo-town-a1', risk: 'green' }), {
    department: 'town-government',
    regionCode: 'demo-town-a1',
    ruleId: 'complaint-property-management-town',
  });
  t.match(r({ matterType: 'complaint', category: 'unpaid-wages', regionCode: 'demo-town-a1', risk: 'green' }), {
    department: 'labour-inspection',
  });
  t.match(r({ matterType: 'complaint', category: 'inheritance', regionCode: 'demo-town-a1', risk: 'green' }), {
    department: 'petition-office',
    ruleId: 'complaint',
  });
  t.match(r({ matterType: 'consultation', regionCode: 'demo-village-a1-1', risk: 'green' }), {
    startTier: 'town',
    regionCode: 'demo-town-a1',
    department: 'justice',
    stage: 'consultation',
  });
  const atCounty = r({ matterType: 'consultation', regionCode: 'demo-county-a', risk: 'green' });
  t.match(atCounty, { startTier: 'county', regionCode: 'demo-county-a' }, 'asked at the county window: answered there');
  t.ok(atCounty.reasons.includes('intake-above-start-tier'));
  t.match(r({ matterType: 'consultation', regionCode: 'demo-town-a2', risk: 'green' }), {
    startTier: 'town',
    regionCode: 'demo-town-a2',
    reasons: ['rule:consultation'],
  });
  t.match(r({ matterType: 'counselling', regionCode: 'demo-village-a2-2', risk: 'green' }), {
    startTier: 'town',
    department: 'health',
    stage: 'counselling',
  });
  t.match(r({ matterType: 'counselling', category: 'divorce', regionCode: 'demo-village-a2-2', risk: 'green' }), {
    department: 'civil-affairs',
  });
  t.notOk(
    'mediationKind' in r({ matterType: 'petition', regionCode: 'demo-town-a1', risk: 'green' }),
    'no mediation kind for petitions',
  );
});

t.test('class-3: accept at the outlet, route online', async (t) => {
  const v = r({ matterType: 'dispute', category: 'neighbour', regionCode: 'demo-island-village-1-1', risk: 'green' });
  t.match(v, {
    startTier: 'town',
    regionCode: 'demo-island-town-1',
    online: true,
    committee: 'people-mediation-committee',
  });
  t.same(v.reasons, [
    'rule:dispute',
    'not-stationed:demo-island-village-1-1:people-mediation-committee',
    'online-transfer:demo-island-town-1',
  ]);
  const outer = r({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-island-village-2-1',
    risk: 'green',
  });
  t.match(
    outer,
    { startTier: 'county', regionCode: 'demo-island-county', online: true },
    'the outer township has nothing stationed: on to the county',
  );
  const labour = r({
    matterType: 'dispute',
    category: 'unpaid-wages',
    regionCode: 'demo-island-village-1-2',
    risk: 'orange',
  });
  t.match(
    labour,
    { startTier: 'county', regionCode: 'demo-island-county', department: 'hrss', online: true },
    'no hrss in the island town',
  );
  const env = r({
    matterType: 'complaint',
    category: 'environment',
    regionCode: 'demo-island-village-1-2',
    risk: 'green',
  });
  t.match(env, { startTier: 'county', online: true }, 'not stationed even at the county: handled online there');
  t.ok(env.reasons.includes('terminal-station:demo-island-county'));
  t.match(
    r({ matterType: 'petition', regionCode: 'demo-island-village-2-2', risk: 'green' }),
    { regionCode: 'demo-island-county', online: false },
    'petition office stationed',
  );
  t.match(
    r({ matterType: 'dispute', category: 'medical', regionCode: 'demo-island-village-2-2', risk: 'green' }),
    { ruleId: 'dispute-medical-class3', department: 'health', mediationKind: 'administrative', online: false },
    'class-3 row',
  );
  t.notOk(
    r({ matterType: 'dispute', category: 'neighbour', regionCode: 'demo-island-town-1', risk: 'green' }).online,
    'the town itself has a committee',
  );
  t.match(
    r({ matterType: 'dispute', category: 'neighbour', regionCode: 'demo-village-a1-1', risk: 'green' }),
    { online: false },
    'class 1: never online',
  );
});

t.test('a custom table and odd trees', async (t) => {
  const table: RoutingRule[] = [
    {
      id: 'class2-only',
      matterType: 'dispute',
      regionClass: 2,
      startTier: 'town',
      department: 'justice',
      stage: 'mediation',
    },
    {
      id: 'any',
      matterType: 'dispute',
      regionClass: '*',
      category: '*',
      riskLevel: '*',
      startTier: 'village',
      department: 'justice',
      stage: 'mediation',
    },
  ];
  const odd = new RegionTree([
    { code: 'k', name: '县', tier: 'county', parent: null, regionClass: 2, departments: [] },
    { code: 'v', name: '村', tier: 'village', parent: 'k', regionClass: 2, departments: [] },
    { code: 'k3', name: '岛县', tier: 'county', parent: null, regionClass: 3, departments: [] },
    { code: 'v3', name: '岛村', tier: 'village', parent: 'k3', regionClass: 3, departments: [] },
    { code: 'g3', name: '孤岛网格', tier: 'grid', parent: null, regionClass: 3, departments: [] },
  ]);
  const x = route({ matterType: 'dispute', regionCode: 'v', risk: 'green' }, odd, table);
  t.match(
    x,
    { ruleId: 'class2-only', startTier: 'county', regionCode: 'k' },
    'no town in the tree: the nearest region above',
  );
  t.ok(x.reasons.includes('no-town-above-intake'));
  t.match(route({ matterType: 'dispute', regionCode: 'v3', risk: 'green' }, odd, table), {
    regionCode: 'k3',
    online: true,
    startTier: 'county',
  });
  t.match(
    route({ matterType: 'dispute', regionCode: 'g3', risk: 'green' }, odd, table),
    { regionCode: 'g3', online: true },
    'a root with nothing above keeps it',
  );
  t.throws(() => route({ matterType: 'petition', regionCode: 'v', risk: 'green' }, odd, table), { code: 'NO_RULE' });
});

t.test('the routing table', async (t) => {
  const ids = ROUTING_TABLE.map((x) => x.id);
  t.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const rule of ROUTING_TABLE) {
    t.ok(
      isDepartment(rule.department) &&
        (rule.committee === undefined || isDepartment(rule.committee)) &&
        isStage(rule.stage),
      rule.id,
    );
    t.ok(
      rule.category === undefined ||
        rule.category === '*' ||
        (MAJOR_CATEGORY_CODES as readonly string[]).includes(rule.category),
      `${rule.id} category`,
    );
    // The town government exists only at the town: received above one, a rule needs its fallback.
    if (rule.department === 'town-government')
      t.ok(rule.startTier === 'town' && rule.fallback && !rule.committee, `${rule.id} has a fallback`);
    if (rule.fallback) t.ok(isDepartment(rule.fallback) && rule.fallback !== 'town-government', `${rule.id} fallback`);
  }
  for (const matterType of MATTER_TYPES) {
    for (const category of [undefined, ...MAJOR_CATEGORY_CODES])
      for (const risk of ['green', 'orange', 'red'] as const)
        for (const regionClass of [1, 2, 3] as const) {
          matchRoutingRule({ matterType, category, risk, regionClass }); // throws NO_RULE if a combination has no row
        }
  }
  t.pass('every matter type × category × risk × class has a row');
  // No row is dead: an earlier row covers a later one when it is as general on every field.
  const keys = ['category', 'riskLevel', 'regionClass'] as const;
  const covers = (e: RoutingRule, x: RoutingRule): boolean =>
    e.matterType === x.matterType && keys.every((k) => (e[k] ?? '*') === '*' || e[k] === x[k]);
  ROUTING_TABLE.forEach((rule, i) => {
    t.notOk(
      ROUTING_TABLE.slice(0, i).find((e) => covers(e, rule)),
      `${rule.id} is not shadowed by an earlier row`,
    );
  });
});

t.test('bad input', async (t) => {
  t.throws(() => r({ matterType: 'lawsuit' as never, regionCode: 'demo-town-a1', risk: 'green' }), {
    name: 'DomainError',
    code: 'UNKNOWN_MATTER_TYPE',
  });
  t.throws(() => r({ matterType: 'dispute', category: 'foo', regionCode: 'demo-town-a1', risk: 'green' }), {
    code: 'UNKNOWN_CATEGORY',
    message: "unknown dispute category 'foo'",
  });
  t.throws(() => r({ matterType: 'dispute', regionCode: 'atlantis', risk: 'green' }), {
    code: 'UNKNOWN_REGION',
    message: /'atlantis'/,
  });
  t.throws(() => r({ matterType: 'dispute', regionCode: undefined as never, risk: 'green' }), {
    code: 'UNKNOWN_REGION',
  });
  t.throws(() => r({ matterType: 'dispute', regionCode: 'demo-town-a1', risk: 'yellow' as never }), {
    code: 'UNKNOWN_RISK_LEVEL',
  });
  t.throws(() => r(undefined as never), { code: 'INVALID_INPUT' });
  t.throws(() => route({ matterType: 'dispute', regionCode: 'demo-town-a1', risk: 'green' }, DEMO_REGIONS as never), {
    code: 'INVALID_INPUT',
    message: /RegionTree/,
  });
  t.throws(() => route({ matterType: 'dispute', regionCode: 'demo-town-a1', risk: 'green' }, tree, 'x' as never), {
    code: 'INVALID_INPUT',
  });
  t.equal(
    r({ matterType: 'dispute', category: null as never, regionCode: 'demo-town-a1', risk: 'green' }).ruleId,
    'dispute',
    'null category = none',
  );
});
