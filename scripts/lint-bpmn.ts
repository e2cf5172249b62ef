// `npm run lint:bpmn [-- [--config <.bpmnlintrc>] [file.bpmn ...]]`: lints the process models with
// bpmnlint's recommended rules and the project's policy plugin (bpmn/lint/). Without files: every
// bpmn/*.bpmn and bpmn/variants/<region>/*.bpmn. Exit 0 when there are no errors (warnings are
// printed but pass), 1 when any model has an error, 2 on a usage or config problem.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { lintBpmn, readConfig, DEFAULT_CONFIG_PATH, type LintFinding } from '../bpmn/lint/index.js';
import { REPO_ROOT } from '../bpmn/lint/repo.js';

const USAGE = 'usage: tsx scripts/lint-bpmn.ts [--config <.bpmnlintrc>] [file.bpmn ...]';

/** bpmn/*.bpmn and bpmn/variants/<region>/*.bpmn, sorted (no glob dependency for two levels). */
function defaultModels(): string[] {
  const list = (dir: string) => {
    try {
      return fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const bpmnDir = path.join(REPO_ROOT, 'bpmn');
  const files = list(bpmnDir)
    .filter((e) => e.isFile() && e.name.endsWith('.bpmn'))
    .map((e) => path.join(bpmnDir, e.name));
  const variants = path.join(bpmnDir, 'variants');
  for (const region of list(variants)
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    const dir = path.join(variants, region);
    files.push(
      ...list(dir)
        .filter((e) => e.isFile() && e.name.endsWith('.bpmn'))
        .map((e) => path.join(dir, e.name))
        .sort(),
    );
  }
  return files;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function format(file: string, f: LintFinding): string {
  return `${file}: ${f.id || '(document)'} [${f.rule}] ${f.category === 'warn' ? 'warning: ' : ''}${f.message}`;
}

async function main(argv: string[]): Promise<number> {
  let values: { config?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = readConfig(values.config ? path.resolve(values.config) : DEFAULT_CONFIG_PATH);
  const files = positionals.length ? positionals.map((f) => path.resolve(f)) : defaultModels();
  if (!files.length) {
    console.log('no BPMN models yet (bpmn/*.bpmn, bpmn/variants/*/*.bpmn): nothing to lint');
    return 0;
  }
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) {
    console.error(`no such file: ${missing.map((f) => path.relative(process.cwd(), f)).join(', ')}\n${USAGE}`);
    return 2;
  }

  let errors = 0;
  let warnings = 0;
  let failing = 0;
  for (const file of files) {
    const shown = path.relative(process.cwd(), file) || file;
    const findings = await lintBpmn(fs.readFileSync(file, 'utf8'), { config });
    if (!findings.length) continue;
    failing++;
    for (const f of findings) {
      if (f.category === 'error') errors++;
      else warnings++;
      console.log(format(shown, f));
    }
    console.log('');
  }
  const linted = plural(files.length, 'model');
  if (!errors && !warnings) console.log(`✔ ${linted} linted, no problems`);
  else
    console.log(
      `${errors ? '✖' : '⚠'} ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${failing} of ${linted}`,
    );
  return errors ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    // A broken config or an unknown rule: the models were not checked, which is not a pass.
    console.error(`lint:bpmn: ${(err as Error).message}`);
    process.exit(2);
  },
);
