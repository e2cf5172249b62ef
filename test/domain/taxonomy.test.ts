// Matter types, channels, the dispute taxonomy and departments.
import t from 'tap';
import {
  CATEGORIES,
  CHANNELS,
  CHANNEL_LABELS,
  DEPARTMENTS,
  DEPARTMENT_CODES,
  MAJOR_CATEGORY_CODES,
  MATTER_TYPES,
  MATTER_TYPE_LABELS,
  categoryInfo,
  categoryLabel,
  channelNeedsParty,
  department,
  departmentLabel,
  isCategory,
  isChannel,
  isDepartment,
  isMajorCategory,
  isMatterType,
  majorCategory,
  majorCategoryRecord,
  requireChannel,
  requireMatterType,
} from '../../domain/index.js';

t.test('matter types and channels', async (t) => {
  t.same(MATTER_TYPES, ['dispute', 'petition', 'complaint', 'consultation', 'counselling']);
  for (const m of MATTER_TYPES) t.ok(MATTER_TYPE_LABELS[m].zh && MATTER_TYPE_LABELS[m].en, m);
  t.equal(MATTER_TYPE_LABELS.petition.zh, '信访诉求');
  for (const c of CHANNELS) t.match(CHANNEL_LABELS[c].zh, /\p{Script=Han}|\d/u, c);
  t.ok(isMatterType('complaint'));
  t.notOk(isMatterType('lawsuit'));
  t.ok(isChannel('police-110'));
  t.notOk(isChannel('fax'));
  t.equal(requireMatterType('dispute'), 'dispute');
  t.throws(() => requireMatterType('lawsuit'), { code: 'UNKNOWN_MATTER_TYPE', message: /'lawsuit'/ });
  t.equal(requireChannel('grid'), 'grid');
  t.throws(() => requireChannel(undefined), { code: 'UNKNOWN_CHANNEL' });
  // Only a device's or system's own report may name no party; a transfer still carries its citizen.
  t.same(
    CHANNELS.filter((c) => !channelNeedsParty(c)),
    ['system'],
  );
  t.equal(CHANNEL_LABELS.system.zh, '设备或系统自动上报');
  t.throws(() => channelNeedsParty('fax' as never), { code: 'UNKNOWN_CHANNEL' });
});

t.test('18 major categories, unique kebab-case codes', async (t) => {
  t.equal(CATEGORIES.length, 18);
  t.same(
    CATEGORIES.map((c) => c.code),
    [...MAJOR_CATEGORY_CODES],
    'the table and the code list agree, in order',
  );
  const all = CATEGORIES.flatMap((c) => [c.code, ...c.minors.map((m) => m.code)]);
  t.equal(new Set(all).size, all.length, 'no code is used twice (minors never repeat a major)');
  for (const code of all) t.match(code, /^[a-z]+(-[a-z]+)*$/, code);
  for (const c of CATEGORIES) {
    t.ok(c.minors.length >= 1, `${c.code} has minors`);
    for (const x of [c, ...c.minors]) t.ok(x.zh && x.en, `${x.code} has both names`);
  }
  t.ok(CATEGORIES.find((c) => c.code === 'labour')!.minors.some((m) => m.code === 'unpaid-wages'));
});

t.test('lookups accept major and minor codes', async (t) => {
  t.equal(majorCategory('unpaid-wages'), 'labour');
  t.equal(majorCategory('labour'), 'labour');
  t.equal(majorCategory('demolition'), 'land-acquisition');
  t.ok(isCategory('work-injury'));
  t.ok(isCategory('neighbour'));
  t.notOk(isCategory('foo'));
  t.notOk(isCategory(7));
  t.ok(isMajorCategory('medical'));
  t.notOk(isMajorCategory('work-injury'));
  t.equal(categoryLabel('land-acquisition'), '征地拆迁纠纷');
  t.equal(categoryLabel('unpaid-wages', 'en'), 'Unpaid wages');
  t.same(categoryInfo('dismissal'), {
    code: 'dismissal',
    zh: '解除劳动合同纠纷',
    en: 'Dismissal',
    major: 'labour',
    isMajor: false,
  });
  t.equal(majorCategoryRecord('bullying').code, 'school-campus');
  t.throws(() => majorCategory('foo'), {
    name: 'DomainError',
    code: 'UNKNOWN_CATEGORY',
    message: "unknown dispute category 'foo'",
  });
  t.throws(() => categoryLabel('foo'), { code: 'UNKNOWN_CATEGORY' });
  t.throws(() => categoryLabel('labour', 'fr' as never), { code: 'INVALID_INPUT' });
  t.throws(() => categoryInfo(null as never), { code: 'UNKNOWN_CATEGORY', message: /null/ });
});

t.test('departments', async (t) => {
  t.equal(DEPARTMENTS.length, DEPARTMENT_CODES.length);
  t.same(
    DEPARTMENTS.map((d) => d.code),
    [...DEPARTMENT_CODES],
  );
  for (const d of DEPARTMENTS) t.ok(d.zh && d.en, d.code);
  for (const c of [
    'people-mediation-committee',
    'construction-mediation',
    'property-mediation',
    'medical-mediation',
    'financial-mediation',
    'traffic-mediation',
    'commercial-mediation',
    'family-mediation',
  ])
    t.equal(department(c).kind, 'committee', c);
  t.equal(department('hrss').kind, 'department');
  t.equal(departmentLabel('petition-office'), '信访局');
  t.equal(departmentLabel('womens-federation', 'en'), "Women's federation");
  t.ok(isDepartment('trade-union'));
  t.notOk(isDepartment('army'));
  t.throws(() => department('army'), { code: 'UNKNOWN_DEPARTMENT', message: "unknown department 'army'" });
  t.throws(() => departmentLabel('court', 'fr' as never), { code: 'INVALID_INPUT' });
});

t.test('a category is suggested from the words of a summary', async (t) => {
  const { suggestCategory, isCategory, CATEGORY_KEYWORDS } = await import('../../domain/index.js');
  t.equal(suggestCategory('某工地拖欠160名农民工工资'), 'unpaid-wages', 'the specific minor category first');
  t.equal(suggestCategory('楼上漏水，邻居不管'), 'water-drainage');
  t.equal(suggestCategory('遭受家暴，要求离婚'), 'domestic-violence');
  t.equal(suggestCategory('天气很好'), null, 'nothing matches');
  t.equal(suggestCategory(42 as any), null);
  for (const row of CATEGORY_KEYWORDS) t.ok(isCategory(row.category), `${row.category} is a category`);
});
