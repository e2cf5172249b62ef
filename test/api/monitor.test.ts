// The monitor finds each kind of stuck work by tracking code; retry reports whether the instance
// moved; cancel needs a reason; bulk actions cover the whole filter; everything is audited.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import * as b from '../helpers/bpmn.js';

t.test(
  'incidents: found by tracking code, retried (did not move, then moved after the fix), bulk over a filter',
  async (t) => {
    const h = await apiHarness(t);
    // Bad facts that only a broken integration could send (the API refuses them): triage raises an incident.
    const m1 = await h.receive({
      matterType: 'dispute',
      category: 'neighbour',
      regionCode: 'demo-village-a1-1',
      facts: { parties: 2, violance: true } as any,
    });
    const m2 = await h.receive({
      matterType: 'dispute',
      category: 'neighbour',
      regionCode: 'demo-village-a2-1',
      facts: { parties: 2, violance: true } as any,
    });
    const list = await (async () => {
      for (let i = 0; i < 100; i++) {
        const r = await h.call('supervisor', 'GET', '/api/monitor/stuck?kind=incident');
        if (r.json.total >= 2) return r;
        await new Promise((res) => setTimeout(res, 100));
      }
      throw new Error('no incidents');
    })();
    t.same(
      list.json.items.map((i: any) => i.trackingCode).sort(),
      [m1.trackingCode, m2.trackingCode].sort(),
      'listed by tracking code',
    );
    t.match(list.json.items[0], { kind: 'incident', elementId: 'Task_Triage', detail: /violance/ });
    t.equal((await h.call('mediator', 'GET', '/api/monitor/stuck')).status, 403, 'mediators do not run the monitor');
    const town = await h.call('supervisor', 'GET', '/api/monitor/stuck?kind=incident&region=demo-town-a1');
    t.same(
      town.json.items.map((i: any) => i.trackingCode),
      [m1.trackingCode],
      'region filter',
    );

    const stillBad = await h.call('supervisor', 'POST', '/api/monitor/actions', {
      action: 'retry',
      processInstanceKey: m1.processInstanceKey,
    });
    t.equal(stillBad.json.results[0].moved, false, 'retrying without a fix does not move it');
    for (const m of [m1, m2])
      await h.e.zeebe.setVariables({
        elementInstanceKey: m.processInstanceKey!,
        variables: { facts: { parties: 2, violence: true } },
        local: false,
      } as any);
    const bulk = await h.call('supervisor', 'POST', '/api/monitor/actions', {
      action: 'retry',
      filter: { kind: 'incident' },
    });
    t.equal(bulk.json.count, 2, 'the whole filter, not a page');
    t.ok(
      bulk.json.results.every((r: any) => r.moved),
      'both moved',
    );
    await h.waitForEvent(m1, 'triaged');
    const audit = await h.db('app.audit_log').where({ action: 'monitor.retry' }).count({ n: '*' });
    t.equal(audit[0].n, '3', 'each retry audited');
  },
);

t.test('no worker, overdue user task, no progress; cancel needs a reason', async (t) => {
  const h = await apiHarness(t);
  await h.e.zeebe.deployResource({
    name: 'orphan.bpmn',
    process: b.bpmn(
      b.proc(
        'orphan',
        b.start('s'),
        b.serviceTask('Task_Orphan', 'nobody-listens'),
        b.end('e'),
        b.chain('s', 'Task_Orphan', 'e'),
      ),
    ),
  });
  await h.e.zeebe.createProcessInstance({ bpmnProcessId: 'orphan', variables: {} });
  const c = (
    await h.call('clerk', 'POST', '/api/matters', {
      matterType: 'consultation',
      channel: 'hotline',
      regionCode: 'demo-town-a1',
      summary: '咨询',
      parties: [{ role: 'applicant', name: '郑七' }],
    })
  ).json;
  await h.inboxTask(c.trackingCode, 'Task_Answer');
  await h.advanceDays(1);
  await h.waitForEvent(c, 'assignment-sheet');
  await h.advanceDays(8);
  const all = await h.call('supervisor', 'GET', '/api/monitor/stuck');
  t.ok(
    all.json.items.some((i: any) => i.kind === 'no-worker' && i.elementId === 'Task_Orphan' && i.trackingCode === null),
    'a job no worker takes',
  );
  t.ok(
    all.json.items.some(
      (i: any) => i.kind === 'overdue-task' && i.trackingCode === c.trackingCode && i.elementId === 'Task_Answer',
    ),
    'an overdue user task',
  );
  t.ok(
    all.json.items.some((i: any) => i.kind === 'no-progress' && i.trackingCode === c.trackingCode),
    'no progress for 7 days',
  );
  t.same(all.json.counts, { incident: 0, 'no-worker': 1, 'overdue-task': 1, 'no-progress': 1 });
  const noReason = await h.call('supervisor', 'POST', '/api/monitor/actions', {
    action: 'cancel',
    processInstanceKey: c.processInstanceKey,
  });
  t.equal(noReason.status, 400);
  const cancelled = await h.call('supervisor', 'POST', '/api/monitor/actions', {
    action: 'cancel',
    processInstanceKey: c.processInstanceKey,
    reason: '重复登记，已合并',
  });
  t.equal(cancelled.json.count, 1);
  const pi = await h.e.operate('process-instances', { filter: { key: c.processInstanceKey } });
  t.equal(pi.items[0].state, 'CANCELED');
  const [ev] = await h.waitForEvent(c, 'instance-cancelled');
  t.equal(ev.data.reason, '重复登记，已合并');
  t.equal(
    (await h.call('supervisor', 'POST', '/api/monitor/actions', { action: 'retry' })).status,
    400,
    'one target or a filter',
  );
});
