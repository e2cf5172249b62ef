// The statistics on a fixture whose figures are computed by hand (comments show the arithmetic).
import t from 'tap';
import { testDatabase } from '../helpers/db.js';
import { derivedAppUrl } from '../../platform/app-role.js';
import { connect } from '../../platform/db.js';
import { upsertRegions } from '../../store/regions.js';
import { insertMatter, recordStep } from '../../store/matters.js';
import { statistics, statisticsFromEventLog, rebuildStatistics } from '../../store/statistics.js';
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
  const matter = async (
    type: string,
    channel: string,
    category: string | null,
    region: string,
    receivedH: number,
    steps: [string, number, Record<string, unknown>?, string?][],
    close?: { reason: string; h: number; tier: string },
  ) => {
    const { matter: m } = await insertMatter(db, {
      trackingCode: `GC-T-${++n}`,
      matterType: type,
      channel,
      category,
      regionCode: region,
      regionPath: pathOf(region),
      summary: 's',
      receivedAt: at(receivedH),
    });
    for (const [type2, h, data, unit] of steps)
      await recordStep(db, m.id, {
        type: type2,
        at: at(h),
        data,
        unit: unit ?? null,
        dedupKey: `${m.id}:${type2}:${h}`,
      });
    if (close)
      await recordStep(
        db,
        m.id,
        {
          type: 'closed',
          at: at(close.h),
          data: { reason: close.reason, tier: close.tier },
          dedupKey: `${m.id}:closed`,
        },
        { status: 'closed', closureReason: close.reason as any, closedAt: at(close.h) },
      );
    return m;
  };
  // 1 resolved in the village in 10 h, satisfied.
  await matter(
    'dispute',
    'window',
    'neighbour',
    'demo-village-a1-1',
    0,
    [['follow-up-done', 200, { satisfaction: 'satisfied', resolved: true }]],
    { reason: 'resolved', h: 10, tier: 'village' },
  );
  // 2 overdue in the village, resolved at the town in 30 h, basically satisfied.
  await matter(
    'dispute',
    'hotline',
    'unpaid-wages',
    'demo-village-a2-1',
    0,
    [
      ['mediation-overdue', 15, {}, 'demo-village-a2-1/people-mediation-committee'],
      ['follow-up-done', 200, { satisfaction: 'basically-satisfied', resolved: true }],
    ],
    { reason: 'resolved', h: 30, tier: 'town' },
  );
  // 3 to court, litigated; the follow-up finds it unresolved: unresolved after litigation.
  await matter(
    'dispute',
    'online',
    'marriage-family',
    'demo-village-a1-2',
    1,
    [
      ['litigation-handoff', 40],
      ['follow-up-done', 300, { satisfaction: 'unsatisfied', resolved: false }],
    ],
    { reason: 'litigated', h: 100, tier: 'county' },
  );
  // 4 a consultation answered in 2 h; "don't know" is not counted as an answer.
  await matter(
    'consultation',
    'hotline',
    null,
    'demo-town-a1',
    2,
    [['follow-up-done', 200, { satisfaction: 'unknown', resolved: true }]],
    { reason: 'resolved', h: 4, tier: 'town' },
  );
  // 5 a petition still open, with an assignment sheet to the petition office.
  await matter('petition', 'window', null, 'demo-town-a2', 3, [
    ['assignment-sheet', 400, {}, 'demo-county-a/petition-office'],
  ]);
  // 6 reopened once, resolved at the county 50 h after it was received.
  await matter('dispute', 'grid', 'neighbour', 'demo-village-a1-1', 5, [['reopened', 20]], {
    reason: 'resolved',
    h: 55,
    tier: 'county',
  });
  // Outside: another county, and before the period.
  await matter('dispute', 'window', 'neighbour', 'demo-island-village-1-1', 0, [], {
    reason: 'resolved',
    h: 1,
    tier: 'town',
  });
  await matter('dispute', 'window', 'neighbour', 'demo-village-a1-1', -48, [], {
    reason: 'resolved',
    h: -40,
    tier: 'village',
  });

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
  t.same(s.mostOverdueUnits, [
    { unit: 'demo-county-a/petition-office', overdue: 1 },
    { unit: 'demo-village-a2-1/people-mediation-committee', overdue: 1 },
  ]);

  const town = await statistics(db, { regionPath: pathOf('demo-town-a1'), from: at(-1), to: at(24 * 30) });
  t.equal(town.received, 4, 'a narrower subtree: 1, 3, 4, 6');
  const empty = await statistics(db, { regionPath: pathOf('demo-county-a'), from: at(1000), to: at(2000) });
  t.same(
    [empty.received, empty.completionRate, empty.meanHoursToResolve],
    [0, null, null],
    'no matters: no rates, not zero',
  );
});

// A seeded generator: the same random history every run, so a failure can be replayed.
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

t.test(
  "the summary kept by the triggers gives the event log's figures for any region and period, and survives a rebuild",
  async (t) => {
    const ownerUrl = await testDatabase(t, { owner: true });
    const db = connect(derivedAppUrl(ownerUrl), 4);
    // The rebuild turns triggers off: a maintenance task of the tables' owner, not of the application.
    const owner = connect(ownerUrl, 1);
    t.teardown(() => Promise.all([db.destroy(), owner.destroy()]));
    await upsertRegions(db, DEMO_REGIONS);
    const rnd = prng(20261122);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const places = [
      'demo-village-a1-1',
      'demo-village-a1-2',
      'demo-village-a2-1',
      'demo-town-a1',
      'demo-town-a2',
      'demo-village-b1-1',
      'demo-island-village-1-1',
    ];
    const start = Date.parse('2026-09-01T00:00:00+08:00');
    const H = 3_600_000;
    for (let i = 0; i < 240; i++) {
      const received = new Date(start + Math.floor(rnd() * 40 * 24) * H + Math.floor(rnd() * 60) * 60_000);
      const code = pick(places);
      const { matter: m } = await insertMatter(db, {
        trackingCode: `GC-R-${i}`,
        matterType: pick(['dispute', 'dispute', 'petition', 'complaint', 'consultation']),
        channel: pick(['window', 'hotline', 'online']),
        category: pick(['neighbour', 'unpaid-wages', null]),
        regionCode: code,
        regionPath: pathOf(code),
        summary: 's',
        receivedAt: received,
      });
      let h = 1;
      const step = (type: string, data: Record<string, unknown> = {}, patch = {}, unit: string | null = null) =>
        recordStep(
          db,
          m.id,
          {
            type,
            at: new Date(received.getTime() + (h += 1 + Math.floor(rnd() * 30)) * H),
            data,
            unit,
            dedupKey: `${m.id}:${type}:${h}`,
          },
          patch,
        );
      if (rnd() < 0.2) await step('triaged', {}, { category: pick(['neighbour', 'contract-debt', null]) });
      if (rnd() < 0.25)
        await step(
          'mediation-overdue',
          {},
          {},
          pick(['demo-town-a1/people-mediation-committee', 'demo-county-a/petition-office', null]),
        );
      if (rnd() < 0.15) await step('litigation-handoff');
      const rounds = rnd() < 0.2 ? 2 : 1;
      for (let r = 0; r < rounds && rnd() < 0.8; r++) {
        const reason = pick(['resolved', 'resolved', 'resolved', 'withdrawn', 'litigated']);
        const at = new Date(
          received.getTime() + (h += 1 + Math.floor(rnd() * 90)) * H + Math.floor(rnd() * 3600) * 1000,
        );
        await recordStep(
          db,
          m.id,
          {
            type: 'closed',
            at,
            data: { reason, tier: pick(['village', 'town', 'county']) },
            dedupKey: `${m.id}:closed:${r}`,
          },
          { status: 'closed', closureReason: reason as any, closedAt: at },
        );
        if (rnd() < 0.6)
          await step('follow-up-done', {
            satisfaction: pick(['satisfied', 'basically-satisfied', 'unsatisfied', 'unknown']),
            resolved: rnd() < 0.8,
          });
        if (r === 0 && rounds === 2)
          await step('reopened', {}, { status: 'reopened', closureReason: null, closedAt: null });
      }
    }

    const periods: [string, Date, Date][] = [
      ['everything', new Date(start - 30 * 24 * H), new Date(start + 90 * 24 * H)],
      ['whole China days', new Date(start + 3 * 24 * H), new Date(start + 17 * 24 * H)],
      ['ragged ends', new Date(start + 2 * 24 * H + 7 * H + 123), new Date(start + 29 * 24 * H + 15 * H)],
      ['within one day', new Date(start + 5 * 24 * H + 2 * H), new Date(start + 5 * 24 * H + 20 * H)],
      ['UTC midnights', new Date('2026-09-10T00:00:00Z'), new Date('2026-09-25T00:00:00Z')],
    ];
    for (let i = 0; i < 10; i++) {
      const a = start + Math.floor(rnd() * 45 * 24 * H);
      periods.push([`random ${i}`, new Date(a), new Date(a + 1 + Math.floor(rnd() * 20 * 24 * H))]);
    }
    const subtrees = ['demo-city', 'demo-county-a', 'demo-town-a1', 'demo-village-a1-1', 'demo-island-county'];
    const compare = async (label: string) => {
      for (const [name, from, to] of periods) {
        for (const region of subtrees) {
          const q = { regionPath: pathOf(region), from, to };
          t.same(await statistics(db, q), await statisticsFromEventLog(db, q), `${label}: ${name}, ${region}`);
        }
      }
    };
    await compare('kept by triggers');
    const everything = await statistics(db, {
      regionPath: pathOf('demo-city'),
      from: periods[0][1],
      to: periods[0][2],
    });
    t.equal(everything.received, 240, 'every matter counted once');
    t.ok(
      everything.funnel.toLitigation > 0 &&
        everything.mostOverdueUnits.length > 0 &&
        everything.medianHoursToResolve! > 0,
      'the history exercises every figure',
    );

    const tables = async () =>
      Promise.all(
        ['stats_daily', 'stats_breakdown', 'stats_resolve_hist', 'stats_overdue_units'].map(async (name) =>
          (await db.raw(`SELECT * FROM app.${name} ORDER BY 1, 2, 3, 4`)).rows
            .filter((r: Record<string, unknown>) => (r.received ?? r.n) !== 0)
            .map((r: Record<string, unknown>) => ({
              ...r,
              ...(r.resolved_seconds === undefined ? {} : { resolved_seconds: Number(r.resolved_seconds) }),
            })),
        ),
      );
    const kept = await tables();
    await t.rejects(rebuildStatistics(db), /must be owner/, 'the application cannot turn triggers off');
    await rebuildStatistics(owner);
    const rebuilt = await tables();
    // Rows emptied by a change (a category corrected, say) stay as zeros; otherwise identical.
    t.same(
      JSON.parse(JSON.stringify(rebuilt)),
      JSON.parse(JSON.stringify(kept)),
      'a rebuild from the event log finds the same summary',
    );
    await compare('after a rebuild');
  },
);
