// The process models and forms in bpmn/, their deployment through the gateway protocol (so it works
// the same against the embedded engine and a Camunda 8 cluster), and the choice of the process a
// matter starts: the variant mapped to its region or nearest ancestor, else the base process.
import fs from 'node:fs';
import path from 'node:path';
import type { RegionTree } from '../domain/index.js';
import type { EngineClient } from '../engine-client/index.js';
import { PROJECT_ROOT } from '../platform/database.js';
import type { Db } from '../platform/db.js';
import { storedPins, storedVariants } from '../store/variants.js';

export const BPMN_DIR = path.join(PROJECT_ROOT, 'bpmn');
export const BASE_PROCESS = 'dispute-resolution';

export interface ModelResource {
  name: string;
  file: string;
  kind: 'process' | 'form';
}

/** The base models, every variant, and every form. */
export function modelResources(root = BPMN_DIR): ModelResource[] {
  const out: ModelResource[] = [];
  const add = (dir: string, ext: string, kind: ModelResource['kind']) => {
    if (!fs.existsSync(dir)) return;
    for (const f of fs.readdirSync(dir).sort())
      if (f.endsWith(ext)) out.push({ name: f, file: path.join(dir, f), kind });
  };
  add(root, '.bpmn', 'process');
  const variants = path.join(root, 'variants');
  if (fs.existsSync(variants))
    for (const d of fs.readdirSync(variants, { withFileTypes: true }))
      if (d.isDirectory()) add(path.join(variants, d.name), '.bpmn', 'process');
  add(path.join(root, 'forms'), '.form', 'form');
  return out;
}

export interface DeployedForm {
  formId: string;
  version: number;
  formKey: string;
}

/** Deploys everything in one deployment: one bad model deploys nothing. */
export async function deployModels(
  engine: EngineClient,
  resources = modelResources(),
): Promise<{ processes: string[]; forms: DeployedForm[]; pins: Pins }> {
  const res = await engine.deploy(
    resources.map((r) => ({
      kind: r.kind === 'form' ? 'form' : 'process',
      name: r.name,
      content: fs.readFileSync(r.file),
    })),
  );
  return {
    processes: res.processes.map((p) => `${p.bpmnProcessId}@${p.version}`),
    forms: res.forms,
    pins: new Map(res.processes.map((p) => [p.bpmnProcessId, p.version])),
  };
}

export type VariantMap = Record<string, string>;

/**
 * Process id → the version intake starts: the shipped model's (deployed at start) or the one mapped
 * through the API. A model deployed by another path (the gateway, zbctl) under the same id is not
 * used for intake until it is mapped through the API, which lints it.
 */
export type Pins = Map<string, number>;

export function loadVariantMap(root = BPMN_DIR): VariantMap {
  const file = path.join(root, 'variants', 'variants.json');
  if (!fs.existsSync(file)) return {};
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const out: VariantMap = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('$')) continue;
    if (typeof v !== 'string' || !v)
      throw new Error(`bpmn/variants/variants.json: region '${k}' must map to a process id`);
    out[k] = v;
  }
  return out;
}

/**
 * Keeps this process's region map and version pins in step with the database, where every API process
 * records the mappings it makes: a second API process would otherwise start the old version until it
 * restarted. Returns the function that stops following.
 */
export function followMappings(
  db: Db,
  live: { variants: VariantMap; pins?: Pins },
  everyMs: number,
  onError: (err: unknown) => void,
): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    Promise.all([storedVariants(db), storedPins(db)])
      .then(([variants, pins]) => {
        Object.assign(live.variants, variants);
        for (const [id, version] of pins) live.pins?.set(id, version);
      })
      .catch(onError)
      .finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The process a matter from `regionCode` starts: the nearest mapped region wins. */
export function processForRegion(regionCode: string, regions: RegionTree, variants: VariantMap): string {
  for (const r of [regions.get(regionCode), ...regions.ancestors(regionCode)])
    if (variants[r.code]) return variants[r.code];
  return BASE_PROCESS;
}

/** The ids of the processes a BPMN document defines (its <process id="…"> elements). */
export function processIdsOf(xml: string): string[] {
  return [...xml.matchAll(/<(?:[\w-]+:)?process\b[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]);
}

/** Process ids of the shipped shared models (the base flow and the processes it calls): used everywhere. */
export function sharedProcessIds(root = BPMN_DIR): Set<string> {
  const ids = new Set<string>();
  for (const r of modelResources(root))
    if (r.kind === 'process' && path.dirname(r.file) === root)
      for (const id of processIdsOf(fs.readFileSync(r.file, 'utf8'))) ids.add(id);
  return ids;
}

/**
 * The regions outside `jurisdiction` (a region path prefix) that a deployment of `processId` would
 * change: every region for a shared process (unless the jurisdiction is the whole tree), else the
 * regions mapped to it. A designer may replace only what runs inside their own jurisdiction.
 */
export function regionsAffectedOutside(
  processId: string,
  jurisdiction: string,
  regions: RegionTree,
  variants: VariantMap,
  shared: Set<string>,
): string[] {
  const outside = regions.all().filter((r) => !regions.path(r.code).startsWith(jurisdiction));
  if (shared.has(processId)) return outside.map((r) => r.code);
  return outside.filter((r) => variants[r.code] === processId).map((r) => r.code);
}
