// `npx tsx scripts/arrange-bpmn.ts [files]`: redraws the diagrams of the shipped models and variants
// (bpmn/arrange, hints in bpmn/arrange/hints.ts), then checks them with bpmn/layout.ts. Only the
// bpmndi part of each file changes; the process part is compared byte for byte before writing.
import fs from 'node:fs';
import path from 'node:path';
import { arrange, splitDiagram } from '../bpmn/arrange/index.js';
import { HINTS } from '../bpmn/arrange/hints.js';
import { checkLayout } from '../bpmn/layout.js';
import { modelResources } from '../services/processes.js';
import { PROJECT_ROOT } from '../platform/database.js';

async function main() {
  const args = process.argv.slice(2);
  const files = args.length
    ? args
    : modelResources()
        .filter((r) => r.kind === 'process')
        .map((r) => r.file);
  let bad = 0;
  for (const f of files) {
    const xml = fs.readFileSync(f, 'utf8');
    const next = await arrange(xml, HINTS[path.basename(f)] ?? {});
    if (splitDiagram(next).head !== splitDiagram(xml).head) throw new Error(`${f}: the process part would change`);
    fs.writeFileSync(f, next);
    const problems = await checkLayout(next, path.basename(f));
    bad += problems.length;
    console.log(`${path.relative(PROJECT_ROOT, f)}: ${problems.length ? `${problems.length} problem(s)` : 'clean'}`);
    for (const p of problems) console.log(`  ${p.message}`);
  }
  if (bad) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
