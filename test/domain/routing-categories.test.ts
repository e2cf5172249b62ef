// Routing by category: where each category of each matter type lands, written out; matters of a place
// (public facilities, property management) at the town or street that owns it; consumer complaints,
// food included, at market regulation; the unit a citizen is told, in Chinese.
import t from 'tap';
import {
  DEMO_REGIONS,
  MAJOR_CATEGORY_CODES,
  MATTER_TYPES,
  RegionTree,
  isDepartment,
  route,
  suggestCategory,
  unitId,
  unitLabel,
} from '../../domain/index.js';
import type { DepartmentCode, MajorCategoryCode, RouteInput, Tier } from '../../domain/index.js';

const tree = new RegionTree(DEMO_REGIONS);
const r = (input: RouteInput) => route(input, tree);
const unit = (x: ReturnType<typeof r>) => unitId(x.regionCode, x.committee ?? x.department);

// A green matter of the Hubin community (village under Donghu Street, class 1): tier and unit.
const COMPLAINTS: Record<MajorCategoryCode, [Tier, DepartmentCode]> = {
  'marriage-family': ['county', 'womens-federation'],
  neighbour: ['town', 'town-government'],
  'land-housing': ['county', 'natural-resources'],
  labour: ['county', 'labour-inspection'],
  'property-management': ['town', 'town-government'],
  medical: ['county', 'health'],
  traffic: ['county', 'transport'],
  consumer: ['county', 'market-regulation'],
  'contract-debt': ['county', 'petition-office'],
  financial: ['county', 'finance-regulator'],
  construction: ['county', 'housing'],
  environment: ['county', 'ecology-environment'],
  'land-acquisition': ['county', 'natural-resources'],
  administrative: ['county', 'justice'],
  inheritance: ['county', 'petition-office'],
  'school-campus': ['county', 'education'],
  tourism: ['county', 'culture-tourism'],
  other: ['county', 'petition-office'],
};

// Disputes: the unit is the committee that mediates, or the department where none does.
const DISPUTES: Record<MajorCategoryCode, [Tier, DepartmentCode]> = {
  'marriage-family': ['village', 'people-mediation-committee'],
  neighbour: ['village', 'people-mediation-committee'],
  'land-housing': ['village', 'people-mediation-committee'],
  labour: ['village', 'people-mediation-committee'],
  'property-management': ['town', 'property-mediation'],
  medical: ['county', 'medical-mediation'],
  traffic: ['county', 'traffic-mediation'],
  consumer: ['town', 'market-regulation'],
  'contract-debt': ['village', 'people-mediation-committee'],
  financial: ['county', 'financial-mediation'],
  construction: ['county', 'construction-mediation'],
  environment: ['county', 'ecology-environment'],
  'land-acquisition': ['county', 'natural-resources'],
  administrative: ['county', 'justice'],
  inheritance: ['village', 'people-mediation-committee'],
  'school-campus': ['county', 'education'],
  tourism: ['county', 'culture-tourism'],
  other: ['village', 'people-mediation-committee'],
};

const REGION_AT: Record<string, string> = {
  village: 'demo-village-a1-1',
  town: 'demo-town-a1',
  county: 'demo-county-a',
};

t.test('every category of complaint and dispute lands where it belongs', async (t) => {
  for (const [matterType, table] of [
    ['complaint', COMPLAINTS],
    ['dispute', DISPUTES],
  ] as const) {
    for (const category of MAJOR_CATEGORY_CODES) {
      const [tier, dept] = table[category];
      const x = r({ matterType, category, regionCode: 'demo-village-a1-1', risk: 'green' });
      t.equal(unit(x), `${REGION_AT[tier]}/${dept}`, `${matterType} ${category}`);
      t.equal(x.startTier, tier);
    }
  }
});

t.test('petitions, consultations and counselling of every category', async (t) => {
  for (const category of [undefined, ...MAJOR_CATEGORY_CODES]) {
    const at = { category, regionCode: 'demo-village-a1-1', risk: 'green' } as const;
    t.equal(unit(r({ matterType: 'petition', ...at })), 'demo-county-a/petition-office', `petition ${category}`);
    t.equal(unit(r({ matterType: 'consultation', ...at })), 'demo-town-a1/justice', `consultation ${category}`);
    t.equal(
      unit(r({ matterType: 'counselling', ...at })),
      category === 'marriage-family' ? 'demo-town-a1/civil-affairs' : 'demo-town-a1/health',
      `counselling ${category}`,
    );
  }
});

t.test('from every demo region, every matter routes at or above where it was received', async (t) => {
  let n = 0;
  for (const region of tree.all())
    for (const matterType of MATTER_TYPES)
      for (const category of [undefined, ...MAJOR_CATEGORY_CODES])
        for (const risk of ['green', 'orange', 'red'] as const) {
          const x = r({ matterType, category, regionCode: region.code, risk });
          const ok =
            tree.isWithin(region.code, x.regionCode) &&
            x.startTier === tree.get(x.regionCode).tier &&
            isDepartment(x.committee ?? x.department) &&
            // The town government never lands anywhere but at a town.
            (x.department !== 'town-government' || x.startTier === 'town');
          if (!ok) t.fail(`${matterType} ${category} ${risk} from ${region.code}: ${JSON.stringify(x)}`);
          n++;
        }
  t.pass(`${n} routes checked`);
});

t.test('a broken street lamp goes to the town or street that owns the place', async (t) => {
  t.equal(suggestCategory('路灯监测：湖滨社区3号路灯故障不亮'), 'public-facilities', 'suggested from the words');
  const lamp = r({
    matterType: 'complaint',
    category: 'public-facilities',
    regionCode: 'demo-grid-a1-1-1',
    risk: 'green',
  });
  t.same(lamp, {
    startTier: 'town',
    regionCode: 'demo-town-a1',
    department: 'town-government',
    stage: 'complaint',
    online: false,
    reasons: ['rule:complaint-property-management-town'],
    ruleId: 'complaint-property-management-town',
  });
  t.equal(unitLabel(unit(lamp), tree), '东湖街道办事处', 'a street: its office');
  const town = r({
    matterType: 'complaint',
    category: 'public-facilities',
    regionCode: 'demo-village-a2-1',
    risk: 'green',
  });
  t.equal(unitLabel(unit(town), tree), '西岭镇人民政府', 'a town: its government');
  t.match(
    r({ matterType: 'complaint', category: 'owners-committee', regionCode: 'demo-village-b1-1', risk: 'orange' }),
    { regionCode: 'demo-town-b1', department: 'town-government' },
    'property management of a class-2 village: its town',
  );

  // Class 3: a township's own government is there even where nothing is stationed (no online transfer).
  const island = r({
    matterType: 'complaint',
    category: 'public-facilities',
    regionCode: 'demo-island-village-2-1',
    risk: 'green',
  });
  t.match(island, { regionCode: 'demo-island-town-2', department: 'town-government', online: false });
  t.equal(unitLabel(unit(island), tree), '渔山乡人民政府');

  // Received above any town, the county bureau takes it: a county has no town government.
  const county = r({ matterType: 'complaint', category: 'common-areas', regionCode: 'demo-county-a', risk: 'green' });
  t.match(county, { startTier: 'county', regionCode: 'demo-county-a', department: 'housing' });
  t.same(county.reasons, ['rule:complaint-property-management-town', 'intake-above-start-tier', 'fallback:housing']);
  t.match(r({ matterType: 'complaint', category: 'noise-nuisance', regionCode: 'demo-county-b', risk: 'green' }), {
    department: 'petition-office',
  });
  const odd = new RegionTree([
    { code: 'k', name: '县', tier: 'county', parent: null, regionClass: 1, departments: [] },
    { code: 'v', name: '村', tier: 'village', parent: 'k', regionClass: 1, departments: [] },
  ]);
  const noTown = route({ matterType: 'complaint', category: 'parking', regionCode: 'v', risk: 'green' }, odd);
  t.match(noTown, { regionCode: 'k', department: 'housing' }, 'no town in the tree: the county bureau');
  t.ok(noTown.reasons.includes('no-town-above-intake'));

  t.match(
    r({ matterType: 'dispute', category: 'public-facilities', regionCode: 'demo-village-a1-1', risk: 'green' }),
    { regionCode: 'demo-town-a1', committee: 'property-mediation' },
    'a dispute over them is mediated like property management',
  );
});

t.test('consumer complaints, food included, go to market regulation', async (t) => {
  t.equal(suggestCategory('超市买的食品已经变质，商家拒绝退货'), 'food-safety');
  t.equal(suggestCategory('外卖吃出异物'), 'food-safety');
  for (const category of ['food-safety', 'product-quality', 'prepaid-card', 'consumer'])
    t.match(
      r({ matterType: 'complaint', category, regionCode: 'demo-village-a1-1', risk: 'green' }),
      {
        startTier: 'county',
        regionCode: 'demo-county-a',
        department: 'market-regulation',
        ruleId: 'complaint-consumer',
      },
      category,
    );
  const food = r({
    matterType: 'complaint',
    category: 'food-safety',
    regionCode: 'demo-island-village-1-1',
    risk: 'green',
  });
  t.match(food, { regionCode: 'demo-island-county', department: 'market-regulation', online: false });
  t.equal(unitLabel(unit(food), tree), '星岛县市场监督管理局');
});

t.test('unit ids and their Chinese names', async (t) => {
  t.equal(unitId('demo-town-a1', 'justice'), 'demo-town-a1/justice');
  t.equal(unitLabel('demo-county-a/market-regulation', tree), '明江区市场监督管理局');
  t.equal(unitLabel('demo-village-a1-1/people-mediation-committee', tree), '东湖街道湖滨社区人民调解委员会');
  t.equal(unitLabel('demo-county-a/centre', tree), '明江区综治中心');
  t.equal(unitLabel('demo-grid-a1-1-1/centre', tree), '东湖街道湖滨社区第一网格综治中心', 'a grid names its town');
  t.equal(
    unitLabel('demo-grid-a1-1-1/centre', tree, 'county'),
    '明江区东湖街道湖滨社区第一网格综治中心',
    'from the county, as a document addresses it; 湖滨社区 not said twice',
  );
  t.equal(unitLabel('demo-county-a/justice', tree, 'county'), '明江区司法局');
  t.equal(unitLabel('demo-town-a1/justice', tree), '东湖街道司法所', 'a town is not prefixed twice');
  t.equal(unitLabel('atlantis/court', tree), 'atlantis人民法院', 'an unknown region keeps its code');
  t.equal(unitLabel('demo-town-a1/womens-federation-x', tree), '东湖街道womens-federation-x');
  t.equal(unitLabel('demo-town-a1', tree), '东湖街道', 'a region alone');
});
