// The county-leader variant (red cases taken by a county leader) and the weekly quality sampling.
import t from 'tap';
import { scenario } from '../helpers/scenario.js';
import { sampleQuality } from '../../store/quality.js';

t.test(
  'county-leader variant: a red case is taken by a county leader before joint mediation; a green one is not',
  async (t) => {
    const s = await scenario(t);
    const red = await s.receive({
      matterType: 'dispute',
      category: 'unpaid-wages',
      regionCode: 'demo-village-b1-1',
      facts: { parties: 60, amountYuan: 800_000 },
    });
    t.equal(red.processId, 'dispute-resolution-county-leader');
    const task = await s.waitForTask(red, 'Task_LeaderTakesCase');
    t.same(JSON.parse(task.headers['io.camunda.zeebe:candidateGroups']), ['county-leader']);
    await s.complete(red, 'Task_LeaderTakesCase', {
      leader: '王副县长',
      instructions: '一周内召集住建、人社、工会联合调处',
    });
    const [leader] = await s.waitForEvent(red, 'leader-assigned');
    t.equal(leader.data.leader, '王副县长');
    await s.waitForEvent(red, 'departments-summoned');
    const types = await s.eventTypes(red);
    t.ok(
      types.indexOf('leader-assigned') < types.indexOf('departments-summoned'),
      'the leader first, then the whistle',
    );

    const green = await s.receive({
      matterType: 'dispute',
      category: 'neighbour',
      regionCode: 'demo-village-b1-1',
      facts: { parties: 2 },
    });
    const mediate = await s.waitForTask(green, 'Task_Mediate');
    t.equal(mediate.variables.tier, 'village');
    t.notOk((await s.eventTypes(green)).includes('leader-assigned'));
  },
);

t.test("weekly quality sampling picks last week's closed disputes for review", async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2 },
  });
  await s.waitForTask(m, 'Task_Mediate');
  await s.publish('matter-withdrawn', m);
  await s.waitForEvent(m, 'closed');
  // The sampling process starts every 7 days from its deployment.
  await s.advanceDays(7.1);
  const review = await s.waitForTask(m, 'Task_ReviewSample');
  t.equal(review.variables.sample.reason, 'sampled');
  await s.complete(m, 'Task_ReviewSample', { verdict: 'pass', notes: '程序规范' });
  const [reviewed] = await s.waitForEvent(m, 'quality-reviewed');
  t.equal(reviewed.data.verdict, 'pass');
  const rows = await s.db('app.quality_samples').where({ matter_id: m.id });
  t.equal(rows.length, 1, 'sampled once for the period');
});

t.test('long-unresolved disputes are flagged; sampling a period twice changes nothing', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2 },
  });
  await s.waitForTask(m, 'Task_Mediate');
  const now = s.now();
  const from = new Date(now.getTime() - 7 * 86_400_000);
  const first = await sampleQuality(s.db, from, now, 0.2, new Date(now.getTime() + 1000), now);
  t.same(
    first.map((x) => [x.matterId, x.reason]),
    [[m.id, 'long-unresolved']],
  );
  const second = await sampleQuality(s.db, from, now, 0.2, new Date(now.getTime() + 1000), now);
  t.same(second, first, 'idempotent');
});
