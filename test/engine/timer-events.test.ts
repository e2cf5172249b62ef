// Timer events (engine clock): catch events, boundary timers and cycles, timer start events, and
// event sub-processes (interrupting message, non-interrupting timer). Messages, gateways, errors
// and terminate end events are in events.test.ts.
import t from 'tap';
import { testEngine, work, path, completed, instanceState, eventually } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';

const HOUR = 3_600_000;

t.test('timer catch and interrupting boundary timer fire when due by the engine clock, never early', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 't.bpmn',
    process: b.bpmn(
      b.proc(
        'wait',
        b.start('s'),
        b.catchEvent('cool', b.timerDef('timeDuration', '=coolingOff')),
        b.end('e'),
        b.chain('s', 'cool', 'e'),
      ),
    ),
  });
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'wait', variables: { coolingOff: 'PT2H' } });
  await e.advanceClock(HOUR);
  t.equal(await instanceState(e, r.processInstanceKey), 'ACTIVE', 'not fired after 1 h');
  await e.advanceClock(HOUR + 1000);
  t.equal(await instanceState(e, r.processInstanceKey), 'COMPLETED', 'fired after 2 h');

  await e.zeebe.deployResource({
    name: 'bt.bpmn',
    process: b.bpmn(
      b.proc(
        'deadline',
        b.start('s'),
        b.serviceTask('mediate', 'slow'),
        b.boundary('late', 'mediate', b.timerDef('timeDuration', 'P3D')),
        b.end('ok'),
        b.serviceTask('escalate', 'escalate'),
        b.end('up'),
        b.chain('s', 'mediate', 'ok'),
        b.chain('late', 'escalate', 'up'),
      ),
    ),
  });
  const escalated = work(t, e, 'escalate');
  const d = await e.zeebe.createProcessInstance({ bpmnProcessId: 'deadline', variables: { caseNo: 'X' } });
  await e.advanceClock(3 * 24 * HOUR + 1000);
  await completed(e, d.processInstanceKey);
  t.same(await path(e, d.processInstanceKey, 'TERMINATED'), ['mediate']);
  t.equal(escalated.length, 1);
  const jobs = await e.zeebe.activateJobs({
    type: 'slow',
    worker: 'w',
    maxJobsToActivate: 5,
    timeout: 1000,
    requestTimeout: -1,
  } as any);
  t.equal(jobs.length, 0, 'the interrupted task has no job any more');
});

t.test('non-interrupting timer cycle on a task: reminders repeat, the task goes on', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'r.bpmn',
    process: b.bpmn(
      b.proc(
        'remind',
        b.start('s'),
        b.serviceTask('mediate', 'mediate'),
        b.boundary('nudge', 'mediate', b.timerDef('timeCycle', 'R3/P1D'), false),
        b.serviceTask('sendReminder', 'remind'),
        b.end('r_end'),
        b.end('e'),
        b.chain('s', 'mediate', 'e'),
        b.chain('nudge', 'sendReminder', 'r_end'),
      ),
    ),
  });
  const reminders = work(t, e, 'remind');
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'remind', variables: {} });
  const nudges = async () =>
    (
      await e.operate('flownode-instances', {
        filter: { processInstanceKey: r.processInstanceKey, flowNodeId: 'nudge' },
      })
    ).total;
  for (let day = 1; day <= 5; day++) {
    await e.advanceClock(24 * HOUR + 1000);
    await eventually(async () => (await nudges()) >= Math.min(day, 3), 5000, `reminder ${day}`);
  }
  await new Promise((res) => setTimeout(res, 300));
  // Counted on the boundary event, not on job deliveries: a clock jump can time out a job in
  // flight, which is then delivered again (at-least-once).
  t.equal(await nudges(), 3, 'R3: exactly three reminders');
  t.ok(reminders.length >= 3);
  t.equal(await instanceState(e, r.processInstanceKey), 'ACTIVE');
  const [job] = await e.zeebe.activateJobs({
    type: 'mediate',
    worker: 'w',
    maxJobsToActivate: 1,
    timeout: 10_000,
    requestTimeout: -1,
  } as any);
  await e.zeebe.completeJob({ jobKey: job.key, variables: {} });
  await completed(e, r.processInstanceKey);
});

t.test('timer start event with a cycle starts instances', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'ts.bpmn',
    process: b.bpmn(
      b.proc(
        'weekly',
        b.start('tick', b.timerDef('timeCycle', 'R2/P7D')),
        b.serviceTask('sample', 'sample'),
        b.end('e'),
        b.chain('tick', 'sample', 'e'),
      ),
    ),
  });
  const samples = work(t, e, 'sample');
  await e.advanceClock(7 * 24 * HOUR + 1000);
  await eventually(async () => samples.length === 1, 5000, 'first weekly run');
  await e.advanceClock(7 * 24 * HOUR + 1000);
  await eventually(async () => samples.length === 2, 5000, 'second weekly run');
  await e.advanceClock(7 * 24 * HOUR + 1000);
  await new Promise((res) => setTimeout(res, 300));
  t.equal(samples.length, 2, 'R2 stops after two');
});

t.test('timer start event with a date starts one instance when due', async (t) => {
  const e = await testEngine(t);
  const at = new Date(Date.now() + 3 * HOUR).toISOString();
  await e.zeebe.deployResource({
    name: 'td.bpmn',
    process: b.bpmn(b.proc('once', b.start('at', b.timerDef('timeDate', at)), b.end('e'), b.chain('at', 'e'))),
  });
  await e.advanceClock(2 * HOUR);
  t.equal(
    (await e.operate('process-instances', { filter: { bpmnProcessId: 'once' } })).total,
    0,
    'not before the date',
  );
  await e.advanceClock(2 * HOUR);
  await e.advanceClock(24 * HOUR);
  const list = await e.operate('process-instances', { filter: { bpmnProcessId: 'once' } });
  t.equal(list.total, 1, 'exactly one instance');
  t.equal(list.items[0].state, 'COMPLETED');
});

t.test('event sub-processes: interrupting message, non-interrupting timer', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'esp.bpmn',
    process: b.bpmn(
      b.proc(
        'matter',
        b.start('s'),
        b.serviceTask('mediate', 'mediate'),
        b.end('e'),
        b.chain('s', 'mediate', 'e'),
        b.eventSubProcess(
          'withdraw',
          b.start('ws', b.messageDef('withdraw')) +
            b.serviceTask('close', 'close') +
            b.end('we') +
            b.chain('ws', 'close', 'we'),
        ),
        b.eventSubProcess(
          'watch',
          b.start('tick', b.timerDef('timeCycle', 'R/P1D'), ' isInterrupting="false"') +
            b.serviceTask('supervise', 'supervise') +
            b.end('te') +
            b.chain('tick', 'supervise', 'te'),
        ),
      ),
      { messages: { withdraw: '=code' } },
    ),
  });
  const closed = work(t, e, 'close');
  const supervised = work(t, e, 'supervise');
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'matter', variables: { code: 'W1' } });
  await e.advanceClock(24 * HOUR + 1000);
  await eventually(async () => supervised.length === 1, 5000, 'daily supervision');
  t.equal(await instanceState(e, r.processInstanceKey), 'ACTIVE', 'non-interrupting: the matter goes on');
  await e.zeebe.publishMessage({
    name: 'withdraw',
    correlationKey: 'W1',
    variables: { reason: 'withdrawn' },
    timeToLive: 0,
  });
  await completed(e, r.processInstanceKey);
  t.same(closed[0], { code: 'W1', reason: 'withdrawn' });
  t.same(await path(e, r.processInstanceKey, 'TERMINATED'), ['mediate']);
  await e.advanceClock(3 * 24 * HOUR);
  await new Promise((res) => setTimeout(res, 200));
  t.equal(supervised.length, 1, 'no more supervision after the process ended');
});
