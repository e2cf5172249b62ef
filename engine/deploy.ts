// Deployments: every resource is parsed and validated before anything is stored; one bad resource
// rejects the whole deployment. An identical redeploy keeps the version (Zeebe's duplicate check).
import { createHash } from 'node:crypto';
import type { EngineDb } from './store/db.js';
import type { EngineClock } from './clock.js';
import type { ModelCache } from './model/cache.js';
import { parseBpmn, ModelError } from './model/parse.js';
import { invalid } from './errors.js';
import { scheduleTimer } from './runtime/triggers.js';
import * as defs from './store/definitions.js';
import * as inc from './store/incidents.js';

export interface Resource { name: string; content: Buffer }
export interface DeployedProcess { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string }

export async function deployResources(db: EngineDb, models: ModelCache, clock: EngineClock, resources: Resource[]): Promise<{ key: string; processes: DeployedProcess[] }> {
  if (!resources.length) throw invalid('Expected to deploy at least one resource, but none given');
  const parsed: { resource: Resource; xml: string; models: Awaited<ReturnType<typeof parseBpmn>> }[] = [];
  const problems: string[] = [];
  for (const r of resources) {
    if (!r.name) { problems.push('a resource has no name'); continue; }
    if (!/\.(bpmn|xml)$/i.test(r.name)) { problems.push(`'${r.name}': unsupported resource type (expected a .bpmn or .xml file)`); continue; }
    const xml = r.content.toString('utf8');
    try {
      parsed.push({ resource: r, xml, models: await parseBpmn(xml, r.name) });
    } catch (err) {
      if (err instanceof ModelError) problems.push(err.message); else throw err;
    }
  }
  const ids = parsed.flatMap((p) => p.models.map((m) => m.bpmnProcessId));
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) problems.push(`the process id '${dup}' is defined in more than one resource of the deployment`);
  if (problems.length) throw invalid(`Expected to deploy new resources, but encountered the following errors:\n${problems.join('\n')}`);
  return db.tx(async (tx) => {
    const now = clock.now();
    const key = await db.nextKey(tx);
    await defs.insertDeployment(tx, key, now);
    const processes: DeployedProcess[] = [];
    for (const p of parsed) {
      const checksum = createHash('sha256').update(p.xml).digest('hex');
      for (const model of p.models) {
        await defs.lockProcessId(tx, model.bpmnProcessId);
        const latest = await defs.latestDefinition(tx, model.bpmnProcessId);
        if (latest && latest.checksum === checksum) {
          processes.push({ bpmnProcessId: model.bpmnProcessId, version: latest.version, processDefinitionKey: latest.key, resourceName: p.resource.name });
          continue;
        }
        const row: defs.DefinitionRow = { key: await db.nextKey(tx), bpmnProcessId: model.bpmnProcessId, version: (latest?.version ?? 0) + 1, name: model.name ?? null, resourceName: p.resource.name, checksum, xml: p.xml, deploymentKey: key };
        await defs.insertDefinition(tx, row, now);
        await defs.closeStartEvents(tx, model.bpmnProcessId);
        for (const id of model.messageStartIds) await defs.insertMessageStart(tx, row.key, model.bpmnProcessId, id, model.elements.get(id)!.message!.name);
        for (const id of model.timerStartIds) {
          let s;
          try { s = scheduleTimer(model.elements.get(id)!, {}, now); } catch (err) { throw invalid(`'${p.resource.name}': ${(err as Error).message}`); }
          await inc.insertStartTimer(tx, { key: await db.nextKey(tx), rootKey: null, elementInstanceKey: null, processDefinitionKey: row.key, elementId: id, ...s });
        }
        const { xml: _x, ...meta } = row;
        models.put(row.key, { row: meta, model });
        processes.push({ bpmnProcessId: row.bpmnProcessId, version: row.version, processDefinitionKey: row.key, resourceName: row.resourceName });
      }
    }
    return { key, processes };
  });
}
