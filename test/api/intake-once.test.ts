// One matter, one process instance, one message — whatever the timing: concurrent retries of one
// intake, a start lost between the engine's answer and saving its key, an engine that is away.
// And a replayed Idempotency-Key must repeat the whole request.
import t from 'tap';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { fromZeebeClient, zeebeEngine } from '../../engine-client/index.js';
import { receiveMatter, startPendingMatters, type IntakeDeps } from '../../services/intake.js';
import { loadVariantMap } from '../../services/processes.js';
import { eventually } from '../helpers/engine.js';

const body = (o: Record<string, unknown> = {}) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode: 'demo-village-a1-1',
  summary: '邻居占用公共通道',
  facts: { parties: 2 },
  parties: [
    { role: 'applicant', name: '张三', idNumber: '330203199001011234', phone: '13812345678' },
    { role: 'respondent', name: '李四' },
  ],
  ...o,
});

/** Root process instances started for a tracking code, as the engine knows them. */
async function instancesOf(h: ApiHarness, trackingCode: string): Promise<string[]> {
  const vars = await h.e.operate('variables', {
    filter: { name: 'trackingCode', value: JSON.stringify(trackingCode) },
  });
  const roots = new Set<string>();
  for (const v of vars.items) {
    const [pi] = (await h.e.operate('process-instances', { filter: { key: v.processInstanceKey } })).items;
    if (!pi.parentKey) roots.add(String(pi.key));
  }
  return [...roots];
}

function deps(h: ApiHarness, engine = fromZeebeClient(h.e.zeebe, h.e.httpUrl)): IntakeDeps {
  return { db: h.db, engine, regions: h.regions, variants: loadVariantMap(), clock: h.now, vault: h.vault };
}

t.test('20 concurrent intakes with one Idempotency-Key: one matter, one instance, one message', async (t) => {
  const h = await apiHarness(t);
  const key = { 'idempotency-key': 'window-9-20261130-0001' };
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => h.call('clerk', 'POST', '/api/matters', body(), key)),
  );
  t.same([...new Set(answers.map((a) => a.status))].sort(), [200, 201], 'one created, the rest replayed');
  t.equal(answers.filter((a) => a.status === 201).length, 1);
  t.equal(new Set(answers.map((a) => a.json.id)).size, 1, 'one matter');
  const code = answers[0].json.trackingCode;
  await eventually(() => h.db('app.tasks').where({ tracking_code: code }).first(), 30_000, 'the first task');
  t.same((await instancesOf(h, code)).length, 1, 'one process instance');
  const matter = answers[0].json;
  const outbox = await h.outbox(matter);
  const kinds = outbox.map((o) => `${o.template}→${o.recipient}`);
  t.ok(outbox.length > 0, 'the citizen was told');
  t.same(kinds, [...new Set(kinds)], 'no message twice');
  const tasks = await h.db('app.tasks').where({ tracking_code: code });
  t.equal(tasks.length, 1, 'one first task');
});

t.test('a replayed key must repeat the whole request; field order does not matter', async (t) => {
  const h = await apiHarness(t);
  const key = { 'idempotency-key': 'window-9-20261130-0002' };
  const first = await h.call('clerk', 'POST', '/api/matters', body(), key);
  t.equal(first.status, 201);
  const reordered = Object.fromEntries(Object.entries(body()).reverse());
  const same = await h.call('clerk', 'POST', '/api/matters', reordered, key);
  t.equal(same.status, 200, 'the same request in another field order is a replay');
  t.equal(same.json.id, first.json.id);
  const variants: [string, Record<string, unknown>][] = [
    ['another party phone', { parties: [{ role: 'applicant', name: '张三', phone: '13900000000' }] }],
    ['another channel', { channel: 'hotline' }],
    ['another category', { category: 'labour' }],
    ['other facts', { facts: { parties: 3 } }],
  ];
  for (const [what, change] of variants) {
    const r = await h.call('clerk', 'POST', '/api/matters', body(change), key);
    t.equal(r.status, 422, `${what}: refused`);
    t.equal(r.json.code, 'IDEMPOTENCY_KEY_REUSED');
    t.match(r.json.message, /must repeat the first request exactly/, 'the answer names the rule');
  }
  t.equal((await h.call('supervisor', 'GET', '/api/matters')).json.total, 1, 'still one matter');
});

t.test('a start lost before its key was saved is found again, not repeated', async (t) => {
  const h = await apiHarness(t);
  const r = await h.call('clerk', 'POST', '/api/matters', body());
  const code = r.json.trackingCode;
  const original = await eventually(
    async () => (await h.db('app.matters').where({ tracking_code: code }).first())?.process_instance_key,
  );
  // As after kill -9 between the engine's answer and saving the key: an expired claim, no key.
  await h
    .db('app.matters')
    .where({ tracking_code: code })
    .update({
      process_instance_key: null,
      start_claimed_until: new Date(h.now().getTime() - 1000),
      start_attempts: 1,
    });
  t.equal(await startPendingMatters(deps(h), -1000), 1, 'the sweeper took it');
  const after = await h.db('app.matters').where({ tracking_code: code }).first();
  t.equal(after.process_instance_key, original, 'the instance started earlier is the one kept');
  t.same(await instancesOf(h, code), [original], 'no second instance');
});

t.test('engine away: intake answers in time; the instance starts once when the engine is back', async (t) => {
  const h = await apiHarness(t);
  const away = zeebeEngine({ address: '127.0.0.1:1', retry: false });
  t.teardown(() => away.close());
  const started = Date.now();
  const { matter, created } = await receiveMatter(deps(h, away), { ...body(), idempotencyKey: 'outage-0001' } as never);
  const took = Date.now() - started;
  t.ok(created, 'accepted');
  t.ok(took < 2000, `answered in ${took} ms`);
  t.equal(matter.processInstanceKey, null, 'its process will start later');
  const sweeps = await Promise.all([0, 1, 2].map(() => startPendingMatters(deps(h), -1000)));
  t.equal(
    sweeps.reduce((a, b) => a + b, 0),
    1,
    'overlapping sweeps start it once',
  );
  const after = await h.db('app.matters').where({ id: matter.id }).first();
  t.ok(after.process_instance_key, 'started');
  t.equal((await instancesOf(h, matter.trackingCode)).length, 1, 'one instance');
});
