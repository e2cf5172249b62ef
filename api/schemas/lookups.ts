// The codes a form needs, with their labels (Chinese first): regions, categories, matter types,
// channels, units and the people of a unit. Nothing here is personal data except staff names.
import { Type, type Static } from 'typebox';

const Label = { zh: Type.String({ description: '中文 Chinese' }), en: Type.String({ description: 'English' }) };

export const RegionItem = Type.Object({
  code: Type.String({ description: '区域代码 Region code' }),
  name: Type.String({ description: '名称 Name' }),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  tier: Type.String({ description: '层级 city/county/town/village/grid' }),
  tierLabel: Type.Object(Label),
  parent: Type.Union([Type.String(), Type.Null()], { description: '上级 Parent code' }),
  regionClass: Type.Integer({ description: '县域类别 1/2/3 (stationed departments)' }),
});
export const RegionList = Type.Object(
  { items: Type.Array(RegionItem) },
  {
    description: '区域（父级在前）Regions, parents first',
    examples: [
      {
        items: [
          {
            code: 'demo-county-a',
            name: '明江区',
            nameEn: 'Mingjiang District',
            tier: 'county',
            tierLabel: { zh: '县(市、区)', en: 'County' },
            parent: 'demo-city',
            regionClass: 1,
          },
        ],
      },
    ],
  },
);

const Coded = Type.Object({ code: Type.String(), ...Label });

export const CategoryList = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        ...Coded.properties,
        sensitive: Type.Boolean({ description: '敏感（公开页面不显示）Sensitive: hidden on public pages' }),
        minors: Type.Array(Type.Object({ ...Coded.properties, sensitive: Type.Boolean() })),
      }),
    ),
  },
  {
    description: '纠纷类别（大类与小类）Dispute categories, major and minor',
    examples: [
      {
        items: [
          {
            code: 'neighbour',
            zh: '邻里纠纷',
            en: 'Neighbour disputes',
            sensitive: false,
            minors: [{ code: 'noise', zh: '噪音', en: 'Noise', sensitive: false }],
          },
        ],
      },
    ],
  },
);

export const CodeList = Type.Object(
  { items: Type.Array(Coded) },
  {
    description: '代码与名称 Codes and labels',
    examples: [{ items: [{ code: 'window', zh: '窗口来访', en: 'Walk-in' }] }],
  },
);

export const UnitQuery = Type.Object(
  {
    region: Type.Optional(Type.String({ description: '区域代码（默认本人辖区）Region (default: your jurisdiction)' })),
  },
  { additionalProperties: false },
);
export const UnitList = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        unit: Type.String({ description: '单位队列 Unit queue: <region>/<department>' }),
        label: Type.String({ description: '单位名称 Unit name' }),
        regionCode: Type.String(),
        department: Type.String({ description: '部门代码 Department code' }),
        staffed: Type.Boolean({ description: '有在岗人员 Someone can take its work' }),
      }),
    ),
  },
  {
    description: '辖区内的单位队列 Unit queues in the region subtree',
    examples: [
      {
        items: [
          {
            unit: 'demo-county-a/labour',
            label: '明江区人力资源和社会保障局',
            regionCode: 'demo-county-a',
            department: 'labour',
            staffed: true,
          },
        ],
      },
    ],
  },
);
export type UnitList = Static<typeof UnitList>;

export const UnitParams = Type.Object(
  { unit: Type.String({ pattern: '^[a-z0-9-]+/[a-z0-9-]+$', description: '单位队列 Unit queue (URL-encoded)' }) },
  { additionalProperties: false },
);
export const UnitMemberList = Type.Object(
  {
    unit: Type.String(),
    label: Type.String(),
    items: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()) })),
  },
  {
    description: '单位在岗人员（指派时选择）Active members of the unit, for assignment',
    examples: [
      {
        unit: 'demo-town-a1/people-mediation-committee',
        label: '东湖街道人民调解委员会',
        items: [{ id: 'med-a1-town-01', displayName: '调解员 陈明', roles: ['mediator'] }],
      },
    ],
  },
);
