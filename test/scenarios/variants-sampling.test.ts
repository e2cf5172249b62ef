// The county-leader variant (red cases taken by a county leader). The weekly quality sampling is in
// quality-sampling.test.ts.
import t from 'tap';
import { scenario } from '../helpers/scenario.js';

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
    t.same(
      JSON.parse(task.headers['io.camunda.zeebe:candidateGroups']),
      ['demo-county-b/county-leader'],
      "the county's leader, not a bare group",
    );
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
