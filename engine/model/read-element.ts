// Reading one BPMN element into its node: event definitions, and the Zeebe extension elements
// (task definition and headers, user task assignment and form, script, io mappings, called
// element, multi-instance loop). Problems are reported through `bad`; validate.ts checks the graph.
import { USER_TASK_JOB_TYPE } from './types.js';
import type { ElementKind, ElementNode, Mapping, TimerDefinition } from './types.js';

export type Moddle = Record<string, any>; // moddle objects are dynamically typed
export type Bad = (el: Moddle, msg: string) => void;
export type CheckExpr = (el: Moddle, what: string, value: string | undefined, always?: boolean) => void;

export const JOB_KINDS = new Set<ElementKind>(['serviceTask', 'sendTask', 'businessRuleTask', 'userTask']);

function ext(el: Moddle, type: string): Moddle | undefined {
  return el.extensionElements?.values?.find((v: Moddle) => v.$type === type);
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

export function readElement(el: Moddle, node: ElementNode, scope: ElementNode, bad: Bad, checkExpr: CheckExpr): void {
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
