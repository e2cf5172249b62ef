// The inbox's views on the real system (issue 13): the four views and who may open 'all', sorting
// (due, risk, age; ascending and descending), filters (matter type, category with its minors, region
// subtree, overdue by the server's clock), every view's count in the one answer, the ETag that makes
// polling cheap (304 until something changes), bad query values named, and the form prefilled from
// the process.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { fromZeebeClient } from '../../engine-client/index.js';

let n = 0;
const matter = (over: Record<string, unknown> = {}) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode: 'demo-town-a1',
  summary: '楼上漏水',
  facts: { parties: 2 },
  parties: [{ role: 'applicant', name: '周一', phone: '13700000001' }],
  ...over,
});
const RANK: Record<string, number> = { red: 0, orange: 1 };
const rank = (x: { riskLevel: string | null }) => RANK[x.riskLevel ?? ''] ?? 2;
const time = (s: string | null) => (s ? Date.parse(s) : Infinity);

t.test('inbox views, sorting, filters, counts, ETag', async (t) => {
  const h = await apiHarness(t);
  const receive = async (over?: Record<string, unknown>) => {
    const r = await h.call('clerk', 'POST', '/api/matters', matter(over), { 'idempotency-key': `views-${++n}-key` });
    t.equal(r.status, 201, `matter ${n} received`);
    return r.json.trackingCode as string;
  };
  // Town committee: a green and an orange neighbour dispute, a noise one (a minor of neighbour);
  // a village's own dispute; a complaint for the town government.
  const green = await receive();
  const orange = await receive({ facts: { parties: 6 } });
  const noise = await receive({ category: 'noise-nuisance' });
  const village = await receive({ regionCode: 'demo-village-a1-1' });
  const complaint = await receive({ matterType: 'complaint', category: 'property-fees' });
  const keys = {
    green: await h.inboxTask(green, 'Task_Mediate'),
    orange: await h.inboxTask(orange, 'Task_Mediate'),
    noise: await h.inboxTask(noise, 'Task_Mediate'),
    village: await h.inboxTask(village, 'Task_Mediate'),
    complaint: await h.inboxTask(complaint, 'Task_AnswerComplaint'),
    supervise: await h.inboxTask(orange, 'Task_Supervise'),
  };
  const list = async (user: string, query: string) => {
    const r = await h.call(user, 'GET', `/api/tasks?${query}`);
    t.equal(r.status, 200, `${user} ${query}`);
    return r.json;
  };
  const codes = (j: any) => j.items.map((x: any) => `${x.trackingCode}:${x.elementId}`).sort();

  await t.test('the views and their counts, in one answer', async (t) => {
    const unit = await list('mediator', 'view=unit');
    t.same(
      unit.items.map((x: any) => x.jobKey).sort(),
      [keys.green, keys.orange, keys.noise].sort(),
      "the town committee's unit view: its three mediations",
    );
    t.same(unit.counts.unit, { total: 3, totalIsLowerBound: false });
    t.same(unit.counts.mine, { total: 0, totalIsLowerBound: false });
    t.equal(unit.counts.unassigned.total, 3);
    t.equal(unit.counts.all, null, "a mediator may not open 'all': no count for it");
    t.ok(
      unit.items.every((x: any) => x.overdue === false),
      'nothing overdue yet',
    );
    await h.call('mediator', 'POST', `/api/tasks/${keys.green}/claim`);
    const mine = await list('mediator', 'view=mine');
    t.same(
      mine.items.map((x: any) => x.jobKey),
      [keys.green],
    );
    t.same([mine.counts.mine.total, mine.counts.unit.total, mine.counts.unassigned.total], [1, 3, 2]);

    const all = await list('supervisor', 'view=all');
    t.equal(all.total, 6, 'every open task of the city');
    t.equal(all.counts.all.total, 6);
    const leader = await list('leader', 'view=all');
    t.equal(leader.total, 6, 'a leader sees the whole county too');
    for (const user of ['mediator', 'handler', 'clerk']) {
      const r = await h.call(user, 'GET', '/api/tasks?view=all');
      t.equal(r.status, 403, `${user}: 'all' is refused`);
      t.equal(r.json.code, 'FORBIDDEN');
      t.match(r.json.message, /辖区全部.*主任、管理员和领导/, 'saying who may, in Chinese first');
    }
  });

  await t.test('sorting by due, risk and age, both ways', async (t) => {
    const due = (await list('supervisor', 'view=all&sort=due')).items;
    t.ok(
      due.every((x: any, i: number) => i === 0 || time(due[i - 1].dueAt) <= time(x.dueAt)),
      'earliest due first',
    );
    const risk = (await list('supervisor', 'view=all&sort=risk')).items;
    t.same(
      risk.slice(0, 2).map((x: any) => x.riskLevel),
      ['orange', 'orange'],
      'the orange matter first',
    );
    t.ok(
      risk.every((x: any, i: number) => i === 0 || rank(risk[i - 1]) <= rank(x)),
      'red, orange, green',
    );
    const age = (await list('supervisor', 'view=all&sort=age')).items;
    t.ok(
      age.every((x: any, i: number) => i === 0 || time(age[i - 1].createdAt) <= time(x.createdAt)),
      'oldest first',
    );
    for (const sort of ['due', 'risk', 'age']) {
      const asc = (await list('supervisor', `view=all&sort=${sort}`)).items.map((x: any) => x.jobKey);
      const desc = (await list('supervisor', `view=all&sort=${sort}&order=desc`)).items.map((x: any) => x.jobKey);
      t.same(desc, [...asc].reverse(), `${sort} descending is the reverse`);
    }
  });

  await t.test('filters: matter type, category with its minors, region subtree', async (t) => {
    t.same(codes(await list('supervisor', 'view=all&matterType=complaint')), [`${complaint}:Task_AnswerComplaint`]);
    const neighbour = await list('supervisor', 'view=all&category=neighbour');
    t.same(
      codes(neighbour),
      [
        `${green}:Task_Mediate`,
        `${orange}:Task_Mediate`,
        `${orange}:Task_Supervise`,
        `${noise}:Task_Mediate`,
        `${village}:Task_Mediate`,
      ].sort(),
      'a major category takes in its minors (noise nuisance)',
    );
    t.equal(neighbour.counts.all.total, 5, 'the counts follow the filters');
    t.same(codes(await list('supervisor', 'view=all&category=noise-nuisance')), [`${noise}:Task_Mediate`]);
    t.same(codes(await list('supervisor', 'view=all&regionCode=demo-village-a1-1')), [`${village}:Task_Mediate`]);
    const town = await list('mediator', 'view=unassigned&regionCode=demo-town-a1&matterType=dispute&sort=risk');
    t.same(
      town.items.map((x: any) => x.jobKey),
      [keys.orange, keys.noise],
      'filters combine with a view and a sort',
    );
  });

  await t.test('bad query values are a 400 naming the parameter; other regions a 403', async (t) => {
    for (const [query, param] of [
      ['view=everything', 'view'],
      ['sort=sideways', 'sort'],
      ['order=up', 'order'],
      ['matterType=lawsuit', 'matterType'],
      ['overdue=maybe', 'overdue'],
      ['limit=0', 'limit'],
      ['category=no-such-category', 'category'],
      ['regionCode=nowhere', 'regionCode'],
    ]) {
      const r = await h.call('mediator', 'GET', `/api/tasks?${query}`);
      t.equal(r.status, 400, query);
      t.equal(r.json.code, 'VALIDATION_FAILED');
      t.ok(
        r.json.details.some((d: any) => d.field === param),
        `names ${param}`,
      );
    }
    const out = await h.call('mediator', 'GET', '/api/tasks?regionCode=demo-island-county');
    t.equal(out.status, 403);
    t.equal(out.json.code, 'OUT_OF_JURISDICTION');
  });

  await t.test('ETag: 304 while nothing changed, 200 after a change', async (t) => {
    const first = await h.call('mediator', 'GET', '/api/tasks?view=unit');
    const etag = String(first.headers.etag);
    t.match(etag, /^W\/".+"$/, 'a weak ETag');
    t.match(String(first.headers['cache-control']), /no-cache/, 'the browser asks again each time');
    const same = await h.call('mediator', 'GET', '/api/tasks?view=unit', undefined, { 'if-none-match': etag });
    t.equal(same.status, 304, 'unchanged: 304');
    t.equal(same.body, '', 'with no body');
    t.equal(same.headers.etag, etag);
    const another = await h.call('mediator', 'GET', '/api/tasks?view=mine', undefined, { 'if-none-match': etag });
    t.equal(another.status, 200, 'another view is another answer');

    const fresh = await receive({ category: 'pets' });
    await h.inboxTask(fresh, 'Task_Mediate');
    const changed = await h.call('mediator', 'GET', '/api/tasks?view=unit', undefined, { 'if-none-match': etag });
    t.equal(changed.status, 200, 'a new task: the full answer');
    t.not(changed.headers.etag, etag, 'under a new ETag');
    t.ok(changed.json.items.some((x: any) => x.trackingCode === fresh));
    const claimEtag = String(changed.headers.etag);
    await h.call('mediator', 'POST', `/api/tasks/${keys.noise}/claim`);
    const claimed = await h.call('mediator', 'GET', '/api/tasks?view=unit', undefined, { 'if-none-match': claimEtag });
    t.equal(claimed.status, 200, 'a claim changes the answer too');
  });

  await t.test('the form opens prefilled with the process values of its fields only', async (t) => {
    const task = await h.db('app.tasks').where({ job_key: keys.orange }).first('process_instance_key');
    const engine = fromZeebeClient(h.e.zeebe);
    await engine.setVariables(String(task!.process_instance_key), { notes: '双方同意再约一次', secret: '不给表单' });
    const detail = await h.call('mediator', 'GET', `/api/tasks/${keys.orange}`);
    t.equal(detail.status, 200);
    t.equal(detail.json.variables.notes, '双方同意再约一次', 'a field of the form, from the process');
    t.notOk('secret' in detail.json.variables, 'nothing the form does not bind');
    t.notOk('matterId' in detail.json.variables, 'not even the process basics');
    t.equal(detail.json.overdue, false);
  });

  await t.test("overdue by the server's clock (the engine's), filter and flag", async (t) => {
    t.equal((await list('supervisor', 'view=all&overdue=true')).total, 0, 'nothing overdue yet');
    const before = await h.call('supervisor', 'GET', '/api/tasks?view=all');
    // Just past the earliest deadline: that task is overdue, the others not yet.
    const earliest = Math.min(...before.json.items.map((x: any) => time(x.dueAt)));
    await h.e.advanceClock(earliest - h.now().getTime() + 60_000);
    const overdue = await list('supervisor', 'view=all&overdue=true');
    t.ok(overdue.total >= 1, 'the earliest is overdue now');
    t.ok(
      overdue.items.every((x: any) => x.overdue === true && time(x.dueAt) < h.now().getTime()),
      'each flagged, by the engine clock',
    );
    const all = await list('supervisor', 'view=all');
    t.ok(
      all.items.some((x: any) => x.overdue === false),
      'the later ones are not',
    );
    const again = await h.call('supervisor', 'GET', '/api/tasks?view=all', undefined, {
      'if-none-match': String(before.headers.etag),
    });
    t.equal(again.status, 200, 'a task turning overdue changes the ETag');
  });
});
