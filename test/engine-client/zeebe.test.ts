// The engine port over the embedded engine's gateway: calls work, and failures come out as typed
// EngineError kinds mapped from gRPC status codes (never from message text).
import t from 'tap';
import { testEngine, eventually, completed } from '../helpers/engine.js';
import { bpmn, proc, start, end, serviceTask, userTask, chain } from '../helpers/bpmn.js';
import { EngineError, fromGrpc, fromZeebeClient, isEngineError } from '../../engine-client/index.js';

t.test('gRPC status codes map to kinds; other errors pass through', async (t) => {
  const grpc = (code: number) => Object.assign(new Error(`${code} SOMETHING: text`), { code, details: 'text' });
  const kinds = [3, 4, 5, 6, 8, 9, 14, 13].map((c) => (fromGrpc(grpc(c)) as EngineError).kind);
  t.same(kinds, [
    'invalid-argument',
    'unavailable',
    'not-found',
    'already-exists',
    'unavailable',
    'failed-precondition',
    'unavailable',
    'unknown',
  ]);
  t.equal((fromGrpc(grpc(5)) as EngineError).message, 'text', 'the details are the message');
  const plain = new Error('not from gRPC');
  t.equal(fromGrpc(plain), plain);
  t.ok(isEngineError(fromGrpc(grpc(5)), 'not-found'));
  t.notOk(isEngineError(fromGrpc(grpc(5)), 'unavailable'));
  t.notOk(isEngineError(plain));
});

t.test('the Zeebe adapter against the embedded engine', async (t) => {
  const e = await testEngine(t);
  const engine = fromZeebeClient(e.zeebe, e.httpUrl);
  t.ok(await engine.healthy(), 'healthy while the gateway answers');

  const model = bpmn(
    proc(
      'port',
      start('s'),
      userTask('review'),
      serviceTask('work', 'port-work'),
      end('e'),
      chain('s', 'review', 'work', 'e'),
    ),
  );
  const deployed = await engine.deploy([{ kind: 'process', name: 'port.bpmn', content: model }]);
  t.same(
    deployed.processes.map((p) => [p.bpmnProcessId, p.version]),
    [['port', 1]],
  );
  t.match(deployed.processes[0].processDefinitionKey, /^\d+$/);

  const bad = await engine.deploy([{ kind: 'process', name: 'bad.bpmn', content: '<not-bpmn/>' }]).catch((e) => e);
  t.ok(isEngineError(bad, 'invalid-argument'), 'an invalid model is invalid-argument');

  const { processInstanceKey } = await engine.createInstance('port', { amount: 5 });
  t.match(processInstanceKey, /^\d+$/);
  const missing = await engine.createInstance('no-such-process', {}).catch((e) => e);
  t.ok(isEngineError(missing, 'not-found'), 'an unknown process is not-found');

  // A subscription that keeps the user-task job, then a completion through the port.
  const kept: string[] = [];
  const userTasks = engine.subscribe({
    type: 'io.camunda.zeebe:userTask',
    timeoutMs: 60_000,
    maxJobs: 8,
    handle: async (job) => {
      kept.push(job.key);
      return { kind: 'keep' };
    },
  });
  t.teardown(() => userTasks.close());
  const [jobKey] = await eventually(async () => (kept.length ? kept : undefined), 10_000, 'the user task job');
  const worked: unknown[] = [];
  const workers = engine.subscribe({
    type: 'port-work',
    timeoutMs: 10_000,
    maxJobs: 8,
    handle: async (job) => {
      worked.push(job.variables.decision);
      return { kind: 'complete', variables: { done: true } };
    },
  });
  t.teardown(() => workers.close());
  await engine.completeJob(jobKey, { decision: 'ok' });
  await eventually(async () => (worked.length ? true : undefined), 10_000, 'the service task ran');
  t.same(worked, ['ok'], 'the completion carried its variables on');

  const again = await engine.completeJob(jobKey, {}).catch((e) => e);
  t.ok(isEngineError(again, 'not-found'), 'completing a finished job is not-found (typed, not by message)');
  // The handler ran, but its completion may not have reached the engine yet: wait for the instance's end.
  await completed(e, processInstanceKey);
  const gone = await engine.cancelInstance(processInstanceKey).catch((e) => e);
  t.ok(isEngineError(gone, 'not-found'), 'cancelling a completed instance is not-found');
  t.ok(engine.operate, 'the Operate-shaped reads are there');
});
