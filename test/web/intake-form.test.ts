// The intake form's pure helpers (web/src/components/intake/form.ts), without a browser: the region
// tree the cascader shows, the body sent to POST /api/matters, what the duplicate check looks up, and
// the form's Idempotency-Key where randomUUID is missing (an intranet over plain http).
import t from 'tap';
import {
  emptyForm,
  identifiers,
  intakeBody,
  newIdempotencyKey,
  newParty,
  regionTree,
} from '../../web/src/components/intake/form.js';
import type { Region } from '../../web/src/components/intake/form.js';

const region = (code: string, parent: string | null): Region => ({
  code,
  name: code.toUpperCase(),
  nameEn: null,
  tier: 'town',
  tierLabel: { zh: '乡镇(街道)', en: 'town' },
  parent,
  regionClass: 1,
});

t.test('the cascader shows the clerk’s own subtree', async (t) => {
  const items = [region('city', null), region('a', 'city'), region('a1', 'a'), region('a2', 'a'), region('b', 'city')];
  t.same(regionTree(items, 'a'), [
    {
      code: 'a',
      name: 'A',
      children: [
        { code: 'a1', name: 'A1' },
        { code: 'a2', name: 'A2' },
      ],
    },
  ]);
  t.same(regionTree(items, 'nowhere'), [], 'an unknown region: nothing to pick');
});

t.test('the body leaves out what is empty and tidies ID numbers', async (t) => {
  const f = emptyForm();
  Object.assign(f, { regionCode: 'demo-village-a1-2', summary: '  邻居占用楼道  ' });
  f.facts.violence = true;
  f.facts.amountYuan = 1200;
  f.parties[0] = { ...newParty(), name: ' 李四 ', idNumber: '11010519491231002x ', phone: '' };
  t.same(intakeBody(f), {
    matterType: 'dispute',
    channel: 'window',
    regionCode: 'demo-village-a1-2',
    summary: '邻居占用楼道',
    facts: { amountYuan: 1200, violence: true },
    parties: [{ role: 'applicant', name: '李四', idNumber: '11010519491231002X' }],
  });
  f.parties = [];
  f.category = 'neighbour';
  t.same(Object.keys(intakeBody(f)).sort(), ['category', 'channel', 'facts', 'matterType', 'regionCode', 'summary']);
});

t.test('the duplicate check looks up valid numbers only', async (t) => {
  const parties = [
    { ...newParty(), idNumber: '330203199001011234', phone: '13955556666' },
    { ...newParty(), idNumber: '11010519491231002x', phone: '1395555' },
    { ...newParty(), idNumber: '', phone: '' },
  ];
  t.same(identifiers(parties), [{ phone: '13955556666' }, { idNumber: '11010519491231002X' }]);
});

t.test('an Idempotency-Key with or without randomUUID', async (t) => {
  const a = newIdempotencyKey();
  t.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const saved = crypto.randomUUID;
  (crypto as { randomUUID?: unknown }).randomUUID = undefined;
  t.teardown(() => void (crypto.randomUUID = saved));
  const b = newIdempotencyKey();
  t.match(b, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a v4 UUID from getRandomValues');
  t.not(b, newIdempotencyKey(), 'a new one each time');
});
