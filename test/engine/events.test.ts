// Messages (buffering, TTL, ids, start events), message boundary events, event-based gateways,
// errors across call activities, terminate end events. Timer events and event sub-processes are in
// timer-events.test.ts.
import t from 'tap';
import { testEngine, work, path, completed, instanceState, eventually } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';

const HOUR = 3_600_000;

t.test(
  'messages: correlation, buffering with TTL, message id de-duplication, one correlation per instance',
  async (t) => {
    const e = await testEngine(t);
    await e.zeebe.deployResource({
      name: 'm.bpmn',
      process: b.bpmn(
        b.proc(
          'court',
          b.start('s'),
          b.catchEvent('verdict', b.messageDef('court-outcome')),
          b.end('e'),
          b.chain('s', 'verdict', 'e'),
        ),
        { messages: { 'court-outcome': '=caseNo' } },
      ),
    });
    // Published before the instance exists, buffered for an hour.
    await e.zeebe.publishMessage({
      name: 'court-outcome',
      correlationKey: 'C-1',
      variables: { judgment: 'upheld' },
      timeToLive: HOUR,
      messageId: 'm-1',
    });
    await t.rejects(
      e.zeebe.publishMessage({
        name: 'court-outcome',
        correlationKey: 'C-1',
        variables: {},
        timeToLive: HOUR,
        messageId: 'm-1',
      }),
      /ALREADY_EXISTS|already published/,
    );
    const a = await e.zeebe.createProcessInstance({ bpmnProcessId: 'court', variables: { caseNo: 'C-1' } });
    await completed(e, a.processInstanceKey);
    const v = await e.operate('variables', { filter: { processInstanceKey: a.processInstanceKey, name: 'judgment' } });
    t.equal(v.items[0]?.value, '"upheld"', 'message variables reach the instance');
    const b2 = await e.zeebe.createProcessInstance({ bpmnProcessId: 'court', variables: { caseNo: 'C-1' } });
    t.equal(
      await instanceState(e, b2.processInstanceKey),
      'COMPLETED',
      'a buffered message also reaches a second instance',
    );
    // TTL: expired messages are not correlated.
    await e.zeebe.publishMessage({ name: 'court-outcome', correlationKey: 'C-2', variables: {}, timeToLive: 1000 });
    await e.advanceClock(2000);
    const c = await e.zeebe.createProcessInstance({ bpmnProcessId: 'court', variables: { caseNo: 'C-2' } });
    t.equal(await instanceState(e, c.processInstanceKey), 'ACTIVE', 'expired message not correlated');
    // Published to a waiting instance with TTL 0.
    await e.zeebe.publishMessage({ name: 'court-outcome', correlationKey: 'C-2', variables: {}, timeToLive: 0 });
    t.equal(await instanceState(e, c.processInstanceKey), 'COMPLETED');
  },
);

t.test('message start event, receive task, message boundary and event-based gateway', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'ms.bpmn',
    process: b.bpmn(
      b.proc(
        'intake',
        b.start('received', b.messageDef('matter-received')),
        b.receiveTask('wait', 'documents'),
        b.boundary('withdrawn', 'wait', b.messageDef('withdrawal')),
        b.end('e'),
        b.end('w_end'),
        b.chain('received', 'wait', 'e'),
        b.chain('withdrawn', 'w_end'),
      ),
      { messages: { 'matter-received': undefined, documents: '=code', withdrawal: '=code' } },
    ),
  });
  await e.zeebe.publishMessage({
    name: 'matter-received',
    correlationKey: 'K1',
    variables: { code: 'K1' },
    timeToLive: 0,
  });
  await e.zeebe.publishMessage({
    name: 'matter-received',
    correlationKey: 'K2',
    variables: { code: 'K2' },
    timeToLive: 0,
  });
  const list = await eventually(
    async () => {
      const r = await e.operate('process-instances', { filter: { bpmnProcessId: 'intake' } });
      return r.total === 2 && r.items;
    },
    5000,
    'two instances',
  );
  await e.zeebe.publishMessage({ name: 'documents', correlationKey: 'K1', variables: {}, timeToLive: 0 });
  await e.zeebe.publishMessage({
    name: 'withdrawal',
    correlationKey: 'K2',
    variables: { reason: 'settled privately' },
    timeToLive: 0,
  });
  const [k1, k2] = list.map((p: any) => p.key);
  await completed(e, k1);
  await completed(e, k2);
  t.same(await path(e, k1), ['received', 'wait', 'e']);
  t.same(await path(e, k2), ['received', 'wait', 'withdrawn', 'w_end']);

  await e.zeebe.deployResource({
    name: 'eg.bpmn',
    process: b.bpmn(
      b.proc(
        'race',
        b.start('s'),
        b.eventGateway('g'),
        b.catchEvent('reply', b.messageDef('reply')),
        b.catchEvent('timeout', b.timerDef('timeDuration', 'PT15M')),
        b.end('answered'),
        b.end('expired'),
        b.flow('s', 'g'),
        b.flow('g', 'reply'),
        b.flow('g', 'timeout'),
        b.chain('reply', 'answered'),
        b.chain('timeout', 'expired'),
      ),
      { messages: { reply: '=id' } },
    ),
  });
  const x = await e.zeebe.createProcessInstance({ bpmnProcessId: 'race', variables: { id: 'r1' } });
  const y = await e.zeebe.createProcessInstance({ bpmnProcessId: 'race', variables: { id: 'r2' } });
  await e.zeebe.publishMessage({ name: 'reply', correlationKey: 'r1', variables: {}, timeToLive: 0 });
  await e.advanceClock(16 * 60_000);
  await completed(e, x.processInstanceKey);
  await completed(e, y.processInstanceKey);
  t.same(await path(e, x.processInstanceKey), ['s', 'g', 'reply', 'answered']);
  t.same(await path(e, y.processInstanceKey), ['s', 'g', 'timeout', 'expired']);
});

t.test(
  'BPMN errors: boundary on the task, caught across a call activity, error event sub-process, uncaught → incident',
  async (t) => {
    const e = await testEngine(t);
    await e.zeebe.deployResource({
      name: 'child.bpmn',
      process: b.bpmn(
        b.proc(
          'village-mediation',
          b.start('cs'),
          b.serviceTask('mediate', 'mediate'),
          b.xor('ok', 'fail'),
          b.end('ce'),
          b.end('failed', b.errorDef('MEDIATION_FAILED')),
          b.chain('cs', 'mediate', 'ok'),
          b.flow('ok', 'ce', '=agreement'),
          b.flow('ok', 'failed', undefined, 'fail'),
        ),
        { errors: ['MEDIATION_FAILED'] },
      ),
    });
    await e.zeebe.deployResource({
      name: 'parent.bpmn',
      process: b.bpmn(
        b.proc(
          'ladder',
          b.start('s'),
          b.callActivity('village', 'village-mediation'),
          b.boundary('up', 'village', b.errorDef('MEDIATION_FAILED')),
          b.end('settled'),
          b.serviceTask('town', 'town'),
          b.boundary('anyErr', 'town', b.errorDef()),
          b.end('te'),
          b.end('caught'),
          b.chain('s', 'village', 'settled'),
          b.chain('up', 'town', 'te'),
          b.chain('anyErr', 'caught'),
        ),
        { errors: ['MEDIATION_FAILED'] },
      ),
    });
    work(t, e, 'mediate', (v) => ({ agreement: v.parties < 3 }));
    const town = e.zeebe.createWorker({
      taskType: 'town',
      pollInterval: 50,
      taskHandler: (job: any) => job.error({ errorCode: 'REFERRED', errorMessage: 'to arbitration' }),
    });
    e.closers.push(() => town.close());
    const easy = await e.zeebe.createProcessInstance({ bpmnProcessId: 'ladder', variables: { parties: 2 } });
    const hard = await e.zeebe.createProcessInstance({ bpmnProcessId: 'ladder', variables: { parties: 9 } });
    await completed(e, easy.processInstanceKey);
    await completed(e, hard.processInstanceKey);
    t.same(await path(e, easy.processInstanceKey), ['s', 'village', 'settled']);
    t.same(
      await path(e, hard.processInstanceKey),
      ['s', 'village', 'up', 'town', 'anyErr', 'caught'],
      'error end in the child is caught by the boundary on the call activity; the job error by the catch-all',
    );

    await e.zeebe.deployResource({
      name: 'esp-err.bpmn',
      process: b.bpmn(
        b.proc(
          'esp-error',
          b.start('s'),
          b.serviceTask('risky', 'risky'),
          b.end('e'),
          b.chain('s', 'risky', 'e'),
          b.eventSubProcess('onErr', b.start('es', b.errorDef('RISK')) + b.end('ee') + b.chain('es', 'ee')),
        ),
        { errors: ['RISK'] },
      ),
    });
    await e.zeebe.deployResource({
      name: 'uncaught.bpmn',
      process: b.bpmn(
        b.proc('uncaught', b.start('s'), b.serviceTask('t1', 'boom'), b.end('e'), b.chain('s', 't1', 'e')),
      ),
    });
    const risky = e.zeebe.createWorker({
      taskType: 'risky',
      pollInterval: 50,
      taskHandler: (job: any) => job.error({ errorCode: 'RISK', errorMessage: '' }),
    });
    e.closers.push(() => risky.close());
    const p = await e.zeebe.createProcessInstance({ bpmnProcessId: 'esp-error', variables: {} });
    await completed(e, p.processInstanceKey);
    t.same(await path(e, p.processInstanceKey), ['s', 'risky', 'onErr', 'es', 'ee']);
    const u = await e.zeebe.createProcessInstance({ bpmnProcessId: 'uncaught', variables: {} });
    const [job] = await e.zeebe.activateJobs({
      type: 'boom',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 10_000,
      requestTimeout: -1,
    } as any);
    await e.zeebe.throwError({ jobKey: job.key, errorCode: 'NOBODY', errorMessage: 'nobody catches this' });
    const inc = await e.operate('incidents', { filter: { processInstanceKey: u.processInstanceKey } });
    t.equal(inc.items[0]?.type, 'UNHANDLED_ERROR_EVENT');
    t.match(inc.items[0]?.message, /NOBODY/);
  },
);

t.test('terminate end event ends the parallel branches; cancel terminates everything', async (t) => {
  const e = await testEngine(t);
  // Two copies of one shape: `term` has a worker for its litigation branch, `held` none, so the
  // instance to cancel cannot finish on its own before the cancel arrives.
  const shape = (id: string, litigate: string) =>
    b.proc(
      id,
      b.start('s'),
      b.and('f'),
      b.serviceTask('protect', 'protect'),
      b.serviceTask('litigate', litigate),
      b.end('pe'),
      b.end('stop', b.terminateDef()),
      b.flow('s', 'f'),
      b.flow('f', 'protect'),
      b.flow('f', 'litigate'),
      b.chain('protect', 'pe'),
      b.chain('litigate', 'stop'),
    );
  await e.zeebe.deployResource({ name: 'term.bpmn', process: b.bpmn(shape('term', 'litigate')) });
  await e.zeebe.deployResource({ name: 'held.bpmn', process: b.bpmn(shape('held', 'litigate-held')) });
  work(t, e, 'litigate');
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'term', variables: {} });
  await completed(e, r.processInstanceKey);
  t.same(await path(e, r.processInstanceKey, 'TERMINATED'), ['protect']);
  const c = await e.zeebe.createProcessInstance({ bpmnProcessId: 'held', variables: {} });
  await e.zeebe.cancelProcessInstance(c.processInstanceKey);
  t.equal(await instanceState(e, c.processInstanceKey), 'CANCELED');
  t.same((await path(e, c.processInstanceKey, 'TERMINATED')).sort(), ['litigate', 'protect'], 'both branches end');
  await t.rejects(e.zeebe.cancelProcessInstance(c.processInstanceKey), /no such process/);
});

t.test('a message published while its subscription is being opened is not lost', async (t) => {
  const e = await testEngine(t);
  // The worker publishes the reply before completing its job, so publish and subscription race.
  await e.zeebe.deployResource({
    name: 'race.bpmn',
    process: b.bpmn(
      b.proc(
        'race',
        b.start('s'),
        b.serviceTask('ask', 'ask-court'),
        b.catchEvent('reply', b.messageDef('court-reply')),
        b.end('e'),
        b.chain('s', 'ask', 'reply', 'e'),
      ),
      { messages: { 'court-reply': '=code' } },
    ),
  });
  const w = e.zeebe.createWorker({
    taskType: 'ask-court',
    loglevel: 'NONE',
    maxJobsToActivate: 50,
    taskHandler: async (job) => {
      const [ack] = await Promise.all([
        job.complete(),
        e.zeebe.publishMessage({
          name: 'court-reply',
          correlationKey: (job.variables as any).code,
          variables: { confirmed: true },
          timeToLive: 600_000,
        } as any),
      ]);
      return ack;
    },
  });
  e.closers.unshift(() => w.close());
  const n = 100;
  const keys = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      e.zeebe.createProcessInstance({ bpmnProcessId: 'race', variables: { code: `c${i}` } }),
    ),
  );
  for (const k of keys) await completed(e, k.processInstanceKey, 20_000);
  t.pass(`all ${n} instances got their reply`);
});
