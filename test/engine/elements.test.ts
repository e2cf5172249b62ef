// Gateways, script tasks, io mappings and propagation, sub-processes, call activities, multi-instance.
import t from 'tap';
import { testEngine, work, path, completed } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';

t.test('exclusive gateway: conditions in order, default flow, incident without a match', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'x.bpmn',
    process: b.bpmn(
      b.proc(
        'xor',
        b.start('s'),
        b.xor('g', 'toC'),
        b.manualTask('a'),
        b.manualTask('bb'),
        b.manualTask('c'),
        b.end('e1'),
        b.end('e2'),
        b.end('e3'),
        b.flow('s', 'g'),
        b.flow('g', 'a', '=amount > 100'),
        b.flow('g', 'bb', '=amount > 10'),
        b.flow('g', 'c', undefined, 'toC'),
        b.chain('a', 'e1'),
        b.chain('bb', 'e2'),
        b.chain('c', 'e3'),
      ),
    ),
  });
  const big = await e.zeebe.createProcessInstance({ bpmnProcessId: 'xor', variables: { amount: 500 } });
  const mid = await e.zeebe.createProcessInstance({ bpmnProcessId: 'xor', variables: { amount: 50 } });
  const small = await e.zeebe.createProcessInstance({ bpmnProcessId: 'xor', variables: { amount: 1 } });
  t.same(await path(e, big.processInstanceKey), ['s', 'g', 'a', 'e1']);
  t.same(await path(e, mid.processInstanceKey), ['s', 'g', 'bb', 'e2']);
  t.same(await path(e, small.processInstanceKey), ['s', 'g', 'c', 'e3']);

  await e.zeebe.deployResource({
    name: 'x2.bpmn',
    process: b.bpmn(
      b.proc(
        'xor-nodefault',
        b.start('s'),
        b.xor('g'),
        b.end('e1'),
        b.end('e2'),
        b.flow('s', 'g'),
        b.flow('g', 'e1', '=amount > 100'),
        b.flow('g', 'e2', '=amount > 10'),
      ),
    ),
  });
  const stuck = await e.zeebe.createProcessInstance({ bpmnProcessId: 'xor-nodefault', variables: { amount: 1 } });
  const inc = await e.operate('incidents', { filter: { processInstanceKey: stuck.processInstanceKey } });
  t.equal(inc.items[0]?.type, 'CONDITION_ERROR');
  t.match(inc.items[0]?.message, /at least one condition/);
  // Fix the data and resolve: the gateway is re-evaluated.
  const gw = (
    await e.operate('flownode-instances', { filter: { processInstanceKey: stuck.processInstanceKey, flowNodeId: 'g' } })
  ).items[0];
  await e.zeebe.setVariables({ elementInstanceKey: stuck.processInstanceKey, variables: { amount: 20 }, local: false });
  await e.zeebe.resolveIncident({ incidentKey: inc.items[0].key });
  await completed(e, stuck.processInstanceKey);
  t.equal(gw.state, 'ACTIVE');
  t.same(await path(e, stuck.processInstanceKey, 'COMPLETED'), ['s', 'g', 'e2']);
});

t.test('parallel fork and join; inclusive fork takes every true branch', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'p.bpmn',
    process: b.bpmn(
      b.proc(
        'par',
        b.start('s'),
        b.and('fork'),
        b.serviceTask('a', 'pa'),
        b.serviceTask('bb', 'pb'),
        b.and('join'),
        b.serviceTask('after', 'after'),
        b.end('e'),
        b.flow('s', 'fork'),
        b.flow('fork', 'a'),
        b.flow('fork', 'bb'),
        b.flow('a', 'join'),
        b.flow('bb', 'join'),
        b.chain('join', 'after', 'e'),
      ),
    ),
  });
  await e.zeebe.deployResource({
    name: 'i.bpmn',
    process: b.bpmn(
      b.proc(
        'incl',
        b.start('s'),
        b.or('g', 'none'),
        b.manualTask('police'),
        b.manualTask('women'),
        b.manualTask('court'),
        b.manualTask('nothing'),
        b.end('e1'),
        b.end('e2'),
        b.end('e3'),
        b.end('e4'),
        b.flow('s', 'g'),
        b.flow('g', 'police', '=violence'),
        b.flow('g', 'women', '=violence and female'),
        b.flow('g', 'court', '=protectionOrder'),
        b.flow('g', 'nothing', undefined, 'none'),
        b.chain('police', 'e1'),
        b.chain('women', 'e2'),
        b.chain('court', 'e3'),
        b.chain('nothing', 'e4'),
      ),
    ),
  });
  const after = work(t, e, 'after');
  work(t, e, 'pa', () => ({ a: 1 }));
  work(t, e, 'pb', () => ({ b: 2 }));
  const p = await e.zeebe.createProcessInstance({ bpmnProcessId: 'par', variables: {} });
  await completed(e, p.processInstanceKey);
  t.equal(after.length, 1, 'the join activates once');
  t.same(after[0], { a: 1, b: 2 });
  const i = await e.zeebe.createProcessInstance({
    bpmnProcessId: 'incl',
    variables: { violence: true, female: true, protectionOrder: false },
  });
  t.same((await path(e, i.processInstanceKey)).filter((x) => !x.startsWith('e')).sort(), ['g', 'police', 's', 'women']);
  const none = await e.zeebe.createProcessInstance({
    bpmnProcessId: 'incl',
    variables: { violence: false, female: false, protectionOrder: false },
  });
  t.same(await path(e, none.processInstanceKey), ['s', 'g', 'nothing', 'e4']);
});

t.test('a branch that ends at once does not complete its scope while a sibling branch is still to start', async (t) => {
  const e = await testEngine(t);
  // Inside a sub-process, the first branch of the fork reaches an end event immediately; the second
  // branch (a job) must still run and the sub-process must wait for it.
  await e.zeebe.deployResource({
    name: 's.bpmn',
    process: b.bpmn(
      b.proc(
        'quick-branch',
        b.start('s'),
        b.subProcess(
          'sub',
          [
            b.start('ss'),
            b.and('fork'),
            b.end('quick'),
            b.serviceTask('slow', 'slow'),
            b.end('late'),
            b.flow('ss', 'fork'),
            b.flow('fork', 'quick'),
            b.flow('fork', 'slow'),
            b.chain('slow', 'late'),
          ].join(''),
        ),
        b.serviceTask('after', 'after-sub'),
        b.end('e'),
        b.chain('s', 'sub', 'after', 'e'),
      ),
    ),
  });
  const after = work(t, e, 'after-sub');
  const p = await e.zeebe.createProcessInstance({ bpmnProcessId: 'quick-branch', variables: {} });
  const active = await e.operate('flownode-instances', {
    filter: { processInstanceKey: p.processInstanceKey, flowNodeId: 'sub' },
  });
  t.equal(active.items[0].state, 'ACTIVE', 'the sub-process waits for the slow branch');
  work(t, e, 'slow');
  await completed(e, p.processInstanceKey);
  t.equal(after.length, 1, 'the flow after the sub-process runs once');
  t.same((await path(e, p.processInstanceKey)).filter((x) => ['quick', 'slow', 'late', 'sub'].includes(x)).sort(), [
    'late',
    'quick',
    'slow',
    'sub',
  ]);
});

t.test('script task, input/output mappings, propagation and local scopes', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 's.bpmn',
    process: b.bpmn(
      b.proc(
        'io',
        b.start('s'),
        b.scriptTask('score', '=parties * 10 + (if violence then 50 else 0)', 'riskScore'),
        b.serviceTask('grade', 'grade', {
          inputs: { score: '=riskScore', 'facts.parties': '=parties' },
          outputs: { riskLevel: '=level' },
        }),
        b.serviceTask('notify', 'notify'),
        b.end('e'),
        b.chain('s', 'score', 'grade', 'notify', 'e'),
      ),
    ),
  });
  const graded = work(t, e, 'grade', (v) => ({ level: v.score >= 100 ? 'red' : 'green', scratch: 'local only' }));
  const notified = work(t, e, 'notify', () => ({}));
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'io', variables: { parties: 16, violence: false } });
  await completed(e, r.processInstanceKey);
  t.same(
    graded[0],
    { parties: 16, violence: false, riskScore: 160, score: 160, facts: { parties: 16 } },
    'inputs become local variables of the task',
  );
  t.same(
    notified[0],
    { parties: 16, violence: false, riskScore: 160, riskLevel: 'red' },
    'only outputs reach the process; job variables stay local',
  );
});

t.test('embedded sub-process and call activity with variable propagation', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'child.bpmn',
    process: b.bpmn(
      b.proc('child', b.start('cs'), b.serviceTask('mediate', 'mediate'), b.end('ce'), b.chain('cs', 'mediate', 'ce')),
    ),
  });
  await e.zeebe.deployResource({
    name: 'parent.bpmn',
    process: b.bpmn(
      b.proc(
        'parent',
        b.start('s'),
        b.subProcess(
          'sub',
          b.start('ss') + b.serviceTask('inner', 'inner') + b.end('se') + b.chain('ss', 'inner', 'se'),
        ),
        b.callActivity('call', 'child', { inputs: { tier: '="town"' }, outputs: { townOutcome: '=outcome' } }),
        b.callActivity('callAll', 'child'),
        b.serviceTask('check', 'check'),
        b.end('e'),
        b.chain('s', 'sub', 'call', 'callAll', 'check', 'e'),
      ),
    ),
  });
  work(t, e, 'inner', () => ({ fromSub: 'yes' }));
  const mediated = work(t, e, 'mediate', (v) => ({ outcome: `agreement at ${v.tier ?? 'county'}` }));
  const checked = work(t, e, 'check');
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: { caseNo: 'A1' } });
  await completed(e, r.processInstanceKey);
  t.same(
    mediated[0],
    { caseNo: 'A1', fromSub: 'yes', tier: 'town' },
    'the child sees the parent variables and the input mapping',
  );
  t.same(
    checked[0],
    { caseNo: 'A1', fromSub: 'yes', townOutcome: 'agreement at town', outcome: 'agreement at county' },
    'output mapping picks what the first call returns; the second call propagates every child variable',
  );
  const children = await e.operate('process-instances', { filter: { parentKey: r.processInstanceKey } });
  t.equal(children.total, 2);
  t.ok(children.items.every((c: any) => c.state === 'COMPLETED' && c.bpmnProcessId === 'child'));
  // Flow nodes by process instance: a child's own (found through the child index), the parent's own (through the root).
  for (const c of children.items)
    t.same(await path(e, c.key), ['cs', 'mediate', 'ce'], 'a called instance lists its own flow nodes');
  t.same(
    await path(e, r.processInstanceKey),
    ['s', 'sub', 'ss', 'inner', 'se', 'call', 'callAll', 'check', 'e'],
    'the parent lists only its own',
  );
});

t.test('multi-instance: parallel with output collection, sequential with completion condition', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'mi.bpmn',
    process: b.bpmn(
      b.proc(
        'summon',
        b.start('s'),
        b.serviceTask('report', 'report', {
          loop: {
            collection: '=departments',
            element: 'department',
            outputCollection: 'reports',
            outputElement: '={dept: department, ok: ok}',
          },
        }),
        b.serviceTask('seq', 'try', {
          loop: { collection: '=[1,2,3,4]', element: 'n', sequential: true, completion: '=settled' },
        }),
        b.serviceTask('done', 'done'),
        b.end('e'),
        b.chain('s', 'report', 'seq', 'done', 'e'),
      ),
    ),
  });
  const reported = work(t, e, 'report', (v) => ({ ok: v.department !== 'union' }));
  const tried = work(t, e, 'try', (v) => ({ settled: v.n === 2 }));
  const done = work(t, e, 'done');
  const r = await e.zeebe.createProcessInstance({
    bpmnProcessId: 'summon',
    variables: { departments: ['housing', 'labour', 'union'] },
  });
  await completed(e, r.processInstanceKey);
  t.same(reported.map((v) => v.department).sort(), ['housing', 'labour', 'union']);
  t.same(reported.map((v) => v.loopCounter).sort(), [1, 2, 3]);
  t.same(done[0].reports, [
    { dept: 'housing', ok: true },
    { dept: 'labour', ok: true },
    { dept: 'union', ok: false },
  ]);
  t.same(
    tried.map((v) => v.n),
    [1, 2],
    'sequential instances stop when the completion condition holds',
  );
  await e.zeebe.deployResource({
    name: 'mi-empty.bpmn',
    process: b.bpmn(
      b.proc(
        'empty-mi',
        b.start('s'),
        b.serviceTask('x', 'never', { loop: { collection: '=[]', element: 'i' } }),
        b.end('e'),
        b.chain('s', 'x', 'e'),
      ),
    ),
  });
  const empty = await e.zeebe.createProcessInstance({ bpmnProcessId: 'empty-mi', variables: {} });
  await completed(e, empty.processInstanceKey);
  t.pass('an empty input collection completes at once');
});

t.test('user tasks are io.camunda.zeebe:userTask jobs with their headers; send task and throw event', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'u.bpmn',
    process: b.bpmn(
      b.proc(
        'mediate',
        b.start('s'),
        b.throwEvent('received'),
        b.userTask('hear', {
          assignee: '=mediator',
          candidateGroups: '=["village-committee", "town-centre"]',
          dueDate: '=due',
          formKey: 'camunda-forms:bpmn:mediation',
        }),
        '<bpmn:sendTask id="notify"><bpmn:extensionElements>' +
          '<zeebe:taskDefinition type="notify-citizen" retries="5"/>' +
          '<zeebe:taskHeaders><zeebe:header key="channel" value="sms"/></zeebe:taskHeaders>' +
          '</bpmn:extensionElements></bpmn:sendTask>',
        b.end('e'),
        b.chain('s', 'received', 'hear', 'notify', 'e'),
      ),
    ),
  });
  const r = await e.zeebe.createProcessInstance({
    bpmnProcessId: 'mediate',
    variables: { mediator: 'wang.li', due: '2026-12-01T09:00:00+08:00' },
  });
  const [task] = await e.zeebe.activateJobs({
    type: 'io.camunda.zeebe:userTask',
    worker: 'inbox',
    maxJobsToActivate: 1,
    timeout: 86_400_000,
    requestTimeout: -1,
  } as any);
  t.equal(task.elementId, 'hear');
  t.equal(task.customHeaders['io.camunda.zeebe:assignee'], 'wang.li');
  t.same(JSON.parse(task.customHeaders['io.camunda.zeebe:candidateGroups'] as string), [
    'village-committee',
    'town-centre',
  ]);
  t.equal(task.customHeaders['io.camunda.zeebe:dueDate'], '2026-12-01T09:00:00+08:00');
  t.equal(task.customHeaders['io.camunda.zeebe:formKey'], 'camunda-forms:bpmn:mediation');
  await e.zeebe.completeJob({ jobKey: task.key, variables: { outcome: 'agreement' } });
  const [send] = await e.zeebe.activateJobs({
    type: 'notify-citizen',
    worker: 'w',
    maxJobsToActivate: 1,
    timeout: 10_000,
    requestTimeout: -1,
  } as any);
  t.equal(send.retries, 5);
  t.equal(send.customHeaders.channel, 'sms');
  t.equal(send.variables.outcome, 'agreement');
  await e.zeebe.completeJob({ jobKey: send.key, variables: {} });
  await completed(e, r.processInstanceKey);
  t.same(await path(e, r.processInstanceKey), ['s', 'received', 'hear', 'notify', 'e']);
});
