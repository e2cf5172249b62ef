// Process instance commands: create, cancel, set variables, and resolving an incident.
import type { Definition } from '../model/cache.js';
import { invalid, notFound, precondition, parseVariables } from '../errors.js';
import { rootOfProcessInstance, rootOfElementInstance } from '../store/instances.js';
import * as defs from '../store/definitions.js';
import * as jobs from '../store/jobs.js';
import * as inc from '../store/incidents.js';
import type { EngineCore } from './core.js';

export interface DefinitionQuery {
  bpmnProcessId?: string;
  processDefinitionKey?: string;
  version?: number;
}

export async function resolveDefinition(e: EngineCore, q: DefinitionQuery): Promise<Definition> {
  let key: string | null = null;
  if (q.processDefinitionKey && q.processDefinitionKey !== '0') key = q.processDefinitionKey;
  else if (q.bpmnProcessId) {
    key =
      q.version === undefined || q.version < 0
        ? await e.models.latest('process', q.bpmnProcessId, e.db.pool)
        : ((await defs.definitionByVersion(e.db.pool, q.bpmnProcessId, q.version))?.key ?? null);
  } else throw invalid('Expected either a bpmnProcessId or a processDefinitionKey, but none given');
  const def = key ? await e.models.find(key) : null;
  if (!def) {
    const what =
      q.processDefinitionKey && q.processDefinitionKey !== '0'
        ? `key '${q.processDefinitionKey}'`
        : `process ID '${q.bpmnProcessId}'` +
          (q.version !== undefined && q.version >= 0 ? ` and version '${q.version}'` : '');
    throw notFound(`Expected to find process definition with ${what}, but none found`);
  }
  return def;
}

export async function createInstance(
  e: EngineCore,
  q: DefinitionQuery & { variables?: string },
): Promise<{ processInstanceKey: string; def: Definition }> {
  const variables = parseVariables(q.variables);
  const def = await resolveDefinition(e, q);
  const proc = def.model.elements.get(def.model.bpmnProcessId)!;
  if (!proc.noneStartId)
    throw invalid(
      `Expected to create an instance of process '${def.row.bpmnProcessId}' with a none start event, ` +
        'but it has none (it starts by message or timer)',
    );
  // A new instance is written by one statement: atomic without an explicit transaction.
  const processInstanceKey = await e.batcher.submit({
    rootKey: null,
    fn: async (x) => {
      await x.createProcessInstance(def, variables, { key: x.tree.rootKey });
      return x.tree.rootKey;
    },
    missing: () => notFound('unreachable'),
  });
  return { processInstanceKey, def };
}

export async function cancelInstance(e: EngineCore, key: string): Promise<void> {
  const root = await rootOfProcessInstance(e.db.pool, key);
  const missing = () =>
    notFound(`Expected to cancel a process instance with key '${key}', but no such process was found`);
  if (!root) throw missing();
  if (root !== key)
    throw precondition(
      `Expected to cancel a process instance with key '${key}', but it is created by a parent process instance. ` +
        `Cancel the root process instance '${root}' instead.`,
    );
  await e.command((tx) =>
    e.onTree(
      tx,
      root,
      async (x) => {
        const proc = x.tree.elements.get(key);
        if (!proc) throw missing();
        await x.terminate(proc);
      },
      missing,
    ),
  );
}

export async function setVariables(
  e: EngineCore,
  elementInstanceKey: string,
  text: string,
  local: boolean,
): Promise<string> {
  const vars = parseVariables(text);
  const missing = () =>
    notFound(
      `Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`,
    );
  const root = await rootOfElementInstance(e.db.pool, elementInstanceKey);
  if (!root) throw missing();
  return e.command((tx) =>
    e.onTree(
      tx,
      root,
      async (x) => {
        const inst = x.tree.elements.get(elementInstanceKey);
        if (!inst) throw missing();
        for (const [name, value] of Object.entries(vars)) {
          if (local) x.tree.setLocal(inst.key, name, value, inst.processInstanceKey);
          else x.tree.propagate(inst.key, name, value);
        }
        return e.db.nextKey(tx);
      },
      missing,
    ),
  );
}

export async function resolveIncident(e: EngineCore, key: string): Promise<void> {
  const missing = () => notFound(`Expected to resolve incident with key '${key}', but no such incident was found`);
  const first = await inc.getIncident(e.db.pool, key);
  if (!first || first.state !== 'ACTIVE') throw missing();
  await e.command((tx) =>
    e.onTree(
      tx,
      first.rootKey,
      async (x) => {
        const incident = await inc.getIncident(tx, key, true);
        if (!incident || incident.state !== 'ACTIVE') throw missing();
        const inst = x.tree.elements.get(incident.elementInstanceKey);
        await inc.resolveIncidentRow(tx, key, x.c.now);
        if (incident.jobKey) {
          const job = await jobs.getJob(tx, incident.jobKey, true);
          if (job && job.retries <= 0)
            throw precondition(
              `Expected to resolve incident with key '${key}', but job with key '${job.key}' has no retries left; ` +
                "update the job's retries first",
            );
          if (job) {
            await jobs.setJobState(tx, job.key, { state: 'ACTIVATABLE' });
            x.tree.jobTypes.add(job.type);
          }
          if (inst?.data.incident?.key === key) {
            delete inst.data.incident;
            x.tree.touch(inst);
          }
          return;
        }
        if (!inst) return;
        await x.retry(inst, inst.data.incident?.phase ?? 'activate', incident.data.vars ?? {});
      },
      missing,
    ),
  );
}
