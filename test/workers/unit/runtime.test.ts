// The policy without an engine: what a handler's answer or error becomes (settle), and the Zeebe
// transport's mapping between the port's jobs and ours, over a fake EngineClient.
import t from 'tap';
import type { EngineClient, JobOutcome, JobSubscription } from '../../../engine-client/index.js';
import { DomainError } from '../../../domain/index.js';
import { BadJobData, settle, startWorkers, type Handler } from '../../../workers/runtime.js';
import { zeebeTransport } from '../../../workers/transports/zeebe.js';
import { fakes, job } from './fakes.js';

const log = fakes().deps.log;
const run = (h: Handler, retries = 3) => settle(h, { ...job('x'), retries }, log);

t.test('answers: variables complete the job, a BPMN error carries its code and message', async (t) => {
  t.same(await run(async () => ({ variables: { a: 1 } })), { kind: 'complete', variables: { a: 1 } });
  t.same(await run(async () => ({})), { kind: 'complete', variables: {} });
  t.same(await run(async () => ({ bpmnError: 'NOT_ACCEPTED' })), {
    kind: 'error',
    errorCode: 'NOT_ACCEPTED',
    message: 'NOT_ACCEPTED',
    variables: {},
  });
  t.same(await run(async () => ({ bpmnError: 'E', message: 'why', variables: { v: 2 } })), {
    kind: 'error',
    errorCode: 'E',
    message: 'why',
    variables: { v: 2 },
  });
});

t.test('bad process data fails with no retries and no back-off: an incident', async (t) => {
  for (const err of [new BadJobData('needs x'), new DomainError('INVALID_FACTS', 'unknown risk fact')]) {
    const out = await run(async () => {
      throw err;
    }, 3);
    t.same(out, { kind: 'fail', message: err.message, retries: 0, retryBackoffMs: 0 }, err.name);
  }
});

t.test('a technical failure is retried: one retry fewer, a longer back-off as retries run out', async (t) => {
  const boom: Handler = async () => {
    throw new Error('database briefly away');
  };
  t.same(await run(boom, 3), { kind: 'fail', message: 'database briefly away', retries: 2, retryBackoffMs: 5_000 });
  t.match(await run(boom, 4), { retries: 3, retryBackoffMs: 1_000 });
  t.match(await run(boom, 2), { retries: 1, retryBackoffMs: 30_000 });
  t.match(await run(boom, 1), { retries: 0, retryBackoffMs: 30_000 }, 'the last one raises an incident');
  t.match(await run(boom, 0), { retries: 0 }, 'never negative');
  const long = await run(async () => {
    throw new Error('x'.repeat(5_000));
  });
  t.equal((long as { message: string }).message.length, 2_000, 'the message is cut for the engine');
});

t.test('startWorkers over the Zeebe transport: one subscription per type, jobs mapped both ways', async (t) => {
  const subs: JobSubscription[] = [];
  let closed = 0;
  const engine = {
    subscribe: (s: JobSubscription) => {
      subs.push(s);
      return { close: async () => void closed++ };
    },
  } as unknown as EngineClient;
  const seen: unknown[] = [];
  const f = fakes();
  const workers = startWorkers(
    zeebeTransport(engine),
    f.deps,
    [
      {
        type: 'echo',
        needs: ['clock'],
        create: (deps) => async (j) => {
          seen.push({ keys: Object.keys(deps), headers: j.headers, retries: j.retries });
          return { variables: { at: deps.clock().toISOString() } };
        },
      },
    ],
    { timeoutMs: 30_000 },
  );
  t.same(workers.types, ['echo']);
  t.match(subs, [{ type: 'echo', timeoutMs: 30_000, maxJobs: 8 }]);
  const out: JobOutcome = await subs[0].handle({
    key: '1',
    type: 'echo',
    processInstanceKey: '10',
    elementInstanceKey: '100',
    elementId: 'X',
    bpmnProcessId: 'p',
    retries: 2,
    customHeaders: { mode: 'reopen' },
    variables: { trackingCode: 'GC-1' },
  });
  t.same(out, { kind: 'complete', variables: { at: '2026-09-14T01:00:00.000Z' } });
  t.same(seen, [{ keys: ['clock'], headers: { mode: 'reopen' }, retries: 2 }], 'only the declared deps');
  await workers.close();
  t.equal(closed, 1);
});
