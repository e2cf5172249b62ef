// Up the ladder: a village that misses its deadline is reminded, warned and passed to the town, then
// the county, then labour arbitration; and a follow-up that finds a matter unresolved reopens it one tier up.
import t from 'tap';
import { upsertUser } from '../../store/users.js';
import { upsertMediators } from '../../store/mediators.js';
import { DEMO_MEDIATORS } from '../../domain/index.js';
import { scenario } from '../helpers/scenario.js';

t.test('village deadline missed → reminders → town → county → labour arbitration', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'unpaid-wages',
    regionCode: 'demo-village-a2-1',
    facts: { parties: 3, amountYuan: 36_000 },
  });
  const village = await s.waitForTask(m, 'Task_Mediate');
  t.equal(village.variables.tier, 'village');
  t.equal(village.variables.nonLitigationRoute, 'labour-arbitration');
  const total = Date.parse(village.variables.deadline) - s.now().getTime();
  // Nobody mediates: half the time → reminder letter, 80% → risk warning letter, the deadline → town.
  await s.e.advanceClock(total * 0.55);
  await s.waitForEvent(m, 'reminder-letter');
  t.notOk((await s.eventTypes(m)).includes('risk-warning-letter'), 'no warning yet at 55%');
  await s.e.advanceClock(total * 0.3);
  await s.waitForEvent(m, 'risk-warning-letter');
  await s.e.advanceClock(total * 0.2);
  await s.waitForEvent(m, 'mediation-overdue');
  const [esc] = await s.waitForEvent(m, 'escalated');
  t.same([esc.data.from, esc.data.to, esc.tier], ['village', 'town', 'town']);
  t.ok(
    (await s.outbox(m)).some((o) => o.template === 'assignment-sheet' && o.recipient.startsWith('demo-town-a2/')),
    'the town gets an assignment sheet',
  );

  const town = await s.waitForTask(m, 'Task_Mediate');
  t.equal(town.variables.tier, 'town');
  await s.complete(m, 'Task_Mediate', { outcome: 'failed' });
  await s.waitForEvent(m, 'escalated', 2);
  const [summoned] = await s.waitForEvent(m, 'departments-summoned');
  const departments = summoned.data.departments as string[];
  t.ok(departments.length >= 2, 'the county summons departments');
  for (let i = 0; i < departments.length; i++)
    await s.complete(m, 'Task_DepartmentReport', { opinion: '同意参加联合调处' });
  await s.waitForEvent(m, 'department-reported', departments.length);
  await s.complete(m, 'Task_JointSession', { outcome: 'failed', notes: '用人单位拒绝支付' });
  await s.waitForEvent(m, 'ladder-exhausted');
  const [referred] = await s.waitForEvent(m, 'referred');
  t.equal(referred.data.route, 'labour-arbitration');
  t.match(referred.unit, /^demo-county-a\/labour-arbitration$/);
  await s.publish('non-litigation-outcome', m, { routeResolved: true });
  await s.waitForEvent(m, 'closed');
  t.equal((await s.matter(m)).closureReason, 'referred');
  const tiers = (await s.events(m)).filter((x) => x.type.startsWith('mediation-')).map((x) => `${x.tier}:${x.type}`);
  t.same(
    tiers,
    ['village:mediation-overdue', 'town:mediation-failed', 'county:mediation-failed'],
    'each tier tried, in order',
  );
});

t.test('a follow-up that finds the dispute unresolved reopens it one tier up', async (t) => {
  const s = await scenario(t);
  // The village mediator has a login, so they are told in person when their matter reopens.
  const mediator = 'med-a1-1-village-01';
  await upsertUser(s.db, {
    id: mediator,
    displayName: '调解员 黄敏',
    roles: ['mediator'],
    regionCode: 'demo-village-a1-1',
    unit: 'demo-village-a1-1/people-mediation-committee',
    passwordHash: 'x',
  });
  await upsertMediators(
    s.db,
    DEMO_MEDIATORS.map((x) => (x.id === mediator ? { ...x, userId: mediator } : x)),
  );
  const m = await s.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2 },
  });
  await s.complete(m, 'Task_Mediate', { outcome: 'agreement', agreementSummary: '拆除违建围墙' });
  await s.waitForDeadline(m, 'fulfilment-check');
  await s.advanceDays(31);
  await s.complete(m, 'Task_CheckFulfilment', { fulfilment: 'fulfilled' });
  await s.waitForEvent(m, 'follow-up-scheduled');
  await s.advanceDays(12);
  await s.complete(m, 'Task_FollowUp', { satisfaction: 'unsatisfied', reallyResolved: 'no' });
  const [reopened] = await s.waitForEvent(m, 'reopened');
  t.same([reopened.data.from, reopened.data.to], ['village', 'town']);
  t.same(
    reopened.data.previousClosure,
    { reason: 'resolved', unit: 'demo-village-a1-1/people-mediation-committee' },
    'the first round’s closure stays in the history',
  );
  t.ok((await s.eventTypes(m)).includes('closed'), 'and its closed entry stays on the timeline');
  const told = (await s.outbox(m)).filter((o) => o.template === 'matter-reopened');
  t.same(
    told.map((o) => `${o.recipientKind}:${o.recipient}`),
    ['unit:demo-village-a1-1/people-mediation-committee', `staff:${mediator}`],
    'the unit that closed it and its mediator are told',
  );
  t.equal(reopened.data.previousMediator, mediator);
  const matter = await s.matter(m);
  t.equal(matter.status, 'reopened');
  t.equal(matter.closureReason, null, 'a reopened matter has no closure reason');
  const again = await s.waitForTask(m, 'Task_Mediate');
  t.equal(again.variables.tier, 'town', 'mediated again, one tier up');
  t.equal(again.variables.mediationOutcome, null, 'the previous outcome does not carry over');
  await s.complete(m, 'Task_Mediate', { outcome: 'agreement', agreementSummary: '镇调委会重新调解' });
  const agreed = await s.waitForEvent(m, 'mediation-agreed', 2);
  t.equal(agreed[1].tier, 'town');
});
