// The staff inbox on the real system: tasks arrive from the engine, views, claim/unclaim/assign,
// completion validated against the form, double completion, ask for more information, tasks that
// end without staff.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { reconcileTasks } from '../../services/task-feed.js';
import { OperateClient } from '../../engine-client/index.js';

const dispute = (regionCode: string) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode,
  summary: '楼上漏水',
  facts: { parties: 2 },
  parties: [{ role: 'applicant', name: '周一', phone: '13700000001' }],
});

t.test('inbox views, claim, complete with form validation, twice is a 409', async (t) => {
  const h = await apiHarness(t);
  // A town-level matter (intake at the town): its mediation task is for the town committee.
  const m = (await h.call('clerk', 'POST', '/api/matters', dispute('demo-town-a1'))).json;
  const key = await h.inboxTask(m.trackingCode, 'Task_Mediate');
  const unit = await h.call('mediator', 'GET', '/api/tasks?view=unit');
  t.same(
    unit.json.items.map((x: any) => x.jobKey),
    [key],
    'the town committee sees it in its unit view',
  );
  t.equal((await h.call('mediator', 'GET', '/api/tasks?view=mine')).json.total, 0, 'nobody has it yet');
  t.equal((await h.call('mediator', 'GET', '/api/tasks?view=all')).status, 403, "'all' is for supervisors");
  t.equal((await h.call('supervisor', 'GET', '/api/tasks?view=all&sort=risk')).json.total, 1);
  t.equal((await h.call('supervisor', 'GET', '/api/tasks?view=unassigned')).json.total, 1);

  const detail = await h.call('mediator', 'GET', `/api/tasks/${key}`);
  t.equal(detail.json.form.id, 'mediate', 'the form comes with the task');
  t.equal(detail.json.matter.trackingCode, m.trackingCode);
  t.ok(detail.json.dueAt, 'due date from the model');

  const claimed = await h.call('mediator', 'POST', `/api/tasks/${key}/claim`);
  t.equal(claimed.json.claimedBy, 'mediator');
  t.equal((await h.call('mediator', 'GET', '/api/tasks?view=mine')).json.total, 1);
  t.equal((await h.call('supervisor', 'POST', `/api/tasks/${key}/claim`)).status, 409, 'claimed by someone else');

  const bad = await h.call('mediator', 'POST', `/api/tasks/${key}/complete`, { variables: { outcome: 'maybe' } });
  t.equal(bad.status, 400);
  t.equal(bad.json.code, 'FORM_INVALID');
  t.same(
    bad.json.details.map((d: any) => d.field),
    ['outcome'],
    'names the field',
  );
  t.equal((await h.call('mediator', 'POST', `/api/tasks/${key}/complete`, { variables: 'x' })).status, 400);

  const ok = await h.call('mediator', 'POST', `/api/tasks/${key}/complete`, {
    variables: { outcome: 'agreement', agreementSummary: '修复防水层', judicialConfirmation: false },
  });
  t.equal(ok.status, 200);
  t.equal(ok.json.state, 'completed');
  const twice = await h.call('mediator', 'POST', `/api/tasks/${key}/complete`, { variables: { outcome: 'agreement' } });
  t.equal(twice.status, 409);
  t.equal(twice.json.code, 'TASK_ALREADY_COMPLETED');
  await h.waitForEvent(m, 'mediation-agreed');
  const events = await h.eventTypes(m);
  t.ok(events.includes('task-completed'), 'the completion is in the event log');
});

t.test('unclaim, assign, ask for more information, and a task that ended without staff', async (t) => {
  const h = await apiHarness(t);
  const m = (await h.call('clerk', 'POST', '/api/matters', dispute('demo-town-a1'))).json;
  const key = await h.inboxTask(m.trackingCode, 'Task_Mediate');
  t.equal((await h.call('handler', 'POST', `/api/tasks/${key}/claim`)).status, 403, 'another unit cannot claim it');
  t.equal(
    (await h.call('island-clerk', 'GET', `/api/tasks/${key}`)).status,
    404,
    'outside the jurisdiction it does not exist',
  );
  await h.call('mediator', 'POST', `/api/tasks/${key}/claim`);
  t.equal((await h.call('mediator', 'POST', `/api/tasks/${key}/unclaim`)).json.claimedBy, null);
  const assigned = await h.call('supervisor', 'POST', `/api/tasks/${key}/assign`, { userId: 'mediator' });
  t.equal(assigned.json.claimedBy, 'mediator');
  t.equal((await h.call('supervisor', 'POST', `/api/tasks/${key}/assign`, { userId: 'nobody' })).status, 400);
  t.equal((await h.call('mediator', 'POST', `/api/tasks/${key}/assign`, { userId: 'mediator' })).status, 403);
  const info = await h.call('mediator', 'POST', `/api/tasks/${key}/request-info`, { question: '请补充漏水照片' });
  t.equal(info.status, 200);
  t.ok(
    (await h.outbox(m)).some((o) => o.template === 'information-requested'),
    'the citizen is asked',
  );
  // The citizen withdraws: the task's element ends in the engine; the inbox learns it.
  await h.publish('matter-withdrawn', m);
  await h.waitForEvent(m, 'closed');
  t.equal(await reconcileTasks(h.db, new OperateClient(h.e.httpUrl), h.now), 1, 'one task found gone');
  const gone = await h.call('mediator', 'POST', `/api/tasks/${key}/complete`, { variables: { outcome: 'agreement' } });
  t.equal(gone.status, 410);
  t.equal(gone.json.code, 'TASK_GONE');
});
