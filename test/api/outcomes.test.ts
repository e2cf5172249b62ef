// Outcomes through HTTP on the real system (engine, workers, models): each moves the process as the
// model intends; refused when the process does not wait for it (409), for a wrong role or someone
// else's matter (403), outside the jurisdiction (404, as every matter there), for bad input (400);
// the same request sent ten times at once is delivered, recorded and audited once.
import t from 'tap';
import fs from 'node:fs';
import fc from 'fast-check';
import path from 'node:path';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { upsertUser } from '../../store/users.js';
import { auditOf } from '../../store/audit.js';
import { eventsOf, matterById } from '../../store/matters.js';
import { outboxOf } from '../../store/outbox.js';
import { eventually } from '../helpers/engine.js';
import { OUTCOME_CODES, OUTCOME_DELIVERY } from '../../domain/index.js';
import { PROJECT_ROOT } from '../../platform/database.js';

const intake = (regionCode: string, category: string, facts: Record<string, unknown> = { parties: 2 }) => ({
  matterType: 'dispute',
  channel: 'window',
  category,
  regionCode,
  summary: '结果登记测试',
  facts,
  parties: [{ role: 'applicant', name: '周一' }],
});

/** Staff the shared harness has no user for: a court liaison, an arbitration handler, another town's mediator. */
async function addUsers(h: ApiHarness) {
  const extra = [
    { id: 'court', roles: ['department-handler'], regionCode: 'demo-county-a', unit: 'demo-county-a/court' },
    {
      id: 'arbitration',
      roles: ['department-handler'],
      regionCode: 'demo-county-a',
      unit: 'demo-county-a/labour-arbitration',
    },
    {
      id: 'other-mediator',
      roles: ['mediator'],
      regionCode: 'demo-county-a',
      unit: 'demo-town-a2/people-mediation-committee',
    },
  ];
  for (const u of extra) {
    await upsertUser(h.db, { ...u, displayName: u.id, passwordHash: 'x' });
    const regionPath = h.regions.path(u.regionCode);
    const { id, roles, regionCode, unit } = u;
    h.tokens[id] = h.app.jwt.sign({ sub: id, name: id, roles: roles as never, regionCode, regionPath, unit });
  }
}

const post = (h: ApiHarness, user: string, id: string, kind: string, body: unknown) =>
  h.call(user, 'POST', `/api/matters/${id}/outcomes/${kind}`, body);
const typesOf = async (h: ApiHarness, id: string) => (await eventsOf(h.db, id)).map((e) => e.type);
const outcomeAudits = async (h: ApiHarness, id: string) =>
  (await auditOf(h.db, 'matter', id)).filter((a) => a.action === 'outcome.record');
const waitFor = (h: ApiHarness, id: string, type: string, count = 1) =>
  eventually(
    async () => {
      const evs = (await eventsOf(h.db, id)).filter((e) => e.type === type);
      return evs.length >= count ? evs : null;
    },
    30_000,
    `event ${type} of matter ${id}`,
  );
const closed = (h: ApiHarness, id: string) =>
  eventually(
    async () => {
      const m = await matterById(h.db, id);
      return m?.status === 'closed' ? m : null;
    },
    30_000,
    `matter ${id} closed`,
  );
/** Waits until the matter's process waits for `kind` (a step's event is written just before it gets there). */
const awaited = (h: ApiHarness, id: string, kind: string) =>
  eventually(
    async () => {
      const r = await h.call('supervisor', 'GET', `/api/matters/${id}/outcomes`);
      return r.json.awaiting.some((a: any) => a.kind === kind) || null;
    },
    30_000,
    `matter ${id} awaiting ${kind}`,
  );
async function complete(h: ApiHarness, user: string, code: string, elementId: string, variables: object) {
  const key = await h.inboxTask(code, elementId);
  const r = await h.call(user, 'POST', `/api/tasks/${key}/complete`, { variables });
  if (r.status !== 200) throw new Error(`completing ${elementId}: ${r.status} ${r.body}`);
}

/** Ten identical requests at once: every answer is the one record; one delivery, one entry, one audit row. */
async function tenAtOnce(t: any, h: ApiHarness, user: string, id: string, kind: string, body: unknown) {
  const answers = await Promise.all(Array.from({ length: 10 }, () => post(h, user, id, kind, body)));
  t.same([...new Set(answers.map((a) => a.status))], [200], 'all ten answer 200');
  t.equal(answers.filter((a) => !a.json.replayed).length, 1, 'one recorded it, nine replayed that record');
  t.equal(new Set(answers.map((a) => a.json.delivered.id)).size, 1, 'one message id');
  const recorded = (await eventsOf(h.db, id)).filter((e) => e.type === 'outcome-recorded' && e.data.kind === kind);
  t.equal(recorded.length, 1, 'one timeline entry');
  t.equal((await outcomeAudits(h, id)).filter((a) => a.details.kind === kind).length, 1, 'one audit row');
  return answers[0].json;
}

t.test('withdrawal and the citizen’s answer, by the roles that receive them', async (t) => {
  const h = await apiHarness(t);
  await addUsers(h);
  const m = (await h.call('clerk', 'POST', '/api/matters', intake('demo-town-a1', 'neighbour'))).json;
  const task = await h.inboxTask(m.trackingCode, 'Task_Mediate');

  const awaits = await h.call('mediator', 'GET', `/api/matters/${m.id}/outcomes`);
  t.equal(awaits.status, 200);
  t.same(
    awaits.json.awaiting.map((a: any) => a.kind),
    ['withdrawal'],
    'mid-mediation only a withdrawal is awaited',
  );
  t.same(awaits.json.awaiting[0].codes[0], {
    code: 'settled-privately',
    label: '当事人自行和解',
    labelEn: 'Settled between the parties',
  });

  const early = await post(h, 'supervisor', m.id, 'court', { outcome: 'judgment' });
  t.same([early.status, early.json.code], [409, 'OUTCOME_NOT_AWAITED'], 'no court outcome is awaited');
  t.match(early.json.message, /^事项当前不在等待法院结果/, 'says so, Chinese first');
  const noQuestion = await post(h, 'clerk', m.id, 'citizen-answer', { answer: '已补充' });
  t.same([noQuestion.status, noQuestion.json.code], [409, 'OUTCOME_NOT_AWAITED'], 'nothing was asked yet');

  // The mediator asks; the citizen answers at the window.
  const asked = await h.call('mediator', 'POST', `/api/tasks/${task}/request-info`, { question: '请提供漏水照片' });
  t.equal(asked.status, 200);
  t.same(
    (await h.call('mediator', 'GET', `/api/matters/${m.id}/outcomes`)).json.awaiting.map((a: any) => a.kind),
    ['withdrawal', 'citizen-answer'],
  );
  const answered = await post(h, 'clerk', m.id, 'citizen-answer', { answer: '已提交照片三张' });
  t.equal(answered.status, 200, answered.body);
  t.same(
    [answered.json.kind, answered.json.delivered.as, answered.json.replayed],
    ['citizen-answer', 'timeline', false],
  );
  const [provided] = await waitFor(h, m.id, 'information-provided');
  t.same(
    [provided.data.answer, provided.data.question, provided.data.by],
    ['已提交照片三张', '请提供漏水照片', 'clerk'],
  );
  t.ok(
    (await outboxOf(h.db, m.id)).some((o) => o.recipient === 'mediator' && o.template === 'information-provided'),
    'the mediator who asked is told',
  );
  t.equal((await post(h, 'clerk', m.id, 'citizen-answer', { answer: '已提交照片三张' })).json.replayed, true);
  t.equal((await post(h, 'clerk', m.id, 'citizen-answer', { answer: '另一答复' })).status, 409, 'answered already');

  // Who may withdraw it: window clerks, the matter's mediator, supervisors; no one outside the county.
  const designer = await post(h, 'designer', m.id, 'withdrawal', { outcome: 'applicant-withdraws' });
  t.same([designer.status, designer.json.code], [403, 'FORBIDDEN']);
  t.match(designer.json.message, /^只有窗口受理员、本案调解员、综治中心主任、系统管理员可以登记撤回 · Only/);
  t.equal((await post(h, 'handler', m.id, 'withdrawal', { outcome: 'applicant-withdraws' })).status, 403);
  const other = await post(h, 'other-mediator', m.id, 'withdrawal', { outcome: 'applicant-withdraws' });
  t.same([other.status, other.json.code], [403, 'FORBIDDEN'], 'a mediator of another town');
  t.match(other.json.message, /^您不经办此事项/);
  for (const u of ['island-mediator', 'island-supervisor'])
    t.same((await post(h, u, m.id, 'withdrawal', { outcome: 'applicant-withdraws' })).status, 404, `${u}: absent`);

  const bad = await post(h, 'mediator', m.id, 'withdrawal', { outcome: 'changed-mind' });
  t.same([bad.status, bad.json.code, bad.json.details[0].field], [400, 'VALIDATION_FAILED', 'outcome']);
  const noNote = await post(h, 'mediator', m.id, 'withdrawal', { outcome: 'other' });
  t.same([noNote.status, noNote.json.details[0].field], [400, 'note'], '"other" needs a note');
  const nul = await post(h, 'mediator', m.id, 'withdrawal', { outcome: 'other', note: 'a\u0000b' });
  t.same([nul.status, nul.json.details[0].field], [400, 'note'], 'a NUL byte is refused, naming the field');
  t.same((await outcomeAudits(h, m.id)).length, 1, 'nothing refused was recorded (only the answer)');

  const first = await tenAtOnce(t, h, 'mediator', m.id, 'withdrawal', {
    outcome: 'settled-privately',
    note: '双方已私下和解',
  });
  t.same([first.delivered.name, first.delivered.variables], ['matter-withdrawn', {}], 'the message, no variables');
  const done = await closed(h, m.id);
  t.equal(done.closureReason, 'withdrawn');
  await waitFor(h, m.id, 'follow-up-scheduled');
  t.equal((await typesOf(h, m.id)).filter((x) => x === 'closed').length, 1, 'closed once');
  const again = await post(h, 'clerk', m.id, 'withdrawal', { outcome: 'applicant-withdraws' });
  t.same([again.status, again.json.code], [409, 'OUTCOME_NOT_AWAITED'], 'a closed matter is not withdrawn again');
  t.same((await h.call('mediator', 'GET', `/api/matters/${m.id}/outcomes`)).json.awaiting, [], 'nothing awaited');

  // Generated input on every outcome endpoint: never a 5xx.
  const kinds = Object.keys(OUTCOME_DELIVERY);
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...kinds, ''),
      fc.oneof(fc.constantFrom(m.id, '0', '99999999999999999999', '%00'), fc.string({ maxLength: 12 })),
      fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.record(
          {
            outcome: fc.oneof(
              fc.constantFrom(...Object.values(OUTCOME_CODES).flatMap((cs) => cs.map((c) => c.code))),
              fc.string(),
            ),
            note: fc.oneof(fc.string(), fc.integer()),
            reference: fc.string(),
            answer: fc.oneof(fc.string(), fc.constant('x'.repeat(5000))),
          },
          { requiredKeys: [] },
        ),
      ),
      fc.constantFrom('mediator', 'clerk', 'supervisor', 'court', 'designer'),
      async (kind, id, body, user) => {
        const url = `/api/matters/${encodeURIComponent(id)}/outcomes${kind ? `/${kind}` : ''}`;
        const r = await h.call(user, kind ? 'POST' : 'GET', url, kind ? body : undefined);
        if (r.status >= 500) failures.push(`${url} ${JSON.stringify(body)} → ${r.status} ${r.body}`);
        return r.status < 500;
      },
    ),
    { numRuns: 150 },
  );
  t.same(failures, [], 'no 5xx for generated input');
});

t.test('judicial confirmation, fulfilment, then court enforcement: each from the unit that gives it', async (t) => {
  const h = await apiHarness(t);
  await addUsers(h);
  const m = (await h.call('clerk', 'POST', '/api/matters', intake('demo-town-a1', 'contract-debt'))).json;
  await complete(h, 'mediator', m.trackingCode, 'Task_Mediate', {
    outcome: 'agreement',
    agreementSummary: '分三期还款',
    judicialConfirmation: true,
  });
  const [requested] = await waitFor(h, m.id, 'judicial-confirmation-requested');
  t.equal(requested.unit, 'demo-county-a/court');

  const handler = await post(h, 'handler', m.id, 'judicial-confirmation', { outcome: 'confirmed' });
  t.same([handler.status, handler.json.code], [403, 'FORBIDDEN'], 'market regulation is not the court');
  t.match(handler.json.message, /来源单位部门办理人员/, 'says who may');
  const mediator = await post(h, 'mediator', m.id, 'judicial-confirmation', { outcome: 'confirmed' });
  t.same([mediator.status, mediator.json.code], [403, 'FORBIDDEN'], 'not a mediator’s to record');
  const bad = await post(h, 'court', m.id, 'judicial-confirmation', { outcome: 'approved' });
  t.same([bad.status, bad.json.details[0].field], [400, 'outcome']);
  await awaited(h, m.id, 'judicial-confirmation');
  const ok = await post(h, 'court', m.id, 'judicial-confirmation', {
    outcome: 'confirmed',
    reference: '(2026)浙0203民特12号',
  });
  t.equal(ok.status, 200, ok.body);
  t.same(ok.json.delivered.variables, { confirmed: true }, 'exactly what the model maps');
  const [confirmed] = await waitFor(h, m.id, 'judicial-confirmation');
  t.equal(confirmed.data.confirmed, true, 'the model recorded the court’s ruling');

  const tooEarly = await post(h, 'mediator', m.id, 'fulfilment', { outcome: 'fulfilled' });
  t.same([tooEarly.status, tooEarly.json.code], [409, 'OUTCOME_NOT_AWAITED'], 'the fulfilment period runs');
  t.match(tooEarly.json.message, /^履行核查尚未开始/);
  await eventually(
    async () => (await eventsOf(h.db, m.id)).find((e) => e.data.stage === 'fulfilment-check') ?? null,
    30_000,
    'fulfilment deadline',
  );
  await h.advanceDays(31);
  await h.inboxTask(m.trackingCode, 'Task_CheckFulfilment');
  t.equal((await post(h, 'court', m.id, 'fulfilment', { outcome: 'fulfilled' })).status, 403, 'not the court’s');
  const unfulfilled = await post(h, 'mediator', m.id, 'fulfilment', { outcome: 'unfulfilled', note: '第二期未付' });
  t.equal(unfulfilled.status, 200, unfulfilled.body);
  t.same(
    [unfulfilled.json.delivered.as, unfulfilled.json.delivered.variables],
    ['task', { fulfilment: 'unfulfilled', notes: '第二期未付' }],
    'completes the fulfilment check with the form’s fields',
  );
  const [handoff] = await waitFor(h, m.id, 'litigation-handoff');
  t.equal(handoff.data.kind, 'enforcement', 'an unfulfilled agreement goes to enforcement');

  const judgment = await post(h, 'court', m.id, 'court', { outcome: 'judgment' });
  t.same(
    [judgment.status, judgment.json.details?.[0]?.field],
    [400, 'outcome'],
    'a judgment does not answer enforcement',
  );
  await awaited(h, m.id, 'court');
  const first = await tenAtOnce(t, h, 'court', m.id, 'court', { outcome: 'enforced' });
  t.same([first.code, first.label, first.delivered.name], ['enforced', '执行完毕', 'court-outcome']);
  t.same(first.delivered.variables, { courtOutcome: 'enforced' });
  const done = await closed(h, m.id);
  t.equal(done.closureReason, 'litigated', 'closed as the model says');
  const court = (await eventsOf(h.db, m.id)).filter((e) => e.type === 'court-outcome');
  t.same(
    court.map((e) => e.data.courtOutcome),
    ['enforced'],
    'the process took the outcome once',
  );
  const later = await post(h, 'court', m.id, 'court', { outcome: 'enforcement-ended' });
  t.same([later.status, later.json.code], [409, 'OUTCOME_NOT_AWAITED'], 'another outcome for a step answered');
});

t.test('non-litigation outcomes: resolved closes as referred, unresolved goes to court', async (t) => {
  const h = await apiHarness(t);
  await addUsers(h);
  // Red risk (160 workers) starts at the county: joint mediation, then labour arbitration.
  const red = intake('demo-village-a2-1', 'unpaid-wages', { parties: 160, amountYuan: 2_100_000 });
  const a = (await h.call('clerk', 'POST', '/api/matters', red)).json;
  const b = (await h.call('clerk', 'POST', '/api/matters', red)).json;
  for (const m of [a, b]) {
    const [summoned] = await waitFor(h, m.id, 'departments-summoned');
    for (let i = 0; i < (summoned.data.departments as string[]).length; i++)
      await complete(h, 'supervisor', m.trackingCode, 'Task_DepartmentReport', { opinion: '到场' });
    await complete(h, 'supervisor', m.trackingCode, 'Task_JointSession', { outcome: 'failed', notes: '未达成' });
    const [referred] = await waitFor(h, m.id, 'referred');
    t.same([referred.data.route, referred.unit], ['labour-arbitration', 'demo-county-a/labour-arbitration']);
  }
  for (const m of [a, b]) await awaited(h, m.id, 'non-litigation');
  const awaits = (await h.call('arbitration', 'GET', `/api/matters/${a.id}/outcomes`)).json.awaiting;
  t.same(
    awaits.map((x: any) => x.kind),
    ['withdrawal', 'non-litigation'],
  );
  t.equal((await post(h, 'court', a.id, 'non-litigation', { outcome: 'arbitration-mediated' })).status, 403);
  const wrongRoute = await post(h, 'arbitration', a.id, 'non-litigation', { outcome: 'commercial-agreement' });
  t.same([wrongRoute.status, wrongRoute.json.details[0].field], [400, 'outcome'], 'must fit the route');

  const resolved = await post(h, 'arbitration', a.id, 'non-litigation', { outcome: 'arbitration-award-accepted' });
  t.equal(resolved.status, 200, resolved.body);
  t.same(resolved.json.delivered.variables, { routeResolved: true });
  t.equal((await closed(h, a.id)).closureReason, 'referred');

  const challenged = await post(h, 'arbitration', b.id, 'non-litigation', {
    outcome: 'arbitration-award-challenged',
  });
  t.same(challenged.json.delivered.variables, { routeResolved: false });
  const [handoff] = await waitFor(h, b.id, 'litigation-handoff');
  t.equal(handoff.data.kind, 'litigation');
  await awaited(h, b.id, 'court');
  const settled = await post(h, 'court', b.id, 'court', { outcome: 'pre-filing-settled' });
  t.equal(settled.status, 200, settled.body);
  t.equal((await closed(h, b.id)).closureReason, 'resolved', 'settled before filing: resolved');
  t.same(
    (await eventsOf(h.db, b.id)).filter((e) => e.type === 'outcome-recorded').map((e) => [e.data.kind, e.data.code]),
    [
      ['non-litigation', 'arbitration-award-challenged'],
      ['court', 'pre-filing-settled'],
    ],
  );
});

t.test('every model waits for these messages, on the tracking code, reading exactly these variables', async (t) => {
  const files = [
    'dispute-resolution.bpmn',
    ...['demo-county-b', 'demo-island-county'].flatMap((d) =>
      fs.readdirSync(path.join(PROJECT_ROOT, 'bpmn', 'variants', d)).map((f) => path.join('variants', d, f)),
    ),
  ];
  for (const f of files) {
    const xml = fs.readFileSync(path.join(PROJECT_ROOT, 'bpmn', f), 'utf8');
    for (const [kind, d] of Object.entries(OUTCOME_DELIVERY)) {
      if (!d.message) continue;
      t.match(
        xml,
        new RegExp(
          `name="${d.message}">\\s*<bpmn:extensionElements>\\s*<zeebe:subscription correlationKey="=trackingCode"`,
        ),
        `${f}: ${d.message} on the tracking code`,
      );
      const element = xml.slice(xml.indexOf(`id="${d.elementId}"`), xml.indexOf(`id="${d.elementId}"`) + 600);
      t.match(element, `Message_${d.message}`, `${f}: ${d.elementId} waits for ${d.message}`);
      const sent = new Set(OUTCOME_CODES[kind as 'court'].flatMap((c) => Object.keys(c.variables)));
      const mapped = [...element.split('</bpmn:')[0].matchAll(/zeebe:output source="=(\w+)"/g)].map((x) => x[1]);
      t.same([...sent], mapped, `${f}: ${d.elementId} maps exactly what is sent`);
    }
    t.match(xml, '=routeResolved = true');
    t.match(xml, '=if courtOutcome = &#34;pre-filing-settled&#34; then &#34;resolved&#34; else &#34;litigated&#34;');
    t.match(xml, '=fulfilment = "fulfilled"');
  }
  const form = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'bpmn', 'forms', 'fulfilment-check.form'), 'utf8'));
  const radio = form.components.find((c: any) => c.key === 'fulfilment');
  t.same(
    radio.values.map((v: any) => v.value),
    OUTCOME_CODES.fulfilment.map((c) => c.variables.fulfilment),
    'the fulfilment codes are the form’s values',
  );
  t.ok(
    form.components.some((c: any) => c.key === 'notes'),
    'and its notes field',
  );
});
