// The application parts by name (workers/main.ts, api/main.ts), for the entry points that run them.
// Loading by name keeps a process to the code of the parts it runs (a workers process never loads
// the HTTP layer) and keeps scripts/ free of any part's internals.
import type { PartContext, RunningPart } from '../services/parts.js';

export type PartName = 'workers' | 'api';

export interface PartModule<O = unknown, R extends RunningPart = RunningPart> {
  start(ctx: PartContext, opts?: O): Promise<R>;
}

export async function loadPart<O = unknown, R extends RunningPart = RunningPart>(
  name: PartName,
): Promise<PartModule<O, R>> {
  return import(new URL(`../${name}/main.ts`, import.meta.url).href);
}
