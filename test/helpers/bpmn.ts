// A compact way to write BPMN models in tests. Produces ordinary Zeebe-flavoured BPMN XML; messages
// are referenced as Msg_<name>, errors as Err_<code>.
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Defs {
  messages?: Record<string, string | undefined>;
  errors?: string[];
}

/** The namespace declarations of a model's root element. */
export const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

export function bpmn(body: string, defs: Defs = {}, ...more: string[]): Buffer {
  const messages = Object.entries(defs.messages ?? {})
    .map(
      ([name, ck]) =>
        `<bpmn:message id="Msg_${name}" name="${esc(name)}">` +
        (ck
          ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${esc(ck)}"/></bpmn:extensionElements>`
          : '') +
        '</bpmn:message>',
    )
    .join('');
  const errors = (defs.errors ?? []).map((c) => `<bpmn:error id="Err_${c}" name="${c}" errorCode="${c}"/>`).join('');
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NAMESPACES} id="defs" targetNamespace="http://test">
${body}${more.join('')}${messages}${errors}
</bpmn:definitions>`);
}

export const proc = (id: string, ...elements: string[]) =>
  `<bpmn:process id="${id}" isExecutable="true">${elements.join('')}</bpmn:process>`;

let flowId = 0;
export const flow = (from: string, to: string, condition?: string, id = `flow_${++flowId}`) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">` +
  (condition
    ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(condition)}</bpmn:conditionExpression>`
    : '') +
  '</bpmn:sequenceFlow>';
/** start → a → b → ... → end as sequence flows. */
export const chain = (...ids: string[]) =>
  ids
    .slice(1)
    .map((id, i) => flow(ids[i], id))
    .join('');

export interface IoOpts {
  inputs?: Record<string, string>;
  outputs?: Record<string, string>;
}
const io = (o: IoOpts = {}) =>
  o.inputs || o.outputs
    ? `<zeebe:ioMapping>${Object.entries(o.inputs ?? {})
        .map(([t, s]) => `<zeebe:input source="${esc(s)}" target="${t}"/>`)
        .join('')}${Object.entries(o.outputs ?? {})
        .map(([t, s]) => `<zeebe:output source="${esc(s)}" target="${t}"/>`)
        .join('')}</zeebe:ioMapping>`
    : '';
const ext = (inner: string) => (inner ? `<bpmn:extensionElements>${inner}</bpmn:extensionElements>` : '');

export interface LoopOpts {
  collection: string;
  element?: string;
  outputCollection?: string;
  outputElement?: string;
  sequential?: boolean;
  completion?: string;
}
const loop = (l?: LoopOpts) => {
  if (!l) return '';
  const characteristics =
    `<zeebe:loopCharacteristics inputCollection="${esc(l.collection)}"` +
    (l.element ? ` inputElement="${l.element}"` : '') +
    (l.outputCollection ? ` outputCollection="${l.outputCollection}"` : '') +
    (l.outputElement ? ` outputElement="${esc(l.outputElement)}"` : '') +
    '/>';
  const completion = l.completion
    ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${esc(l.completion)}</bpmn:completionCondition>`
    : '';
  return (
    `<bpmn:multiInstanceLoopCharacteristics${l.sequential ? ' isSequential="true"' : ''}>` +
    ext(characteristics) +
    completion +
    '</bpmn:multiInstanceLoopCharacteristics>'
  );
};

export const timerDef = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${esc(value)}</bpmn:${kind}>` +
  '</bpmn:timerEventDefinition>';
export const messageDef = (name: string) => `<bpmn:messageEventDefinition messageRef="Msg_${name}"/>`;
export const errorDef = (code?: string) =>
  code ? `<bpmn:errorEventDefinition errorRef="Err_${code}"/>` : '<bpmn:errorEventDefinition/>';
export const terminateDef = () => '<bpmn:terminateEventDefinition/>';

export const start = (id: string, def = '', attrs = '') =>
  `<bpmn:startEvent id="${id}"${attrs}>${def}</bpmn:startEvent>`;
export const end = (id: string, def = '') => `<bpmn:endEvent id="${id}">${def}</bpmn:endEvent>`;
export const catchEvent = (id: string, def: string, o: IoOpts = {}) =>
  `<bpmn:intermediateCatchEvent id="${id}">${ext(io(o))}${def}</bpmn:intermediateCatchEvent>`;
export const throwEvent = (id: string) => `<bpmn:intermediateThrowEvent id="${id}"/>`;
export const boundary = (id: string, attachedTo: string, def: string, interrupting = true) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"${interrupting ? '' : ' cancelActivity="false"'}>` +
  `${def}</bpmn:boundaryEvent>`;

export interface TaskOpts extends IoOpts {
  retries?: string;
  headers?: Record<string, string>;
  loop?: LoopOpts;
}
export const serviceTask = (id: string, type: string, o: TaskOpts = {}) =>
  `<bpmn:serviceTask id="${id}">${ext(
    `<zeebe:taskDefinition type="${esc(type)}"${o.retries ? ` retries="${o.retries}"` : ''}/>${
      o.headers
        ? `<zeebe:taskHeaders>${Object.entries(o.headers)
            .map(([k, v]) => `<zeebe:header key="${k}" value="${esc(v)}"/>`)
            .join('')}</zeebe:taskHeaders>`
        : ''
    }${io(o)}`,
  )}${loop(o.loop)}</bpmn:serviceTask>`;
export const userTask = (
  id: string,
  o: IoOpts & { assignee?: string; candidateGroups?: string; dueDate?: string; formKey?: string; formId?: string } = {},
) => {
  const assignment =
    o.assignee || o.candidateGroups
      ? '<zeebe:assignmentDefinition' +
        (o.assignee ? ` assignee="${esc(o.assignee)}"` : '') +
        (o.candidateGroups ? ` candidateGroups="${esc(o.candidateGroups)}"` : '') +
        '/>'
      : '';
  return (
    `<bpmn:userTask id="${id}">` +
    ext(
      assignment +
        (o.dueDate ? `<zeebe:taskSchedule dueDate="${esc(o.dueDate)}"/>` : '') +
        (o.formKey ? `<zeebe:formDefinition formKey="${esc(o.formKey)}"/>` : '') +
        (o.formId ? `<zeebe:formDefinition formId="${esc(o.formId)}"/>` : '') +
        io(o),
    ) +
    '</bpmn:userTask>'
  );
};
export const scriptTask = (id: string, expression: string, resultVariable: string) =>
  `<bpmn:scriptTask id="${id}">` +
  ext(`<zeebe:script expression="${esc(expression)}" resultVariable="${resultVariable}"/>`) +
  '</bpmn:scriptTask>';
export const receiveTask = (id: string, message: string) =>
  `<bpmn:receiveTask id="${id}" messageRef="Msg_${message}"/>`;
export const manualTask = (id: string) => `<bpmn:manualTask id="${id}"/>`;
export const xor = (id: string, dflt?: string) =>
  `<bpmn:exclusiveGateway id="${id}"${dflt ? ` default="${dflt}"` : ''}/>`;
export const and = (id: string) => `<bpmn:parallelGateway id="${id}"/>`;
export const or = (id: string, dflt?: string) =>
  `<bpmn:inclusiveGateway id="${id}"${dflt ? ` default="${dflt}"` : ''}/>`;
export const eventGateway = (id: string) => `<bpmn:eventBasedGateway id="${id}"/>`;
export const subProcess = (id: string, inner: string, o: IoOpts & { loop?: LoopOpts } = {}) =>
  `<bpmn:subProcess id="${id}">${ext(io(o))}${inner}${loop(o.loop)}</bpmn:subProcess>`;
export const eventSubProcess = (id: string, inner: string) =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true">${inner}</bpmn:subProcess>`;
export const callActivity = (
  id: string,
  processId: string,
  o: IoOpts & { propagateAllChildVariables?: boolean } = {},
) =>
  `<bpmn:callActivity id="${id}">` +
  ext(
    `<zeebe:calledElement processId="${esc(processId)}"` +
      (o.propagateAllChildVariables === false ? ' propagateAllChildVariables="false"' : '') +
      `/>${io(o)}`,
  ) +
  '</bpmn:callActivity>';
