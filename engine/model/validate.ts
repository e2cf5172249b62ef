// Checks on the whole graph, once every element and sequence flow is read: start and end events,
// boundary events and their hosts, gateways and their flows, timer values.
import { isExpression } from '../feel.js';
import { parseCycle, parseDate, parseDuration } from './timer-spec.js';
import type { ElementKind, ElementNode, ProcessModel } from './types.js';
import { JOB_KINDS } from './read-element.js';

const ACTIVITY_KINDS = new Set<ElementKind>([
  ...JOB_KINDS,
  'scriptTask',
  'receiveTask',
  'manualTask',
  'task',
  'subProcess',
  'callActivity',
]);

export function validateNode(node: ElementNode, model: ProcessModel, problems: string[]): void {
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
