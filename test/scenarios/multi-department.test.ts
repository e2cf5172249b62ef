// Red-risk cases: 160 unpaid workers go straight to the county's joint mediation; domestic violence
// gets urgent protection alongside the main track, which here ends in court.
import t from 'tap';
import { scenario } from '../helpers/scenario.js';

t.test(
  'unpaid wages for 160 workers: red risk → county joint mediation → agreement → judicial confirmation',
  async (t) => {
    const s = await scenario(t);
    const m = await s.receive({
      matterType: 'dispute',
      category: 'unpaid-wages',
      regionCode: 'demo-village-a2-1',
      facts: { parties: 160, amountYuan: 2_100_000 },
      summary: '某工地拖欠160名农民工工资210万元',
    });
    const [triaged] = await s.waitForEvent(m, 'triaged');
    t.equal(triaged.data.output && (triaged.data.output as any).risk, 'red');
    t.equal(triaged.tier, 'county', 'red risk starts at the county');
    const [summoned] = await s.waitForEvent(m, 'departments-summoned');
    const departments = summoned.data.departments as string[];
    for (const d of ['housing', 'hrss', 'trade-union'])
      t.ok(departments.includes(`demo-county-a/${d}`), `${d} is summoned`);
    for (let i = 0; i < departments.length; i++) {
      const task = await s.waitForTask(m, 'Task_DepartmentReport');
      t.ok(
        departments.includes(JSON.parse(task.headers['io.camunda.zeebe:candidateGroups'])[0]),
        'each department gets its own task',
      );
      await s.complete(m, 'Task_DepartmentReport', { opinion: '到场' });
    }
    const reports = await s.waitForEvent(m, 'department-reported', departments.length);
    t.same(reports.map((r) => r.data.department).sort(), [...departments].sort(), 'every department reported');
    await s.complete(m, 'Task_JointSession', {
      outcome: 'agreement',
      agreementSummary: '总包单位30日内垫付工资210万元',
      judicialConfirmation: true,
    });
    await s.waitForEvent(m, 'judicial-confirmation-requested');
    t.ok(
      (await s.outbox(m)).some((o) => o.recipientKind === 'court' && o.template === 'judicial-confirmation-request'),
      'the court is asked online',
    );
    await s.publish('judicial-confirmation', m, { confirmed: true });
    const [confirmed] = await s.waitForEvent(m, 'judicial-confirmation');
    t.equal(confirmed.data.confirmed, true);
    await s.waitForDeadline(m, 'fulfilment-check');
    await s.advanceDays(31);
    await s.complete(m, 'Task_CheckFulfilment', { fulfilment: 'fulfilled' });
    await s.waitForEvent(m, 'closed');
    const closed = await s.matter(m);
    t.same([closed.closureReason, closed.riskLevel, closed.tier], ['resolved', 'red', 'county']);
  },
);

t.test('domestic violence: urgent protection alongside the main track, which ends in court', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'marriage-family',
    regionCode: 'demo-village-a1-2',
    facts: { parties: 1, domesticViolence: true, vulnerableParty: true },
    summary: '家暴，申请离婚',
  });
  const [activated] = await s.waitForEvent(m, 'urgent-protection-activated');
  const units = activated.data.units as string[];
  for (const u of ['court', 'womens-federation', 'police'])
    t.ok(units.includes(`demo-county-a/${u}`), `${u} acts at once`);
  const outbox = await s.outbox(m);
  t.equal(outbox.filter((o) => o.template === 'urgent-protection').length, 3, 'three units told');
  // The protection task and the mediation run side by side.
  const protect = await s.waitForTask(m, 'Task_ConfirmProtection');
  t.same(
    JSON.parse(protect.headers['io.camunda.zeebe:candidateGroups']),
    ['demo-county-a/womens-federation'],
    "the county's women's federation confirms the measures",
  );
  const [summoned] = await s.waitForEvent(m, 'departments-summoned');
  for (let i = 0; i < (summoned.data.departments as string[]).length; i++)
    await s.complete(m, 'Task_DepartmentReport', { opinion: '到场' });
  await s.complete(m, 'Task_JointSession', { outcome: 'failed', notes: '一方坚持离婚诉讼' });
  const [handoff] = await s.waitForEvent(m, 'litigation-handoff');
  t.equal(handoff.data.kind, 'litigation');
  t.equal(handoff.data.preFilingMediation, true, 'pre-filing mediation first');
  // Protection measures are confirmed while the court case is pending.
  await s.complete(m, 'Task_ConfirmProtection', { measures: ['protection-order', 'police-warning'] });
  await s.publish('court-outcome', m, { courtOutcome: 'judgment' });
  await s.waitForEvent(m, 'closed');
  t.equal((await s.matter(m)).closureReason, 'litigated');
  const types = await s.eventTypes(m);
  t.ok(
    types.indexOf('urgent-protection-activated') < types.indexOf('mediation-failed'),
    'protection started before mediation ended',
  );
  t.ok(types.includes('court-outcome'));
});
