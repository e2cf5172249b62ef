// The parts of the gc rules that need facts from outside the model — which job types have workers,
// which element types the engine runs — with those facts passed in. The Node side (rules/*.ts) passes
// what it reads from workers/ and engine/model/parse.ts; the browser (browser.ts) what the API's
// GET /api/processes/lint-config says, so the modeler runs the same checks without Node modules.
import { is, isAny } from 'bpmnlint-utils';
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types.js';
import { type El, eventDefinitions, ext, flowElements, isEventSubProcess, isExecutable, processOf } from './model.js';

const TIMER = 'bpmn:TimerEventDefinition';
const MESSAGE = 'bpmn:MessageEventDefinition';
const ERROR = 'bpmn:ErrorEventDefinition';
const TERMINATE = 'bpmn:TerminateEventDefinition';
const NONE = 'none';

/** Event definitions the engine accepts, by kind of event (and, for start events, by scope). */
function allowedDefinitions(el: El): string[] {
  switch (el.$type) {
    case 'bpmn:StartEvent':
      if (is(el.$parent, 'bpmn:Process')) return [NONE, TIMER, MESSAGE];
      return isEventSubProcess(el.$parent) ? [TIMER, MESSAGE, ERROR] : [NONE];
    case 'bpmn:EndEvent':
      return [NONE, ERROR, TERMINATE];
    case 'bpmn:IntermediateCatchEvent':
      return [TIMER, MESSAGE];
    case 'bpmn:IntermediateThrowEvent':
      return [NONE];
    case 'bpmn:BoundaryEvent':
      return [TIMER, MESSAGE, ERROR];
    default:
      return [NONE];
  }
}

const short = (def: string) => (def === NONE ? 'none' : def.replace(/^bpmn:(\w+)EventDefinition$/, '$1').toLowerCase());

/**
 * gc/engine-supported over the given element types (`supported`: moddle type names the engine runs;
 * `ignored`: types it skips, such as data objects). `unsupported` is exported for the engine test.
 */
export function engineSupportedRule(supported: ReadonlySet<string>, ignored: ReadonlySet<string>) {
  /** What the engine rejects about `el` ("what" goes in parentheses after the id, "why" after a colon),
   *  or undefined when the engine runs it. */
  function unsupported(el: El): { what: string; why?: string } | undefined {
    const type: string = el.$type;
    if (!supported.has(type)) return { what: type };
    const defs: string[] = eventDefinitions(el).map((d: El) => d.$type);
    if (defs.length > 1) return { what: `${type} with ${defs.join(' + ')}`, why: 'one event definition per event' };
    const def = defs[0] ?? NONE;
    if (is(el, 'bpmn:Event')) {
      const allowed = allowedDefinitions(el);
      if (!allowed.includes(def)) {
        return {
          what: def === NONE ? `${type} without an event definition` : `${type} with ${def}`,
          why: `allowed here: ${allowed.map(short).join(', ')}`,
        };
      }
    }
    if (is(el, 'bpmn:BoundaryEvent') && def === ERROR && el.cancelActivity === false) {
      return { what: `non-interrupting ${type} with ${def}`, why: 'error boundary events interrupt' };
    }
    if (is(el, 'bpmn:BusinessRuleTask') && ext(el, 'zeebe:CalledDecision')) {
      return {
        what: `${type} with zeebe:calledDecision`,
        why: 'DMN is not available; use a zeebe:taskDefinition and a worker',
      };
    }
    const loop = el.loopCharacteristics;
    if (loop && !is(loop, 'bpmn:MultiInstanceLoopCharacteristics'))
      return { what: `${type} with ${loop.$type}`, why: 'use multi-instance' };
    if (is(el, 'bpmn:InclusiveGateway')) {
      // Counted from the flows: `bpmn:incoming` children are optional in the XML.
      const incoming = flowElements(el.$parent).filter(
        (f: El) => is(f, 'bpmn:SequenceFlow') && f.targetRef === el,
      ).length;
      if (incoming > 1) return { what: `${type} joining ${incoming} flows`, why: 'inclusive gateways may only fork' };
    }
    return undefined;
  }

  const factory: RuleFactory = () => {
    function check(node: El, reporter: Reporter) {
      if (!is(node, 'bpmn:FlowElement') || is(node, 'bpmn:SequenceFlow') || ignored.has(node.$type)) return;
      // Flow elements of processes and sub-processes only: the engine reads no others.
      if (!isAny(node.$parent, ['bpmn:Process', 'bpmn:SubProcess']) || !isExecutable(processOf(node) ?? {})) return;
      const problem = unsupported(node);
      if (problem)
        reporter.report(
          node.id,
          `'${node.id}' (${problem.what}) is not supported by the embedded engine` +
            (problem.why ? `: ${problem.why}` : ''),
        );
    }
    return { check };
  };
  return { factory, unsupported };
}

/**
 * gc/job-type-has-worker with the served job types given by `served` (called once per lint run, on
 * first use, with the rule's config: a `workerTypes` list there wins over `served`).
 */
export function jobTypeHasWorkerRule(served: (config: { workerTypes?: string[] } | undefined) => Set<string>) {
  const factory: RuleFactory = (config?: { workerTypes?: string[] }) => {
    let known: Set<string> | undefined;
    const types = () => (known ??= config?.workerTypes ? new Set(config.workerTypes) : served(config));

    function check(node: El, reporter: Reporter) {
      if (!is(node, 'bpmn:FlowElement')) return;
      const td = ext(node, 'zeebe:TaskDefinition');
      if (!td || !isExecutable(processOf(node) ?? {})) return;
      const type = String(td.type ?? '').trim();
      if (!type) reporter.report(node.id, `'${node.id}' has a zeebe:taskDefinition without a type`);
      else if (type.startsWith('='))
        reporter.report(
          node.id,
          `job type '${type}' of '${node.id}' is an expression: cannot check that a worker exists; use a static type`,
        );
      else if (!types().has(type))
        reporter.report(node.id, `job type '${type}' of '${node.id}' has no worker (expected workers/${type}.ts)`);
    }
    return { check };
  };
  return factory;
}
