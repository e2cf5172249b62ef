// Every matter ends with a follow-up visit (回访): in the dispute-resolution process (and its regional
// variants) no normal end may be reached without passing a follow-up. Normal end = a none end event
// of the process or of a process-level event sub-process. Error and terminate ends are not normal
// ends (the matter is handed on or withdrawn), and end events inside an embedded sub-process only
// end the sub-process: the path goes on after it, which the flow graph models.
import { is } from 'bpmnlint-utils';
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types.js';
import { buildFlowGraph, reachableAvoiding } from '../graph.js';
import {
  type El,
  CONVENTIONS,
  describeElements,
  calledProcessId,
  eventDefinitions,
  formId,
  isEmbeddedSubProcess,
  isExecutable,
  withDefaults,
} from '../model.js';

export interface FollowUpBeforeEndConfig {
  /** Process ids the rule applies to: a RegExp source, matched against the whole id. */
  processPattern: string;
  followUpProcesses: string[];
  followUpForms: string[];
}

/** True when finishing this end event finishes the process, not just an embedded sub-process. */
function endsProcess(end: El): boolean {
  for (let p = end.$parent; p && !is(p, 'bpmn:Process'); p = p.$parent) if (isEmbeddedSubProcess(p)) return false;
  return true;
}

const factory: RuleFactory = (config?: Partial<FollowUpBeforeEndConfig>) => {
  const c = withDefaults<FollowUpBeforeEndConfig>(
    {
      processPattern: 'dispute-resolution(-.+)?',
      followUpProcesses: CONVENTIONS.followUpProcesses,
      followUpForms: CONVENTIONS.followUpForms,
    },
    config,
  );
  const applies = new RegExp(`^(?:${c.processPattern})$`);
  const isFollowUp = (el: El) =>
    c.followUpProcesses.includes(calledProcessId(el) ?? '') || c.followUpForms.includes(formId(el) ?? '');
  const what = describeElements(c.followUpProcesses, c.followUpForms);

  function check(node: El, reporter: Reporter) {
    if (!is(node, 'bpmn:Process') || !isExecutable(node) || !applies.test(node.id ?? '')) return;
    const reached = reachableAvoiding(buildFlowGraph(node), isFollowUp);
    for (const [el, root] of reached) {
      if (!is(el, 'bpmn:EndEvent') || eventDefinitions(el).length || !endsProcess(el)) continue;
      reporter.report(
        el.id,
        `end event '${el.id}' is reachable from '${root.id}' without a follow-up visit (${what}); ` +
          'every matter ends with a follow-up',
      );
    }
  }
  return { check };
};

export default factory;
