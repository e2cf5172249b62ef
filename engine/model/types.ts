// The executable graph of one process definition: immutable, cached per definition key.

export type ElementKind =
  | 'process'
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'userTask'
  | 'scriptTask'
  | 'receiveTask'
  | 'manualTask'
  | 'task'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity';

export type EventKind = 'none' | 'timer' | 'message' | 'error' | 'terminate';

export interface Mapping {
  source: string;
  target: string;
}

export interface TimerDefinition {
  type: 'duration' | 'date' | 'cycle';
  value: string;
}

export interface JobDefinition {
  type: string;
  retries: string;
  headers: Record<string, string>;
}

export interface LoopDefinition {
  sequential: boolean;
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

export interface Flow {
  id: string;
  sourceId: string;
  targetId: string;
  condition?: string;
}

export interface ElementNode {
  id: string;
  name?: string;
  kind: ElementKind;
  /** Zeebe's bpmnElementType, as Operate shows it (SERVICE_TASK, EVENT_SUB_PROCESS...). */
  elementType: string;
  /** Id of the containing process or sub-process; undefined for the process itself. */
  scopeId?: string;
  incoming: Flow[];
  outgoing: Flow[];
  defaultFlowId?: string;
  event: EventKind;
  timer?: TimerDefinition;
  message?: { name: string; correlationKey?: string };
  /** For error events: undefined on a catch event means catch-all. */
  errorCode?: string;
  interrupting: boolean;
  attachedToId?: string;
  boundaryIds: string[];
  job?: JobDefinition;
  /** `zeebe:formDefinition formId`: resolved to the latest deployed form's key when the user task is entered. */
  formId?: string;
  script?: { expression: string; resultVariable?: string };
  inputs: Mapping[];
  outputs: Mapping[];
  call?: { processId: string; propagateAllChildVariables: boolean; propagateAllParentVariables: boolean };
  loop?: LoopDefinition;
  /** Scopes (process, sub-process): their none start event, event sub-processes, children. */
  noneStartId?: string;
  eventSubProcessIds: string[];
  triggeredByEvent: boolean;
  /** For event sub-processes: their single start event. */
  startEventIds: string[];
}

export interface ProcessModel {
  bpmnProcessId: string;
  name?: string;
  elements: Map<string, ElementNode>;
  flows: Map<string, Flow>;
  /** Message and timer start events at the process level. */
  messageStartIds: string[];
  timerStartIds: string[];
}

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
