// The designer's calls (issue 14): the browser lint's facts, a deployed model's XML (open, download),
// the region map with pinned versions, and rollback of a region to an earlier version — jurisdiction
// checked, audited, and the next intake in that region runs the version mapped.
import t from 'tap';
import fs from 'node:fs';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { modelResources } from '../../services/processes.js';
import { auditOf } from '../../store/audit.js';

const base = () => fs.readFileSync(modelResources().find((r) => r.name === 'dispute-resolution.bpmn')!.file, 'utf8');
const ID = 'dispute-resolution-county-a';
/** The base model under a process id of its own, with one task renamed (a harmless change). */
const variant = (label: string) =>
  base()
    .replace(/id="dispute-resolution"/, `id="${ID}"`)
    .replace(/bpmnElement="dispute-resolution"/g, `bpmnElement="${ID}"`)
    .replace(/(<bpmn:process id="[^"]+" name=")[^"]*"/, `$1${label}"`);

async function intakeIn(h: ApiHarness, regionCode: string) {
  const m = await h.call('clerk', 'POST', '/api/matters', {
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode,
    summary: '宅基地边界',
    parties: [{ role: 'applicant', name: '吴六' }],
  });
  const [pi] = (await h.e.operate('process-instances', { filter: { key: m.json.processInstanceKey } })).items;
  return { processId: m.json.processId as string, version: Number(pi?.processVersion) };
}

t.test('the browser lint gets the server’s config, worker types and engine element types', async (t) => {
  const h = await apiHarness(t);
  const r = await h.call('designer', 'GET', '/api/processes/lint-config');
  t.equal(r.status, 200);
  t.same(r.json.config.extends, ['bpmnlint:recommended', 'plugin:gc/recommended']);
  t.ok(r.json.workerTypes.includes('handoff-litigation'), 'the workers folder is read');
  t.ok(r.json.engine.supported.includes('bpmn:UserTask'));
  t.ok(r.json.engine.ignored.includes('bpmn:DataObject'));
  t.equal((await h.call('clerk', 'GET', '/api/processes/lint-config')).status, 403);
});

t.test('a deployed model’s XML: latest, a version, a download; unknown ones are 404, bad ones 400', async (t) => {
  const h = await apiHarness(t);
  const latest = await h.call('designer', 'GET', '/api/processes/dispute-resolution/xml');
  t.equal(latest.status, 200);
  t.match(latest.headers['content-type'], /application\/xml/);
  t.match(latest.body, /<bpmn:process id="dispute-resolution"/);
  t.equal(latest.headers['content-disposition'], undefined, 'shown, not downloaded');
  const v1 = await h.call('designer', 'GET', '/api/processes/dispute-resolution/xml?version=1&download=true');
  t.equal(v1.status, 200);
  t.equal(v1.headers['content-disposition'], 'attachment; filename="dispute-resolution-v1.bpmn"');
  const missing = await h.call('designer', 'GET', '/api/processes/dispute-resolution/xml?version=99');
  t.equal(missing.status, 404);
  t.match(missing.json.message, /version 99/);
  t.equal((await h.call('designer', 'GET', '/api/processes/no-such-process/xml')).status, 404);
  const bad = await h.call('designer', 'GET', '/api/processes/dispute-resolution/xml?version=abc');
  t.equal(bad.status, 400);
  t.match(bad.json.message, /version/);
  t.equal((await h.call('designer', 'GET', '/api/processes/bad%20id/xml')).status, 400);
  t.equal((await h.call('clerk', 'GET', '/api/processes/dispute-resolution/xml')).status, 403);
});

t.test('deploy twice, the region map pins v2, rollback to v1 is audited and the next intake runs v1', async (t) => {
  const h = await apiHarness(t);
  for (const label of ['县A变体', '县A变体（改）']) {
    const r = await h.call('designer', 'POST', '/api/processes', {
      name: `${ID}.bpmn`,
      xml: variant(label),
      regionCode: 'demo-county-a',
    });
    t.equal(r.status, 201, JSON.stringify(r.json).slice(0, 300));
  }
  const list = await h.call('designer', 'GET', '/api/processes');
  t.match(
    list.json.variants.find((v: any) => v.regionCode === 'demo-county-a'),
    { processId: ID, version: 2, inJurisdiction: true },
  );
  t.same(list.json.processes.find((p: any) => p.bpmnProcessId === ID).versions, [1, 2]);
  t.ok(
    list.json.regions.some((r: any) => r.code === 'demo-county-a'),
    'the regions a variant may be saved for',
  );
  t.same(await intakeIn(h, 'demo-town-a1'), { processId: ID, version: 2 }, 'intake runs the version deployed last');

  const island = await h.call('island-designer', 'POST', '/api/processes/rollback', {
    regionCode: 'demo-county-a',
    version: 1,
  });
  t.equal(island.status, 403, 'an island designer cannot map a region of the mainland');
  t.equal(island.json.code, 'OUT_OF_JURISDICTION');
  const noSuch = await h.call('designer', 'POST', '/api/processes/rollback', {
    regionCode: 'demo-county-a',
    version: 7,
  });
  t.equal(noSuch.status, 400);
  t.match(noSuch.json.message, /no deployed version 7/);
  const zero = await h.call('designer', 'POST', '/api/processes/rollback', { regionCode: 'demo-county-a', version: 0 });
  t.equal(zero.status, 400, 'versions start at 1');
  const unknown = await h.call('designer', 'POST', '/api/processes/rollback', { regionCode: 'nowhere', version: 1 });
  t.equal(unknown.status, 400);
  t.match(unknown.json.message, /regionCode/);

  const back = await h.call('designer', 'POST', '/api/processes/rollback', {
    regionCode: 'demo-county-a',
    version: 1,
    reason: '新版本有误',
  });
  t.equal(back.status, 200, JSON.stringify(back.json));
  t.same(back.json, { regionCode: 'demo-county-a', processId: ID, version: 1, previousVersion: 2 });
  const trail = await auditOf(h.db, 'process', `${ID}@1`);
  t.match(trail.at(-1), {
    actor: 'designer',
    action: 'process.rollback',
    details: { regionCode: 'demo-county-a', previousVersion: 2, reason: '新版本有误' },
  });
  t.same(await intakeIn(h, 'demo-town-a1'), { processId: ID, version: 1 }, 'the next intake runs the version mapped');
  const after = await h.call('designer', 'GET', '/api/processes');
  t.equal(after.json.variants.find((v: any) => v.regionCode === 'demo-county-a').version, 1);
});
