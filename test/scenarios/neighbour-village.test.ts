// A neighbour dispute settled by the village mediation committee; the follow-up finds it resolved.
import t from 'tap';
import { scenario } from '../helpers/scenario.js';

t.test('neighbour dispute settled in the village, then follow-up satisfied', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2 },
    summary: '邻里排水纠纷',
  });
  t.match(m.trackingCode, /^GC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}$/);
  t.equal(m.processId, 'dispute-resolution', 'a class-1 county uses the base process');

  const task = await s.waitForTask(m, 'Task_Mediate');
  t.equal(task.variables.tier, 'village', 'mediation starts in the village');
  t.equal(task.variables.risk, 'green');
  t.ok(task.headers['io.camunda.zeebe:formKey'], 'the task is linked to its form');
  t.ok(
    Date.parse(task.headers['io.camunda.zeebe:dueDate']) > s.now().getTime(),
    'the task has a due date in the future',
  );
  await s.complete(m, 'Task_Mediate', {
    outcome: 'agreement',
    agreementSummary: '修复排水沟，费用各半',
    judicialConfirmation: false,
  });
  await s.waitForEvent(m, 'mediation-agreed');

  // The agreement is checked for fulfilment after its period (30 days).
  await s.waitForDeadline(m, 'fulfilment-check');
  await s.advanceDays(31);
  await s.complete(m, 'Task_CheckFulfilment', { fulfilment: 'fulfilled' });
  await s.waitForEvent(m, 'closed');
  const closed = await s.matter(m);
  t.equal(closed.status, 'closed');
  t.equal(closed.closureReason, 'resolved');
  t.equal(closed.tier, 'village', 'settled at the village: small matters stay in the village');

  await s.waitForEvent(m, 'follow-up-scheduled');
  await s.advanceDays(12);
  await s.complete(m, 'Task_FollowUp', { satisfaction: 'satisfied', reallyResolved: 'yes' });
  await s.finished(m);

  const types = await s.eventTypes(m);
  t.same(
    types.filter((x) => !['deadline-set', 'mediator-assigned', 'citizen-notified'].includes(x)),
    ['received', 'triaged', 'mediation-agreed', 'closed', 'follow-up-scheduled', 'follow-up-done'],
    'the event log tells the story in order',
  );
  const done = (await s.events(m)).find((x) => x.type === 'follow-up-done')!;
  t.same([done.data.satisfaction, done.data.resolved], ['satisfied', true]);
  t.notOk(types.includes('escalated'), 'never escalated');
  t.notOk(types.includes('reminder-letter'), 'no reminder: it was settled in time');
  const outbox = await s.outbox(m);
  t.ok(
    outbox.some((o) => o.recipientKind === 'citizen' && o.template === 'matter-closed'),
    'the citizen got the outcome',
  );
  t.ok(
    outbox.some((o) => o.recipientKind === 'citizen' && o.template === 'matter-received'),
    'and the receipt',
  );
});
