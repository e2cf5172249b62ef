// Limits that keep one careless or hostile client from harming the rest: a resource over 4 MB is
// refused, the model cache stays within its byte budget, and a FEEL expression that would loop for
// ever raises an incident after its budget while the engine goes on serving.
import t from 'tap';
import pg from 'pg';
import { testEngine, eventually, completed } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';
import { ModelCache } from '../../engine/model/cache.js';
import { MAX_RESOURCE_BYTES } from '../../engine/deploy.js';
import { FEEL_BUDGET_MS } from '../../engine/feel.js';

const oneTask = (id: string, padding = 0) =>
  b.bpmn(b.proc(id, b.start('s'), b.serviceTask('work', `work-${id}`), b.end('e'), b.chain('s', 'work', 'e'))) +
  `<!-- ${'x'.repeat(padding)} -->`;

t.test('a resource over 4 MB is refused and nothing of the deployment is stored', async (t) => {
  const e = await testEngine(t);
  const big = oneTask('big', MAX_RESOURCE_BYTES);
  const err = await e.zeebe
    .deployResources([
      { process: Buffer.from(oneTask('small')), name: 'small.bpmn' },
      { process: Buffer.from(big), name: 'big.bpmn' },
    ])
    .then(
      () => null,
      (x) => x,
    );
  t.equal(err?.code, 3, 'INVALID_ARGUMENT');
  t.match(err?.details ?? err?.message, /'big\.bpmn': \d+ bytes, more than the 4 MB a resource may have/);
  const defs = await e.operate('process-definitions', {});
  t.equal(defs.items.length, 0, 'the small resource of the same deployment was not stored either');
});

t.test('the model cache keeps to its byte budget, least recently used out first', async (t) => {
  const e = await testEngine(t);
  const keys: string[] = [];
  for (const id of ['p1', 'p2', 'p3', 'p4']) {
    const d = await e.zeebe.deployResource({ name: `${id}.bpmn`, process: Buffer.from(oneTask(id, 20_000)) });
    keys.push(String(d.deployments[0].process.processDefinitionKey));
  }
  const pool = new pg.Pool({ connectionString: e.databaseUrl, max: 2 });
  t.teardown(() => pool.end());
  let reads = 0;
  const counting = { query: (...args: unknown[]) => (reads++, (pool.query as (...a: unknown[]) => unknown)(...args)) };
  const size = Buffer.byteLength(oneTask('p1', 20_000));
  const cache = new ModelCache(counting as unknown as pg.Pool, Math.floor(size * 2.5));
  for (const k of keys.slice(0, 2)) await cache.get(k);
  t.equal(reads, 2);
  await cache.get(keys[0]); // p1 is now the most recently used
  t.equal(reads, 2, 'a hit reads nothing');
  await cache.get(keys[2]); // over budget: p2, the least recently used, goes
  t.same(cache.usage.entries, 2);
  t.ok(cache.usage.bytes <= size * 2.5, `bytes held ${cache.usage.bytes} within the budget`);
  await cache.get(keys[0]);
  t.equal(reads, 3, 'p1 stayed');
  await cache.get(keys[1]);
  t.equal(reads, 4, 'p2 was evicted and is read again');
  t.equal((await cache.get(keys[1])).model.bpmnProcessId, 'p2', 'and parsed again correctly');
});

t.test('a FEEL expression over its budget raises an incident; the engine keeps serving', async (t) => {
  const e = await testEngine(t);
  const looping = b.bpmn(
    b.proc(
      'looping',
      b.start('s'),
      b.serviceTask('count', 'count-work', { inputs: { n: '=count(for i in 1..1000000000 return i)' } }),
      b.end('e'),
      b.chain('s', 'count', 'e'),
    ),
  );
  await e.zeebe.deployResource({ name: 'looping.bpmn', process: Buffer.from(looping) });
  await e.zeebe.deployResource({ name: 'quick.bpmn', process: Buffer.from(oneTask('quick')) });
  const started = Date.now();
  const slow = await e.zeebe.createProcessInstance({ bpmnProcessId: 'looping', variables: {} });
  const incident = await eventually(async () => {
    const r = await e.operate('incidents', { filter: { processInstanceKey: slow.processInstanceKey } });
    return r.items[0];
  }, 20_000);
  t.match(incident.message, `ran longer than ${FEEL_BUDGET_MS} ms`, 'the incident names the budget');
  t.ok(Date.now() - started < 10_000, 'the budget, not the loop, decided when it stopped');

  const quick = await e.zeebe.createProcessInstance({ bpmnProcessId: 'quick', variables: {} });
  const worker = e.zeebe.createWorker({ taskType: 'work-quick', taskHandler: (job) => job.complete() });
  t.teardown(() => worker.close());
  await completed(e, quick.processInstanceKey);
  t.pass('another instance ran to its end meanwhile');
});

t.test('text PostgreSQL cannot store is refused at the gateway, naming where it is', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({ name: 'plain.bpmn', process: Buffer.from(oneTask('plain')) });
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (x: { code?: number; details?: string; message?: string }) => x,
    );
  const nulVar = await refusal(
    e.zeebe.createProcessInstance({ bpmnProcessId: 'plain', variables: { note: 'a\u0000b' } }),
  );
  t.equal(nulVar?.code, 3, 'a NUL in a variable: INVALID_ARGUMENT');
  t.match(nulVar?.details ?? nulVar?.message, /'note' has one/);
  const surrogate = await refusal(
    e.zeebe.createProcessInstance({ bpmnProcessId: 'plain', variables: { list: ['ok', '\ud800'] } }),
  );
  t.match(surrogate?.details ?? surrogate?.message, /'list\.1' has one/, 'an unpaired surrogate, by its path');
  const key = await refusal(e.zeebe.publishMessage({ name: 'm', correlationKey: 'k\u0000', variables: {} }));
  t.equal(key?.code, 3, 'a NUL in a correlation key: INVALID_ARGUMENT');
  t.match(key?.details ?? key?.message, /'correlationKey' has one/);
  const instances = await e.operate('process-instances', {});
  t.equal(instances.items.length, 0, 'nothing was created');
});
