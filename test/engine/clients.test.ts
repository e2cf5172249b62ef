// The other clients existing Zeebe projects use: the zbctl CLI (a real Go binary) and the
// deprecated zeebe-node 8.3 (with its own, older @grpc/grpc-js).
import t from 'tap';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZBClient } from 'zeebe-node';
import { testEngine, completed } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';

const run = promisify(execFile);
const ZBCTL = join(process.cwd(), 'node_modules/.bin/zbctl');

const model = b.bpmn(
  b.proc(
    'complaint',
    b.start('s'),
    b.serviceTask('answer', 'answer'),
    b.catchEvent('ack', b.messageDef('citizen-ack')),
    b.end('e'),
    b.chain('s', 'answer', 'ack', 'e'),
  ),
  { messages: { 'citizen-ack': '=code' } },
);

t.test('zbctl: status, deploy, create, activate, complete, publish', async (t) => {
  const e = await testEngine(t);
  const zb = async (...args: string[]) => {
    const r = await run(ZBCTL, ['--insecure', '--address', e.grpcAddress, ...args]);
    return r.stdout;
  };
  const status = await zb('status');
  t.match(status, /Partition 1 : Leader, Healthy/);
  const dir = mkdtempSync(join(tmpdir(), 'zbctl-'));
  const file = join(dir, 'complaint.bpmn');
  writeFileSync(file, model);
  const dep = JSON.parse(await zb('deploy', file));
  t.equal(dep.processes?.[0]?.bpmnProcessId ?? dep.deployments?.[0]?.process?.bpmnProcessId, 'complaint');
  const created = JSON.parse(await zb('create', 'instance', 'complaint', '--variables', '{"code":"Z-1"}'));
  const jobs = JSON.parse(await zb('activate', 'jobs', 'answer', '--maxJobsToActivate', '5'));
  t.equal(jobs.jobs.length, 1);
  t.equal(JSON.parse(jobs.jobs[0].variables).code, 'Z-1');
  await zb('complete', 'job', jobs.jobs[0].key, '--variables', '{"answer":"resolved"}');
  await zb('publish', 'message', 'citizen-ack', '--correlationKey', 'Z-1');
  await completed(e, created.processInstanceKey);
  const bad = await run(ZBCTL, [
    '--insecure',
    '--address',
    e.grpcAddress,
    'create',
    'instance',
    'complaint',
    '--variables',
    '{not json',
  ]).then(
    () => null,
    (x) => x,
  );
  t.ok(bad, 'invalid JSON variables are refused');
  t.match(String(bad?.stderr ?? ''), /JSON|json|invalid/i);
  const unknown = await run(ZBCTL, [
    '--insecure',
    '--address',
    e.grpcAddress,
    'complete',
    'job',
    '2251799813999999',
  ]).then(
    () => null,
    (x) => x,
  );
  t.match(String(unknown?.stderr ?? ''), /NotFound/);
});

t.test('zeebe-node 8.3: deploy, worker, message, create with result', async (t) => {
  const e = await testEngine(t);
  const zbc = new ZBClient(e.grpcAddress, { useTLS: false, loglevel: 'NONE', retry: false } as any);
  const dep = await zbc.deployResource({ name: 'complaint.bpmn', process: model });
  t.equal(dep.deployments[0].process.bpmnProcessId, 'complaint');
  const worker = zbc.createWorker({
    taskType: 'answer',
    taskHandler: (job: any) => job.complete({ answered: true }),
    pollInterval: 50,
  } as any);
  const r = await zbc.createProcessInstance({ bpmnProcessId: 'complaint', variables: { code: 'N-1' } });
  await new Promise((res) => setTimeout(res, 500));
  await zbc.publishMessage({
    name: 'citizen-ack',
    correlationKey: 'N-1',
    variables: { ack: 'yes' },
    timeToLive: 10_000,
  });
  await completed(e, r.processInstanceKey);
  await zbc.deployResource({
    name: 'one.bpmn',
    process: b.bpmn(
      b.proc('quick', b.start('s'), b.serviceTask('answer', 'answer'), b.end('e'), b.chain('s', 'answer', 'e')),
    ),
  });
  const res = await zbc.createProcessInstanceWithResult({ bpmnProcessId: 'quick', variables: { q: 1 } });
  t.same(res.variables, { q: 1, answered: true });
  // zeebe-node closes while the engine still runs (it reconnects forever to a stopped gateway).
  // Cancelling a gRPC stream from inside an I/O callback can trip a Node http2 assertion
  // (nodejs/node#38964); leaving the callback first (setImmediate) is the known workaround.
  await new Promise((res) => setImmediate(res));
  await Promise.race([worker.close(), new Promise((res) => setTimeout(res, 5000))]);
  await new Promise((res) => setImmediate(res));
  await Promise.race([zbc.close(), new Promise((res) => setTimeout(res, 5000))]);
});
