// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- vendor.d.ts is ambient, not a module
/// <reference path="./vendor.d.ts" />
// Small helpers over bpmn-moddle elements (with the zeebe extension) shared by the rules: where the
// Zeebe attributes live, which scope an element is in, and the conventions that name mediation,
// litigation and follow-up elements. The rules must agree on these, so they are defined once here.
// No Node modules here: the browser lint (browser.ts) runs the same rules in the designer's modeler.
import { is } from 'bpmnlint-utils';

/** moddle elements are dynamically typed (their shape comes from the BPMN/zeebe schemas). */
export type El = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The zeebe:* extension element of the given type, e.g. ext(task, 'zeebe:TaskDefinition'). */
export function ext(el: El, type: string): El | undefined {
  return el?.extensionElements?.values?.find((v: El) => v.$type === type);
}

/** `zeebe:taskDefinition type`, undefined when the element has no task definition. */
export function jobType(el: El): string | undefined {
  return ext(el, 'zeebe:TaskDefinition')?.type;
}

/** `zeebe:calledElement processId` of a call activity. */
export function calledProcessId(el: El): string | undefined {
  return is(el, 'bpmn:CallActivity') ? ext(el, 'zeebe:CalledElement')?.processId : undefined;
}

/** `zeebe:formDefinition formId` of a user task (linked Camunda form, deployed with the models). */
export function formId(el: El): string | undefined {
  return is(el, 'bpmn:UserTask') ? ext(el, 'zeebe:FormDefinition')?.formId : undefined;
}

export const isEventSubProcess = (el: El): boolean => is(el, 'bpmn:SubProcess') && !!el.triggeredByEvent;
/** Embedded sub-processes (including multi-instance, transactions, ad-hoc): entered by a sequence flow. */
export const isEmbeddedSubProcess = (el: El): boolean => is(el, 'bpmn:SubProcess') && !el.triggeredByEvent;

/** isExecutable="false" processes are documentation (pools of citizens, other agencies): neither
 *  Zeebe nor the embedded engine deploys them, so the rules skip them. Absent means executable,
 *  as in the engine's parser. */
export const isExecutable = (process: El): boolean => process.isExecutable !== false;

/** The bpmn:Process an element belongs to. */
export function processOf(el: El): El | undefined {
  let p = el;
  while (p && !is(p, 'bpmn:Process')) p = p.$parent;
  return p;
}

export function flowElements(scope: El): El[] {
  return scope.flowElements ?? [];
}

/** Every flow element of a process, sub-processes included, depth first. */
export function allFlowElements(scope: El): El[] {
  const out: El[] = [];
  for (const el of flowElements(scope)) {
    out.push(el);
    if (is(el, 'bpmn:SubProcess')) out.push(...allFlowElements(el));
  }
  return out;
}

/** Boundary events attached to `host` (they live in the host's scope). */
export function boundaryEventsOf(host: El): El[] {
  return flowElements(host.$parent).filter((b) => is(b, 'bpmn:BoundaryEvent') && b.attachedToRef === host);
}

export const eventDefinitions = (el: El): El[] => el.eventDefinitions ?? [];

/** A rule's config merged over its defaults; bpmnlint passes {} when the rule is just 'error'. */
export function withDefaults<T extends object>(defaults: T, config: unknown): T {
  const given = (config && typeof config === 'object' ? config : {}) as Partial<T>;
  const out = { ...defaults };
  for (const k of Object.keys(defaults) as (keyof T)[]) if (given[k] !== undefined) out[k] = given[k] as T[keyof T];
  return out;
}

/** "call 'a' / 'b' or a 'f' user task": how the messages name what would satisfy a rule. */
export function describeElements(processes: string[], forms: string[]): string {
  const q = (xs: string[]) => xs.map((x) => `'${x}'`).join(' / ');
  return [processes.length ? `call ${q(processes)}` : '', forms.length ? `a ${q(forms)} user task` : '']
    .filter(Boolean)
    .join(' or ');
}

/** Conventions, as the defaults of the rules' configs (see bpmn/lint/README.md). */
export const CONVENTIONS = {
  /** Job types of the tasks that hand a matter over to the court (诉讼). */
  litigationTypes: ['handoff-litigation'],
  /** Processes called for mediation (人民调解 at one tier; 联合调解 across departments). */
  mediationProcesses: ['mediation-at-tier', 'joint-mediation'],
  /** Forms of user tasks in which staff mediate. */
  mediationForms: ['mediate', 'joint-session'],
  /** The follow-up visit (回访) as a called process or as a user task's form. */
  followUpProcesses: ['follow-up-visit'],
  followUpForms: ['follow-up-visit'],
};
