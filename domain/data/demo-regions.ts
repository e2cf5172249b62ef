// A fictional demo city for development, tests and the seed script: one class-1 county where
// nearly everything is stationed, and one class-3 island county where little is, so that the
// "accept at outlets, route online" path (网点受理、线上流转) is exercised. Codes are stable: tests,
// the seed and the database refer to them.
import type { DepartmentCode } from '../departments.js';
import type { Presence, Region, StationedDepartment } from '../regions.js';

const at = (presence: Presence, ...departments: DepartmentCode[]): StationedDepartment[] =>
  departments.map((department) => ({ department, presence }));

const COUNTY_A: StationedDepartment[] = [
  ...at(
    'permanent',
    'court',
    'police',
    'justice',
    'legal-aid',
    'petition-office',
    'hrss',
    'labour-arbitration',
    'labour-inspection',
    'people-mediation-committee',
    'construction-mediation',
    'property-mediation',
    'medical-mediation',
    'traffic-mediation',
    'family-mediation',
    'financial-mediation',
    'commercial-mediation',
  ),
  ...at(
    'rotating',
    'procuratorate',
    'housing',
    'market-regulation',
    'health',
    'civil-affairs',
    'natural-resources',
    'womens-federation',
    'trade-union',
    'notary',
    'education',
  ),
  ...at('on-call', 'ecology-environment', 'transport', 'finance-regulator', 'culture-tourism'),
];

// Class-3: the petition bureau and justice hold the centre; the rest come when called.
const ISLAND_COUNTY: StationedDepartment[] = [
  ...at('permanent', 'petition-office', 'justice', 'people-mediation-committee'),
  ...at('rotating', 'police', 'hrss'),
  ...at(
    'on-call',
    'court',
    'labour-arbitration',
    'health',
    'housing',
    'womens-federation',
    'market-regulation',
    'natural-resources',
  ),
];

// Functions, not shared arrays, so that no two regions alias the same objects.
const townA = (): StationedDepartment[] => [
  ...at('permanent', 'justice', 'police', 'people-mediation-committee', 'hrss'),
  ...at('rotating', 'court', 'market-regulation', 'property-mediation', 'health'),
];

const villageA = (): StationedDepartment[] => at('permanent', 'people-mediation-committee');

export const DEMO_REGIONS: Region[] = [
  {
    code: 'demo-city',
    name: '甬江市',
    nameEn: 'Yongjiang City',
    tier: 'city',
    parent: null,
    regionClass: 1,
    departments: at(
      'permanent',
      'court',
      'petition-office',
      'justice',
      'medical-mediation',
      'financial-mediation',
      'commercial-mediation',
    ),
  },

  {
    code: 'demo-county-a',
    name: '明江区',
    nameEn: 'Mingjiang District',
    tier: 'county',
    parent: 'demo-city',
    regionClass: 1,
    departments: COUNTY_A,
  },
  {
    code: 'demo-town-a1',
    name: '东湖街道',
    nameEn: 'Donghu Street',
    tier: 'town',
    parent: 'demo-county-a',
    regionClass: 1,
    departments: townA(),
  },
  {
    code: 'demo-village-a1-1',
    name: '湖滨社区',
    nameEn: 'Hubin Community',
    tier: 'village',
    parent: 'demo-town-a1',
    regionClass: 1,
    departments: villageA(),
  },
  {
    code: 'demo-grid-a1-1-1',
    name: '湖滨社区第一网格',
    nameEn: 'Hubin Community Grid 1',
    tier: 'grid',
    parent: 'demo-village-a1-1',
    regionClass: 1,
    departments: [],
  },
  {
    code: 'demo-village-a1-2',
    name: '柳岸社区',
    nameEn: 'Liuan Community',
    tier: 'village',
    parent: 'demo-town-a1',
    regionClass: 1,
    departments: villageA(),
  },
  {
    code: 'demo-town-a2',
    name: '西岭镇',
    nameEn: 'Xiling Town',
    tier: 'town',
    parent: 'demo-county-a',
    regionClass: 1,
    departments: townA(),
  },
  {
    code: 'demo-village-a2-1',
    name: '石桥村',
    nameEn: 'Shiqiao Village',
    tier: 'village',
    parent: 'demo-town-a2',
    regionClass: 1,
    departments: villageA(),
  },
  {
    code: 'demo-village-a2-2',
    name: '竹林村',
    nameEn: 'Zhulin Village',
    tier: 'village',
    parent: 'demo-town-a2',
    regionClass: 1,
    departments: villageA(),
  },

  {
    code: 'demo-island-county',
    name: '星岛县',
    nameEn: 'Xingdao Island County',
    tier: 'county',
    parent: 'demo-city',
    regionClass: 3,
    departments: ISLAND_COUNTY,
  },
  // The bigger island town keeps a justice office (司法所) and a mediation committee...
  {
    code: 'demo-island-town-1',
    name: '沙门镇',
    nameEn: 'Shamen Town',
    tier: 'town',
    parent: 'demo-island-county',
    regionClass: 3,
    departments: at('permanent', 'justice', 'people-mediation-committee'),
  },
  {
    code: 'demo-island-village-1-1',
    name: '东港村',
    nameEn: 'Donggang Village',
    tier: 'village',
    parent: 'demo-island-town-1',
    regionClass: 3,
    departments: [],
  },
  {
    code: 'demo-island-village-1-2',
    name: '西澳村',
    nameEn: 'Xiao Village',
    tier: 'village',
    parent: 'demo-island-town-1',
    regionClass: 3,
    departments: [],
  },
  // ...the outer island township has nothing stationed: its matters go to the county online.
  {
    code: 'demo-island-town-2',
    name: '渔山乡',
    nameEn: 'Yushan Township',
    tier: 'town',
    parent: 'demo-island-county',
    regionClass: 3,
    departments: [],
  },
  {
    code: 'demo-island-village-2-1',
    name: '北礁村',
    nameEn: 'Beijiao Village',
    tier: 'village',
    parent: 'demo-island-town-2',
    regionClass: 3,
    departments: [],
  },
  {
    code: 'demo-island-village-2-2',
    name: '南湾村',
    nameEn: 'Nanwan Village',
    tier: 'village',
    parent: 'demo-island-town-2',
    regionClass: 3,
    departments: [],
  },

  // Class 2: a chosen subset stationed; its matters run the county-leader variant (领导包案).
  {
    code: 'demo-county-b',
    name: '青山县',
    nameEn: 'Qingshan County',
    tier: 'county',
    parent: 'demo-city',
    regionClass: 2,
    departments: [
      ...at('permanent', 'justice', 'petition-office', 'police', 'hrss', 'people-mediation-committee'),
      ...at('rotating', 'court', 'labour-arbitration', 'housing', 'womens-federation', 'trade-union'),
      ...at('on-call', 'health', 'natural-resources', 'market-regulation'),
    ],
  },
  {
    code: 'demo-town-b1',
    name: '青石镇',
    nameEn: 'Qingshi Town',
    tier: 'town',
    parent: 'demo-county-b',
    regionClass: 2,
    departments: at('permanent', 'justice', 'people-mediation-committee', 'police'),
  },
  {
    code: 'demo-village-b1-1',
    name: '溪口村',
    nameEn: 'Xikou Village',
    tier: 'village',
    parent: 'demo-town-b1',
    regionClass: 2,
    departments: villageA(),
  },
];
