// BPMN XML → ProcessModel, with bpmn-moddle + zeebe-bpmn-moddle. Everything the engine cannot run is
// rejected here, before anything of a deployment is stored (the supported set is SUPPORTED below).
// Each element is read in read-element.ts; the graph is checked in validate.ts.
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { syntaxError, isExpression } from '../feel.js';
import type { ElementKind, ElementNode, Flow, ProcessModel } from './types.js';
import { readElement, type Moddle } from './read-element.js';
import { validateNode } from './validate.js';

const zeebeDescriptor = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json');
const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });

/** moddle type → our kind and Zeebe's element type. Anything else is rejected. */
export const SUPPORTED: Record<string, [ElementKind, string]> = {
  'bpmn:StartEvent': ['startEvent', 'START_EVENT'],
  'bpmn:EndEvent': ['endEvent', 'END_EVENT'],
  'bpmn:IntermediateCatchEvent': ['intermediateCatchEvent', 'INTERMEDIATE_CATCH_EVENT'],
  'bpmn:IntermediateThrowEvent': ['intermediateThrowEvent', 'INTERMEDIATE_THROW_EVENT'],
  'bpmn:BoundaryEvent': ['boundaryEvent', 'BOUNDARY_EVENT'],
  'bpmn:ServiceTask': ['serviceTask', 'SERVICE_TASK'],
  'bpmn:SendTask': ['sendTask', 'SEND_TASK'],
  'bpmn:BusinessRuleTask': ['businessRuleTask', 'BUSINESS_RULE_TASK'],
  'bpmn:UserTask': ['userTask', 'USER_TASK'],
  'bpmn:ScriptTask': ['scriptTask', 'SCRIPT_TASK'],
  'bpmn:ReceiveTask': ['receiveTask', 'RECEIVE_TASK'],
  'bpmn:ManualTask': ['manualTask', 'MANUAL_TASK'],
  'bpmn:Task': ['task', 'TASK'],
  'bpmn:ExclusiveGateway': ['exclusiveGateway', 'EXCLUSIVE_GATEWAY'],
  'bpmn:ParallelGateway': ['parallelGateway', 'PARALLEL_GATEWAY'],
  'bpmn:InclusiveGateway': ['inclusiveGateway', 'INCLUSIVE_GATEWAY'],
  'bpmn:EventBasedGateway': ['eventBasedGateway', 'EVENT_BASED_GATEWAY'],
  'bpmn:SubProcess': ['subProcess', 'SUB_PROCESS'],
  'bpmn:CallActivity': ['callActivity', 'CALL_ACTIVITY'],
};
/** Flow elements that carry no behaviour and are ignored. */
export const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

export class ModelError extends Error {
  constructor(
    public readonly resourceName: string,
    public readonly problems: string[],
  ) {
    super(`'${resourceName}': ${problems.map((p) => `\n  - ${p}`).join('')}`);
    this.name = 'ModelError';
  }
}

export async function parseBpmn(xml: string, resourceName: string): Promise<ProcessModel[]> {
  let root: Moddle;
  let warnings: { message: string }[];
  try {
    ({ rootElement: root, warnings } = (await moddle.fromXML(xml, 'bpmn:Definitions')) as any);
  } catch (err) {
    throw new ModelError(resourceName, [`not a valid BPMN 2.0 XML document: ${(err as Error).message.split('\n')[0]}`]);
  }
  const problems = warnings.map((w) => `unreadable XML: ${w.message.split('\n')[0]}`);
  const processes = (root.rootElements ?? []).filter((e: Moddle) => e.$type === 'bpmn:Process');
  if (!processes.length) problems.push('the resource contains no bpmn:process');
  const models: ProcessModel[] = [];
  for (const p of processes) {
    if (p.isExecutable === false) continue;
    models.push(buildProcess(p, problems));
  }
  if (processes.length && !models.length)
    problems.push('the resource contains no executable process (isExecutable="true")');
  if (problems.length) throw new ModelError(resourceName, problems);
  return models;
}

function emptyNode(id: string, kind: ElementKind, elementType: string, scopeId?: string): ElementNode {
  return {
    id,
    kind,
    elementType,
    scopeId,
    incoming: [],
    outgoing: [],
    event: 'none',
    interrupting: true,
    boundaryIds: [],
    inputs: [],
    outputs: [],
    eventSubProcessIds: [],
    triggeredByEvent: false,
    startEventIds: [],
  };
}

function buildProcess(p: Moddle, problems: string[]): ProcessModel {
  const model: ProcessModel = {
    bpmnProcessId: p.id,
    name: p.name,
    elements: new Map(),
    flows: new Map(),
    messageStartIds: [],
    timerStartIds: [],
  };
  const bad = (el: Moddle, msg: string) => problems.push(`Element: ${el.id} (${el.$type}): ${msg}`);
  const checkExpr = (el: Moddle, what: string, value: string | undefined, always = false) => {
    if (value === undefined || value === null) return;
    if (always || isExpression(value)) {
      const err = syntaxError(value);
      if (err) bad(el, `invalid FEEL expression in ${what}: ${err}`);
    }
  };
  const processNode = emptyNode(p.id, 'process', 'PROCESS');
  model.elements.set(p.id, processNode);
  const flowsRaw: Moddle[] = [];

  const visitScope = (scopeEl: Moddle, scopeNode: ElementNode) => {
    for (const el of scopeEl.flowElements ?? []) {
      if (el.$type === 'bpmn:SequenceFlow') {
        flowsRaw.push(el);
        continue;
      }
      if (IGNORED.has(el.$type)) continue;
      const supported = SUPPORTED[el.$type];
      if (!supported) {
        bad(el, `the element type is not supported by the engine`);
        continue;
      }
      if (model.elements.has(el.id)) {
        bad(el, 'duplicate element id');
        continue;
      }
      const node = emptyNode(el.id, supported[0], supported[1], scopeNode.id);
      node.name = el.name;
      model.elements.set(el.id, node);
      readElement(el, node, scopeNode, bad, checkExpr);
      if (node.kind === 'subProcess') {
        node.triggeredByEvent = !!el.triggeredByEvent;
        if (node.triggeredByEvent) {
          node.elementType = 'EVENT_SUB_PROCESS';
          scopeNode.eventSubProcessIds.push(node.id);
        }
        visitScope(el, node);
      }
    }
  };
  visitScope(p, processNode);

  for (const f of flowsRaw) {
    const flow: Flow = { id: f.id, sourceId: f.sourceRef?.id, targetId: f.targetRef?.id };
    const cond = f.conditionExpression?.body;
    if (cond !== undefined) {
      flow.condition = cond;
      checkExpr(f, 'the condition', cond, true);
    }
    const src = model.elements.get(flow.sourceId);
    const tgt = model.elements.get(flow.targetId);
    if (!src || !tgt) {
      bad(f, 'the sequence flow must connect two supported elements');
      continue;
    }
    if (src.scopeId !== tgt.scopeId) {
      bad(f, 'the sequence flow crosses a sub-process boundary');
      continue;
    }
    model.flows.set(flow.id, flow);
    src.outgoing.push(flow);
    tgt.incoming.push(flow);
  }
  for (const node of model.elements.values()) validateNode(node, model, problems);
  return model;
}
