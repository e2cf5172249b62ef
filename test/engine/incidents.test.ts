// Incidents: job retries exhausted, expression failures in mappings; recovery by UpdateJobRetries,
// SetVariables and ResolveIncident.
import t from 'tap';
import { testEngine, completed, instanceState } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';

t.test('retries reach 0 → incident; update retries + resolve → the job runs again', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'f.bpmn',
    process: b.bpmn(
      b.proc(
        'flaky',
        b.start('s'),
        b.serviceTask('sms', 'send-sms', { retries: '2' }),
        b.end('e'),
        b.chain('s', 'sms', 'e'),
      ),
    ),
  });
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'flaky', variables: {} });
  const act = () =>
    e.zeebe.activateJobs({
      type: 'send-sms',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 10_000,
      requestTimeout: -1,
    } as any);
  const [j1] = await act();
  t.equal(j1.retries, 2);
  await e.zeebe.failJob({ jobKey: j1.key, retries: 1, errorMessage: 'gateway down', retryBackOff: 0 });
  const [j2] = await act();
  await e.zeebe.failJob({ jobKey: j2.key, retries: 0, errorMessage: 'gateway still down', retryBackOff: 0 });
  t.equal((await act()).length, 0, 'a failed job is not activatable');
  const inc = (await e.operate('incidents', { filter: { processInstanceKey: r.processInstanceKey } })).items[0];
  t.equal(inc.type, 'JOB_NO_RETRIES');
  t.equal(inc.message, 'gateway still down');
  t.equal(inc.jobKey, j1.key);
  const pi = (await e.operate('process-instances', { filter: { key: r.processInstanceKey } })).items[0];
  t.equal(pi.incident, true, 'Operate shows the instance with an incident');
  await t.rejects(
    e.zeebe.resolveIncident({ incidentKey: inc.key }),
    /no retries left/,
    'resolving without retries is refused',
  );
  await t.rejects(e.zeebe.updateJobRetries({ jobKey: j1.key, retries: 0 }), /greater than zero/);
  await e.zeebe.updateJobRetries({ jobKey: j1.key, retries: 3 });
  await e.zeebe.resolveIncident({ incidentKey: inc.key });
  const [j3] = await act();
  t.equal(j3.key, j1.key);
  t.equal(j3.retries, 3);
  await e.zeebe.completeJob({ jobKey: j3.key, variables: {} });
  await completed(e, r.processInstanceKey);
  const after = (await e.operate('incidents', { filter: { key: inc.key } })).items[0];
  t.equal(after.state, 'RESOLVED');
});

t.test(
  'expression failures: output mapping → IO_MAPPING_ERROR; missing collection → fix the variables and resolve',
  async (t) => {
    const e = await testEngine(t);
    await e.zeebe.deployResource({
      name: 'o.bpmn',
      process: b.bpmn(
        b.proc(
          'mapping',
          b.start('s'),
          b.serviceTask('grade', 'grade', { outputs: { level: '=gradeOf(result)' } }),
          b.end('e'),
          b.chain('s', 'grade', 'e'),
        ),
      ),
    });
    const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'mapping', variables: {} });
    const [job] = await e.zeebe.activateJobs({
      type: 'grade',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 10_000,
      requestTimeout: -1,
    } as any);
    await e.zeebe.completeJob({ jobKey: job.key, variables: { result: 42 } });
    const inc = (await e.operate('incidents', { filter: { processInstanceKey: r.processInstanceKey } })).items[0];
    t.equal(inc?.type, 'IO_MAPPING_ERROR');
    t.match(inc?.message, /gradeOf/);
    t.equal(await instanceState(e, r.processInstanceKey), 'ACTIVE');
    await e.zeebe.resolveIncident({ incidentKey: inc.key });
    const again = (
      await e.operate('incidents', { filter: { processInstanceKey: r.processInstanceKey, state: 'ACTIVE' } })
    ).items;
    t.equal(again.length, 1, 'still failing: a new incident');

    await e.zeebe.deployResource({
      name: 'mi.bpmn',
      process: b.bpmn(
        b.proc(
          'summon',
          b.start('s'),
          b.serviceTask('report', 'report', { loop: { collection: '=departments', element: 'd' } }),
          b.end('e'),
          b.chain('s', 'report', 'e'),
        ),
      ),
    });
    const m = await e.zeebe.createProcessInstance({ bpmnProcessId: 'summon', variables: {} });
    const mi = (await e.operate('incidents', { filter: { processInstanceKey: m.processInstanceKey } })).items[0];
    t.equal(mi?.type, 'EXTRACT_VALUE_ERROR');
    t.match(mi?.message, /departments.*list/);
    await e.zeebe.setVariables({
      elementInstanceKey: m.processInstanceKey,
      variables: { departments: ['labour'] },
      local: false,
    });
    await e.zeebe.resolveIncident({ incidentKey: mi.key });
    const [rep] = await e.zeebe.activateJobs({
      type: 'report',
      worker: 'w',
      maxJobsToActivate: 5,
      timeout: 10_000,
      requestTimeout: -1,
    } as any);
    t.equal(rep?.variables.d, 'labour');
    await e.zeebe.completeJob({ jobKey: rep.key, variables: {} });
    await completed(e, m.processInstanceKey);
  },
);

t.test('a called process that is not deployed → incident; deploy it and resolve', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({
    name: 'c.bpmn',
    process: b.bpmn(
      b.proc('caller', b.start('s'), b.callActivity('call', 'later'), b.end('e'), b.chain('s', 'call', 'e')),
    ),
  });
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'caller', variables: {} });
  const inc = (await e.operate('incidents', { filter: { processInstanceKey: r.processInstanceKey } })).items[0];
  t.equal(inc?.type, 'CALLED_ELEMENT_ERROR');
  await e.zeebe.deployResource({
    name: 'l.bpmn',
    process: b.bpmn(b.proc('later', b.start('ls'), b.end('le'), b.chain('ls', 'le'))),
  });
  await e.zeebe.resolveIncident({ incidentKey: inc.key });
  await completed(e, r.processInstanceKey);
});
