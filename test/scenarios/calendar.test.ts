// A deadline past the holiday table is computed on the provisional rule and marked so — never an
// incident — and a year imported by an administrator is used by the next deadline computed.
import t from 'tap';
import { scenario } from '../helpers/scenario.js';
import { importCalendarYear } from '../../services/calendar.js';
import { chinaTime } from '../../domain/index.js';

t.test('a petition received on 2026-11-30 is handled within 60 days into 2027: provisional, then exact', async (t) => {
  const s = await scenario(t, { start: new Date('2026-11-30T10:00:00+08:00') });
  const receive = () =>
    s.receive({ matterType: 'petition', regionCode: 'demo-village-a1-1', summary: '反映拖欠工程款' });

  const first = await receive();
  await s.complete(first, 'Task_DecideAcceptance', { decision: 'accept' });
  const handle = await s.waitForTask(first, 'Task_HandlePetition');
  t.equal(handle.variables.deadlineProvisional, true, 'counted on the provisional rule');
  t.equal(
    handle.headers['io.camunda.zeebe:dueDate'],
    chinaTime('2027-01-29', '18:00').toISOString(),
    '60 days: Friday 2027-01-29, a working day by the provisional rule',
  );
  const incidents = await s.e.operate('incidents', { filter: { state: 'ACTIVE' } });
  t.equal(incidents.total, 0, 'no incident');
  const set = (await s.events(first)).filter((e) => e.type === 'deadline-set' && e.data.stage === 'petition-handling');
  t.equal(set[0]?.data.provisional, true, 'the timeline says the deadline is provisional');

  // The administrator imports 2027 (test data: two days off around the 29th). Deadlines already
  // computed stand; the next one uses the table.
  await importCalendarYear(
    s.db,
    2027,
    {
      source: '测试数据 test data',
      holidays: [
        { zh: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { zh: '测试假期', from: '2027-01-28', to: '2027-01-29' },
      ],
      workdays: [],
    },
    { actor: 'admin', at: s.now() },
  );
  const second = await receive();
  await s.complete(second, 'Task_DecideAcceptance', { decision: 'accept' });
  const next = await s.waitForTask(second, 'Task_HandlePetition');
  t.equal(next.variables.deadlineProvisional, false, 'the imported table is used');
  t.equal(
    next.headers['io.camunda.zeebe:dueDate'],
    chinaTime('2027-02-01', '18:00').toISOString(),
    'the 60th day is a day off in the imported table: rolled to Monday 2027-02-01',
  );
  const still = await s.waitForTask(first, 'Task_HandlePetition');
  t.equal(still.headers['io.camunda.zeebe:dueDate'], handle.headers['io.camunda.zeebe:dueDate'], 'the first stands');
});
