// The real models pass the policy lint (bpmnlint recommended + ours), and a variant that routes a
// dispute straight to litigation is refused with a message naming the path.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { lintBpmn } from '../../bpmn/lint/index.js';
import { modelResources } from '../../services/processes.js';

t.test('every base model and variant passes the policy lint', async (t) => {
  const models = modelResources().filter((r) => r.kind === 'process');
  t.ok(models.length >= 8, 'base models and variants are found');
  for (const m of models) {
    const errors = (await lintBpmn(fs.readFileSync(m.file, 'utf8'))).filter((f) => f.category === 'error');
    t.same(errors, [], `${path.basename(m.file)} has no lint errors`);
  }
});

t.test('a variant that routes disputes straight to litigation is rejected', async (t) => {
  const base = fs.readFileSync(modelResources().find((r) => r.name === 'dispute-resolution.bpmn')!.file, 'utf8');
  // Rewire the dispute branch of the matter-type gateway to the litigation join, skipping the ladder.
  const variant = base
    .replace(/(sourceRef="Gw_Type" targetRef=")Sub_Ladder(")/, '$1Gw_LitJoin$2')
    .replace(/id="dispute-resolution"/, 'id="dispute-resolution-shortcut"');
  t.not(variant, base, 'the shortcut was made');
  const findings = await lintBpmn(variant);
  const rejected = findings.filter((f) => f.rule === 'gc/mediation-before-litigation');
  t.ok(rejected.length >= 1, 'the policy rule fires');
  t.equal(rejected[0].id, 'Task_Litigation');
  t.match(rejected[0].message, /without passing a mediation/);
});

t.test('the variant map picks the nearest mapped region, else the base process', async (t) => {
  const { processForRegion, loadVariantMap } = await import('../../services/processes.js');
  const { RegionTree, DEMO_REGIONS } = await import('../../domain/index.js');
  const regions = new RegionTree(DEMO_REGIONS);
  const map = loadVariantMap();
  t.equal(processForRegion('demo-island-village-2-1', regions, map), 'dispute-resolution-island');
  t.equal(processForRegion('demo-village-b1-1', regions, map), 'dispute-resolution-county-leader');
  t.equal(processForRegion('demo-county-b', regions, map), 'dispute-resolution-county-leader');
  t.equal(processForRegion('demo-village-a1-1', regions, map), 'dispute-resolution', 'unmapped → base');
  t.equal(processForRegion('demo-city', regions, map), 'dispute-resolution');
});

t.test('every deadline stage named in a model is a stage the deadline table knows', async (t) => {
  const { isStage } = await import('../../domain/index.js');
  for (const m of modelResources().filter((r) => r.kind === 'process')) {
    const xml = fs.readFileSync(m.file, 'utf8');
    const stages = [...xml.matchAll(/<zeebe:header key="stage" value="([^"]+)"/g)].map((x) => x[1]);
    for (const s of new Set(stages)) t.ok(isStage(s), `${path.basename(m.file)}: stage '${s}'`);
  }
});
