// The monitor's instance view and the fix before a retry: found by tracking code, the instance shows
// its incident (message, marker, token count), variables and history; an administrator corrects the
// bad variable (bad input refused with the field named; audited with old and new values), a batch
// preview counts without touching anything, and the retry moves the instance.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';

t.test('instance view, variables fixed (audited), preview, retry moves it', async (t) => {
  const h = await apiHarness(t);
  const m = await h.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2, violance: true } as any,
  });
  const other = await h.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a2-1',
    facts: { parties: 2, violance: true } as any,
  });
  const code = m.trackingCode;
  const found = await (async () => {
    for (let i = 0; i < 100; i++) {
      const r = await h.call('admin', 'GET', `/api/monitor/stuck?code=${code.toLowerCase()}`);
      if (r.json.total >= 1) return r;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('no incident');
  })();
  t.same(
    found.json.items.map((i: any) => i.trackingCode),
    [code],
    'found by its tracking code, in any case',
  );
  t.match(found.json.items[0], { elementId: 'Task_Triage', elementName: '分类分级 Triage (route + risk)' }, 'named');
  t.same(found.json.counts, { incident: 1, 'no-worker': 0, 'overdue-task': 0, 'no-progress': 0 });
  const key = m.processInstanceKey!;

  const view = await h.call('admin', 'GET', `/api/monitor/instances/${key}`);
  t.equal(view.status, 200);
  t.match(view.json, { processInstanceKey: key, trackingCode: code, matterId: m.id, state: 'ACTIVE' });
  t.match(view.json.incidents, [{ elementId: 'Task_Triage', message: /violance/ }], 'the incident and its message');
  t.match(view.json.incidents[0].since, /\+08:00$/, 'in China time');
  const root = view.json.diagrams[0];
  t.ok(root.root && root.xml.includes('Task_Triage'), 'the diagram');
  t.same(root.incidents, ['Task_Triage'], 'the incident marker');
  t.equal(root.tokens.Task_Triage, 1, 'one token waits on triage');
  t.ok(
    view.json.path.some((s: any) => s.state === 'COMPLETED'),
    'the path taken',
  );
  const facts = view.json.variables.find((v: any) => v.name === 'facts');
  t.same(JSON.parse(facts.value), { parties: 2, violance: true }, 'the variables');
  t.equal(facts.editable, true);
  t.equal(view.json.variables.find((v: any) => v.name === 'trackingCode').editable, false, 'the link is fixed');
  t.equal((await h.call('mediator', 'GET', `/api/monitor/instances/${key}`)).status, 403);
  t.equal((await h.call('island-admin', 'GET', `/api/monitor/instances/${key}`)).status, 404, 'jurisdiction');
  t.equal((await h.call('admin', 'GET', '/api/monitor/instances/999999999')).status, 404);
  t.equal((await h.call('admin', 'GET', '/api/monitor/instances/abc')).status, 400);

  const put = (user: string, body: unknown) => h.call(user, 'PUT', `/api/monitor/instances/${key}/variables`, body);
  const fixed = { variables: [{ name: 'facts', value: '{"parties":2,"violence":true}' }] };
  t.equal((await put('supervisor', fixed)).status, 403, 'administrators only');
  const badJson = await put('admin', { variables: [{ name: 'facts', value: '{"parties":2,' }] });
  t.equal(badJson.status, 400);
  t.match(badJson.json, { code: 'VALIDATION_FAILED', details: [{ field: 'variables[0].value' }] });
  t.match(badJson.json.message, /不是有效的 JSON/);
  const badName = await put('admin', { variables: [{ name: '1 bad', value: '1' }] });
  t.match(badName.json, { code: 'VALIDATION_FAILED', details: [{ field: 'variables[0].name' }] });
  const link = await put('admin', { variables: [{ name: 'trackingCode', value: '"GC-X"' }] });
  t.match(link.json.details, [{ field: 'variables[0].name', message: /不能在此修改/ }], 'the link is refused');
  t.equal((await put('admin', { variables: [] })).status, 400, 'nothing to set');
  const big = await put('admin', { variables: [{ name: 'facts', value: JSON.stringify('x'.repeat(17_000)) }] });
  t.match(big.json.details, [{ field: 'variables[0].value', message: /过长/ }], 'size');
  t.equal(
    await h
      .db('app.audit_log')
      .where({ action: 'monitor.variables' })
      .count({ n: '*' })
      .first()
      .then((r: any) => r.n),
    '0',
    'refused input is not applied nor audited',
  );

  const preview = await h.call('admin', 'POST', '/api/monitor/actions', {
    action: 'retry',
    preview: true,
    filter: { kind: 'incident' },
  });
  t.match(preview.json, { preview: true, count: 2, results: [] });
  t.same([...preview.json.codes].sort(), [code, other.trackingCode].sort(), 'which codes it would touch');
  const cancelPreview = await h.call('admin', 'POST', '/api/monitor/actions', {
    action: 'cancel',
    preview: true,
    filter: { code },
  });
  t.match(cancelPreview.json, { preview: true, count: 1, codes: [code] }, 'a cancel preview needs no reason');
  t.equal(
    await h
      .db('app.audit_log')
      .where('action', 'like', 'monitor.%')
      .count({ n: '*' })
      .first()
      .then((r: any) => r.n),
    '0',
    'a preview touches nothing',
  );

  const ok = await put('admin', fixed);
  t.equal(ok.status, 200);
  t.same(ok.json, {
    processInstanceKey: key,
    old: { facts: { parties: 2, violance: true } },
    new: { facts: { parties: 2, violence: true } },
  });
  const [entry] = await h.db('app.audit_log').where({ action: 'monitor.variables' });
  t.match(entry, { actor: 'admin', target_kind: 'process-instance', target_id: key });
  t.same(entry.details, {
    trackingCode: code,
    old: { facts: { parties: 2, violance: true } },
    new: { facts: { parties: 2, violence: true } },
  });

  const retried = await h.call('admin', 'POST', '/api/monitor/actions', { action: 'retry', processInstanceKey: key });
  t.match(retried.json.results, [{ trackingCode: code, moved: true }], 'the instance moved');
  await h.waitForEvent(m, 'triaged');
  const after = await h.call('admin', 'GET', `/api/monitor/instances/${key}`);
  t.same(after.json.incidents, [], 'no incident any more');
  t.notOk(after.json.diagrams[0].tokens.Task_Triage, 'no token on triage');
  t.same(
    after.json.history.map((x: any) => x.action),
    ['monitor.retry', 'monitor.variables'],
    'the history, newest first',
  );
  t.match(after.json.history[1], { actor: 'admin', details: { new: { facts: { violence: true } } } });
  t.same(after.json.history[0].details.moved, true);
  const left = await h.call('admin', 'GET', '/api/monitor/stuck?kind=incident');
  t.same(
    left.json.items.map((i: any) => i.trackingCode),
    [other.trackingCode],
    'the other one is still stuck',
  );
});
