// What activating some element kinds does, as Zeebe's element processors: job-based tasks create a
// job, call activities start the latest version of the called process, exclusive and inclusive
// gateways choose their outgoing flows. The dispatch by kind is Executor.behave (executor.ts).
import type { ElementNode, Flow } from '../model/types.js';
import { ExpressionError, evaluateAttribute, evaluateBoolean, evaluateString } from '../feel.js';
import { NotPlannable } from '../errors.js';
import type { Executor } from './executor.js';
import type { ElementInstance } from './tree.js';
import { IncidentError } from './incident-error.js';

export function chooseFlows(x: Executor, inst: ElementInstance, node: ElementNode): Flow[] {
  if (node.outgoing.length === 1 && !node.outgoing[0].condition) return node.outgoing;
  const ctx = x.tree.context(inst.key);
  const taken: Flow[] = [];
  for (const f of node.outgoing) {
    if (f.id === node.defaultFlowId) continue;
    if (!f.condition || evaluateBoolean(f.condition, ctx)) {
      taken.push(f);
      if (node.kind === 'exclusiveGateway') break;
    }
  }
  if (!taken.length) {
    const dflt = node.outgoing.find((f) => f.id === node.defaultFlowId);
    if (!dflt)
      throw new IncidentError(
        'CONDITION_ERROR',
        `Expected at least one condition to evaluate to true, or to have a default flow (gateway '${node.id}')`,
      );
    taken.push(dflt);
  }
  return taken;
}

export async function createJob(x: Executor, inst: ElementInstance, node: ElementNode): Promise<void> {
  const ctx = x.tree.context(inst.key);
  const job = node.job!;
  const type = evaluateString(job.type, ctx, 'job type');
  const retries = Number(evaluateAttribute(job.retries, ctx));
  if (!Number.isInteger(retries)) throw new ExpressionError(`expected job retries '${job.retries}' to be an integer`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(job.headers)) {
    const value = evaluateAttribute(v, ctx);
    // An assignment that evaluates to null leaves the task unassigned (no header), as in Zeebe.
    if (value === null && node.kind === 'userTask' && k.startsWith('io.camunda.zeebe:')) continue;
    headers[k] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (node.formId) {
    if (x.c.planning) throw new NotPlannable(`user task '${node.id}' links the latest form '${node.formId}'`);
    const form = await x.c.models.latest('form', node.formId, x.c.tx);
    if (!form)
      throw new IncidentError(
        'FORM_NOT_FOUND',
        `Expected to find a form with id '${node.formId}', but no form with this id is found, ` +
          'at least a form with this id should be available.',
      );
    headers['io.camunda.zeebe:formKey'] = form;
  }
  const key = await x.c.db.nextKey(x.c.tx);
  inst.data.owns = true;
  x.tree.newJobs.push({
    key,
    type,
    retries,
    customHeaders: headers,
    rootKey: inst.rootKey,
    processInstanceKey: inst.processInstanceKey,
    elementInstanceKey: inst.key,
    elementId: inst.elementId,
    bpmnProcessId: inst.bpmnProcessId,
    processDefinitionKey: inst.processDefinitionKey,
    version: inst.version,
    scopeKeys: x.tree.scopeChain(inst.key),
  });
  x.tree.jobTypes.add(type);
}

export async function callProcess(x: Executor, inst: ElementInstance, node: ElementNode): Promise<void> {
  const ctx = x.tree.context(inst.key);
  const processId = evaluateString(node.call!.processId, ctx, 'called process id');
  if (x.c.planning) throw new NotPlannable(`call activity '${node.id}' starts the latest version of '${processId}'`);
  const latest = await x.c.models.latest('process', processId, x.c.tx);
  if (!latest)
    throw new IncidentError(
      'CALLED_ELEMENT_ERROR',
      `Expected process with BPMN process id '${processId}' to be deployed, but not found.`,
    );
  const def = await x.c.models.get(latest);
  const vars = node.call!.propagateAllParentVariables ? ctx : x.tree.localVariables(inst.key);
  inst.data.owns = true;
  await x.createProcessInstance(def, vars, { caller: inst });
}
