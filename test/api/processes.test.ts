// Processes: the list with variants; an upload is linted first (a failing lint deploys nothing and
// returns the findings); a good variant is deployed and mapped to its region, and intake uses it.
import t from 'tap';
import fs from 'node:fs';
import { apiHarness } from '../helpers/api.js';
import { modelResources } from '../../services/processes.js';

const base = () => fs.readFileSync(modelResources().find((r) => r.name === 'dispute-resolution.bpmn')!.file, 'utf8');

t.test('list, a refused shortcut to litigation, an accepted regional variant', async (t) => {
  const h = await apiHarness(t);
  const list = await h.call('designer', 'GET', '/api/processes');
  t.equal(list.status, 200);
  t.ok(list.json.processes.some((p: any) => p.bpmnProcessId === 'dispute-resolution'));
  t.ok(
    list.json.variants.some(
      (v: any) => v.regionCode === 'demo-island-county' && v.processId === 'dispute-resolution-island',
    ),
  );
  t.equal((await h.call('clerk', 'GET', '/api/processes')).status, 403, 'clerks do not manage processes');

  const shortcut = base()
    .replace(/(sourceRef="Gw_Type" targetRef=")Sub_Ladder(")/, '$1Gw_LitJoin$2')
    .replace(/id="dispute-resolution"/, 'id="dispute-resolution-shortcut"');
  const refused = await h.call('designer', 'POST', '/api/processes', {
    name: 'shortcut.bpmn',
    xml: shortcut,
    regionCode: 'demo-town-a2',
  });
  t.equal(refused.status, 400);
  t.match(refused.json.message, /policy lint/);
  t.ok(
    refused.json.details.some((f: any) => f.rule === 'gc/mediation-before-litigation' && f.id === 'Task_Litigation'),
    'the findings name the rule and element',
  );
  const after = await h.e.operate('process-definitions', { filter: { bpmnProcessId: 'dispute-resolution-shortcut' } });
  t.equal(after.total, 0, 'nothing deployed');

  const variant = base()
    .replace(/id="dispute-resolution"/, 'id="dispute-resolution-town-a2"')
    .replace(/bpmnElement="dispute-resolution"/g, 'bpmnElement="dispute-resolution-town-a2"');
  const ok = await h.call('designer', 'POST', '/api/processes', {
    name: 'town-a2.bpmn',
    xml: variant,
    regionCode: 'demo-town-a2',
  });
  t.equal(ok.status, 201, JSON.stringify(ok.json).slice(0, 300));
  t.equal(ok.json.processes[0].bpmnProcessId, 'dispute-resolution-town-a2');
  const m = await h.call('clerk', 'POST', '/api/matters', {
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode: 'demo-village-a2-1',
    summary: '宅基地边界',
    parties: [{ role: 'applicant', name: '吴六' }],
  });
  t.equal(m.json.processId, 'dispute-resolution-town-a2', 'intake in that region starts the new variant');
  t.equal(
    (await h.call('designer', 'POST', '/api/processes', { name: 'x.bpmn', xml: '<nope' })).status,
    400,
    'malformed XML',
  );
  t.equal(
    (await h.call('designer', 'POST', '/api/processes', { name: '../../etc.bpmn', xml: variant })).status,
    400,
    'bad name',
  );
});

t.test('a designer never replaces a process that runs outside their jurisdiction', async (t) => {
  const h = await apiHarness(t);
  const file = (p: string) => fs.readFileSync(new URL(`../../bpmn/${p}`, import.meta.url), 'utf8');
  const base = await h.call('island-designer', 'POST', '/api/processes', {
    name: 'dispute-resolution.bpmn',
    xml: file('dispute-resolution.bpmn'),
    regionCode: 'demo-island-county',
  });
  t.equal(base.status, 403, 'the city-wide flow is not an island designer’s to replace');
  t.equal(base.json.code, 'OUT_OF_JURISDICTION');
  t.match(
    base.json.message,
    /process 'dispute-resolution' also runs outside your jurisdiction .*process id of its own/,
  );
  const called = await h.call('island-designer', 'POST', '/api/processes', {
    name: 'mediation-at-tier.bpmn',
    xml: file('mediation-at-tier.bpmn'),
  });
  t.equal(called.status, 403, 'nor a process every region calls');
  const otherCounty = await h.call('island-designer', 'POST', '/api/processes', {
    name: 'leader.bpmn',
    xml: file('variants/demo-county-b/dispute-resolution-county-leader.bpmn'),
  });
  t.equal(otherCounty.status, 403, 'nor another county’s variant');
  const own = await h.call('island-designer', 'POST', '/api/processes', {
    name: 'island.bpmn',
    xml: file('variants/demo-island-county/dispute-resolution-island.bpmn'),
    regionCode: 'demo-island-county',
  });
  t.equal(own.status, 201, 'its own county’s variant it may deploy');
  const defs = await h.e.operate('process-definitions', { filter: { bpmnProcessId: 'dispute-resolution' } });
  t.equal(defs.items.length, 1, 'the city-wide flow is still at its one version');
});

t.test('intake starts the pinned version: a model deployed by another path is not used until mapped', async (t) => {
  const h = await apiHarness(t);
  const shipped = fs.readFileSync(new URL('../../bpmn/dispute-resolution.bpmn', import.meta.url), 'utf8');
  // Straight through the gateway (as zbctl would): no lint, no mapping. Same id, a new version.
  const sideways = await h.e.zeebe.deployResource({
    name: 'dispute-resolution.bpmn',
    process: Buffer.from(shipped.replace('</bpmn:definitions>', '<!-- changed --></bpmn:definitions>')),
  });
  const newVersion = sideways.deployments[0].process.version;
  t.ok(newVersion > 1, `the gateway deployed version ${newVersion}`);
  const m = await h.call('clerk', 'POST', '/api/matters', {
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    summary: '邻里纠纷',
    parties: [{ role: 'applicant', name: '甲' }],
  });
  t.equal(m.status, 201);
  const [pi] = (await h.e.operate('process-instances', { filter: { key: m.json.processInstanceKey } })).items;
  t.equal(pi.bpmnProcessId, 'dispute-resolution');
  t.equal(pi.processVersion, 1, 'the pinned (shipped) version, not the one deployed sideways');
});
