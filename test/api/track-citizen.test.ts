// The citizen's page acting (services/track.ts): after a check of the applicant's phone's last four
// digits the citizen reads and answers the question staff asked and rates the follow-up visit; wrong
// tries are limited per code and per client address (429 naming when to retry), every try audited;
// no public answer carries a name, a phone, or anything of what a sensitive matter is about.
import t from 'tap';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { auditOf } from '../../store/audit.js';
import { eventsOf } from '../../store/matters.js';
import { outboxOf } from '../../store/outbox.js';
import { taskByKey } from '../../store/tasks.js';
import { eventually } from '../helpers/engine.js';

const NAME = '李小青';
const PHONE = '139-1234-5678';
const consultation = (parties: unknown[] = [{ role: 'applicant', name: NAME, phone: PHONE }]) => ({
  matterType: 'consultation',
  channel: 'window',
  regionCode: 'demo-town-a1',
  summary: '咨询劳动合同解除',
  parties,
});

/** Every public answer of a test, to check none carries personal data. */
function publicCalls(h: ApiHarness, client: string) {
  const bodies: string[] = [];
  const call = async (method: string, url: string, body?: unknown) => {
    const r = await h.call(null, method, url, body, { 'x-forwarded-for': client });
    bodies.push(r.body);
    return r;
  };
  return { call, bodies };
}

const waitFor = (h: ApiHarness, id: string, type: string) =>
  eventually(
    async () => {
      const evs = (await eventsOf(h.db, id)).filter((e) => e.type === type);
      return evs.length ? evs : null;
    },
    30_000,
    `event ${type} of matter ${id}`,
  );

async function receive(h: ApiHarness, body: unknown) {
  const r = await h.call('clerk', 'POST', '/api/matters', body, { 'idempotency-key': `track-${Math.random()}` });
  if (r.status !== 201) throw new Error(`intake: ${r.status} ${r.body}`);
  return r.json as { id: string; trackingCode: string };
}

t.test('answer a question and rate the follow-up online', async (t) => {
  const h = await apiHarness(t, { trustProxy: 'true' });
  const { call, bodies } = publicCalls(h, '198.51.100.7');
  const m = await receive(h, consultation());
  const code = m.trackingCode;
  const url = `/api/track/${code}`;

  const fresh = await call('GET', url);
  t.equal(fresh.status, 200);
  t.same(fresh.json.awaiting, { answer: false, rating: false }, 'nothing to do yet');
  const early = await call('POST', `${url}/verify`, { phoneLast4: '5678' });
  t.same([early.status, early.json.question, early.json.awaiting], [200, null, { answer: false, rating: false }]);

  const task = await h.inboxTask(code, 'Task_Answer');
  const question = '请说明劳动合同签订的日期';
  const asked = await h.call('supervisor', 'POST', `/api/tasks/${task}/request-info`, { question });
  t.equal(asked.status, 200, asked.body);

  const page = await call('GET', url);
  t.same(page.json.awaiting, { answer: true, rating: false }, 'an answer is awaited');
  t.notMatch(page.body, question, 'the question is not shown before the check');

  const wrong = await call('POST', `${url}/verify`, { phoneLast4: '1234' });
  t.same([wrong.status, wrong.json.code], [403, 'TRACK_CHECK_FAILED']);
  t.match(wrong.json.message, /^手机号后四位不正确，请核对后重试（还可尝试 4 次）/, 'Chinese first, tries left');
  const right = await call('POST', `${url}/verify`, { phoneLast4: '5678' });
  t.equal(right.status, 200, right.body);
  t.equal(right.json.question, question, 'the question after the check');
  t.match(right.json.askedAt, /\+08:00$/, 'asked at, China time');

  t.equal((await call('POST', `${url}/answer`, { phoneLast4: '5678', answer: 'a\u0000b' })).status, 400, 'NUL');
  const badDigits = await call('POST', `${url}/answer`, { phoneLast4: '56a8', answer: '2025年3月' });
  t.same([badDigits.status, badDigits.json.code], [400, 'VALIDATION_FAILED'], 'not four digits');
  const long = await call('POST', `${url}/answer`, { phoneLast4: '5678', answer: '长'.repeat(2001) });
  t.equal(long.status, 400, 'over 2000 characters');
  t.equal((await call('POST', `${url}/answer`, { phoneLast4: '5678', answer: '   ' })).status, 400, 'blank');
  const wrongAnswer = await call('POST', `${url}/answer`, { phoneLast4: '0000', answer: '2025年3月' });
  t.equal(wrongAnswer.status, 403, 'an answer needs the check too');

  const answered = await call('POST', `${url}/answer`, { phoneLast4: '5678', answer: '2025年3月1日签订' });
  t.same([answered.status, answered.json.recorded, answered.json.replayed], [200, true, false], answered.body);
  const again = await call('POST', `${url}/answer`, { phoneLast4: '5678', answer: '2025年3月1日签订' });
  t.same([again.status, again.json.replayed], [200, true], 'a repeat is recorded once');
  const other = await call('POST', `${url}/answer`, { phoneLast4: '5678', answer: '另一个答复' });
  t.same([other.status, other.json.code], [409, 'TRACK_NOT_AWAITED'], 'nothing awaits another answer');
  t.match(other.json.message, /^目前没有需要您答复的问题/);
  t.notMatch(other.body, m.id, 'no staff route naming the matter');

  const provided = (await eventsOf(h.db, m.id)).filter((e) => e.type === 'information-provided');
  t.equal(provided.length, 1, 'once on the timeline');
  t.match(provided[0].data, { answer: '2025年3月1日签订', question, by: 'citizen', channel: 'online' });
  const timeline = await h.call('supervisor', 'GET', `/api/matters/${m.id}`);
  t.ok(
    timeline.json.timeline.some((e: any) => e.type === 'information-provided' && e.data.channel === 'online'),
    'staff see it on the timeline',
  );
  t.ok(
    (await outboxOf(h.db, m.id)).some((o) => o.recipient === 'supervisor' && o.template === 'information-provided'),
    'the staff member who asked is told',
  );
  t.same((await call('GET', url)).json.awaiting, { answer: false, rating: false }, 'answered');

  // On to the follow-up visit: answer the consultation, let the visit fall due.
  const done = await h.call('supervisor', 'POST', `/api/tasks/${task}/complete`, {
    variables: { answer: '可依据劳动合同法第三十八条解除' },
  });
  t.equal(done.status, 200, done.body);
  const noVisit = await call('POST', `${url}/rating`, {
    phoneLast4: '5678',
    satisfaction: 'satisfied',
    reallyResolved: 'yes',
  });
  t.same([noVisit.status, noVisit.json.code], [409, 'TRACK_NOT_AWAITED'], 'no visit open yet');
  t.match(noVisit.json.message, /^目前没有待评价的回访/);
  await waitFor(h, m.id, 'follow-up-scheduled');
  await h.advanceDays(12);
  const visit = await h.inboxTask(code, 'Task_FollowUp');
  t.same((await call('GET', url)).json.awaiting, { answer: false, rating: true }, 'a rating is awaited');

  const badRating = await call('POST', `${url}/rating`, {
    phoneLast4: '5678',
    satisfaction: 'unknown',
    reallyResolved: 'yes',
  });
  t.equal(badRating.status, 400, 'the citizen rates with the three answers only');
  const rated = await call('POST', `${url}/rating`, {
    phoneLast4: '5678',
    satisfaction: 'basically-satisfied',
    reallyResolved: 'yes',
    comment: '答复很及时',
  });
  t.same([rated.status, rated.json.replayed], [200, false], rated.body);
  const row = await taskByKey(h.db, visit);
  t.same([row?.state, row?.completedBy], ['completed', 'citizen'], 'the follow-up task is completed');
  const [followUp] = await waitFor(h, m.id, 'follow-up-done');
  t.match(followUp.data, { satisfaction: 'basically-satisfied', resolved: true, notes: '答复很及时' });
  const repeat = await call('POST', `${url}/rating`, {
    phoneLast4: '5678',
    satisfaction: 'satisfied',
    reallyResolved: 'no',
  });
  t.same([repeat.status, repeat.json.replayed], [200, true], 'a repeat completes nothing more');
  const final = await call('GET', url);
  t.same(final.json.awaiting, { answer: false, rating: false }, 'rated');
  t.ok(
    final.json.steps.some((s: any) => s.step === 'follow-up-done'),
    'the public steps show the visit done',
  );

  const audits = await auditOf(h.db, 'matter', m.id);
  const checks = audits.filter((a) => a.action === 'track.check');
  t.ok(checks.length >= 10, `every check is audited (${checks.length})`);
  t.ok(
    checks.every((a) => a.actor === 'citizen' && typeof a.details.client === 'string'),
    'by the citizen, the client keyed',
  );
  t.notOk(JSON.stringify(audits).includes('198.51.100.7'), 'the client address itself is not kept');
  t.ok(
    (await auditOf(h.db, 'task', visit)).some((a) => a.actor === 'citizen' && a.action === 'task.complete'),
    'the completion is audited',
  );
  for (const b of bodies) {
    t.notMatch(b, NAME, 'no name in a public answer');
    t.notMatch(b, /139-?1234|13912345678/, 'no phone in a public answer');
  }
});

t.test('wrong tries are limited; no phone; a sensitive matter tells nothing', async (t) => {
  const h = await apiHarness(t, { trustProxy: 'true' });
  const a = publicCalls(h, '203.0.113.1');
  const b = publicCalls(h, '203.0.113.2');
  const sensitive = await receive(h, {
    matterType: 'dispute',
    channel: 'window',
    category: 'domestic-violence',
    regionCode: 'demo-village-a1-1',
    summary: '家中长期遭受殴打，请求保护',
    facts: { parties: 2, violence: true },
    parties: [
      { role: 'applicant', name: '王某', phone: '+86-138-1234-4321' },
      { role: 'respondent', name: '刘某', phone: '13700009999' },
    ],
  });
  const url = `/api/track/${sensitive.trackingCode}`;
  // Whichever step comes first (urgent protection, mediation): staff ask from that task.
  const task = await eventually(
    async () =>
      (
        (await h.db('app.tasks').where({ tracking_code: sensitive.trackingCode, state: 'open' }).first('job_key')) as
          { job_key: string } | undefined
      )?.job_key ?? null,
    30_000,
    'a task of the sensitive matter',
  );
  const question = '请提供报警回执或就医记录';
  t.equal((await h.call('supervisor', 'POST', `/api/tasks/${task}/request-info`, { question })).status, 200);
  const page = await a.call('GET', url);
  t.same(page.json.awaiting, { answer: true, rating: false });
  for (const telling of ['家庭暴力', 'domestic', '报警', '就医', '王某', '刘某', '1381234', '9999'])
    t.notMatch(page.body, telling, `the page does not say '${telling}'`);
  const respondent = await a.call('POST', `${url}/verify`, { phoneLast4: '9999' });
  t.equal(respondent.status, 403, "the respondent's phone does not pass: only the applicant's");
  t.notMatch(respondent.body, question);

  for (let i = 0; i < 4; i++) {
    const r = await a.call('POST', `${url}/verify`, { phoneLast4: `000${i}` });
    t.same([r.status, r.json.code], [403, 'TRACK_CHECK_FAILED'], `wrong try ${i + 2}`);
  }
  const locked = await a.call('POST', `${url}/verify`, { phoneLast4: '4321' });
  t.same([locked.status, locked.json.code], [429, 'RATE_LIMITED'], 'the sixth try is refused, a right one too');
  t.match(locked.json.message, /^核验错误次数过多，请于北京时间 \d{2}:\d{2} 后再试/, 'says when to retry');
  t.ok(Number(locked.headers['retry-after']) > 0, `Retry-After: ${locked.headers['retry-after']}`);
  t.match(locked.json.details.retryAt, /\+08:00$/);
  const otherClient = await b.call('POST', `${url}/verify`, { phoneLast4: '4321' });
  t.equal(otherClient.status, 429, 'the code is locked for every client');

  // The client is limited on other codes too.
  const plain = await receive(h, consultation([{ role: 'applicant', name: '赵六', phone: '13600001111' }]));
  const plainUrl = `/api/track/${plain.trackingCode}`;
  t.equal((await a.call('POST', `${plainUrl}/verify`, { phoneLast4: '1111' })).status, 429, 'the client is locked');
  t.equal((await b.call('POST', `${plainUrl}/verify`, { phoneLast4: '1111' })).status, 200, 'another is not');

  await h.advanceDays(16 / 1440);
  const after = await b.call('POST', `${url}/verify`, { phoneLast4: '4321' });
  t.equal(after.status, 200, 'after the window the right digits pass');
  t.equal(after.json.question, question, "a sensitive matter's question, after the check only");

  const none = await receive(h, consultation([{ role: 'applicant', name: '孙七' }]));
  const noPhone = await b.call('POST', `/api/track/${none.trackingCode}/verify`, { phoneLast4: '1234' });
  t.same([noPhone.status, noPhone.json.code], [422, 'TRACK_NO_PHONE']);
  t.match(noPhone.json.message, /^此事项未登记申请人手机号，无法在线核验。请携带回执到综治中心窗口或致电综治中心/);

  const unknown = await b.call('POST', '/api/track/GC-0000-0000-000/verify', { phoneLast4: '1234' });
  t.equal(unknown.status, 404, 'an unknown code');
  const audits = await auditOf(h.db, 'matter', sensitive.id);
  t.same(
    audits.filter((x) => x.action === 'track.check').map((x) => x.details.ok),
    [false, false, false, false, false, null, null, true],
    'every try audited, the refused ones too',
  );
  for (const body of [...a.bodies, ...b.bodies]) {
    t.notMatch(body, /王某|刘某|赵六|孙七/, 'no name');
    t.notMatch(body, /138-?1234|13700009999|13600001111/, 'no phone');
  }
});
