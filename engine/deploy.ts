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

/** Zeebe's default limit on a deployed resource (its gateway's maximum message size). */
export const MAX_RESOURCE_BYTES = 4 * 1024 * 1024;

export interface Resource {
  name: string;
  content: Buffer;
}
export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
}
export interface DeployedForm {
  formId: string;
  version: number;
  formKey: string;
  resourceName: string;
}
export interface DeploymentResult {
  key: string;
  processes: DeployedProcess[];
  forms: DeployedForm[];
}

/** A Camunda Forms file: JSON with a string `id` and a `components` array (what Zeebe checks). */
function parseForm(r: Resource): { id: string; schema: Record<string, unknown>; text: string } {
  const text = r.content.toString('utf8');
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (err) {
    throw new ModelError(r.name, [`the form is not valid JSON (${(err as Error).message})`]);
  }
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    throw new ModelError(r.name, ['a form must be a JSON object']);
  const f = schema as Record<string, unknown>;
  if (typeof f.id !== 'string' || !f.id.trim())
    throw new ModelError(r.name, ["the form has no 'id' (a non-empty string is expected)"]);
  if (!Array.isArray(f.components)) throw new ModelError(r.name, [`the form '${f.id}' has no 'components' array`]);
  return { id: f.id, schema: f, text };
}

export async function deployResources(
  db: EngineDb,
  models: ModelCache,
  clock: EngineClock,
  resources: Resource[],
): Promise<DeploymentResult> {
  if (!resources.length) throw invalid('Expected to deploy at least one resource, but none given');
  const parsed: { resource: Resource; xml: string; models: Awaited<ReturnType<typeof parseBpmn>> }[] = [];
  const forms: { resource: Resource; id: string; schema: Record<string, unknown>; text: string }[] = [];
  const problems: string[] = [];
  for (const r of resources) {
    if (!r.name) {
      problems.push('a resource has no name');
      continue;
    }
    if (r.content.length > MAX_RESOURCE_BYTES) {
      problems.push(`'${r.name}': ${r.content.length} bytes, more than the 4 MB a resource may have`);
      continue;
    }
    try {
      if (/\.form$/i.test(r.name)) forms.push({ resource: r, ...parseForm(r) });
      else if (/\.(bpmn|xml)$/i.test(r.name))
        parsed.push({
          resource: r,
          xml: r.content.toString('utf8'),
          models: await parseBpmn(r.content.toString('utf8'), r.name),
        });
      else problems.push(`'${r.name}': unsupported resource type (expected a .bpmn, .xml or .form file)`);
    } catch (err) {
      if (err instanceof ModelError) problems.push(err.message);
      else throw err;
    }
  }
  const ids = parsed.flatMap((p) => p.models.map((m) => m.bpmnProcessId));
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) problems.push(`the process id '${dup}' is defined in more than one resource of the deployment`);
  const formIds = forms.map((f) => f.id);
  const dupForm = formIds.find((id, i) => formIds.indexOf(id) !== i);
  if (dupForm) problems.push(`the form id '${dupForm}' is defined in more than one resource of the deployment`);
  if (problems.length)
    throw invalid(`Expected to deploy new resources, but encountered the following errors:\n${problems.join('\n')}`);
  return db.tx(async (tx) => {
    const now = clock.now();
    const key = await db.nextKey(tx);
    await defs.insertDeployment(tx, key, now);
    const processes: DeployedProcess[] = [];
    const deployedForms: DeployedForm[] = [];
    for (const f of forms) {
      const checksum = createHash('sha256').update(f.text).digest('hex');
      await defs.lockProcessId(tx, `form:${f.id}`);
      const latest = await defs.latestForm(tx, f.id);
      if (latest && latest.checksum === checksum) {
        deployedForms.push({
          formId: f.id,
          version: latest.version,
          formKey: latest.key,
          resourceName: f.resource.name,
        });
        continue;
      }
      const row: defs.FormRow = {
        key: await db.nextKey(tx),
        formId: f.id,
        version: (latest?.version ?? 0) + 1,
        resourceName: f.resource.name,
        checksum,
        schema: f.schema,
        deploymentKey: key,
      };
      await defs.insertForm(tx, row, now);
      deployedForms.push({ formId: f.id, version: row.version, formKey: row.key, resourceName: f.resource.name });
    }
    for (const p of parsed) {
      const checksum = createHash('sha256').update(p.xml).digest('hex');
      for (const model of p.models) {
        await defs.lockProcessId(tx, model.bpmnProcessId);
        const latest = await defs.latestDefinition(tx, model.bpmnProcessId);
        if (latest && latest.checksum === checksum) {
          processes.push({
            bpmnProcessId: model.bpmnProcessId,
            version: latest.version,
            processDefinitionKey: latest.key,
            resourceName: p.resource.name,
          });
          continue;
        }
        const row: defs.DefinitionRow = {
          key: await db.nextKey(tx),
          bpmnProcessId: model.bpmnProcessId,
          version: (latest?.version ?? 0) + 1,
          name: model.name ?? null,
          resourceName: p.resource.name,
          checksum,
          xml: p.xml,
          deploymentKey: key,
        };
        await defs.insertDefinition(tx, row, now);
        await defs.closeStartEvents(tx, model.bpmnProcessId);
        for (const id of model.messageStartIds)
          await defs.insertMessageStart(tx, row.key, model.bpmnProcessId, id, model.elements.get(id)!.message!.name);
        for (const id of model.timerStartIds) {
          let s;
          try {
            s = scheduleTimer(model.elements.get(id)!, {}, now);
          } catch (err) {
            throw invalid(`'${p.resource.name}': ${(err as Error).message}`);
          }
          await inc.insertStartTimer(tx, {
            key: await db.nextKey(tx),
            rootKey: null,
            elementInstanceKey: null,
            processDefinitionKey: row.key,
            elementId: id,
            ...s,
          });
        }
        const { xml, ...meta } = row;
        models.put(row.key, { row: meta, model }, Buffer.byteLength(xml));
        processes.push({
          bpmnProcessId: row.bpmnProcessId,
          version: row.version,
          processDefinitionKey: row.key,
          resourceName: row.resourceName,
        });
      }
    }
    return { key, processes, forms: deployedForms };
  });
}
