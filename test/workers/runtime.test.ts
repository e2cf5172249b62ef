// The worker runtime against the real engine: bad data → an incident naming it (no retries),
// a technical failure → retried with back-off, a business outcome → a BPMN error the model catches.
import t from 'tap';
import { testEngine, eventually, completed, path } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';
import { connect } from '../../platform/db.js';
import { startWorkers, type WorkerModule } from '../../workers/runtime.js';
import { WORKERS, workerDeps, zeebeTransport } from '../../workers/index.js';
import { fromZeebeClient } from '../../engine-client/index.js';
import { DEMO_REGIONS, RegionTree, WorkingCalendar } from '../../domain/index.js';
import { createLogger } from '../../platform/logger.js';

t.test('outcomes: incident for bad data, retry for failures, BPMN error for business outcomes', async (t) => {
  const e = await testEngine(t);
  const db = connect(e.databaseUrl, 2);
  e.closers.push(() => db.destroy());
  const deps = workerDeps({
    db,
    clock: () => e.engine.clock.now(),
    regions: new RegionTree(DEMO_REGIONS),
    calendar: async () => new WorkingCalendar(),
    log: createLogger('silent'),
  });
  let calls = 0;
  const flaky: WorkerModule = {
    type: 'flaky',
    needs: [],
    create: () => async () => {
      if (++calls === 1) throw new Error('database briefly away');
      return { variables: { done: true } };
    },
  };
  const refuse: WorkerModule = {
    type: 'refuse',
    needs: [],
    create: () => async () => ({ bpmnError: 'NOT_ACCEPTED', message: 'outside our remit' }),
  };
  const workers = startWorkers(zeebeTransport(fromZeebeClient(e.zeebe)), deps, [
    WORKERS.find((w) => w.type === 'close-matter')!,
    flaky,
    refuse,
  ]);
  e.beforeStop.push(() => workers.close());

  await e.zeebe.deployResource({
    name: 'w.bpmn',
    process: b.bpmn(
      b.proc('w', b.start('s'), b.serviceTask('close', 'close-matter'), b.end('e'), b.chain('s', 'close', 'e')),
    ),
  });
  const bad = await e.zeebe.createProcessInstance({
    bpmnProcessId: 'w',
    variables: { matterId: 1, trackingCode: 'GC-X', closureReason: 'closed' },
  });
  const inc = await eventually(
    async () => (await e.operate('incidents', { filter: { processInstanceKey: bad.processInstanceKey } })).items[0],
  );
  t.equal(inc.type, 'JOB_NO_RETRIES', 'no retries for bad data');
  t.match(
    inc.message,
    /closureReason must be one of resolved, withdrawn, referred, not-accepted, litigated \(got 'closed'\)/,
  );

  await e.zeebe.deployResource({
    name: 'f.bpmn',
    process: b.bpmn(b.proc('f', b.start('s'), b.serviceTask('x', 'flaky'), b.end('e'), b.chain('s', 'x', 'e'))),
  });
  const f = await e.zeebe.createProcessInstance({ bpmnProcessId: 'f', variables: {} });
  await completed(e, f.processInstanceKey, 15_000);
  t.equal(calls, 2, 'retried once after the failure');

  await e.zeebe.deployResource({
    name: 'r.bpmn',
    process: b.bpmn(
      b.proc(
        'r',
        b.start('s'),
        b.serviceTask('x', 'refuse'),
        b.boundary('caught', 'x', b.errorDef('NOT_ACCEPTED')),
        b.end('ok'),
        b.end('refused'),
        b.chain('s', 'x', 'ok'),
        b.chain('caught', 'refused'),
      ),
      { errors: ['NOT_ACCEPTED'] },
    ),
  });
  const r = await e.zeebe.createProcessInstance({ bpmnProcessId: 'r', variables: {} });
  await completed(e, r.processInstanceKey);
  t.same(await path(e, r.processInstanceKey), ['s', 'x', 'caught', 'refused']);
});
