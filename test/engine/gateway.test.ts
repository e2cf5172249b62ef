// The gateway through @camunda8/sdk: topology, deploy, instances, workers, job commands, errors.
import t from 'tap';
import { testEngine, eventually } from '../helpers/engine.js';
import { bpmn, proc, start, end, serviceTask, chain } from '../helpers/bpmn.js';

const oneTask = bpmn(proc('one-task', start('s'), serviceTask('work', 'work'), end('e'), chain('s', 'work', 'e')));

t.test('topology, deploy, create, work, complete', async (t) => {
  const e = await testEngine(t);
  const topo = await e.zeebe.topology();
  t.equal(topo.brokers[0].partitions[0].health, 'HEALTHY');
  t.equal(topo.partitionsCount, 1);

  const d = await e.zeebe.deployResource({ name: 'one-task.bpmn', process: oneTask });
  t.equal(d.deployments[0].process.bpmnProcessId, 'one-task');
  t.equal(d.deployments[0].process.version, 1);
  const again = await e.zeebe.deployResource({ name: 'one-task.bpmn', process: oneTask });
  t.equal(again.deployments[0].process.version, 1, 'an identical redeploy keeps the version');

  const created = await e.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: { amount: 5 } });
  t.match(created.processInstanceKey, /^\d+$/);

  const seen: unknown[] = [];
  const worker = e.zeebe.createWorker({
    taskType: 'work',
    pollInterval: 100,
    taskHandler: (job) => {
      seen.push(job.variables);
      return job.complete({ doubled: (job.variables.amount as number) * 2 });
    },
  });
  e.closers.push(() => worker.close());
  const pi = await eventually(
    async () =>
      (await e.operate('process-instances', { filter: { key: created.processInstanceKey, state: 'COMPLETED' } }))
        .items[0],
    10_000,
    'completion',
  );
  t.equal(pi.bpmnProcessId, 'one-task');
  t.same(seen, [{ amount: 5 }]);
  const vars = await e.operate('variables', { filter: { processInstanceKey: created.processInstanceKey } });
  t.same(Object.fromEntries(vars.items.map((v: any) => [v.name, JSON.parse(v.value)])), { amount: 5, doubled: 10 });
  const nodes = await e.operate('flownode-instances', { filter: { processInstanceKey: created.processInstanceKey } });
  t.same(
    nodes.items.map((n: any) => [n.flowNodeId, n.state]),
    [
      ['s', 'COMPLETED'],
      ['work', 'COMPLETED'],
      ['e', 'COMPLETED'],
    ],
  );
});

t.test('create with result, and job commands on unknown keys', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({ name: 'one-task.bpmn', process: oneTask });
  const worker = e.zeebe.createWorker({
    taskType: 'work',
    pollInterval: 100,
    taskHandler: (job) => job.complete({ done: true }),
  });
  e.closers.push(() => worker.close());
  const r = await e.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'one-task', variables: { x: 1 } });
  t.same(r.variables, { x: 1, done: true });

  // Worded as Zeebe words a rejection: the SDK's worker recognises "Command 'COMPLETE' … NOT_FOUND".
  await t.rejects(
    e.zeebe.completeJob({ jobKey: '2251799813999999', variables: {} }),
    /5 NOT_FOUND: Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '22517998139/,
  );
  await t.rejects(e.zeebe.createProcessInstance({ bpmnProcessId: 'nope', variables: {} }), /NOT_FOUND|none found/);
  await t.rejects(e.zeebe.resolveIncident({ incidentKey: '2251799813999999' }), /no such incident/);
  await t.rejects(e.zeebe.cancelProcessInstance('2251799813999999'), /Command 'CANCEL' rejected .*no such process/);
});

t.test('activate jobs: long polling honours the request timeout and wakes on new jobs', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({ name: 'one-task.bpmn', process: oneTask });
  const t0 = Date.now();
  const none = await e.zeebe.activateJobs({
    type: 'work',
    worker: 'w',
    maxJobsToActivate: 5,
    timeout: 60_000,
    requestTimeout: 800,
  } as any);
  t.equal(none.length, 0);
  t.ok(Date.now() - t0 >= 700, `waited server-side (${Date.now() - t0} ms)`);
  const waiting = e.zeebe.activateJobs({
    type: 'work',
    worker: 'w',
    maxJobsToActivate: 5,
    timeout: 60_000,
    requestTimeout: 10_000,
  } as any);
  await new Promise((r) => setTimeout(r, 200));
  const t1 = Date.now();
  await e.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
  const jobs = await waiting;
  t.equal(jobs.length, 1);
  t.ok(Date.now() - t1 < 3000, 'woken by the new job, not by the timeout');
});

t.test('job timeout re-activates, fail with back-off, completing twice is NOT_FOUND', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({ name: 'one-task.bpmn', process: oneTask });
  await e.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
  const [job] = await e.zeebe.activateJobs({
    type: 'work',
    worker: 'a',
    maxJobsToActivate: 1,
    timeout: 1000,
    requestTimeout: -1,
  } as any);
  t.ok(job);
  const none = await e.zeebe.activateJobs({
    type: 'work',
    worker: 'b',
    maxJobsToActivate: 1,
    timeout: 1000,
    requestTimeout: -1,
  } as any);
  t.equal(none.length, 0, 'an activated job is not handed out twice');
  await e.advanceClock(1500);
  const [again] = await e.zeebe.activateJobs({
    type: 'work',
    worker: 'b',
    maxJobsToActivate: 1,
    timeout: 60_000,
    requestTimeout: -1,
  } as any);
  t.equal(again?.key, job.key, 'timed-out job is activatable again');
  await e.zeebe.failJob({ jobKey: again.key, retries: 2, errorMessage: 'flaky', retryBackOff: 60_000 });
  const during = await e.zeebe.activateJobs({
    type: 'work',
    worker: 'b',
    maxJobsToActivate: 1,
    timeout: 60_000,
    requestTimeout: -1,
  } as any);
  t.equal(during.length, 0, 'not activatable during the back-off');
  await e.advanceClock(61_000);
  const [third] = await e.zeebe.activateJobs({
    type: 'work',
    worker: 'b',
    maxJobsToActivate: 1,
    timeout: 60_000,
    requestTimeout: -1,
  } as any);
  t.equal(third.retries, 2);
  await e.zeebe.completeJob({ jobKey: third.key, variables: {} });
  await t.rejects(e.zeebe.completeJob({ jobKey: third.key, variables: {} }), /no such job/);
});

t.test('two engine processes on one database: a deployment in one is the latest version in the other', async (t) => {
  const a = await testEngine(t);
  const { startEngine } = await import('../../engine/index.js');
  const { createLogger } = await import('../../platform/logger.js');
  const { zeebeClient } = await import('../../platform/zeebe.js');
  const b = await startEngine({ databaseUrl: a.databaseUrl, grpcPort: 0, httpPort: 0, log: createLogger('silent') });
  const zb = zeebeClient(b.grpcAddress);
  t.teardown(async () => {
    await b.stop();
    await zb.close();
  });
  await a.zeebe.deployResource({ name: 'one-task.bpmn', process: oneTask });
  const v1 = await zb.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
  t.equal(v1.version, 1, 'the other process finds version 1 (and caches it)');
  const changed = bpmn(proc('one-task', start('s'), serviceTask('work', 'work-v2'), end('e'), chain('s', 'work', 'e')));
  const d2 = await a.zeebe.deployResource({ name: 'one-task.bpmn', process: changed });
  t.equal(d2.deployments[0].process.version, 2);
  t.equal(
    (await a.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} })).version,
    2,
    'the deploying process at once',
  );
  const v2 = await eventually(
    async () => {
      const r = await zb.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
      return r.version === 2 && r;
    },
    5000,
    'version 2 in the other engine process',
  );
  t.equal(
    v2.processDefinitionKey,
    d2.deployments[0].process.processDefinitionKey,
    'the other process, once told through NOTIFY',
  );
});

t.test('answers ask clients not to compress (messages are small; gzip costs both ends)', async (t) => {
  const e = await testEngine(t);
  const grpc = await import('@grpc/grpc-js');
  const protoLoader = await import('@grpc/proto-loader');
  const { createRequire } = await import('node:module');
  const path = await import('node:path');
  const proto = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@camunda8/sdk')),
    'proto',
    'zeebe.proto',
  );
  const pkg = grpc.loadPackageDefinition(
    protoLoader.loadSync(proto, { longs: String, enums: String, defaults: true }),
  ) as any;
  const client = new pkg.gateway_protocol.Gateway(e.grpcAddress, grpc.credentials.createInsecure(), {
    'grpc.default_compression_algorithm': 2,
  });
  t.teardown(() => client.close());
  // grpc-js clients consume the header, so read it off a raw HTTP/2 request.
  const http2 = await import('node:http2');
  const session = http2.connect(`http://${e.grpcAddress}`);
  t.teardown(() => session.close());
  const accepted = await new Promise<unknown>((resolve, reject) => {
    const req = session.request({
      ':method': 'POST',
      ':path': '/gateway_protocol.Gateway/Topology',
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    req.on('response', (headers) => resolve(headers['grpc-accept-encoding']));
    req.on('error', reject);
    req.end(Buffer.from([0, 0, 0, 0, 0])); // one uncompressed, empty message
    req.resume();
  });
  t.equal(accepted, 'identity');
  const again = await new Promise<any>((resolve, reject) =>
    client.Topology({}, (err: Error | null, r: any) => (err ? reject(err) : resolve(r))),
  );
  t.equal(again.partitionsCount, 1, 'a gzip-compressed request is still served');
});

t.test('completing a job that failed or whose instance was cancelled after it was handed out is refused', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({ name: 'one-task.bpmn', process: oneTask });
  const activate = async () =>
    (
      await e.zeebe.activateJobs({
        type: 'work',
        worker: 'a',
        maxJobsToActivate: 1,
        timeout: 60_000,
        requestTimeout: -1,
      } as any)
    )[0];
  const p1 = await e.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
  const failed = await activate();
  await e.zeebe.failJob({ jobKey: failed.key, retries: 0, errorMessage: 'broken', retryBackOff: 0 });
  await t.rejects(
    e.zeebe.completeJob({ jobKey: failed.key, variables: {} }),
    /FAILED_PRECONDITION|in state 'FAILED'/,
    'an incident job',
  );
  const p2 = await e.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
  const orphan = await activate();
  await e.zeebe.cancelProcessInstance(p2.processInstanceKey);
  await t.rejects(
    e.zeebe.completeJob({ jobKey: orphan.key, variables: {} }),
    /NOT_FOUND|no such job/,
    'a cancelled instance',
  );
  const p1State = (await e.operate('process-instances')).items.find(
    (i: any) => String(i.key) === p1.processInstanceKey,
  )?.state;
  t.equal(p1State, 'ACTIVE', "the failed job's instance still waits on its incident");
});
