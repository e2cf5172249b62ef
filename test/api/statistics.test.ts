// The statistics on a fixture whose figures are computed by hand (comments show the arithmetic).
import t from 'tap';
import { testDatabase } from '../helpers/db.js';
import { connect } from '../../api/repositories/db.js';
import { upsertRegions } from '../../api/repositories/regions.js';
import { insertMatter, recordStep } from '../../api/repositories/matters.js';
import { statistics } from '../../api/repositories/statistics.js';
import { DEMO_REGIONS, RegionTree } from '../../domain/index.js';

const T0 = Date.parse('2026-10-12T01:00:00Z');
const at = (h: number) => new Date(T0 + h * 3_600_000);
const tree = new RegionTree(DEMO_REGIONS);
const pathOf = (code: string) => tree.path(code);

t.test('figures match the hand-computed values', async (t) => {
  const db = connect(await testDatabase(t), 2);
  t.teardown(() => db.destroy());
  await upsertRegions(db, DEMO_REGIONS);
  let n = 0;
  const matter = async (type: string, channel: string, category: string | null, region: string, receivedH: number,
    steps: [string, number, Record<string, unknown>?, string?][], close?: { reason: string; h: number; tier: string }) => {
    const { matter: m } = await insertMatter(db, { trackingCode: `GC-T-${++n}`, matterType: type, channel, category, regionCode: region, regionPath: pathOf(region), summary: 's', receivedAt: at(receivedH) });
    for (const [type2, h, data, unit] of steps) await recordStep(db, m.id, { type: type2, at: at(h), data, unit: unit ?? null, dedupKey: `${m.id}:${type2}:${h}` });
    if (close) await recordStep(db, m.id, { type: 'closed', at: at(close.h), data: { reason: close.reason, tier: close.tier }, dedupKey: `${m.id}:closed` },
      { status: 'closed', closureReason: close.reason as any, closedAt: at(close.h) });
    return m;
  };
  // 1 resolved in the village in 10 h, satisfied.
  await matter('dispute', 'window', 'neighbour', 'demo-village-a1-1', 0, [['follow-up-done', 200, { satisfaction: 'satisfied', resolved: true }]], { reason: 'resolved', h: 10, tier: 'village' });
  // 2 overdue in the village, resolved at the town in 30 h, basically satisfied.
  await matter('dispute', 'hotline', 'unpaid-wages', 'demo-village-a2-1', 0, [['mediation-overdue', 15, {}, 'demo-village-a2-1/people-mediation-committee'], ['follow-up-done', 200, { satisfaction: 'basically-satisfied', resolved: true }]], { reason: 'resolved', h: 30, tier: 'town' });
  // 3 to court, litigated; the follow-up finds it unresolved: unresolved after litigation.
  await matter('dispute', 'online', 'marriage-family', 'demo-village-a1-2', 1, [['litigation-handoff', 40], ['follow-up-done', 300, { satisfaction: 'unsatisfied', resolved: false }]], { reason: 'litigated', h: 100, tier: 'county' });
  // 4 a consultation answered in 2 h; "don't know" is not counted as an answer.
  await matter('consultation', 'hotline', null, 'demo-town-a1', 2, [['follow-up-done', 200, { satisfaction: 'unknown', resolved: true }]], { reason: 'resolved', h: 4, tier: 'town' });
  // 5 a petition still open, with an assignment sheet to the petition office.
  await matter('petition', 'window', null, 'demo-town-a2', 3, [['assignment-sheet', 400, {}, 'demo-county-a/petition-office']]);
  // 6 reopened once, resolved at the county 50 h after it was received.
  await matter('dispute', 'grid', 'neighbour', 'demo-village-a1-1', 5, [['reopened', 20]], { reason: 'resolved', h: 55, tier: 'county' });
  // Outside: another county, and before the period.
  await matter('dispute', 'window', 'neighbour', 'demo-island-village-1-1', 0, [], { reason: 'resolved', h: 1, tier: 'town' });
  await matter('dispute', 'window', 'neighbour', 'demo-village-a1-1', -48, [], { reason: 'resolved', h: -40, tier: 'village' });

  const s = await statistics(db, { regionPath: pathOf('demo-county-a'), from: at(-1), to: at(24 * 30) });
  t.equal(s.received, 6);
  t.same(s.byType, { dispute: 4, consultation: 1, petition: 1 });
  t.same(s.byChannel, { hotline: 2, window: 2, grid: 1, online: 1 });
  t.same(s.byCategory, { '(none)': 2, neighbour: 2, 'marriage-family': 1, 'unpaid-wages': 1 });
  t.equal(s.completionRate, 5 / 6, 'closed 1,2,3,4,6 of 6');
  t.equal(s.resolutionRate, 4 / 6, 'resolved 1,2,4,6 of 6');
  t.equal(s.onTimeRate, 4 / 5, '2 was overdue');
  t.equal(s.meanHoursToResolve, (10 + 30 + 2 + 50) / 4, '23 h');
  t.equal(s.medianHoursToResolve, (10 + 30) / 2, 'median of 2, 10, 30, 50');
  t.equal(s.townOrBelowShare, 3 / 4, '6 was settled at the county');
  t.equal(s.satisfaction, 2 / 3, 'satisfied + basically of 3 answers');
  t.equal(s.oneTimeResolutionRate, 3 / 4, '6 was reopened');
  t.same(s.funnel, { received: 6, resolvedWithoutLitigation: 4, toLitigation: 1, unresolvedAfterLitigation: 1 });
  t.same(s.mostOverdueUnits, [{ unit: 'demo-county-a/petition-office', overdue: 1 }, { unit: 'demo-village-a2-1/people-mediation-committee', overdue: 1 }]);

  const town = await statistics(db, { regionPath: pathOf('demo-town-a1'), from: at(-1), to: at(24 * 30) });
  t.equal(town.received, 4, 'a narrower subtree: 1, 3, 4, 6');
  const empty = await statistics(db, { regionPath: pathOf('demo-county-a'), from: at(1000), to: at(2000) });
  t.same([empty.received, empty.completionRate, empty.meanHoursToResolve], [0, null, null], 'no matters: no rates, not zero');
});
