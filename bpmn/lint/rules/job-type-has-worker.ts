// Every job a model creates must have a worker, or instances stop there silently (the job just waits).
// By convention a worker lives in workers/<job type>.ts (DESIGN.md, conventions 1), so the set of
// job types served is the file names of workers/, unless the rule config lists them (`workerTypes`).
// Files that are not workers: `_*` (shared helpers), index.ts and runtime.ts (the wiring), tests and
// declarations. Expression types (`=...`) are decided at run time and cannot be checked: reported,
// because a static type is what makes a model reviewable.
import fs from 'node:fs';
import path from 'node:path';
import { is } from 'bpmnlint-utils';
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types.js';
import { type El, REPO_ROOT, ext, isExecutable, processOf } from '../model.js';

export interface JobTypeHasWorkerConfig {
  /** The job types served; when absent, read from `workersDir`. */
  workerTypes?: string[];
  /** Default: the repository's workers/ folder. */
  workersDir?: string;
}

const NOT_WORKERS = new Set(['index.ts', 'runtime.ts']);

/** Job types served by the workers in `dir` (empty when the folder does not exist yet). */
export function workerTypesIn(dir: string): Set<string> {
  let files: string[];
  try {
    files = fs.readdirSync(dir);
  } catch {
    return new Set();
  }
  return new Set(
    files
      .filter(
        (f) =>
          f.endsWith('.ts') &&
          !f.endsWith('.d.ts') &&
          !f.endsWith('.test.ts') &&
          !f.startsWith('_') &&
          !NOT_WORKERS.has(f),
      )
      .map((f) => f.slice(0, -'.ts'.length)),
  );
}

const factory: RuleFactory = (config?: JobTypeHasWorkerConfig) => {
  const dir = config?.workersDir ?? path.join(REPO_ROOT, 'workers');
  let served: Set<string> | undefined; // read once per lint run, on first use
  const types = () => (served ??= config?.workerTypes ? new Set(config.workerTypes) : workerTypesIn(dir));

  function check(node: El, reporter: Reporter) {
    if (!is(node, 'bpmn:FlowElement')) return;
    const td = ext(node, 'zeebe:TaskDefinition');
    if (!td || !isExecutable(processOf(node) ?? {})) return;
    const type = String(td.type ?? '').trim();
    if (!type) reporter.report(node.id, `'${node.id}' has a zeebe:taskDefinition without a type`);
    else if (type.startsWith('='))
      reporter.report(
        node.id,
        `job type '${type}' of '${node.id}' is an expression: cannot check that a worker exists; use a static type`,
      );
    else if (!types().has(type))
      reporter.report(node.id, `job type '${type}' of '${node.id}' has no worker (expected workers/${type}.ts)`);
  }
  return { check };
};

export default factory;
