// A matter's page beside its detail, through HTTP on the real system: the diagrams (the root instance
// and the called mediation running now, with the step active and the path taken), the letters sent
// (never contact data), the deadlines; the list's filters and its one search box; 404 outside the
// jurisdiction, 400 for bad parameters, 503 when the engine cannot be asked.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { eventually } from '../helpers/engine.js';
import { OperateClient } from '../../engine-client/index.js';
import { matterDiagrams } from '../../services/matter-views.js';
import { ApiError } from '../../services/errors.js';

const PHONE = '13955557777';
const ID_NUMBER = '330203198805051234';
const dispute = (o: Record<string, unknown> = {}) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode: 'demo-village-a1-1',
  summary: '邻居占用楼道堆放杂物',
  facts: { parties: 2 },
  parties: [{ role: 'applicant', name: '司马光', phone: PHONE, idNumber: ID_NUMBER }],
  ...o,
});

t.test('diagram, letters, deadlines and list filters', async (t) => {
  const h = await apiHarness(t);
  let n = 0;
  const receive = async (o: Record<string, unknown> = {}) => {
    const r = await h.call('clerk', 'POST', '/api/matters', dispute(o), { 'idempotency-key': `views-${++n}-key` });
    if (r.status !== 201) throw new Error(`intake: ${r.status} ${r.body}`);
    return r.json;
  };
  const m = await receive();
  await h.inboxTask(m.trackingCode, 'Task_Mediate');

  await t.test('the diagram shows the mediation step of a fresh dispute', async (t) => {
    // The called instance's task is in the inbox once the engine made it; Operate may lag a moment.
    const r = await eventually(
      async () => {
        const x = await h.call('supervisor', 'GET', `/api/matters/${m.id}/diagram`);
        return x.json?.instances?.length === 2 ? x : null;
      },
      30_000,
      'root and called instance',
    );
    t.equal(r.status, 200);
    const [root, called] = r.json.instances;
    t.match(root, { root: true, bpmnProcessId: 'dispute-resolution', state: 'ACTIVE', parentKey: null });
    t.equal(root.processInstanceKey, m.processInstanceKey, 'the matter’s own instance first');
    t.ok(root.completed.includes('Start_Matter'), 'the path taken starts at the start event');
    t.ok(root.completed.includes('Task_Triage'), 'and passed triage');
    t.ok(root.active.includes('Call_Mediation'), 'the root waits in the call activity');
    t.match(root.xml, /<bpmn:process id="dispute-resolution"/);
    t.match(called, {
      root: false,
      bpmnProcessId: 'mediation-at-tier',
      parentKey: root.processInstanceKey,
      calledFrom: 'Call_Mediation',
      active: ['Task_Mediate'],
      incidents: [],
    });
    t.ok(called.completed.includes('Start_Mediation'), 'the called path starts at its start');
    t.notOk(called.completed.includes('Task_Mediate'), 'the active step is not in the path passed');
    t.match(called.name, /调解/);
    t.match(called.xml, /id="Task_Mediate"/);
  });

  await t.test('letters: what was sent, to whom by kind and unit, never contact data', async (t) => {
    const r = await h.call('supervisor', 'GET', `/api/matters/${m.id}/letters`);
    t.equal(r.status, 200);
    t.equal(r.json.trackingCode, m.trackingCode);
    const assigned = r.json.items.find((l: any) => l.template === 'matter-assigned');
    t.match(assigned, {
      recipientKind: 'unit',
      recipientKindLabel: { zh: '单位' },
      templateLabel: { zh: '交办通知' },
      status: 'queued',
      statusLabel: { zh: '待发送' },
      sentAt: null,
    });
    t.match(assigned.unit, /^demo-/, 'the unit id');
    t.match(assigned.recipientLabel, /[\u4e00-\u9fff]/, 'the unit in Chinese');
    t.match(assigned.createdAt, /\+08:00$/, 'China time');
    const citizen = r.json.items.filter((l: any) => l.recipientKind === 'citizen');
    t.ok(citizen.length >= 1, 'the parties were told');
    for (const c of citizen) t.same([c.unit, c.recipientLabel], [null, '全体当事人'], 'parties by role, no unit');
    for (const secret of [PHONE, ID_NUMBER, '司马光']) t.notOk(r.body.includes(secret), `no ${secret} in the letters`);
    t.notMatch(r.body, /\d\*{2,}\d/, 'nor a masked phone or ID number');
  });

  await t.test('the detail names its region and units, and says whether the caller may reveal', async (t) => {
    const r = await h.call('supervisor', 'GET', `/api/matters/${m.id}`);
    t.match(r.json, {
      regionLabel: /[\u4e00-\u9fff]/,
      handlingUnitLabel: /调解委员会/,
      canReveal: true,
      revealed: false,
    });
    t.ok(
      r.json.timeline.some((e: any) => e.unit && /[\u4e00-\u9fff]/.test(e.unitLabel)),
      'timeline units in Chinese',
    );
    t.match((await h.call('supervisor', 'GET', `/api/matters/${m.id}?reveal=true`)).json, { revealed: true });
    t.match((await h.call('auditor', 'GET', `/api/matters/${m.id}`)).json, { canReveal: false, revealed: false });
  });

  await t.test('deadlines: the mediation task and the stage term', async (t) => {
    const r = await h.call('mediator', 'GET', `/api/matters/${m.id}/deadlines`);
    t.equal(r.status, 200);
    const task = r.json.items.find((d: any) => d.kind === 'task' && d.elementId === 'Task_Mediate');
    t.match(task, { open: true, overdue: false, label: { zh: '调解', en: 'Mediate' } });
    const stage = r.json.items.find((d: any) => d.kind === 'stage');
    t.match(stage, { label: { zh: '调解期限' }, extended: false, elementId: null });
    t.match(r.json.nextDeadline, /\+08:00$/);
  });

  await t.test('outside the jurisdiction looks absent', async (t) => {
    for (const what of ['diagram', 'letters', 'deadlines']) {
      const r = await h.call('island-supervisor', 'GET', `/api/matters/${m.id}/${what}`);
      t.same([r.status, r.json.code], [404, 'NOT_FOUND'], `${what}: 404`);
      t.equal((await h.call('supervisor', 'GET', `/api/matters/999999999/${what}`)).status, 404, `${what}: absent`);
      t.equal((await h.call('designer', 'GET', `/api/matters/${m.id}/${what}`)).status, 403, `${what}: designer`);
      t.equal((await h.call(null, 'GET', `/api/matters/${m.id}/${what}`)).status, 401, `${what}: signed out`);
      const bad = await h.call('supervisor', 'GET', `/api/matters/abc/${what}`);
      t.same([bad.status, bad.json.code], [400, 'VALIDATION_FAILED'], `${what}: a bad id is a 400`);
    }
  });

  await t.test('list filters, sort, paging and the one search box', async (t) => {
    const other = await receive({
      category: 'noise-nuisance',
      regionCode: 'demo-town-a2',
      summary: '楼上夜间噪声扰邻',
      parties: [{ role: 'applicant', name: '欧阳修', phone: '13955558888' }],
    });
    const complaint = await receive({
      matterType: 'complaint',
      category: 'public-facilities',
      summary: '路灯不亮',
      parties: [{ role: 'applicant', name: '王安石' }],
    });
    const ids = (r: any) => r.json.items.map((x: any) => x.id).sort();
    const list = (qs: string, user = 'supervisor') => h.call(user, 'GET', `/api/matters?${qs}`);

    t.same(ids(await list('matterType=complaint')), [complaint.id], 'by type');
    t.same(ids(await list('category=neighbour')), [m.id, other.id].sort(), 'a major category includes its minors');
    t.same(ids(await list('category=noise-nuisance')), [other.id], 'a minor alone');
    t.same(ids(await list('regionCode=demo-town-a2')), [other.id], 'a region and below');
    t.same(ids(await list('regionCode=demo-town-a1&matterType=dispute')), [m.id], 'a town holds its villages');
    t.same(ids(await list('status=closed')), [], 'by status');
    const day = m.receivedAt.slice(0, 10); // China day: receivedAt is in +08:00
    t.equal((await list(`receivedFrom=${day}&receivedTo=${day}`)).json.total, 3, 'the day, inclusive');
    const next = new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000 + 8 * 3_600_000).toISOString();
    t.equal((await list(`receivedFrom=${next.slice(0, 10)}`)).json.total, 0, 'from the next day: none');
    const newest = (await list('limit=1')).json;
    const oldest = (await list('limit=1&sort=received')).json;
    t.same([newest.total, newest.items[0].id, oldest.items[0].id], [3, complaint.id, m.id], 'sorted by received');
    t.same((await list('limit=1&offset=1&sort=received')).json.items[0].id, other.id, 'paged');

    const byCode = await list(`search=${encodeURIComponent(m.trackingCode.toLowerCase())}`);
    t.same([ids(byCode), byCode.json.searchedBy], [[m.id], 'code'], 'a code, any case');
    const byName = await list(`search=${encodeURIComponent('欧阳')}`);
    t.same([ids(byName), byName.json.searchedBy], [[other.id], 'party'], 'a name');
    const byPhone = await list(`search=${encodeURIComponent('139-5555-7777')}`, 'clerk');
    t.same([ids(byPhone), byPhone.json.searchedBy], [[m.id], 'phone'], 'a phone');
    const byId = await list(`search=${ID_NUMBER}`);
    t.same([ids(byId), byId.json.searchedBy], [[m.id], 'idNumber'], 'an ID number');
    t.equal((await list('search=' + m.trackingCode, 'island-supervisor')).json.total, 0, 'not outside jurisdiction');
    const audits = await h.db('app.audit_log').where({ action: 'matters.search-party' }).select('details');
    t.same(
      audits.map((a) => a.details.by),
      [['party'], ['phone'], ['idNumber']],
      'party searches are audited (how, never the term)',
    );
    t.notOk(JSON.stringify(audits).includes('欧阳'), 'the term is not in the audit');
    t.same(ids(await list(`code=${m.trackingCode}`)), [m.id], 'the old parameters still work');
  });

  await t.test('bad list parameters are a 400 naming the field', async (t) => {
    const bad = async (qs: string, field: string) => {
      const r = await h.call('supervisor', 'GET', `/api/matters?${qs}`);
      t.same([r.status, r.json.code], [400, 'VALIDATION_FAILED'], qs);
      t.ok(JSON.stringify(r.json.details ?? '').includes(field), `${qs}: names ${field}`);
    };
    await bad('receivedFrom=2026-13-01', 'receivedFrom');
    await bad('receivedTo=2026-02-30', 'receivedTo');
    await bad('receivedFrom=yesterday', 'receivedFrom');
    await bad('receivedFrom=2026-03-02&receivedTo=2026-03-01', 'receivedFrom');
    await bad('category=no-such-category', 'category');
    await bad('sort=risk', 'sort');
    await bad('status=lost', 'status');
    await bad('limit=0', 'limit');
    await bad('region=demo-town-a1&regionCode=demo-town-a2', 'regionCode');
    await bad(`search=${'x'.repeat(101)}`, 'search');
    const out = await h.call('clerk', 'GET', '/api/matters?regionCode=demo-island-county');
    t.same([out.status, out.json.code], [403, 'OUT_OF_JURISDICTION'], 'a region outside is refused');
  });

  await t.test('documented in OpenAPI with examples and the shared error shape', async (t) => {
    const doc = h.app.swagger() as any;
    for (const what of ['diagram', 'letters', 'deadlines']) {
      const op = doc.paths[`/api/matters/{id}/${what}`].get;
      t.match(op.description, /[\u4e00-\u9fff]/, `${what}: described, Chinese first`);
      const json = op.responses['200'].content['application/json'];
      t.ok(json.schema.examples ?? json.example ?? json.examples, `${what}: an example`);
      t.equal(op.responses['404'].content['application/json'].schema.$ref, '#/components/schemas/ApiError');
    }
    t.ok(doc.paths['/api/matters/{id}/diagram'].get.responses['503'], 'the diagram may answer 503');
    const list = doc.paths['/api/matters'].get.parameters.map((p: any) => p.name);
    for (const q of ['regionCode', 'receivedFrom', 'receivedTo', 'sort', 'search']) t.ok(list.includes(q), q);
  });

  await t.test('an open task past its date is overdue', async (t) => {
    // Last: the clock moves on, and the process with it (letters, escalation), which is not waited for.
    const due = (await h.call('supervisor', 'GET', `/api/matters/${m.id}/deadlines`)).json.items.find(
      (d: any) => d.elementId === 'Task_Mediate',
    );
    await h.advanceDays(1);
    const now = h.now().getTime();
    const late = await h.call('supervisor', 'GET', `/api/matters/${m.id}/deadlines`);
    const task = late.json.items.find((d: any) => d.elementId === 'Task_Mediate' && d.dueAt === due.dueAt);
    t.equal(task.overdue, task.open && Date.parse(task.dueAt) < now, 'overdue = open and past its date');
  });
});

t.test('no engine to ask: ENGINE_UNAVAILABLE', async (t) => {
  const refused = async (p: Promise<unknown>, what: string) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    t.ok(e instanceof ApiError && e.code === 'ENGINE_UNAVAILABLE' && e.status === 503, what);
  };
  await refused(matterDiagrams(undefined, '2251799813685249'), 'no Operate API configured');
  await refused(matterDiagrams(new OperateClient('http://127.0.0.1:9'), '2251799813685249'), 'Operate down');
  t.same(await matterDiagrams(undefined, null), [], 'no process yet: nothing to ask');
});
