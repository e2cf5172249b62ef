// Every user task has a deadline (办理时限): a due date staff see in their inbox, and a timer that
// makes the process act when it passes (remind, escalate, reassign). The timer sits on the task
// itself or on its directly enclosing sub-process (one timer for a small group of steps); a timer
// further out does not count, it says nothing about how long this task may take.
import { is } from 'bpmnlint-utils';
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types.js';
import { type El, boundaryEventsOf, eventDefinitions, ext, isExecutable, processOf } from '../model.js';

const hasTimer = (host: El) =>
  boundaryEventsOf(host).some((b) => eventDefinitions(b).some((d: El) => is(d, 'bpmn:TimerEventDefinition')));

const factory: RuleFactory = () => {
  function check(node: El, reporter: Reporter) {
    if (!is(node, 'bpmn:UserTask') || !isExecutable(processOf(node) ?? {})) return;
    const due = ext(node, 'zeebe:TaskSchedule')?.dueDate;
    if (!due || !String(due).trim())
      reporter.report(node.id, `user task '${node.id}' has no due date (zeebe:taskSchedule dueDate)`);
    const parent = node.$parent;
    if (!hasTimer(node) && !(is(parent, 'bpmn:SubProcess') && hasTimer(parent))) {
      reporter.report(
        node.id,
        `user task '${node.id}' has no deadline timer ` +
          '(a boundary timer event on the task or its enclosing sub-process)',
      );
    }
  }
  return { check };
};

export default factory;
