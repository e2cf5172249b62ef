// The rules of quality sampling (domain/quality.ts): the China week, catching up missed weeks, the
// reviewer one level up, the share and the draw, deadline misses, and where a long-unresolved dispute goes.
import t from 'tap';
import {
  DEMO_REGIONS,
  RegionTree,
  countDeadlineMisses,
  drawSamples,
  litigationGuidance,
  previousWeek,
  requireShare,
  reviewerOf,
  sampleSize,
  shareFor,
  weekContaining,
  weekOf,
  weeksToSample,
  type SampleCandidate,
} from '../../domain/index.js';

const regions = new RegionTree(DEMO_REGIONS);
const at = (s: string) => new Date(s);

t.test('a week is Monday 00:00 to Monday 00:00 China time', async (t) => {
  const w = weekContaining(at('2026-10-19T05:00:00+08:00'));
  t.same(
    [w.key, w.start.toISOString(), w.end.toISOString()],
    ['2026-10-19', '2026-10-18T16:00:00.000Z', '2026-10-25T16:00:00.000Z'],
    'Monday 05:00 in Beijing is Sunday in UTC, but in the new week',
  );
  t.equal(weekContaining(at('2026-10-18T23:59:59+08:00')).key, '2026-10-12', 'Sunday night: the week before');
  t.equal(previousWeek(at('2026-10-19T00:00:00+08:00')).key, '2026-10-12');
  t.equal(previousWeek(at('2026-10-25T23:00:00+08:00')).key, '2026-10-12');
  t.equal(weekOf('2026-10-21').key, '2026-10-19', 'any day names its week');
  t.throws(() => weekOf('21/10/2026'), { code: 'INVALID_INPUT' });
});

t.test('a run samples the previous week and any week missed since the last', async (t) => {
  const now = at('2026-10-21T09:00:00+08:00');
  t.same(
    weeksToSample(now, null).map((w) => w.key),
    ['2026-10-12'],
    'first run: the previous week',
  );
  t.same(weeksToSample(now, '2026-10-12'), [], 'sampled already');
  t.same(
    weeksToSample(now, '2026-09-21').map((w) => w.key),
    ['2026-09-28', '2026-10-05', '2026-10-12'],
    'weeks a late timer missed',
  );
  t.equal(weeksToSample(now, '2025-01-06', 8).length, 8, 'at most eight');
});

t.test('the level above reviews: the town for villages, the county for towns', async (t) => {
  t.same(reviewerOf('demo-village-a1-1', 'village', regions), {
    tier: 'town',
    regionCode: 'demo-town-a1',
    unit: 'demo-town-a1/justice',
  });
  t.same(reviewerOf('demo-town-a1', 'town', regions)?.unit, 'demo-county-a/justice');
  t.same(reviewerOf('demo-island-village-2-1', 'village', regions)?.unit, 'demo-island-town-2/centre', 'no 司法所');
  t.equal(reviewerOf('demo-county-a', 'county', regions), null, "the county's joint mediation is not sampled");
});

t.test('shares: the nearest region that sets one; rounded up; a bad share refused', async (t) => {
  const shares = new Map([
    ['demo-county-a', 0.3],
    ['demo-town-a2', 0.5],
  ]);
  t.equal(shareFor('demo-town-a1', shares, regions, 0.2), 0.3, 'inherited from the county');
  t.equal(shareFor('demo-town-a2', shares, regions, 0.2), 0.5);
  t.equal(shareFor('demo-island-town-1', shares, regions, 0.2), 0.2, 'the default');
  t.same(
    [sampleSize(0, 0.2), sampleSize(1, 0.2), sampleSize(30, 0.1), sampleSize(4, 0.5), sampleSize(3, 1)],
    [0, 1, 3, 2, 3],
  );
  for (const bad of [0, 1.5, -1, 'x', null]) t.throws(() => requireShare(bad), { code: 'INVALID_INPUT' });
  t.equal(requireShare('0.25'), 0.25, 'a header is text');
});

t.test("the draw: per review pool, only people's mediation, the same every time", async (t) => {
  const c = (id: string, unit: string, tier: 'village' | 'town' = 'village'): SampleCandidate => ({
    matterId: id,
    trackingCode: `GC-${id}`,
    regionCode: unit.split('/')[0]!,
    mediatedTier: tier,
    mediatedUnit: unit,
  });
  const candidates = [
    ...['1', '2', '3', '4'].map((id) => c(id, 'demo-village-a1-1/people-mediation-committee')),
    ...['5', '6'].map((id) => c(id, 'demo-village-a1-2/people-mediation-committee')),
    c('7', 'demo-town-a1/people-mediation-committee', 'town'),
    c('8', 'demo-town-a1/property-mediation', 'town'),
  ];
  const draw = drawSamples(candidates, '2026-10-12', regions, (r) => (r === 'demo-town-a1' ? 0.5 : 0.2));
  const town = draw.filter((d) => d.reviewUnit === 'demo-town-a1/justice');
  t.equal(town.length, 3, "half of the town's six village cases, as one pool");
  t.same(
    draw.filter((d) => d.reviewUnit === 'demo-county-a/justice').map((d) => d.matterId),
    ['7'],
    "the town's own case goes to the county",
  );
  t.notOk(
    draw.some((d) => d.matterId === '8'),
    'professional mediation is not sampled',
  );
  const ids = (cs: SampleCandidate[]) =>
    drawSamples(cs, '2026-10-12', regions, () => 0.5)
      .map((d) => d.matterId)
      .sort();
  t.same(ids([...candidates].reverse()), ids(candidates), 'the order of the candidates does not matter');
  t.same(ids(candidates), ids(candidates.map((x) => ({ ...x }))), 'the same on every run');
});

t.test('deadline misses, and where a long-unresolved dispute is guided', async (t) => {
  t.equal(
    countDeadlineMisses([
      { id: '1', type: 'reminder-letter' },
      { id: '2', type: 'risk-warning-letter' },
      { id: '3', type: 'mediation-overdue' },
    ]),
    1,
    'letters before the deadline are no misses',
  );
  t.equal(
    countDeadlineMisses([
      { id: '1', type: 'mediation-overdue' },
      { id: '2', type: 'assignment-sheet', deadline: '2026-10-20T10:00:00.000Z', element: 'Task_ReportSheet' },
      { id: '3', type: 'assignment-sheet', deadline: '2026-10-20T10:00:00.000Z', element: 'Task_ReportSheet' },
      { id: '4', type: 'assignment-sheet', deadline: '2026-11-20T10:00:00.000Z', element: 'Task_ReviewSheet' },
    ]),
    2,
    'two departments late for one deadline are one miss; a late quality review is not the case’s',
  );
  const labour = litigationGuidance('unpaid-wages', 'demo-village-a2-1', 2, regions);
  t.same([labour.route, labour.unit], ['labour-arbitration', 'demo-county-a/labour-arbitration']);
  t.match(labour.message, /^本案已 2 次逾期.*劳动仲裁/);
  const court = litigationGuidance('neighbour', 'demo-village-a2-1', 3, regions);
  t.same([court.route, court.unit], ['litigation', 'demo-county-a/court']);
  t.same(litigationGuidance(null, 'demo-island-town-1', 2, regions).unit, 'demo-island-county/court');
});
