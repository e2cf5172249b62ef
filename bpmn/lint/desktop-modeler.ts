// Builds a Camunda Desktop Modeler (5.4 or later) client plugin that adds our policy lint (bpmnlint's
// recommended rules + the gc plugin, as configured in bpmn/.bpmnlintrc) to the Modeler's own linting,
// so a designer working on the desktop sees the warnings the server refuses a deployment for.
//
//   npx tsx bpmn/lint/desktop-modeler.ts <plugins folder>/gc-lint
//
// The Modeler loads no .bpmnlintrc from disk: a lint plugin brings its config and rules bundled (as
// Camunda's custom-linter-rules-plugin template does with bpmnlint-loader). Here the bundle is the
// browser lint (browser.ts) with the facts the server knows — the config, the job types with a worker,
// the element types the engine runs — written into it at build time: rebuild after adding a worker.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readConfig } from './index.js';
import { REPO_ROOT } from './repo.js';
import { workerTypesIn } from './rules/job-type-has-worker.js';
import { IGNORED, SUPPORTED } from '../../engine/model/parse.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildDesktopModelerPlugin(outDir: string): Promise<void> {
  const facts = {
    config: readConfig(),
    workerTypes: [...workerTypesIn(path.join(REPO_ROOT, 'workers'))].sort(),
    engine: { supported: Object.keys(SUPPORTED).sort(), ignored: [...IGNORED].sort() },
  };
  fs.mkdirSync(outDir, { recursive: true });
  // The plugin's entry point, as the Modeler's plugin loader reads it: a name and a client script.
  fs.writeFileSync(
    path.join(outDir, 'index.js'),
    "'use strict';\n\nmodule.exports = {\n  name: 'Governance centre policy lint (gc)',\n" +
      "  script: './client.bundle.js'\n};\n",
  );
  // registerClientPlugin of camunda-modeler-plugin-helpers, inlined: it pushes onto window.plugins.
  // `lintRules.cloud-bpmn` is the Camunda 8 diagram tab, `lintRules.bpmn` the Camunda 7 one.
  const entry = `
import { browserLint } from './browser.js';
const lint = browserLint(${JSON.stringify(facts)});
const plugins = (window.plugins = window.plugins || []);
plugins.push({ plugin: lint, type: 'lintRules.cloud-bpmn' }, { plugin: lint, type: 'lintRules.bpmn' });
`;
  await build({
    stdin: { contents: entry, resolveDir: here, loader: 'ts', sourcefile: 'desktop-modeler-entry.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile: path.join(outDir, 'client.bundle.js'),
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: npx tsx bpmn/lint/desktop-modeler.ts <Camunda Modeler plugins folder>/gc-lint');
    process.exit(2);
  }
  await buildDesktopModelerPlugin(path.resolve(out));
  console.log(`built ${path.resolve(out)}: restart Camunda Modeler to load it`);
}
