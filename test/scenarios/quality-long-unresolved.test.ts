// Long unresolved (久调不决, seed 002): an open dispute that missed two deadlines is flagged by the
// weekly sampling and its handling unit told where to guide the parties (labour arbitration here);
// one that missed one is not. The API lists samples and flags to supervisors, administrators and
// auditors within their jurisdiction only. Real engine, models and workers; the engine's clock moves.
import t from 'tap';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { eventually } from '../helpers/engine.js';
import { previousWeek, weekContaining } from '../../domain/index.js';
import type { Matter } from '../../store/matters.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

async function sampled(h: ApiHarness, week: string): Promise<void> {
  await eventually(
    () => h.db('app.quality_sampling_runs').whereRaw(`to_char(week_start, 'YYYY-MM-DD') = ?`, [week]).first(),
    30_000,
    `sampling of the week of ${week}`,
  );
}

/**
 * Moves the engine's clock to `at`, stopping at each weekly run on the way (every 7 days from `start`,
 * when the scenario deployed the models) until it has sampled, so every run happens at its own time.
 */
async function advanceTo(h: ApiHarness, start: number, at: Date | number): Promise<void> {
  const target = new Date(at).getTime();
  for (;;) {
    const now = h.now().getTime();
    const run = start + Math.max(1, Math.floor((now - start) / WEEK) + 1) * WEEK + MINUTE;
    const stop = Math.min(target, run);
    if (stop <= now) return;
    await h.e.advanceClock(stop - now);
    if (stop === run) await sampled(h, previousWeek(new Date(run)).key);
    if (stop === target) return;
  }
}

/** The `count`-th deadline computed for the stage (the task's due date). */
const deadline = async (h: ApiHarness, m: Matter, stage: string, count = 1) =>
  Date.parse(((await h.waitForDeadline(m, stage, count))[count - 1]!.data.output as { deadline: string }).deadline);
/** Completes the matter's open task through the API, as a supervisor would. */
async function complete(h: ApiHarness, m: Matter, elementId: string, variables: object): Promise<void> {
  const key = await h.inboxTask(m.trackingCode, elementId);
  const r = await h.call('supervisor', 'POST', `/api/tasks/${key}/complete`, { variables });
  if (r.status !== 200) throw new Error(`completing ${elementId}: ${r.status} ${r.body}`);
}
const misses = async (h: ApiHarness, m: Matter) =>
  (await h.eventTypes(m)).filter((x) => x === 'mediation-overdue').length;

t.test(
  'two missed deadlines: flagged and guided; one: not; the API shows samples and flags in jurisdiction',
  async (t) => {
    const h = await apiHarness(t); // Monday 2026-09-14 09:00 China time; the weekly run is on Mondays 09:00
    const start = h.now().getTime();
    // Labour (15 days per tier): nobody mediates at the village, nor at the town.
    const twice = await h.receive({
      matterType: 'dispute',
      category: 'unpaid-wages',
      regionCode: 'demo-village-a2-1',
      facts: { parties: 3, amountYuan: 36_000 },
    });
    // A neighbour dispute (10 working days at the village, 15 at the town): it misses only the village's.
    const once = await h.receive({
      matterType: 'dispute',
      category: 'neighbour',
      regionCode: 'demo-village-a2-2',
      facts: { parties: 2 },
    });
    // Settled at the village at once: closed when its fulfilment check comes due, then sampled.
    const settled = await h.receive({
      matterType: 'dispute',
      category: 'neighbour',
      regionCode: 'demo-village-a1-1',
      facts: { parties: 2 },
    });
    await complete(h, settled, 'Task_Mediate', { outcome: 'agreement', agreementSummary: '拆除违建围墙' });
    const fulfil = await deadline(h, settled, 'fulfilment-check');

    await advanceTo(
      h,
      start,
      Math.max(await deadline(h, twice, 'mediation'), await deadline(h, once, 'mediation')) + MINUTE,
    );
    const [up] = await h.waitForEvent(twice, 'escalated');
    t.equal(up.tier, 'town');
    await h.waitForEvent(once, 'escalated');
    const townTwice = await deadline(h, twice, 'mediation', 2);
    const townOnce = await deadline(h, once, 'mediation', 2);

    // The second deadline passes for one of them; the fulfilment check of the settled case comes due.
    await advanceTo(h, start, Math.max(townTwice, fulfil) + MINUTE);
    await h.waitForEvent(twice, 'mediation-overdue', 2);
    await h.waitForEvent(twice, 'escalated', 2);
    await complete(h, settled, 'Task_CheckFulfilment', { fulfilment: 'fulfilled' });
    await h.waitForEvent(settled, 'closed');
    const closedWeek = weekContaining((await h.matter(settled)).closedAt!);

    // The next Monday's run flags it.
    const run = weekContaining(h.now()).end;
    t.ok(townOnce > run.getTime() + 10 * HOUR, "the other's town deadline is still ahead at the run");
    await advanceTo(h, start, run.getTime() + 9 * 3_600_000 + MINUTE);
    await sampled(h, closedWeek.key);
    const [flag] = await h.waitForEvent(twice, 'long-unresolved-flagged');
    t.same(
      [flag.data.route, flag.data.routeUnit, flag.unit],
      ['labour-arbitration', 'demo-county-a/labour-arbitration', 'demo-county-a/centre'],
      'guided to labour arbitration at the county; the handling unit is told',
    );
    t.ok((flag.data.misses as number) >= 2, `${flag.data.misses} deadlines missed`);
    t.match(flag.data.message as string, /久调不决.*劳动仲裁/);
    t.ok(
      (await h.outbox(twice)).some(
        (o) => o.template === 'litigation-guidance' && o.recipient === 'demo-county-a/centre',
      ),
      'the handling unit gets the guidance',
    );
    t.equal(await misses(h, once), 1, 'the other missed one deadline');
    t.notOk((await h.eventTypes(once)).includes('long-unresolved-flagged'), 'and is not flagged');
    t.same(await h.db('app.long_unresolved_flags').whereIn('matter_id', [once.id, settled.id]), []);

    // The API: samples of the week the settled case closed in, and the flags.
    const samplesUrl = `/api/quality/samples?week=${closedWeek.key}`;
    for (const user of ['supervisor', 'admin', 'auditor']) {
      const r = await h.call(user, 'GET', samplesUrl);
      t.equal(r.status, 200, `${user} reads the samples`);
      t.same(
        r.json.items.map((x: any) => [x.trackingCode, x.mediatedUnit, x.reviewUnit, x.week]),
        [
          [
            settled.trackingCode,
            'demo-village-a1-1/people-mediation-committee',
            'demo-town-a1/justice',
            closedWeek.key,
          ],
        ],
      );
    }
    const sup = (await h.call('supervisor', 'GET', samplesUrl)).json;
    t.same([sup.week.key, sup.total, typeof sup.ranAt], [closedWeek.key, 1, 'string']);
    t.match(sup.items[0], { regionName: '湖滨社区', reviewUnitLabel: /东湖街道/, review: null, share: 0.2 });
    t.equal((await h.call('supervisor', 'GET', `${samplesUrl}&region=demo-town-a2`)).json.total, 0, 'by region');
    t.equal((await h.call('island-supervisor', 'GET', samplesUrl)).json.total, 0, 'nothing outside jurisdiction');
    t.same(
      [(await h.call('island-auditor', 'GET', `${samplesUrl}&region=demo-county-a`)).json.code],
      ['OUT_OF_JURISDICTION'],
    );
    for (const user of ['clerk', 'mediator', 'handler', 'designer'])
      t.equal((await h.call(user, 'GET', samplesUrl)).status, 403, `${user} may not read samples`);
    t.equal((await h.call('supervisor', 'GET', '/api/quality/samples?week=2026-13-01')).status, 400, 'a bad week');

    const flags = (await h.call('auditor', 'GET', '/api/quality/long-unresolved')).json;
    t.same(
      flags.items.map((x: any) => [x.trackingCode, x.route, x.routeUnit]),
      [[twice.trackingCode, 'labour-arbitration', 'demo-county-a/labour-arbitration']],
      'the one that missed two deadlines, not the one that missed one',
    );
    t.match(flags.items[0], { handlingUnit: 'demo-county-a/centre', status: 'in-progress', guidance: /劳动仲裁/ });
    t.equal(
      (await h.call('supervisor', 'GET', '/api/quality/long-unresolved?region=demo-town-a2')).json.total,
      1,
      'within the town the matter belongs to',
    );
    t.equal((await h.call('admin', 'GET', '/api/quality/long-unresolved?region=demo-town-a1')).json.total, 0);
    t.equal((await h.call('island-admin', 'GET', '/api/quality/long-unresolved')).json.total, 0, 'not elsewhere');
    t.equal((await h.call('island-supervisor', 'GET', '/api/quality/long-unresolved?region=demo-town-a2')).status, 403);
    t.equal((await h.call('mediator', 'GET', '/api/quality/long-unresolved')).status, 403);

    // Shares: administrators set them within their jurisdiction; readers read them.
    const put = await h.call('admin', 'PUT', '/api/quality/shares/demo-town-a1', { share: 0.5 });
    t.same([put.status, put.json.effectiveShare], [200, 0.5]);
    t.equal((await h.call('island-admin', 'PUT', '/api/quality/shares/demo-town-a1', { share: 0.5 })).status, 403);
    t.equal((await h.call('supervisor', 'PUT', '/api/quality/shares/demo-town-a1', { share: 0.5 })).status, 403);
    t.equal((await h.call('admin', 'PUT', '/api/quality/shares/demo-town-a1', { share: 1.5 })).status, 400);
    const shares = (await h.call('auditor', 'GET', '/api/quality/shares?region=demo-village-a1-1')).json;
    t.same([shares.effectiveShare, shares.defaultShare], [0.5, 0.2], 'a village inherits its town’s share');
    t.same((await h.call('island-supervisor', 'GET', '/api/quality/shares')).json.items, [], 'not elsewhere');
  },
);
