// Petition limits (信访工作条例 2022) through the staff inbox, on the real engine and workers: handling
// is extended once by at most 30 days and a second extension is refused (422, nothing changed, the
// extended deadline stands); a petition is declined only with a reason, which goes on the timeline.
import t from 'tap';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { upsertUser } from '../../store/users.js';
import type { Matter } from '../../store/matters.js';

const DAY = 86_400_000;
const UNIT = 'demo-county-a/petition-office';

/** The county petition office's handler: the unit the petition tasks are for. */
async function petitionOffice(h: ApiHarness) {
  const id = 'petition-handler';
  await upsertUser(h.db, {
    id,
    displayName: id,
    passwordHash: 'unused',
    roles: ['department-handler'],
    regionCode: 'demo-county-a',
    unit: UNIT,
  });
  const token = h.app.jwt.sign({
    sub: id,
    name: id,
    roles: ['department-handler'],
    regionCode: 'demo-county-a',
    regionPath: h.regions.path('demo-county-a'),
    unit: UNIT,
  });
  return (key: string, variables: unknown) =>
    h.call(null, 'POST', `/api/tasks/${key}/complete`, { variables }, { authorization: `Bearer ${token}` });
}

/** Everything a refused completion must leave as it was: app state and the engine's. */
async function snapshot(h: ApiHarness, m: Matter, key: string) {
  const task = await h.db('app.tasks').where({ job_key: key }).first();
  const { rows: variables } = await h.e.engine.db.pool.query(
    'SELECT scope_key, name, value FROM engine.variables WHERE process_instance_key = $1 ORDER BY scope_key, name',
    [task.process_instance_key],
  );
  const { rows: job } = await h.e.engine.db.pool.query('SELECT key, state FROM engine.jobs WHERE key = $1', [key]);
  return {
    events: (await h.events(m)).map((e) => [e.id, e.type]),
    matter: await h.matter(m),
    outbox: await h.outbox(m),
    audit: (await h.db('app.audit_log').count({ n: '*' }).first())?.n,
    task: { state: task.state, dueAt: task.due_at, completedBy: task.completed_by },
    variables,
    job,
  };
}

const petition = (regionCode: string, summary: string) => ({
  matterType: 'petition' as const,
  regionCode,
  facts: { parties: 4 },
  summary,
});

t.test('a second extension is refused and changes nothing; the first extension stands', async (t) => {
  const h = await apiHarness(t);
  const complete = await petitionOffice(h);
  const m = await h.receive(petition('demo-village-a1-1', '反映征地补偿未到位'));
  const decide = await h.inboxTask(m.trackingCode, 'Task_DecideAcceptance');
  t.equal((await complete(decide, { decision: 'accept' })).status, 200, 'accepted');

  const first = await h.inboxTask(m.trackingCode, 'Task_HandlePetition');
  const [set] = await h.waitForDeadline(m, 'petition-handling');
  const started = Date.parse((set.data.output as { deadlineFrom: string }).deadlineFrom);
  const extend = await complete(first, { result: 'extend', reply: '需会同自然资源局核查' });
  t.equal(extend.status, 200, 'the first extension is taken');
  await h.waitForEvent(m, 'deadline-extended');

  const second = await h.inboxTask(m.trackingCode, 'Task_HandlePetition');
  t.not(second, first, 'back in handling with a new task');
  const before = await snapshot(h, m, second);
  const due = (before.task.dueAt as Date).getTime();
  t.ok(due - started >= 90 * DAY && due - started < 93 * DAY, 'extended to 90 days from the start');
  t.equal(before.matter.nextDeadline?.getTime(), due, "the matter's deadline is the extended one");

  const refused = await complete(second, { result: 'extend', reply: '还需再延期三十日' });
  t.equal(refused.status, 422, 'a second extension is refused');
  t.equal(refused.json.code, 'RULE_VIOLATED');
  t.match(refused.json.message, /^信访事项的办理期限只能延长一次/, 'Chinese first');
  t.match(refused.json.message, /may be extended only once/, 'English second');
  t.match(refused.json.message, /期限仍为 \d{4}-\d{2}-\d{2}/, 'names the deadline that stands');
  t.match(refused.json.details, [{ field: 'result', rule: 'petition-extension-once' }], 'names the field and rule');
  t.same(await snapshot(h, m, second), before, 'no event, no variable, no job completion, deadline unchanged');
  t.equal((await h.db('app.tasks').where({ job_key: second }).first()).state, 'open', 'still in handling');

  const handled = await complete(second, { result: 'handled', reply: '补偿款已发放' });
  t.equal(handled.status, 200, 'a reply within the extended deadline is taken');
  await h.waitForEvent(m, 'closed');
  t.equal((await h.matter(m)).closureReason, 'resolved');
  const types = await h.eventTypes(m);
  t.equal(types.filter((x) => x === 'deadline-extended').length, 1, 'extended once only');
  t.notOk(types.includes('petition-extension-refused'), 'the refusal never reached the engine');
});

t.test('declining a petition needs a reason, and the reason is on the timeline', async (t) => {
  const h = await apiHarness(t);
  const complete = await petitionOffice(h);
  const m = await h.receive(petition('demo-town-a2', '已经法院终审的事项'));
  const key = await h.inboxTask(m.trackingCode, 'Task_DecideAcceptance');
  const before = await snapshot(h, m, key);

  for (const [variables, what] of [
    [{ decision: 'not-accept' }, 'no reason'],
    [{ decision: 'not-accept', reason: '' }, 'an empty reason'],
    [{ decision: 'not-accept', reason: ' \n\t　' }, 'whitespace only'],
  ] as const) {
    const r = await complete(key, variables);
    t.equal(r.status, 400, `${what} is refused`);
    t.equal(r.json.code, 'FORM_INVALID');
    t.match(r.json.details, [
      { field: 'reason', rule: 'petition-decline-reason', message: /^不予受理信访事项须写明理由/ },
    ]);
  }
  t.same(await snapshot(h, m, key), before, 'nothing changed');

  const reason = '属于诉讼程序处理的事项，请向人民法院提出';
  const ok = await complete(key, { decision: 'not-accept', reason });
  t.equal(ok.status, 200, 'declined with a reason');
  const [declined] = await h.waitForEvent(m, 'petition-not-accepted');
  t.equal(declined.data.reason, reason, 'the reason is recorded');
  await h.waitForEvent(m, 'closed');
  t.equal((await h.matter(m)).closureReason, 'not-accepted');
  const detail = await h.call('supervisor', 'GET', `/api/matters/${m.id}`);
  t.equal(detail.status, 200);
  t.match(
    detail.json.timeline.filter((e: { type: string }) => e.type === 'petition-not-accepted'),
    [{ tier: 'county', data: { reason } }],
    "on the matter's timeline",
  );
  t.notOk((await h.eventTypes(m)).includes('petition-accepted'));
});
