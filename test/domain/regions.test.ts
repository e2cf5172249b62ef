// The region tree: validation, ancestry, tiers, what is stationed where; the demo city.
import t from 'tap';
import { DEMO_REGIONS, DomainError, RegionTree, TIERS, isTier, tierRank, requireTier } from '../../domain/index.js';
import type { Region } from '../../domain/index.js';

const tree = new RegionTree(DEMO_REGIONS);
const codes = (rs: Region[]): string[] => rs.map((r) => r.code);

t.test('the demo city', async (t) => {
  t.equal(tree.get('demo-county-a').regionClass, 1);
  t.equal(tree.get('demo-island-county').regionClass, 3);
  t.same(codes(tree.childrenOf('demo-city')), ['demo-county-a', 'demo-island-county', 'demo-county-b']);
  for (const county of ['demo-county-a', 'demo-island-county']) {
    const towns = tree.childrenOf(county);
    t.equal(towns.length, 2, `${county} has two towns`);
    for (const town of towns) {
      t.equal(town.tier, 'town');
      t.equal(
        tree.childrenOf(town.code).filter((r) => r.tier === 'village').length,
        2,
        `${town.code} has two villages`,
      );
    }
  }
  for (const r of DEMO_REGIONS) {
    t.match(r.name, /\p{Script=Han}/u, `${r.code} has a Chinese name`);
    t.ok(r.nameEn, `${r.code} has an English name`);
  }
  const stationedAtA = tree.get('demo-county-a').departments.map((d) => d.department);
  for (const d of [
    'court',
    'procuratorate',
    'police',
    'justice',
    'petition-office',
    'hrss',
    'labour-arbitration',
    'housing',
    'market-regulation',
    'health',
    'civil-affairs',
    'natural-resources',
    'womens-federation',
    'trade-union',
    'medical-mediation',
    'property-mediation',
  ] as const) {
    t.ok(stationedAtA.includes(d), `class-1 county stations ${d}`);
  }
  for (const v of tree.descendants('demo-island-county').filter((r) => r.tier === 'village'))
    t.same(v.departments, [], `${v.code} has nothing stationed`);
  t.ok(
    tree.get('demo-island-county').departments.length < tree.get('demo-county-a').departments.length / 2,
    'the island county stations little',
  );
});

t.test('ancestry', async (t) => {
  t.same(
    codes(tree.ancestors('demo-grid-a1-1-1')),
    ['demo-village-a1-1', 'demo-town-a1', 'demo-county-a', 'demo-city'],
    'nearest first',
  );
  t.same(tree.ancestors('demo-city'), []);
  t.equal(tree.parentOf('demo-town-a1')?.code, 'demo-county-a');
  t.equal(tree.parentOf('demo-city'), undefined);
  t.ok(tree.isWithin('demo-village-a2-1', 'demo-county-a'));
  t.ok(tree.isWithin('demo-county-a', 'demo-county-a'), 'a region is within itself');
  t.notOk(tree.isWithin('demo-village-a2-1', 'demo-town-a1'));
  t.notOk(tree.isWithin('demo-county-a', 'demo-town-a1'), 'a parent is not within its child');
  t.same(
    codes(tree.descendants('demo-town-a1')),
    ['demo-village-a1-1', 'demo-grid-a1-1-1', 'demo-village-a1-2'],
    'depth first',
  );
  t.equal(tree.descendants('demo-city').length, DEMO_REGIONS.length - 1);
  t.same(tree.descendants('demo-grid-a1-1-1'), []);
  t.equal(tree.all().length, DEMO_REGIONS.length);
  t.ok(tree.has('demo-town-a2'));
  t.notOk(tree.has('nowhere'));
  t.notOk(tree.has(42 as never));
});

t.test('atTier and stationed departments', async (t) => {
  t.equal(tree.atTier('demo-grid-a1-1-1', 'town')?.code, 'demo-town-a1');
  t.equal(tree.atTier('demo-town-a1', 'town')?.code, 'demo-town-a1', 'the region itself');
  t.equal(tree.atTier('demo-town-a1', 'village'), undefined, 'no region below');
  t.equal(tree.atTier('demo-island-village-2-2', 'city')?.code, 'demo-city');
  t.ok(tree.hasStationed('demo-county-a', 'court'));
  t.equal(tree.presence('demo-county-a', 'housing'), 'rotating');
  t.equal(tree.presence('demo-island-county', 'court'), 'on-call');
  t.notOk(tree.hasStationed('demo-island-village-1-1', 'people-mediation-committee'));
  t.notOk(tree.hasStationed('demo-island-town-2', 'justice'));
  t.ok(tree.hasStationed('demo-island-town-1', 'justice'));
});

t.test('tiers', async (t) => {
  t.same(TIERS, ['city', 'county', 'town', 'village', 'grid']);
  t.ok(tierRank('city') < tierRank('county') && tierRank('village') < tierRank('grid'));
  t.ok(isTier('grid'));
  t.notOk(isTier('province'));
  t.throws(() => requireTier('province'), { code: 'UNKNOWN_TIER', message: /'province'/ });
  t.throws(() => tierRank('street' as never), { code: 'UNKNOWN_TIER' });
});

t.test('unknown regions and departments', async (t) => {
  t.throws(() => tree.get('demo-county-z'), {
    name: 'DomainError',
    code: 'UNKNOWN_REGION',
    message: "unknown region 'demo-county-z'",
  });
  t.throws(() => tree.ancestors('nope'), { code: 'UNKNOWN_REGION' });
  t.throws(() => tree.isWithin('demo-town-a1', 'nope'), { code: 'UNKNOWN_REGION' });
  t.throws(() => tree.isWithin('nope', 'demo-city'), { code: 'UNKNOWN_REGION' });
  t.throws(() => tree.descendants('nope'), { code: 'UNKNOWN_REGION' });
  t.throws(() => tree.childrenOf('nope'), { code: 'UNKNOWN_REGION' });
  t.throws(() => tree.atTier('demo-town-a1', 'province' as never), { code: 'UNKNOWN_TIER' });
  t.throws(() => tree.get(undefined as never), { code: 'UNKNOWN_REGION' });
  t.throws(() => tree.hasStationed('demo-town-a1', 'army' as never), { code: 'UNKNOWN_DEPARTMENT' });
});

t.test('the constructor validates the tree', async (t) => {
  const city: Region = { code: 'c', name: '市', tier: 'city', parent: null, regionClass: 1, departments: [] };
  const county: Region = { code: 'k', name: '县', tier: 'county', parent: 'c', regionClass: 2, departments: [] };
  const bad = (regions: unknown, message: RegExp) =>
    t.throws(() => new RegionTree(regions as Region[]), { code: 'INVALID_REGIONS', message });
  bad('nope', /array/);
  bad([city, city], /duplicate region code 'c'/);
  bad([city, { ...county, parent: 'x' }], /unknown parent 'x'/);
  bad([city, { ...county, tier: 'city' }], /lower tier/);
  bad(
    [city, { ...county, code: 'v', tier: 'village' }, { ...county, code: 't', tier: 'town', parent: 'v' }],
    /lower tier/,
  );
  bad([{ ...city, tier: 'province' }], /unknown tier 'province'/);
  bad([{ ...city, regionClass: 4 }], /region class 4/);
  bad([{ ...city, name: '' }], /no name/);
  bad([{ ...city, code: '' }], /#0 has no code/);
  bad([null], /#0 must be an object/);
  bad([{ ...city, parent: 5 }], /bad parent/);
  bad([{ ...city, departments: 'court' }], /departments must be an array/);
  bad([{ ...city, departments: [{ department: 'army', presence: 'permanent' }] }], /unknown department 'army'/);
  bad([{ ...city, departments: ['court'] }], /unknown department 'court'/);
  bad([{ ...city, departments: [{ department: 'court', presence: 'sometimes' }] }], /presence 'sometimes'/);
  bad(
    [
      {
        ...city,
        departments: [
          { department: 'court', presence: 'permanent' },
          { department: 'court', presence: 'on-call' },
        ],
      },
    ],
    /twice/,
  );
  const ok = new RegionTree([city, county, { ...county, code: 'g', tier: 'grid', parent: 'k' }]);
  t.equal(ok.atTier('g', 'county')?.code, 'k', 'tiers may be skipped (a grid directly under a county)');
  t.type(new RegionTree([]), RegionTree);
  t.ok(new DomainError('X', 'y') instanceof Error);
});
