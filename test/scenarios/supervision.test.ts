// Supervision by risk grade (风险督办) on the real models and workers: a red matter becomes an item for
// its county's party committee, due at the next standing committee; an orange one for the peace office,
// due at its weekly review, pressed when that passes; a green one none. The item runs beside the
// handling and closes with the matter (the follow-up visit is not held up by it).
import t from 'tap';
import { scenario, type Scenario } from '../helpers/scenario.js';
import type { Matter } from '../../store/matters.js';

// The scenarios start on Monday 14 September 2026, 09:00 China time.
const groups = (task: { headers: Record<string, string> }) =>
  JSON.parse(task.headers['io.camunda.zeebe:candidateGroups']) as string[];

async function supervisionNodes(s: Scenario, m: Matter) {
  const r = await s.e.operate('flownode-instances', {
    filter: { processInstanceKey: m.processInstanceKey, flowNodeId: 'Task_Supervise' },
  });
  return r.items as { state: string }[];
}

t.test('red (40 unpaid workers): the county party committee, at the next standing committee', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'unpaid-wages',
    regionCode: 'demo-village-a2-1',
    facts: { parties: 40 },
    summary: '某工地拖欠40名工人工资',
  });
  const [opened] = await s.waitForEvent(m, 'supervision-opened');
  t.match(opened, {
    unit: 'demo-county-a/county-party-committee',
    tier: 'county',
    data: { level: 'red', cadence: 'standing-committee', reviewDay: '2026-09-21' },
  });
  const task = await s.waitForTask(m, 'Task_Supervise');
  t.same(groups(task), ['demo-county-a/county-party-committee'], 'addressed to the county party committee');
  t.equal(
    new Date(task.headers['io.camunda.zeebe:dueDate']).toISOString(),
    '2026-09-21T10:00:00.000Z',
    'due Monday 21 September, 18:00: the first standing committee a working day ahead',
  );
  t.equal(task.variables.supervisionUnit, 'demo-county-a/county-party-committee');
  t.ok(
    (await s.outbox(m)).some(
      (o) => o.recipient === 'demo-county-a/county-party-committee' && o.template === 'supervision-item',
    ),
    'the party committee is told',
  );
  // The handling goes on beside it: the county summons the departments.
  await s.waitForEvent(m, 'departments-summoned');
  await s.complete(m, 'Task_Supervise', {
    supervisionMeasure: 'meeting',
    supervisionInstructions: '人社局牵头，三日内约谈总包单位，十日内兑付',
  });
  const [supervised] = await s.waitForEvent(m, 'supervised');
  t.match(supervised, {
    unit: 'demo-county-a/county-party-committee',
    data: { measure: 'meeting', instructions: /人社局牵头/ },
  });
  const types = await s.eventTypes(m);
  t.ok(types.indexOf('triaged') < types.indexOf('supervision-opened'), 'opened after triage');
  t.notOk(types.includes('supervision-overdue'), 'done before the review day');
});

t.test('orange (6 parties): the peace office weekly; pressed when the review day passes', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 6 },
  });
  const task = await s.waitForTask(m, 'Task_Supervise');
  t.same(groups(task), ['demo-county-a/county-peace-office']);
  t.equal(
    new Date(task.headers['io.camunda.zeebe:dueDate']).toISOString(),
    '2026-09-18T10:00:00.000Z',
    "due at this week's Friday review, 18:00",
  );
  t.ok(await s.waitForTask(m, 'Task_Mediate'), 'mediation runs beside it');
  await s.advanceDays(4.5);
  const [overdue] = await s.waitForEvent(m, 'supervision-overdue');
  t.equal(overdue.unit, 'demo-county-a/county-peace-office');
  t.ok(
    (await s.outbox(m)).some((o) => o.recipient === overdue.unit && o.template === 'supervision-overdue'),
    'the peace office is pressed',
  );
  t.ok(await s.waitForTask(m, 'Task_Supervise'), 'the item stays open until the office acts');
});

t.test('an item still open closes with the matter; the follow-up visit is not held up', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'consultation',
    regionCode: 'demo-town-a1',
    channel: 'hotline',
    summary: '六户村民咨询征地补偿',
    facts: { parties: 6 },
  });
  t.same(groups(await s.waitForTask(m, 'Task_Supervise')), ['demo-county-a/county-peace-office']);
  await s.complete(m, 'Task_Answer', { answer: '依据土地管理法第四十八条' });
  await s.waitForEvent(m, 'closed');
  await s.waitForEvent(m, 'follow-up-scheduled');
  t.same(
    (await supervisionNodes(s, m)).map((n) => n.state),
    ['TERMINATED'],
    'the supervision task ended with the matter',
  );
  await s.advanceDays(12);
  await s.complete(m, 'Task_FollowUp', { satisfaction: 'satisfied', reallyResolved: 'yes' });
  await s.finished(m);
});

t.test('green: no supervision item, the town reviews it weekly', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2 },
  });
  await s.waitForTask(m, 'Task_Mediate');
  const ended = await s.e.operate('flownode-instances', {
    filter: { processInstanceKey: m.processInstanceKey, flowNodeId: 'End_Supervision' },
  });
  t.same(
    ended.items.map((n: { state: string }) => n.state),
    ['COMPLETED'],
    'the supervision track ended at once',
  );
  t.same(await supervisionNodes(s, m), [], 'no supervision task');
  t.notOk((await s.eventTypes(m)).includes('supervision-opened'));
});

t.test('red in the county-leader variant: the leader of that county, and its party committee', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-b1-1',
    facts: { parties: 2, violence: true },
  });
  t.equal(m.processId, 'dispute-resolution-county-leader');
  t.same(groups(await s.waitForTask(m, 'Task_LeaderTakesCase')), ['demo-county-b/county-leader']);
  t.same(groups(await s.waitForTask(m, 'Task_Supervise')), ['demo-county-b/county-party-committee']);
  // Violence: the police protect at once and confirm it (no women's federation without domestic violence).
  t.same(groups(await s.waitForTask(m, 'Task_ConfirmProtection')), ['demo-county-b/police']);
});
