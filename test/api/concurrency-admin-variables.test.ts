// Concurrency of the monitor's audited change of variables: the same PUT fired many times at once, then
// different bodies at once, at one stuck instance. Every answer is a clear 2xx/4xx, the engine ends with
// one of the bodies sent, and the audit log holds one record per write that succeeded whose "old" is
// the value really there before that write (no lost update hidden in the audit trail).
import t, { type Test } from 'tap';
import { apiHarness, type ApiHarness } from '../helpers/api.js';

const N = 8;

async function stuckInstance(h: ApiHarness): Promise<string> {
  const m = await h.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2, violance: true } as any,
  });
  for (let i = 0; i < 100; i++) {
    const r = await h.call('admin', 'GET', `/api/monitor/stuck?code=${m.trackingCode}`);
    if (r.json.total >= 1) return m.processInstanceKey!;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('no incident');
}

type Values = Record<string, unknown>;

/** The monitor.variables records of the instance, in the order they were written. */
const trail = (h: ApiHarness, key: string): Promise<{ old: Values; new: Values }[]> =>
  h
    .db('app.audit_log')
    .where({ action: 'monitor.variables', target_id: key })
    .orderBy('id')
    .select('details')
    .then((rows) => rows.map((r: any) => ({ old: r.details.old, new: r.details.new })));

/** The values of `names` on the instance's scope, as the monitor shows them (null where unset). */
async function current(h: ApiHarness, key: string, names: string[]): Promise<Values> {
  const view = await h.call('admin', 'GET', `/api/monitor/instances/${key}`);
  const out: Values = {};
  for (const n of names) {
    const v = view.json.variables.find((x: any) => x.name === n);
    out[n] = v ? JSON.parse(v.value) : null;
  }
  return out;
}

/** Each record's "old" is what the one before it wrote (or what was there at first), per variable. */
function chained(t: Test, records: { old: Values; new: Values }[], first: Values, msg: string) {
  const seen: Values = { ...first };
  records.forEach((r, i) => {
    const expected = Object.fromEntries(Object.keys(r.new).map((n) => [n, seen[n] ?? null]));
    t.same(r.old, expected, `${msg}: record ${i + 1}'s old value is the value before it`);
    Object.assign(seen, r.new);
  });
  return seen;
}

t.test('the same change of variables fired at once: one value, one honest record per write', async (t) => {
  const h = await apiHarness(t);
  const key = await stuckInstance(h);
  const put = (body: unknown) => h.call('admin', 'PUT', `/api/monitor/instances/${key}/variables`, body);
  const names = ['retryNote', 'retryCount'];
  const before = await current(h, key, names);
  t.same(before, { retryNote: null, retryCount: null }, 'nothing set yet');

  // The same body, N times at once.
  const same = { variables: [{ name: 'retryNote', value: '"修正后重试"' }] };
  const answers = await Promise.all(Array.from({ length: N }, () => put(same)));
  for (const a of answers) t.ok(a.status < 500, `a clear answer (${a.status})`);
  const ok = answers.filter((a) => a.status === 200);
  t.ok(ok.length >= 1, 'at least one write succeeded');
  for (const a of answers.filter((x) => x.status !== 200)) t.equal(a.status, 409, 'a refusal is a conflict');
  t.same(await current(h, key, ['retryNote']), { retryNote: '修正后重试' }, 'the engine holds the body sent');
  let records = await trail(h, key);
  t.equal(records.length, ok.length, 'one record per write that succeeded');
  chained(t, records, before, 'same body');
  t.equal(
    ok.filter((a) => a.json.old.retryNote === null).length,
    1,
    'exactly one answer says there was no value before',
  );

  // Different bodies, N times at once (two variables each, so a half-applied write would show).
  const bodies = Array.from({ length: N }, (_, i) => ({
    variables: [
      { name: 'retryNote', value: JSON.stringify(`第${i + 1}次修正`) },
      { name: 'retryCount', value: String(i + 1) },
    ],
  }));
  const start = await current(h, key, names);
  const mixed = await Promise.all(bodies.map((b) => put(b)));
  for (const a of mixed) t.ok(a.status < 500, `a clear answer (${a.status})`);
  const applied = mixed.filter((a) => a.status === 200);
  t.ok(applied.length >= 1, 'at least one write succeeded');
  const end = await current(h, key, names);
  const sent = bodies.map((b) => ({
    retryNote: JSON.parse(b.variables[0].value),
    retryCount: Number(b.variables[1].value),
  }));
  t.ok(
    sent.some((s) => s.retryNote === end.retryNote && s.retryCount === end.retryCount),
    `the engine ends with exactly one of the bodies sent (${JSON.stringify(end)})`,
  );
  records = (await trail(h, key)).slice(ok.length);
  t.equal(records.length, applied.length, 'one record per write that succeeded');
  const last = chained(t, records, start, 'different bodies');
  t.same(last, end, 'the last record wrote what the engine holds');
  // Each answer's old value is the one in its own record (the reply and the trail agree).
  for (const a of applied)
    t.ok(
      records.some((r) => JSON.stringify(r) === JSON.stringify({ old: a.json.old, new: a.json.new })),
      'the answer matches its audit record',
    );
});
