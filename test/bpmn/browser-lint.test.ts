// The browser lint (bpmn/lint/browser.ts, used by the designer's modeler and the Desktop Modeler
// plugin) gives the same findings as the server's lint on every shipped model and on a model that
// breaks the policy, when given the facts GET /api/processes/lint-config serves.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import { lintBpmn, readConfig } from '../../bpmn/lint/index.js';
import { browserLint } from '../../bpmn/lint/browser.js';
import { REPO_ROOT } from '../../bpmn/lint/repo.js';
import { workerTypesIn } from '../../bpmn/lint/rules/job-type-has-worker.js';
import { IGNORED, SUPPORTED } from '../../engine/model/parse.js';
import { modelResources } from '../../services/processes.js';

const require = createRequire(import.meta.url);
const moddle = new BpmnModdle({ zeebe: require('zeebe-bpmn-moddle/resources/zeebe.json') });
const facts = {
  config: readConfig(),
  workerTypes: [...workerTypesIn(path.join(REPO_ROOT, 'workers'))],
  engine: { supported: Object.keys(SUPPORTED), ignored: [...IGNORED] },
};

async function inBrowser(xml: string): Promise<string[]> {
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const reports = await new Linter(browserLint(facts)).lint(rootElement);
  return Object.entries(reports)
    .flatMap(([rule, list]) => list.map((r) => `${rule} ${r.id} ${r.category === 'error' ? 'error' : 'warn'}`))
    .sort();
}
const onServer = async (xml: string) =>
  (await lintBpmn(xml))
    .filter((f) => f.rule !== 'import')
    .map((f) => `${f.rule} ${f.id} ${f.category}`)
    .sort();

t.test('same findings as the server on every shipped model', async (t) => {
  for (const r of modelResources().filter((m) => m.kind === 'process')) {
    const xml = fs.readFileSync(r.file, 'utf8');
    t.same(await inBrowser(xml), await onServer(xml), r.name);
  }
});

t.test('same findings on a shortcut to litigation and an unknown job type', async (t) => {
  const base = fs.readFileSync(path.join(REPO_ROOT, 'bpmn', 'dispute-resolution.bpmn'), 'utf8');
  const bad = base
    .replace(/(sourceRef="Gw_Type" targetRef=")Sub_Ladder(")/, '$1Gw_LitJoin$2')
    .replace('type="handoff-litigation"', 'type="no-such-worker"');
  const found = await inBrowser(bad);
  t.same(found, await onServer(bad));
  t.ok(found.some((f) => f.startsWith('gc/job-type-has-worker Task_Litigation')));
});
