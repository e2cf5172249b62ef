// Timers fired by their plan (made when the timer was created, applied many per statement) leave
// exactly the state a timer fired as a command leaves. Each model runs twice from the same
// variables: instance A keeps its plan, instance B's plan is dropped, both fire in the same pass,
// and the two instances' rows are compared. Firings that read outside the instance are not planned.
// Stale plans and firing many at once: timer-plans-firing.test.ts; the helpers: timer-plans-twins.ts.
import t from 'tap';
import * as b from '../helpers/bpmn.js';
import { setup, deployEach, twin } from './timer-plans-twins.js';

t.test('fired by plan = fired as a command, for every kind of continuation', async (t) => {
  const { e, db } = await setup(t);
  const due = b.timerDef('timeDuration', 'PT2H');
  await deployEach(
    e,
    [
      b.proc('toEnd', b.start('s'), b.catchEvent('wait', due), b.end('e'), b.chain('s', 'wait', 'e')),
      b.proc(
        'escalate',
        b.start('s'),
        b.serviceTask('mediate', 'mediate'),
        b.boundary('late', 'mediate', due),
        b.serviceTask('remind', '=kind', { headers: { level: '=level + 1' }, inputs: { who: '=caseNo' } }),
        b.end('ok'),
        b.end('up'),
        b.chain('s', 'mediate', 'ok'),
        b.chain('late', 'remind', 'up'),
      ),
      b.proc(
        'route',
        b.start('s'),
        b.catchEvent('wait', due, { outputs: { late: '=true' } }),
        b.xor('x', 'toB'),
        b.serviceTask('a', 'a'),
        b.serviceTask('b', 'b'),
        b.end('ea'),
        b.end('eb'),
        b.chain('s', 'wait', 'x'),
        b.flow('x', 'a', '=late and level > 1'),
        b.flow('x', 'b', undefined, 'toB'),
        b.chain('a', 'ea'),
        b.chain('b', 'eb'),
      ),
      b.proc(
        'join',
        b.start('s'),
        b.and('fork'),
        b.catchEvent('wait', due),
        b.serviceTask('work', 'work'),
        b.and('joined'),
        b.end('e'),
        b.chain('s', 'fork', 'wait', 'joined', 'e'),
        b.chain('fork', 'work', 'joined'),
      ),
      b.proc(
        'race',
        b.start('s'),
        b.eventGateway('g'),
        b.catchEvent('wait', due),
        b.catchEvent('answer', b.messageDef('answer')),
        b.end('e1'),
        b.end('e2'),
        b.chain('s', 'g'),
        b.chain('g', 'wait', 'e1'),
        b.chain('g', 'answer', 'e2'),
      ),
      b.proc(
        'nested',
        b.start('s'),
        b.subProcess('sub', b.start('ss') + b.catchEvent('wait', due) + b.end('se') + b.chain('ss', 'wait', 'se'), {
          outputs: { out: '=caseNo' },
        }),
        b.manualTask('m'),
        b.userTask('review', { candidateGroups: '=group' }),
        b.end('e'),
        b.chain('s', 'sub', 'm', 'review', 'e'),
      ),
      b.proc('child', b.start('cs'), b.catchEvent('wait', due), b.end('ce'), b.chain('cs', 'wait', 'ce')),
      b.proc(
        'parent',
        b.start('s'),
        b.callActivity('call', 'child'),
        b.serviceTask('after', 'after'),
        b.end('e'),
        b.chain('s', 'call', 'after', 'e'),
      ),
    ],
    { messages: { answer: '=caseNo' } },
  );
  const vars = { caseNo: 'GC-1', kind: 'remind', level: 2, group: 'mediators' };
  for (const id of ['toEnd', 'escalate', 'route', 'join', 'race', 'nested', 'parent']) {
    const { state: s } = await twin(t, e, db, id, vars, { plannable: true });
    if (id === 'toEnd') t.equal(s.processInstances[0][1], 'COMPLETED');
    if (id === 'escalate')
      t.same(
        s.jobs.map((j) => [j[0], j[1], j[4]]),
        [['remind', 'remind', { level: '3' }]],
        "the task's job is gone, the reminder's job has its headers",
      );
    if (id === 'route')
      t.same(
        s.jobs.map((j) => j[1]),
        ['a'],
        'the output mapping fed the gateway',
      );
    if (id === 'join')
      t.same(
        Object.keys((s.elements.find((x) => x[1] === 'PROCESS')![4] as { joins?: object }).joins ?? {}),
        ['joined'],
        'the token waits at the join',
      );
    if (id === 'race') t.same(s.subscriptions, [], 'the losing message subscription is closed');
    if (id === 'parent')
      t.same(
        s.processInstances.map((p) => p[1]),
        ['ACTIVE', 'COMPLETED'],
        'the child completed, the parent went on',
      );
  }
});

t.test('firings that read outside the instance (or write a large value) are not planned, and still fire', async (t) => {
  const { e, db } = await setup(t);
  const due = b.timerDef('timeDuration', 'PT2H');
  await deployEach(
    e,
    [
      b.proc(
        'again',
        b.start('s'),
        b.catchEvent('wait', due),
        b.catchEvent('wait2', b.timerDef('timeDuration', 'PT5H')),
        b.end('e'),
        b.chain('s', 'wait', 'wait2', 'e'),
      ),
      b.proc(
        'receive',
        b.start('s'),
        b.catchEvent('wait', due),
        b.receiveTask('answer', 'answer'),
        b.end('e'),
        b.chain('s', 'wait', 'answer', 'e'),
      ),
      b.proc(
        'clock',
        b.start('s'),
        b.catchEvent('wait', due),
        b.scriptTask('stamp', '=today() > date("2000-01-01")', 'stamp'),
        b.serviceTask('w', 'w'),
        b.end('e'),
        b.chain('s', 'wait', 'stamp', 'w', 'e'),
      ),
      b.proc(
        'calls',
        b.start('s'),
        b.catchEvent('wait', due),
        b.callActivity('call', 'leaf'),
        b.end('e'),
        b.chain('s', 'wait', 'call', 'e'),
      ),
      b.proc('leaf', b.start('ls'), b.serviceTask('leafTask', 'leaf'), b.end('le'), b.chain('ls', 'leafTask', 'le')),
      b.proc(
        'large',
        b.start('s'),
        b.catchEvent('wait', due, { outputs: { copy: '=blob' } }),
        b.serviceTask('w', 'w'),
        b.end('e'),
        b.chain('s', 'wait', 'w', 'e'),
      ),
      b.proc(
        'cycle',
        b.start('s'),
        b.serviceTask('mediate', 'mediate'),
        b.boundary('nudge', 'mediate', b.timerDef('timeCycle', 'R2/PT2H'), false),
        b.serviceTask('remind', 'remind'),
        b.end('re'),
        b.end('e'),
        b.chain('s', 'mediate', 'e'),
        b.chain('nudge', 'remind', 're'),
      ),
    ],
    { messages: { answer: '=caseNo' } },
  );
  for (const id of ['again', 'receive', 'clock', 'calls', 'large', 'cycle']) {
    const { state: s } = await twin(t, e, db, id, { caseNo: 'GC-2', blob: 'x'.repeat(100_000) }, { plannable: false });
    if (id === 'again') t.same(s.timers, ['wait2'], 'the next timer is open');
    if (id === 'receive') t.same(s.subscriptions, [['answer', 'answer']]);
    if (id === 'calls')
      t.same(
        s.processInstances.map((p) => p[0]),
        ['calls', 'leaf'],
      );
    if (id === 'cycle') t.same(s.timers, ['nudge'], 'the cycle goes on');
    if (id === 'large')
      t.ok(
        s.variables.some((v) => v[1] === 'copy' && String(v[2]).length > 100_000),
        'the large output was written by the command',
      );
  }
});
