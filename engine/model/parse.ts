// BPMN XML → ProcessModel, with bpmn-moddle + zeebe-bpmn-moddle. Everything the engine cannot run is
// rejected here, before anything of a deployment is stored (the supported set is SUPPORTED below).
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { syntaxError, isExpression } from '../feel.js';
import { parseCycle, parseDate, parseDuration } from './timer-spec.js';
import type { ElementKind, ElementNode, Flow, Mapping, ProcessModel, TimerDefinition } from './types.js';
import { USER_TASK_JOB_TYPE } from './types.js';

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
const JOB_KINDS = new Set<ElementKind>(['serviceTask', 'sendTask', 'businessRuleTask', 'userTask']);
const ACTIVITY_KINDS = new Set<ElementKind>([
  ...JOB_KINDS,
  'scriptTask',
  'receiveTask',
  'manualTask',
  'task',
  'subProcess',
  'callActivity',
]);

export class ModelError extends Error {
  constructor(
    public readonly resourceName: string,
    public readonly problems: string[],
  ) {
    super(`'${resourceName}': ${problems.map((p) => `\n  - ${p}`).join('')}`);
    this.name = 'ModelError';
  }
}

type Moddle = Record<string, any>; // moddle objects are dynamically typed

function ext(el: Moddle, type: string): Moddle | undefined {
  return el.extensionElements?.values?.find((v: Moddle) => v.$type === type);
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

function mappings(list: Moddle[] | undefined): Mapping[] {
  return (list ?? []).map((m) => ({ source: m.source ?? '', target: m.target ?? '' }));
}

function readTimer(def: Moddle): TimerDefinition | undefined {
  if (def.timeDuration) return { type: 'duration', value: def.timeDuration.body };
  if (def.timeDate) return { type: 'date', value: def.timeDate.body };
  if (def.timeCycle) return { type: 'cycle', value: def.timeCycle.body };
  return undefined;
}

type Bad = (el: Moddle, msg: string) => void;
type CheckExpr = (el: Moddle, what: string, value: string | undefined, always?: boolean) => void;

function readElement(el: Moddle, node: ElementNode, scope: ElementNode, bad: Bad, checkExpr: CheckExpr): void {
  const defs: Moddle[] = el.eventDefinitions ?? [];
  if (defs.length > 1) bad(el, 'multiple event definitions are not supported');
  const def = defs[0];
  if (def) {
    switch (def.$type) {
      case 'bpmn:TimerEventDefinition':
        node.event = 'timer';
        node.timer = readTimer(def);
        break;
      case 'bpmn:MessageEventDefinition': {
        node.event = 'message';
        const msg = def.messageRef;
        const name = msg?.name;
        if (!name) {
          bad(el, 'the message event must reference a bpmn:message with a name');
          break;
        }
        checkExpr(el, 'the message name', name);
        const correlationKey = ext(msg, 'zeebe:Subscription')?.correlationKey;
        checkExpr(el, 'the correlation key', correlationKey);
        node.message = { name, correlationKey };
        break;
      }
      case 'bpmn:ErrorEventDefinition': {
        node.event = 'error';
        node.errorCode = def.errorRef?.errorCode || undefined;
        break;
      }
      case 'bpmn:TerminateEventDefinition':
        node.event = 'terminate';
        break;
      default:
        bad(el, `the event definition ${def.$type} is not supported by the engine`);
    }
  }
  if (node.kind === 'receiveTask') {
    const msg = el.messageRef;
    if (!msg?.name) bad(el, 'the receive task must reference a bpmn:message with a name');
    else {
      node.message = { name: msg.name, correlationKey: ext(msg, 'zeebe:Subscription')?.correlationKey };
      checkExpr(el, 'the correlation key', node.message.correlationKey);
    }
  }
  if (node.kind === 'boundaryEvent') {
    node.interrupting = el.cancelActivity !== false;
    node.attachedToId = el.attachedToRef?.id;
  }
  if (node.kind === 'startEvent') {
    node.interrupting = el.isInterrupting !== false;
    scope.startEventIds.push(node.id);
  }
  const td = ext(el, 'zeebe:TaskDefinition');
  const headers: Record<string, string> = {};
  for (const h of ext(el, 'zeebe:TaskHeaders')?.values ?? []) if (h.key) headers[h.key] = h.value ?? '';
  if (node.kind === 'userTask') {
    const a = ext(el, 'zeebe:AssignmentDefinition');
    const s = ext(el, 'zeebe:TaskSchedule');
    const f = ext(el, 'zeebe:FormDefinition');
    const uh: Record<string, string | undefined> = {
      'io.camunda.zeebe:assignee': a?.assignee,
      'io.camunda.zeebe:candidateGroups': a?.candidateGroups,
      'io.camunda.zeebe:candidateUsers': a?.candidateUsers,
      'io.camunda.zeebe:dueDate': s?.dueDate,
      'io.camunda.zeebe:followUpDate': s?.followUpDate,
      'io.camunda.zeebe:formKey': f?.formKey,
    };
    for (const [k, v] of Object.entries(uh))
      if (v) {
        headers[k] = v;
        checkExpr(el, k, v);
      }
    if (f?.formId && !f.formKey) node.formId = f.formId;
    node.job = { type: USER_TASK_JOB_TYPE, retries: '1', headers };
  } else if (td || JOB_KINDS.has(node.kind)) {
    if (node.kind === 'businessRuleTask' && ext(el, 'zeebe:CalledDecision'))
      bad(el, 'DMN decisions (zeebe:calledDecision) are not supported; use a zeebe:taskDefinition');
    else if (!td?.type) bad(el, "must have a 'zeebe:taskDefinition' extension element with a type");
    else {
      node.job = { type: td.type, retries: td.retries ?? '3', headers };
      checkExpr(el, 'the job type', td.type);
      checkExpr(el, 'the job retries', td.retries);
    }
  }
  if (node.kind === 'scriptTask' && !node.job) {
    const s = ext(el, 'zeebe:Script');
    if (!s?.expression) bad(el, "must have a 'zeebe:script' with an expression, or a 'zeebe:taskDefinition'");
    else {
      node.script = { expression: s.expression, resultVariable: s.resultVariable };
      checkExpr(el, 'the script', s.expression, true);
    }
  }
  const io = ext(el, 'zeebe:IoMapping');
  node.inputs = mappings(io?.inputParameters);
  node.outputs = mappings(io?.outputParameters);
  for (const m of [...node.inputs, ...node.outputs]) {
    if (!m.target) bad(el, 'every io mapping needs a target');
    checkExpr(el, `the mapping to '${m.target}'`, m.source, true);
  }
  if (node.kind === 'callActivity') {
    const ce = ext(el, 'zeebe:CalledElement');
    if (!ce?.processId) bad(el, "must have a 'zeebe:calledElement' with a processId");
    else {
      node.call = {
        processId: ce.processId,
        propagateAllChildVariables: ce.propagateAllChildVariables !== false,
        propagateAllParentVariables: ce.propagateAllParentVariables !== false,
      };
      checkExpr(el, 'the called process id', ce.processId);
    }
  }
  const lc = el.loopCharacteristics;
  if (lc) {
    if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics')
      bad(el, 'standard loops are not supported; use multi-instance');
    else {
      const zl = ext(lc, 'zeebe:LoopCharacteristics');
      if (!zl?.inputCollection)
        bad(el, "multi-instance must have a 'zeebe:loopCharacteristics' with an inputCollection");
      else {
        node.loop = {
          sequential: !!lc.isSequential,
          inputCollection: zl.inputCollection,
          inputElement: zl.inputElement,
          outputCollection: zl.outputCollection,
          outputElement: zl.outputElement,
          completionCondition: lc.completionCondition?.body,
        };
        checkExpr(el, 'the input collection', zl.inputCollection, true);
        checkExpr(el, 'the output element', zl.outputElement, true);
        checkExpr(el, 'the completion condition', node.loop.completionCondition, true);
      }
    }
  }
  if (el.default) node.defaultFlowId = el.default.id;
  if (node.timer) checkExpr(el, 'the timer', node.timer.value);
}

function validateNode(node: ElementNode, model: ProcessModel, problems: string[]): void {
  const bad = (msg: string) => problems.push(`Element: ${node.id} (${node.elementType}): ${msg}`);
  const scope = node.scopeId ? model.elements.get(node.scopeId)! : undefined;
  const t = node.timer;
  if (node.event === 'timer') {
    if (!t) {
      bad('the timer must have a timeDuration, timeDate or timeCycle');
      return;
    }
    if (!isExpression(t.value)) {
      const ok =
        t.type === 'duration' ? parseDuration(t.value) : t.type === 'date' ? parseDate(t.value) : parseCycle(t.value);
      if (!ok)
        bad(
          `invalid timer ${t.type} '${t.value}' (expected ISO 8601` +
            (t.type === 'cycle' ? ' R[n]/[start/]duration; cron is not supported' : '') +
            ')',
        );
    }
  }
  switch (node.kind) {
    case 'process':
    case 'subProcess': {
      if (node.kind === 'subProcess' && node.triggeredByEvent) {
        if (node.startEventIds.length !== 1) bad('an event sub-process must have exactly one start event');
        const start = model.elements.get(node.startEventIds[0] ?? '');
        if (start && start.event === 'none')
          bad('the start event of an event sub-process must be a timer, message or error event');
        if (node.incoming.length || node.outgoing.length) bad('an event sub-process must not have sequence flows');
        break;
      }
      const none = node.startEventIds.map((id) => model.elements.get(id)!).filter((s) => s.event === 'none');
      if (none.length > 1) bad('must have at most one none start event');
      node.noneStartId = none[0]?.id;
      if (node.kind === 'subProcess') {
        if (!node.noneStartId) bad('an embedded sub-process must have exactly one none start event');
        if (node.startEventIds.length !== none.length) bad('an embedded sub-process must only have none start events');
      } else {
        if (!node.startEventIds.length) bad('the process must have at least one start event');
        for (const id of node.startEventIds) {
          const s = model.elements.get(id)!;
          if (s.event === 'message') model.messageStartIds.push(id);
          else if (s.event === 'timer') model.timerStartIds.push(id);
          else if (s.event !== 'none')
            problems.push(`Element: ${id} (START_EVENT): a process start event must be none, timer or message`);
        }
      }
      break;
    }
    case 'startEvent':
      if (node.event === 'error' && !scope?.triggeredByEvent)
        bad('error start events are only allowed in event sub-processes');
      if (node.event === 'timer' && t && t.type === 'duration' && !scope?.triggeredByEvent)
        bad('a timer start event needs a timeDate or timeCycle');
      if (node.incoming.length) bad('a start event must not have incoming sequence flows');
      break;
    case 'endEvent':
      if (node.event === 'timer' || node.event === 'message') bad(`${node.event} end events are not supported`);
      if (node.event === 'error' && !node.errorCode)
        bad('an error end event must reference a bpmn:error with an errorCode');
      if (node.outgoing.length) bad('an end event must not have outgoing sequence flows');
      break;
    case 'intermediateCatchEvent':
      if (node.event !== 'timer' && node.event !== 'message')
        bad('an intermediate catch event must be a timer or message event');
      if (node.event === 'timer' && t?.type === 'cycle')
        bad('an intermediate timer catch event needs a timeDuration or timeDate');
      break;
    case 'intermediateThrowEvent':
      if (node.event !== 'none') bad('only none intermediate throw events are supported');
      break;
    case 'boundaryEvent': {
      const host = node.attachedToId ? model.elements.get(node.attachedToId) : undefined;
      if (!host || !ACTIVITY_KINDS.has(host.kind)) bad('a boundary event must be attached to an activity');
      else if (host.scopeId !== node.scopeId) bad('a boundary event must be in the same scope as its activity');
      else host.boundaryIds.push(node.id);
      if (!['timer', 'message', 'error'].includes(node.event))
        bad('a boundary event must be a timer, message or error event');
      if (node.event === 'error' && !node.interrupting) bad('an error boundary event must be interrupting');
      if (node.incoming.length) bad('a boundary event must not have incoming sequence flows');
      break;
    }
    case 'exclusiveGateway':
    case 'inclusiveGateway':
      if (node.outgoing.length > 1) {
        for (const f of node.outgoing)
          if (f.id !== node.defaultFlowId && !f.condition)
            bad(`the outgoing sequence flow '${f.id}' needs a condition (or must be the default flow)`);
      }
      if (node.kind === 'inclusiveGateway' && node.incoming.length > 1)
        bad('joining inclusive gateways are not supported (fork only)');
      if (node.defaultFlowId && !node.outgoing.some((f) => f.id === node.defaultFlowId))
        bad('the default flow must be an outgoing sequence flow');
      break;
    case 'eventBasedGateway':
      if (node.outgoing.length < 2) bad('an event-based gateway needs at least two outgoing sequence flows');
      for (const f of node.outgoing) {
        const target = model.elements.get(f.targetId)!;
        if (target.kind !== 'intermediateCatchEvent' && target.kind !== 'receiveTask')
          bad(`the sequence flow '${f.id}' must lead to an intermediate catch event or receive task`);
        else if (target.incoming.length > 1)
          bad(`the event '${target.id}' after an event-based gateway must have no other incoming flows`);
      }
      break;
    default:
  }
  if (node.message && node.kind !== 'startEvent' && !node.message.correlationKey)
    bad(`the message '${node.message.name}' needs a zeebe:subscription correlationKey`);
  if (node.kind !== 'exclusiveGateway' && node.kind !== 'inclusiveGateway') {
    for (const f of node.outgoing)
      if (f.condition && node.outgoing.length > 0 && !node.kind.endsWith('Gateway'))
        bad(`conditional sequence flow '${f.id}' is only supported after exclusive or inclusive gateways`);
  }
}
