// Short paths: a consultation answered the same day, a withdrawal mid-mediation, and a class-3
// island region whose variant skips the village tier.
import t from 'tap';
import { scenario } from '../helpers/scenario.js';
import { chinaDate } from '../../domain/index.js';

t.test('legal consultation answered the same day', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'consultation',
    regionCode: 'demo-town-a1',
    channel: 'hotline',
    summary: '咨询劳动合同解除',
  });
  const task = await s.waitForTask(m, 'Task_Answer');
  const due = new Date(task.headers['io.camunda.zeebe:dueDate']);
  t.equal(chinaDate(due), chinaDate(s.now()), 'due the same working day');
  t.equal(task.variables.tier, 'town');
  await s.advanceDays(0.2);
  await s.complete(m, 'Task_Answer', { answer: '可依据劳动合同法第三十八条解除' });
  await s.waitForEvent(m, 'closed');
  const closed = await s.matter(m);
  t.equal(closed.closureReason, 'resolved');
  t.equal(chinaDate(closed.closedAt!), chinaDate(closed.receivedAt), 'closed on the day it was received');
  await s.waitForEvent(m, 'follow-up-scheduled');
  await s.advanceDays(12);
  await s.complete(m, 'Task_FollowUp', { satisfaction: 'satisfied', reallyResolved: 'yes' });
  await s.finished(m);
  t.notOk(
    (await s.eventTypes(m)).some((x) => x.startsWith('mediation')),
    'a consultation is not mediated',
  );
});

t.test('withdrawal mid-mediation closes the matter as withdrawn', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2 },
  });
  const task = await s.waitForTask(m, 'Task_Mediate');
  await s.publish('matter-withdrawn', m, { withdrawalReason: '双方已私下和解' });
  await s.waitForEvent(m, 'closed');
  const closed = await s.matter(m);
  t.equal(closed.status, 'closed');
  t.equal(closed.closureReason, 'withdrawn');
  await t.rejects(
    s.e.zeebe.completeJob({ jobKey: task.key, variables: { outcome: 'agreement' } } as any),
    /NOT_FOUND|not found/i,
    'the mediation task is gone',
  );
  await s.waitForEvent(m, 'follow-up-scheduled');
  await s.advanceDays(12);
  await s.complete(m, 'Task_FollowUp', { satisfaction: 'basically-satisfied', reallyResolved: 'yes' });
  await s.finished(m);
  const types = await s.eventTypes(m);
  t.notOk(
    types.some((x) => x.startsWith('mediation-')),
    'no mediation outcome was recorded',
  );
  t.equal(types.filter((x) => x === 'closed').length, 1, 'closed once');
});

t.test('an island (class-3) region uses its variant: online, no village stage', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-island-village-1-1',
    facts: { parties: 2 },
  });
  t.equal(m.processId, 'dispute-resolution-island');
  const task = await s.waitForTask(m, 'Task_Mediate');
  t.equal(task.variables.tier, 'town', 'mediation starts at the town');
  t.equal(task.variables.handlingRegion, 'demo-island-town-1');
  t.equal(task.variables.online, true, 'routed online');
  await s.complete(m, 'Task_Mediate', { outcome: 'agreement', agreementSummary: '划定界线' });
  await s.waitForEvent(m, 'mediation-agreed');
  const evs = await s.events(m);
  t.notOk(
    evs.some((x) => x.tier === 'village' && x.type !== 'received'),
    'nothing happened at the village tier',
  );
});
