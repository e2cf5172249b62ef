// Quality sampling as seed 002 describes (四级抽访): each week the people's-mediation cases closed in
// the previous China week (Monday to Monday, Asia/Shanghai) are sampled by share per review pool and
// reviewed one level up; a rerun samples nothing twice. Real engine, models and workers; the clock
// moves through the engine's clock control. Long-unresolved flags and the API:
// quality-long-unresolved.test.ts.
import t from 'tap';
import { scenario, type Scenario } from '../helpers/scenario.js';
import { eventually } from '../helpers/engine.js';
import { chinaDate, weekContaining } from '../../domain/index.js';
import { sampleQuality, setSampleShare } from '../../store/quality.js';
import type { Matter } from '../../store/matters.js';

const DAY = 86_400_000;

/** Moves the engine's clock to `at` (never back). */
async function advanceTo(s: Scenario, at: Date): Promise<void> {
  const ms = at.getTime() - s.now().getTime();
  if (ms > 0) await s.e.advanceClock(ms);
}

/** Waits until the sampling run for the week (its Monday) has been recorded; returns its run key. */
async function sampled(s: Scenario, week: string): Promise<string> {
  const row = await eventually(
    () => s.db('app.quality_sampling_runs').whereRaw(`to_char(week_start, 'YYYY-MM-DD') = ?`, [week]).first(),
    30_000,
    `sampling of the week of ${week}`,
  );
  return (row as { run_key: string }).run_key;
}

const samplesOf = async (s: Scenario, ms: Matter[]) =>
  s
    .db('app.quality_samples')
    .whereIn(
      'matter_id',
      ms.map((m) => m.id),
    )
    .orderBy('id')
    .select({ matterId: s.db.raw('matter_id::text'), week: s.db.raw(`to_char(period_start, 'YYYY-MM-DD')`) })
    .select('review_unit', 'share', 'reason');

t.test(
  "people's-mediation cases closed in a week are sampled the week after, by share, reviewed one level up",
  async (t) => {
    // A Saturday: the weekly timer fires on Saturdays, so a run falls in the week the cases close in.
    const start = new Date('2026-09-19T09:00:00+08:00');
    const s = await scenario(t, { start });
    // The town's pool (its villages' cases) samples half; the county's (its towns' cases) the default 0.2.
    await setSampleShare(s.db, 'demo-town-a1', 0.5, s.now(), 'test');
    const dispute = (regionCode: string, category = 'neighbour') =>
      s.receive({ matterType: 'dispute', category, regionCode, facts: { parties: 2 } });
    const villages = [
      await dispute('demo-village-a1-1'),
      await dispute('demo-village-a1-1'),
      await dispute('demo-village-a1-2'),
      await dispute('demo-village-a1-2'),
    ];
    const town = await dispute('demo-town-a1');
    const professional = await dispute('demo-village-a1-1', 'property-management');
    const withdrawn = await dispute('demo-village-a1-2');

    for (const m of villages) {
      const task = await s.complete(m, 'Task_Mediate', { outcome: 'agreement', agreementSummary: '赔偿并道歉' });
      t.equal(task.variables.handlingUnit, `${m.regionCode}/people-mediation-committee`);
    }
    const townTask = await s.complete(town, 'Task_Mediate', { outcome: 'agreement', agreementSummary: '协议' });
    t.same(
      [townTask.variables.tier, townTask.variables.handlingUnit],
      ['town', 'demo-town-a1/people-mediation-committee'],
    );
    const profTask = await s.complete(professional, 'Task_Mediate', { outcome: 'agreement', agreementSummary: '物业' });
    t.equal(profTask.variables.handlingUnit, 'demo-town-a1/property-mediation', 'professional mediation, not people’s');
    await s.waitForTask(withdrawn, 'Task_Mediate');
    await s.publish('matter-withdrawn', withdrawn);
    await s.waitForEvent(withdrawn, 'closed');

    const settled = [...villages, town, professional];
    let due = 0;
    for (const m of settled) {
      const [d] = await s.waitForDeadline(m, 'fulfilment-check');
      due = Math.max(due, Date.parse((d.data.output as { deadline: string }).deadline));
    }

    // Four weekly runs before the cases close: the withdrawn dispute (closed in the week of Sept 14) is
    // no people's-mediation case, and nothing else is closed yet.
    for (const week of ['2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05']) {
      await s.advanceDays(7);
      await sampled(s, week);
    }
    t.same(await samplesOf(s, [...settled, withdrawn]), [], 'a withdrawn dispute is never sampled');

    // The fulfilment checks come due: every agreement was kept, and the cases close.
    await advanceTo(s, new Date(due + 5 * 60_000));
    for (const m of settled) await s.complete(m, 'Task_CheckFulfilment', { fulfilment: 'fulfilled' });
    for (const m of settled) await s.waitForEvent(m, 'closed');
    const closedAt = (await s.matter(villages[0]!)).closedAt!;
    const closingWeek = weekContaining(closedAt);
    t.equal(chinaDate(closedAt), chinaDate(new Date(due)), 'closed the day the check came due');

    // The run in the same week (its Saturday) samples the week before: not these cases.
    const sameWeekRun = new Date(
      start.getTime() + Math.ceil((closedAt.getTime() - start.getTime()) / (7 * DAY)) * 7 * DAY,
    );
    t.equal(weekContaining(sameWeekRun).key, closingWeek.key, 'a run falls in the week they closed in');
    await advanceTo(s, new Date(sameWeekRun.getTime() + 60_000));
    await sampled(s, weekContaining(new Date(closingWeek.start.getTime() - 1)).key);
    t.same(await samplesOf(s, settled), [], 'not sampled in the week they closed in');

    // The next week's run samples them.
    await s.advanceDays(7);
    const runKey = await sampled(s, closingWeek.key);
    const rows = await samplesOf(s, [...settled, withdrawn]);
    const ids = (ms: Matter[]) => ms.map((m) => m.id);
    const ofVillages = rows.filter((r) => ids(villages).includes(r.matterId));
    t.equal(ofVillages.length, 2, 'half of the four village cases (share 0.5 for demo-town-a1)');
    t.ok(
      ofVillages.every((r) => r.review_unit === 'demo-town-a1/justice' && Number(r.share) === 0.5),
      "villages' cases: the town's justice office reviews them",
    );
    const ofTown = rows.filter((r) => r.matterId === town.id);
    t.same(
      ofTown.map((r) => [r.review_unit, Number(r.share)]),
      [['demo-county-a/justice', 0.2]],
      "the town's case: the county reviews it (one of one at 0.2, rounded up)",
    );
    t.notOk(
      ids([professional, withdrawn]).some((id) => rows.some((r) => r.matterId === id)),
      'only people’s mediation',
    );
    t.ok(
      rows.every((r) => r.week === closingWeek.key && r.reason === 'sampled'),
      'sampled for the week they closed in',
    );

    // Review tasks go to the level above.
    for (const r of [...ofVillages, ...ofTown]) {
      const m = settled.find((x) => x.id === r.matterId)!;
      const review = await s.waitForTask(m, 'Task_ReviewSample');
      t.same(JSON.parse(review.headers['io.camunda.zeebe:candidateGroups']), [r.review_unit], 'to the reviewing unit');
      t.equal(review.variables.sample.week, closingWeek.key);
    }
    await s.complete(town, 'Task_ReviewSample', { verdict: 'pass', notes: '程序规范' });
    const [reviewed] = await s.waitForEvent(town, 'quality-reviewed');
    t.same(
      [reviewed.data.verdict, reviewed.data.sampleWeek, reviewed.unit],
      ['pass', closingWeek.key, 'demo-county-a/justice'],
    );

    // Idempotent: another run in the same week samples nothing; a redelivered job answers the same.
    const again = await sampleQuality(s.db, {
      now: s.now(),
      runKey: 'another-run',
      regions: s.regions,
      defaultShare: 0.2,
    });
    t.same([again.weeks, again.samples], [[], []], 'the week is sampled once');
    const redelivered = await sampleQuality(s.db, { now: s.now(), runKey, regions: s.regions, defaultShare: 0.2 });
    t.ok(redelivered.repeated, 'a redelivery of the run');
    t.same(
      redelivered.samples.map((x) => x.matterId).sort(),
      [...ofVillages, ...ofTown].map((r) => r.matterId).sort(),
      'answers the samples it drew the first time',
    );
    t.equal((await samplesOf(s, settled)).length, 3, 'and draws no more');
  },
);
