// Mediator recommendation: candidates, capacity, ranking, determinism.
import t from 'tap';
import { DEMO_MEDIATORS, DEMO_REGIONS, RegionTree, recommendMediators } from '../../domain/index.js';
import type { Mediator } from '../../domain/index.js';

const tree = new RegionTree(DEMO_REGIONS);
const ids = (xs: { mediator: Mediator }[]): string[] => xs.map((x) => x.mediator.id);
const m = (id: string, over: Partial<Mediator> = {}): Mediator => ({
  id,
  name: id,
  kind: 'individual',
  regionCode: 'demo-town-a1',
  tier: 'town',
  categories: ['*'],
  activeCases: 0,
  capacity: 10,
  ...over,
});

t.test('demo registry: a labour case at the county', async (t) => {
  const recs = recommendMediators(
    DEMO_MEDIATORS,
    { category: 'unpaid-wages', tier: 'county', regionCode: 'demo-county-a' },
    tree,
  );
  t.same(
    ids(recs),
    ['med-a-county-01', 'med-a-county-03'],
    'specialist first, then the generalist; 刘芳 is at capacity',
  );
  t.same(recs[0]!.reasons, ['specialist:labour', 'load:4/12', 'since:2009']);
  t.same(recs[1]!.reasons, ['generalist', 'load:3/10', 'since:2016']);
  t.ok(recs[0]!.score > recs[1]!.score);
  t.notOk(ids(recs).includes('med-a-county-04'), 'at capacity: excluded');
});

t.test('candidates: within the handling region, at the tier', async (t) => {
  t.same(
    ids(recommendMediators(DEMO_MEDIATORS, { category: 'neighbour', tier: 'town', regionCode: 'demo-town-a1' }, tree)),
    ['med-a1-town-01', 'med-a1-town-02'],
  );
  t.same(
    ids(
      recommendMediators(DEMO_MEDIATORS, { category: 'neighbour', tier: 'village', regionCode: 'demo-town-a1' }, tree),
    ),
    ['med-a1-2-village-01', 'med-a1-1-village-01'],
    'village mediators within the town: specialist first',
  );
  t.same(
    ids(
      recommendMediators(DEMO_MEDIATORS, { category: 'medical', tier: 'county', regionCode: 'demo-county-a' }, tree, 1),
    ),
    ['med-a-county-medical'],
    'limit',
  );
  t.same(
    recommendMediators(DEMO_MEDIATORS, { category: 'labour', tier: 'town', regionCode: 'demo-island-town-2' }, tree),
    [],
    'nobody on the outer island',
  );
  t.same(
    ids(
      recommendMediators(
        DEMO_MEDIATORS,
        { category: 'labour', tier: 'county', regionCode: 'demo-island-county' },
        tree,
      ),
    ),
    ['med-island-county-02', 'med-island-county-01'],
  );
  t.same(
    recommendMediators(DEMO_MEDIATORS, { category: 'labour', tier: 'county', regionCode: 'demo-town-a1' }, tree),
    [],
    'a county mediator is not within a town',
  );
});

t.test('ranking: specialist, load, experience, id', async (t) => {
  const reg = [
    m('e', { categories: ['*'], activeCases: 0 }),
    m('d', { categories: ['labour'], activeCases: 5, since: 2020 }),
    m('c', { categories: ['labour'], activeCases: 5, since: 2010 }),
    m('b', { categories: ['labour'], activeCases: 5 }),
    m('a', { categories: ['labour'], activeCases: 5 }),
    m('f', { categories: ['labour', 'neighbour'], activeCases: 1, capacity: 4 }),
    m('full', { categories: ['labour'], activeCases: 10 }),
    m('over', { categories: ['labour'], activeCases: 12 }),
    m('other', { categories: ['medical'] }),
    m('elsewhere', { regionCode: 'somewhere-else' }),
  ];
  const q = { category: 'work-injury', tier: 'town' as const, regionCode: 'demo-town-a1' };
  t.same(
    ids(recommendMediators(reg, q, tree, 10)),
    ['f', 'c', 'd', 'a', 'b', 'e'],
    'lower load first (1/4 < 5/10); equal load: longer service, then unknown since, then id; generalist last; ' +
      'full, unrelated and unknown regions out',
  );
  t.same(
    ids(recommendMediators([...reg].reverse(), q, tree, 10)),
    ['f', 'c', 'd', 'a', 'b', 'e'],
    'order of the registry does not matter',
  );
  t.same(recommendMediators([], q, tree), []);
});

t.test('bad input', async (t) => {
  const q = { category: 'labour', tier: 'town' as const, regionCode: 'demo-town-a1' };
  t.throws(() => recommendMediators(DEMO_MEDIATORS, { ...q, category: 'foo' }, tree), {
    name: 'DomainError',
    code: 'UNKNOWN_CATEGORY',
  });
  t.throws(() => recommendMediators(DEMO_MEDIATORS, { ...q, tier: 'province' as never }, tree), {
    code: 'UNKNOWN_TIER',
  });
  t.throws(() => recommendMediators(DEMO_MEDIATORS, { ...q, regionCode: 'atlantis' }, tree), {
    code: 'UNKNOWN_REGION',
  });
  t.throws(() => recommendMediators(DEMO_MEDIATORS, { ...q, regionCode: 7 as never }, tree), {
    code: 'UNKNOWN_REGION',
  });
  t.throws(() => recommendMediators(DEMO_MEDIATORS, q, tree, 0), { code: 'INVALID_INPUT' });
  t.throws(() => recommendMediators(DEMO_MEDIATORS, q, DEMO_REGIONS as never), { code: 'INVALID_INPUT' });
  t.throws(() => recommendMediators(DEMO_MEDIATORS, null as never, tree), { code: 'INVALID_INPUT' });
  t.throws(() => recommendMediators('x' as never, q, tree), { code: 'INVALID_MEDIATOR' });
  const bad = (over: Record<string, unknown>, message: RegExp) =>
    t.throws(() => recommendMediators([{ ...m('z'), ...over } as Mediator], q, tree), {
      code: 'INVALID_MEDIATOR',
      message,
    });
  bad({ capacity: 0 }, /'z': capacity/);
  bad({ activeCases: -1 }, /activeCases/);
  bad({ categories: [] }, /categories/);
  bad({ categories: ['foo'] }, /unknown category 'foo'/);
  bad({ tier: 'province' }, /tier/);
  bad({ kind: 'robot' }, /kind/);
  bad({ id: '' }, /no id/);
  bad({ regionCode: 5 }, /regionCode/);
  bad({ since: 'long ago' }, /since/);
  t.throws(() => recommendMediators([null as never], q, tree), { code: 'INVALID_MEDIATOR', message: /#0/ });
  t.same(
    ids(recommendMediators([{ ...m('n'), since: null } as never], q, tree)),
    ['n'],
    'since: null (from the database) is accepted',
  );
});

t.test('the demo registry is consistent with the demo regions', async (t) => {
  for (const x of DEMO_MEDIATORS) {
    t.equal(tree.get(x.regionCode).tier, x.tier, `${x.id} sits at its region's tier`);
    t.match(x.name, /\p{Script=Han}/u);
  }
  t.equal(new Set(DEMO_MEDIATORS.map((x) => x.id)).size, DEMO_MEDIATORS.length);
});
