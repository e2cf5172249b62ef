// Mediation first, litigation last (先调解、后诉讼): no path from where a token is born to a hand-off
// to the court may avoid every mediation. We delete the mediation elements from the flow graph and
// report each litigation element still reachable. A path through a mediation's boundary event
// (deadline, escalation) counts as mediated: the mediation was entered.
import { is } from 'bpmnlint-utils';
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types.js';
import { buildFlowGraph, reachableAvoiding } from '../graph.js';
import {
  type El,
  CONVENTIONS,
  describeElements,
  allFlowElements,
  calledProcessId,
  formId,
  isExecutable,
  jobType,
  withDefaults,
} from '../model.js';

export interface MediationBeforeLitigationConfig {
  /** `zeebe:taskDefinition type`s that hand a matter to litigation. */
  litigationTypes: string[];
  /** `zeebe:calledElement processId`s that are a mediation. */
  mediationProcesses: string[];
  /** `zeebe:formDefinition formId`s of user tasks that are a mediation. */
  mediationForms: string[];
}

const factory: RuleFactory = (config?: Partial<MediationBeforeLitigationConfig>) => {
  const c = withDefaults<MediationBeforeLitigationConfig>(
    {
      litigationTypes: CONVENTIONS.litigationTypes,
      mediationProcesses: CONVENTIONS.mediationProcesses,
      mediationForms: CONVENTIONS.mediationForms,
    },
    config,
  );
  const isMediation = (el: El) =>
    c.mediationProcesses.includes(calledProcessId(el) ?? '') || c.mediationForms.includes(formId(el) ?? '');
  const isLitigation = (el: El) => is(el, 'bpmn:FlowNode') && c.litigationTypes.includes(jobType(el) ?? '');
  const what = describeElements(c.mediationProcesses, c.mediationForms);

  function check(node: El, reporter: Reporter) {
    if (!is(node, 'bpmn:Process') || !isExecutable(node)) return;
    const litigation = allFlowElements(node).filter(isLitigation);
    if (!litigation.length) return;
    const reached = reachableAvoiding(buildFlowGraph(node), isMediation);
    for (const el of litigation) {
      const root = reached.get(el);
      if (root)
        reporter.report(
          el.id,
          `path from '${root.id}' reaches litigation '${el.id}' without passing a mediation (${what}); ` +
            'route it through a mediation first',
        );
    }
  }
  return { check };
};

export default factory;
