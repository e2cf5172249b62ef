// Demo mediator registry for the demo regions (fictional people). Loads are snapshots: the API
// counts real open matters. One county mediator is at capacity, to show exclusion.
import type { Mediator } from '../mediators.js';

export const DEMO_MEDIATORS: Mediator[] = [
  // Mingjiang District (class 1), county centre
  { id: 'med-a-county-01', name: '王建国', kind: 'individual', regionCode: 'demo-county-a', tier: 'county', categories: ['labour', 'construction'], activeCases: 4, capacity: 12, since: 2009 },
  { id: 'med-a-county-02', name: '李秀英', kind: 'individual', regionCode: 'demo-county-a', tier: 'county', categories: ['marriage-family', 'inheritance'], activeCases: 6, capacity: 10, since: 2012 },
  { id: 'med-a-county-03', name: '张伟', kind: 'individual', regionCode: 'demo-county-a', tier: 'county', categories: ['*'], activeCases: 3, capacity: 10, since: 2016 },
  { id: 'med-a-county-04', name: '刘芳', kind: 'individual', regionCode: 'demo-county-a', tier: 'county', categories: ['labour'], activeCases: 10, capacity: 10, since: 2005 },
  { id: 'med-a-county-medical', name: '明江区医疗纠纷人民调解委员会', kind: 'committee', regionCode: 'demo-county-a', tier: 'county', categories: ['medical'], activeCases: 7, capacity: 30, since: 2011 },
  { id: 'med-a-county-traffic', name: '明江区道路交通事故纠纷调解委员会', kind: 'committee', regionCode: 'demo-county-a', tier: 'county', categories: ['traffic'], activeCases: 12, capacity: 40, since: 2013 },
  // towns
  { id: 'med-a1-town-01', name: '陈明', kind: 'individual', regionCode: 'demo-town-a1', tier: 'town', categories: ['property-management', 'neighbour'], activeCases: 2, capacity: 8, since: 2018 },
  { id: 'med-a1-town-02', name: '杨丽', kind: 'individual', regionCode: 'demo-town-a1', tier: 'town', categories: ['*'], activeCases: 1, capacity: 8, since: 2020 },
  { id: 'med-a1-town-labour', name: '东湖街道劳动争议调解中心', kind: 'committee', regionCode: 'demo-town-a1', tier: 'town', categories: ['labour'], activeCases: 5, capacity: 20, since: 2015 },
  { id: 'med-a2-town-01', name: '赵强', kind: 'individual', regionCode: 'demo-town-a2', tier: 'town', categories: ['land-housing', 'neighbour', 'marriage-family'], activeCases: 3, capacity: 8, since: 2010 },
  // villages
  { id: 'med-a1-1-village-01', name: '黄敏', kind: 'individual', regionCode: 'demo-village-a1-1', tier: 'village', categories: ['*'], activeCases: 1, capacity: 5, since: 2019 },
  { id: 'med-a1-2-village-01', name: '周勇', kind: 'individual', regionCode: 'demo-village-a1-2', tier: 'village', categories: ['neighbour', 'marriage-family'], activeCases: 0, capacity: 5, since: 2021 },
  { id: 'med-a2-1-village-01', name: '吴静', kind: 'individual', regionCode: 'demo-village-a2-1', tier: 'village', categories: ['*'], activeCases: 2, capacity: 5, since: 2014 },
  { id: 'med-a2-2-village-01', name: '徐磊', kind: 'individual', regionCode: 'demo-village-a2-2', tier: 'village', categories: ['land-housing'], activeCases: 1, capacity: 5, since: 2017 },
  // Xingdao Island County (class 3): a few generalists who work online for the outer islands
  { id: 'med-island-county-01', name: '孙燕', kind: 'individual', regionCode: 'demo-island-county', tier: 'county', categories: ['*'], activeCases: 2, capacity: 10, since: 2013 },
  { id: 'med-island-county-02', name: '马海生', kind: 'individual', regionCode: 'demo-island-county', tier: 'county', categories: ['labour', 'contract-debt'], activeCases: 1, capacity: 6, since: 2019 },
  { id: 'med-island-town1-01', name: '朱海波', kind: 'individual', regionCode: 'demo-island-town-1', tier: 'town', categories: ['*'], activeCases: 1, capacity: 6, since: 2016 },
];
