// `npm run bpmn:layout [files]`: gives diagram information (DI) to models that have none, with
// bpmn-auto-layout, so Camunda Modeler can open a model written by hand or generated. Models that
// already have a diagram are left alone: a layout a designer arranged in the Modeler is never redone.
import fs from 'node:fs';
import path from 'node:path';
import { layoutProcess } from 'bpmn-auto-layout';
import { PROJECT_ROOT } from '../platform/database.js';

export function modelFiles(root = path.join(PROJECT_ROOT, 'bpmn')): string[] {
  const out = fs
    .readdirSync(root)
    .filter((f) => f.endsWith('.bpmn'))
    .map((f) => path.join(root, f));
  const variants = path.join(root, 'variants');
  if (fs.existsSync(variants)) {
    for (const d of fs.readdirSync(variants, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      for (const f of fs.readdirSync(path.join(variants, d.name)))
        if (f.endsWith('.bpmn')) out.push(path.join(variants, d.name, f));
    }
  }
  return out.sort();
}

async function main() {
  const files = process.argv.slice(2).length ? process.argv.slice(2) : modelFiles();
  for (const f of files) {
    const xml = fs.readFileSync(f, 'utf8');
    if (xml.includes('bpmndi:BPMNDiagram')) {
      console.log(`${path.relative(PROJECT_ROOT, f)}: has a diagram, left alone`);
      continue;
    }
    fs.writeFileSync(f, await layoutProcess(xml));
    console.log(`${path.relative(PROJECT_ROOT, f)}: laid out`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
