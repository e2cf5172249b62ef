// Chinese first for people (issue 12): statuses, closure reasons, tiers, risk levels, types, channels
// and timeline entries go out with their labels next to the codes; every instant reads in China time
// (+08:00, the same instant); statistics take a China day for from/to.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { insertMatter, recordStep } from '../../store/matters.js';

const CHINA = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;
const HAN = /[\u4e00-\u9fff]/;

const dispute = {
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode: 'demo-village-a1-1',
  summary: '邻居占用公共通道',
  facts: { parties: 2 },
  parties: [{ role: 'applicant', name: '张三', phone: '13812345678' }],
};

/** Every value under a key ending in "At", "Deadline", "at" or "since" in an answer. */
function instants(x: unknown, out: [string, unknown][] = [], path = ''): [string, unknown][] {
  if (Array.isArray(x)) x.forEach((v, i) => instants(v, out, `${path}.${i}`));
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) {
      if (k === 'data' || k === 'form') continue; // open: event data as recorded, a Camunda Form
      if (/(At|Deadline)$|^(at|since|from|to)$/.test(k) && v !== null) out.push([`${path}.${k}`, v]);
      else instants(v, out, `${path}.${k}`);
    }
  return out;
}

t.test('staff views and the public page carry labels next to the codes, times in China time', async (t) => {
  const h = await apiHarness(t);
  const intake = await h.call('clerk', 'POST', '/api/matters', dispute);
  t.equal(intake.status, 201);
  t.match(intake.json, {
    status: 'received',
    statusLabel: { zh: '已受理', en: 'Received' },
    matterType: 'dispute',
    matterTypeLabel: { zh: '纠纷化解', en: 'Dispute resolution' },
    channel: 'window',
    channelLabel: { zh: '窗口来访', en: 'Walk-in at the window' },
    category: 'neighbour',
    categoryLabel: { zh: '邻里纠纷', en: 'Neighbours' },
    closureReason: null,
    closureReasonLabel: null,
  });
  t.match(intake.json.receivedAt, CHINA, 'the receipt reads China time');
  t.ok(Math.abs(Date.parse(intake.json.receivedAt) - h.now().getTime()) < 60_000, 'the same instant');
  const { id, trackingCode: code } = intake.json;
  const key = await h.inboxTask(code, 'Task_Mediate');

  const detail = await h.call('clerk', 'GET', `/api/matters/${id}`);
  t.equal(detail.status, 200);
  t.match(detail.json, {
    status: 'in-progress',
    statusLabel: { zh: '办理中', en: 'In progress' },
    tier: 'village',
    tierLabel: { zh: '村(社区)', en: 'village/community' },
    riskLevel: 'green',
    riskLevelLabel: { zh: /绿色/, en: /Green/ },
  });
  const timeline = detail.json.timeline as { type: string; label: { zh: string; en: string }; at: string }[];
  t.ok(timeline.length >= 4, `${timeline.length} steps`);
  for (const e of timeline) {
    t.ok(HAN.test(e.label.zh) && e.label.en && e.label.en !== e.type, `${e.type}: ${e.label.zh} / ${e.label.en}`);
    t.match(e.at, CHINA, `${e.type} at China time`);
  }
  t.same(timeline.find((e) => e.type === 'triaged')?.label, { zh: '已分流', en: 'Routed' });
  // The same instants as recorded, only written with +08:00.
  const rows = await h.db('app.matter_events').where({ matter_id: id }).orderBy('id');
  t.same(
    timeline.map((e) => Date.parse(e.at)),
    rows.map((r: { occurred_at: Date }) => r.occurred_at.getTime()),
    'each entry is the instant recorded',
  );
  for (const [path, v] of instants(detail.json)) t.match(v, CHINA, `detail${path}`);

  const list = await h.call('supervisor', 'GET', '/api/matters?limit=5');
  t.match(
    list.json.items.find((m: { id: string }) => m.id === id),
    {
      statusLabel: { zh: '办理中' },
      tierLabel: { zh: '村(社区)' },
    },
  );
  for (const [path, v] of instants(list.json)) t.match(v, CHINA, `list${path}`);

  const tasks = await h.call('supervisor', 'GET', '/api/tasks?view=all');
  const task = tasks.json.items.find((x: { jobKey: string }) => x.jobKey === key);
  t.match(task, { state: 'open', stateLabel: { zh: '待办', en: 'Open' }, riskLevelLabel: { zh: /绿色/ } });
  t.match(task.dueAt, /T18:00:00\.000\+08:00$/, 'due at the end of the office day, as people read it');
  const row = await h.db('app.tasks').where({ job_key: key }).first('due_at');
  t.equal(Date.parse(task.dueAt), row.due_at.getTime(), 'the same instant as stored');
  const one = await h.call('supervisor', 'GET', `/api/tasks/${key}`);
  t.match(one.json, { stateLabel: { zh: '待办' }, matter: { statusLabel: { zh: '办理中' } } });
  for (const [path, v] of [...instants(tasks.json), ...instants(one.json)]) t.match(v, CHINA, `task${path}`);

  const pub = await h.call(null, 'GET', `/api/track/${code}`);
  t.equal(pub.status, 200);
  t.match(pub.json, {
    status: 'in-progress',
    statusLabel: { zh: '办理中', en: 'In progress' },
    matterTypeLabel: { zh: '纠纷化解' },
    closureReasonLabel: null,
  });
  t.match(pub.json.nextDeadline, /T18:00:00\.000\+08:00$/, 'the deadline a citizen reads is 18:00');
  t.same(pub.json.steps[0], { step: 'received', label: '已受理', labelEn: 'Received', at: timeline[0].at, unit: null });
  for (const [path, v] of instants(pub.json)) t.match(v, CHINA, `public${path}`);

  // Closed (written here directly: the labels are what is tested, not the flow).
  await recordStep(
    h.db,
    id,
    { type: 'closed', at: h.now(), data: { reason: 'withdrawn' }, dedupKey: `${id}:test-closed` },
    { status: 'closed', closureReason: 'withdrawn', closedAt: h.now(), nextDeadline: null },
  );
  const closed = await h.call('clerk', 'GET', `/api/matters/${id}`);
  t.match(closed.json, {
    statusLabel: { zh: '已办结', en: 'Closed' },
    closureReason: 'withdrawn',
    closureReasonLabel: { zh: '当事人撤回', en: 'Withdrawn' },
  });
  t.match(closed.json.closedAt, CHINA);
  const closedPub = await h.call(null, 'GET', `/api/track/${code}`);
  t.match(closedPub.json, { statusLabel: { zh: '已办结' }, closureReasonLabel: { zh: '当事人撤回' } });
  t.equal(closedPub.json.steps.at(-1).label, '已办结');
});

t.test('statistics take a China day for from and to; date-times still work; bad input names the field', async (t) => {
  const h = await apiHarness(t);
  // The harness starts at 2026-09-14 09:00 China time: one matter through the API that day, and one
  // received at 07:30 China time the next day — still 09-14 in UTC.
  t.equal((await h.call('clerk', 'POST', '/api/matters', dispute)).status, 201);
  await insertMatter(h.db, {
    trackingCode: 'GC-TEST-EARLY',
    matterType: 'consultation',
    channel: 'hotline',
    regionCode: 'demo-village-a1-1',
    regionPath: h.regions.path('demo-village-a1-1'),
    summary: '咨询',
    receivedAt: new Date('2026-09-15T07:30:00+08:00'),
  });
  const stats = (q: string) => h.call('supervisor', 'GET', `/api/statistics?${q}`);

  const day = await stats('from=2026-09-14&to=2026-09-14');
  t.equal(day.status, 200, JSON.stringify(day.json).slice(0, 200));
  t.equal(day.json.from, '2026-09-14T00:00:00.000+08:00', 'a day starts at 00:00 China time');
  t.equal(day.json.to, '2026-09-15T00:00:00.000+08:00', 'and the whole day is in: up to the next day 00:00');
  t.equal(day.json.received, 1, 'the day of the API matter only');
  t.same(day.json.byType, { dispute: 1 });

  const next = await stats('from=2026-09-15&to=2026-09-15');
  t.same([next.json.received, next.json.byType], [1, { consultation: 1 }], '07:30 China time is that China day');
  t.equal((await stats('from=2026-09-14&to=2026-09-15')).json.received, 2, 'two days, both ends inclusive');
  t.equal((await stats('from=2026-09-01&to=2026-09-13')).json.received, 0, 'the days before');

  const exact = await stats('from=2026-09-14T00:00:00Z&to=2026-09-15T00:00:00Z');
  t.equal(exact.status, 200);
  t.same(
    [exact.json.from, exact.json.to, exact.json.received],
    ['2026-09-14T08:00:00.000+08:00', '2026-09-15T08:00:00.000+08:00', 2],
    'date-times are instants, the end exclusive; echoed in China time',
  );
  const mixed = await stats(`from=2026-09-15&to=${encodeURIComponent('2026-09-15T07:30:00+08:00')}`);
  t.equal(mixed.json.received, 0, 'a date-time end excludes its instant');

  for (const [q, field] of [
    ['from=2026-02-30&to=2026-03-01', 'from'],
    ['from=2026-09-01&to=2026-09-31', 'to'],
    ['from=2026-09-01&to=2026-09-30T10:00:00', 'to'],
    ['from=2026-09-01T25:00:00Z&to=2026-09-30', 'from'],
    ['from=yesterday&to=2026-09-30', 'from'],
    ['from=2026-09-01', 'to'],
    ['from=2026-10-01&to=2026-09-30', 'from'],
  ]) {
    const r = await stats(q);
    t.equal(r.status, 400, q);
    t.equal(r.json.code, 'VALIDATION_FAILED', q);
    t.ok(
      r.json.details.some((d: { field: string }) => d.field === field),
      `${q}: names ${field} (${JSON.stringify(r.json.details)})`,
    );
  }
});
