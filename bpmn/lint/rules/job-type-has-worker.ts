// Every job a model creates must have a worker, or instances stop there silently (the job just waits).
// By convention a worker lives in workers/<job type>.ts (DESIGN.md, conventions 1), so the set of
// job types served is the file names of workers/, unless the rule config lists them (`workerTypes`).
// Files that are not workers: `_*` (shared helpers), index.ts and runtime.ts (the wiring), tests and
// declarations. Expression types (`=...`) are decided at run time and cannot be checked: reported,
// because a static type is what makes a model reviewable. The check is in ../injected.ts, shared with
// the browser lint, which gets the served types from the API instead of this folder.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../repo.js';
import { jobTypeHasWorkerRule } from '../injected.js';

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

/** The Node side: the types from the workers folder (the browser gets the list from the API). */
export default jobTypeHasWorkerRule((config?: JobTypeHasWorkerConfig) =>
  workerTypesIn(config?.workersDir ?? path.join(REPO_ROOT, 'workers')),
);
