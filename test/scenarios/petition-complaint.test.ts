// Petitions within their statutory limits (accept in 15 days, handle in 60, extendable once by 30; the
// API's refusals are in petition-limits.test.ts), a complaint answered after its deadline passed
// (assignment sheet, task kept), and an agreement that is not fulfilled going to enforcement.
import t from 'tap';
import { scenario } from '../helpers/scenario.js';

const DAY = 86_400_000;

t.test('petition: accepted, extended once by 30 days, then handled', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'petition',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 4, repeatPetition: true },
    summary: '反映征地补偿未到位',
  });
  const decide = await s.waitForTask(m, 'Task_DecideAcceptance');
  const acceptDue = Date.parse(decide.headers['io.camunda.zeebe:dueDate']) - s.now().getTime();
  t.ok(acceptDue > 14 * DAY && acceptDue < 18 * DAY, 'acceptance decided within 15 days (rolled to a working day)');
  t.equal(decide.variables.handlingUnit, 'demo-county-a/petition-office');
  await s.complete(m, 'Task_DecideAcceptance', { decision: 'accept' });
  const handle = await s.waitForTask(m, 'Task_HandlePetition');
  const started = Date.parse(handle.variables.deadlineFrom);
  const due60 = Date.parse(handle.headers['io.camunda.zeebe:dueDate']);
  t.ok(due60 - started >= 60 * DAY && due60 - started < 63 * DAY, 'handled within 60 days');
  await s.complete(m, 'Task_HandlePetition', { result: 'extend', reply: '需会同自然资源局核查' });
  await s.waitForEvent(m, 'deadline-extended');
  const again = await s.waitForTask(m, 'Task_HandlePetition');
  const due90 = Date.parse(again.headers['io.camunda.zeebe:dueDate']);
  t.ok(
    due90 - started >= 90 * DAY && due90 - started < 93 * DAY,
    'extended to 90 days from the start, not from the request',
  );
  // A second extension is refused by the API (petition-limits.test.ts); one that reaches the engine
  // anyway is not taken as a reply: the petition stays in handling and the extended deadline stands.
  await s.complete(m, 'Task_HandlePetition', { result: 'extend', reply: '还需再延期三十日' });
  const [refused] = await s.waitForEvent(m, 'petition-extension-refused');
  t.equal(refused.data.deadline, again.variables.deadline, 'refused, the extended deadline named');
  const still = await s.waitForTask(m, 'Task_HandlePetition');
  t.equal(still.headers['io.camunda.zeebe:dueDate'], again.headers['io.camunda.zeebe:dueDate'], 'deadline unchanged');
  t.notOk((await s.eventTypes(m)).includes('closed'), 'not closed');
  await s.complete(m, 'Task_HandlePetition', { result: 'handled', reply: '补偿款已发放' });
  await s.waitForEvent(m, 'closed');
  t.equal((await s.matter(m)).closureReason, 'resolved');
  t.equal((await s.eventTypes(m)).filter((x) => x === 'deadline-extended').length, 1, 'extended once only');
});

t.test('petition not accepted closes as not-accepted', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({ matterType: 'petition', regionCode: 'demo-town-a2', summary: '已经法院终审的事项' });
  await s.complete(m, 'Task_DecideAcceptance', { decision: 'not-accept', reason: '属于诉讼程序处理的事项' });
  const [declined] = await s.waitForEvent(m, 'petition-not-accepted');
  t.equal(declined.data.reason, '属于诉讼程序处理的事项', 'the reason is on the timeline');
  await s.waitForEvent(m, 'closed');
  t.equal((await s.matter(m)).closureReason, 'not-accepted');
  t.notOk((await s.eventTypes(m)).includes('petition-accepted'));
});

t.test(
  'complaint: dispatched to the department; an overdue answer gets an assignment sheet, the task stays',
  async (t) => {
    const s = await scenario(t);
    const m = await s.receive({
      matterType: 'complaint',
      category: 'consumer',
      regionCode: 'demo-town-a1',
      channel: 'hotline',
      summary: '预付卡商家跑路',
    });
    const [dispatched] = await s.waitForEvent(m, 'dispatched');
    t.equal(dispatched.unit, 'demo-county-a/market-regulation');
    const task = await s.waitForTask(m, 'Task_AnswerComplaint');
    const total = Date.parse(task.variables.deadline) - s.now().getTime();
    await s.e.advanceClock(total + 3_600_000);
    await s.waitForEvent(m, 'assignment-sheet');
    for (const letter of ['reminder-letter', 'risk-warning-letter'])
      t.equal((await s.waitForEvent(m, letter)).length, 1, `${letter} sent on the way`);
    await s.complete(m, 'Task_AnswerComplaint', { substantiated: 'yes', reply: '已责令退款' });
    await s.waitForEvent(m, 'closed');
    t.equal((await s.matter(m)).closureReason, 'resolved');
  },
);

t.test('an agreement not fulfilled goes to enforcement and closes as litigated', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'contract-debt',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2, amountYuan: 20_000 },
  });
  await s.complete(m, 'Task_Mediate', { outcome: 'agreement', agreementSummary: '分三期还款' });
  await s.waitForDeadline(m, 'fulfilment-check');
  await s.advanceDays(31);
  await s.complete(m, 'Task_CheckFulfilment', { fulfilment: 'unfulfilled' });
  const [handoff] = await s.waitForEvent(m, 'litigation-handoff');
  t.equal(handoff.data.kind, 'enforcement');
  t.ok((await s.outbox(m)).some((o) => o.recipientKind === 'court' && o.template === 'enforcement'));
  await s.publish('court-outcome', m, { courtOutcome: 'enforced' });
  await s.waitForEvent(m, 'closed');
  t.equal((await s.matter(m)).closureReason, 'litigated');
});
