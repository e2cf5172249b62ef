// Where the repository is, for the Node side of the lint (the config file, workers/). Kept out of
// model.ts so that the rules stay free of Node modules and run in the browser too (browser.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is bpmn/lint/repo.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
