// The flow graph of one process, for the path rules (mediation-before-litigation,
// follow-up-before-end). Nodes are flow nodes plus one virtual "done" node per embedded sub-process;
// edges say "a token here may next be there":
//   - a sequence flow: source → target (an embedded sub-process's outgoing flows leave from its
//     done node, so a path cannot skip the sub-process's content);
//   - an embedded sub-process → its start events, and → its boundary events; its exits (end events
//     other than error ends, and flow nodes without outgoing flows) → its done node;
//   - any other activity → its boundary events (a boundary is reachable when its host is);
//   - event sub-processes: their start events are roots at process level, or reachable from the
//     embedded sub-process that contains them (they can only fire while it is active); their exits
//     also complete that sub-process.
// Call activities are opaque. Cycles are fine: reachability visits each node once.
import { is } from 'bpmnlint-utils';
import { type El, flowElements, isEmbeddedSubProcess, isEventSubProcess, eventDefinitions } from './model.js';

export interface FlowGraph {
  /** Where tokens are born: process start events and process-level event sub-process starts. */
  roots: El[];
  next: Map<El, El[]>;
}

/** Virtual node: the embedded sub-process `of` has completed (its outgoing flows leave from here). */
export interface DoneNode {
  $type: 'gc:Done';
  id: string;
  of: El;
}

export function buildFlowGraph(process: El): FlowGraph {
  const next = new Map<El, El[]>();
  const roots: El[] = [];
  const done = new Map<El, DoneNode>();
  const doneOf = (sp: El): DoneNode => {
    let d = done.get(sp);
    if (!d) done.set(sp, (d = { $type: 'gc:Done', id: `${sp.id}#done`, of: sp }));
    return d;
  };
  const add = (from: El, to: El) => {
    if (!from || !to) return; // dangling references: other lint rules (and the engine) report those
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  };
  // Embedded sub-processes complete (and their flows continue) from their done node.
  const source = (el: El) => (el && isEmbeddedSubProcess(el) ? doneOf(el) : el);

  /** Flow nodes of a scope that end a token's path there (the scope completes when all have).
   *  Outgoing flows are counted from the sequence flows themselves: `bpmn:outgoing` children are
   *  optional in the XML (Camunda Modeler writes them, hand-written models often do not). */
  const exitsOf = (scope: El): El[] => {
    const out: El[] = [];
    const hasOutgoing = new Set(
      flowElements(scope)
        .filter((f: El) => is(f, 'bpmn:SequenceFlow'))
        .map((f: El) => f.sourceRef),
    );
    for (const el of flowElements(scope)) {
      if (isEventSubProcess(el)) {
        out.push(...exitsOf(el));
        continue;
      }
      if (!is(el, 'bpmn:FlowNode') || hasOutgoing.has(el)) continue;
      // An error end event throws; it does not complete its scope.
      if (is(el, 'bpmn:EndEvent') && eventDefinitions(el).some((d: El) => is(d, 'bpmn:ErrorEventDefinition'))) continue;
      out.push(source(el));
    }
    return out;
  };

  /** `entry`: the node from which this scope's event sub-processes can fire (undefined = root). */
  const visitScope = (scope: El, entry: El | undefined) => {
    for (const el of flowElements(scope)) {
      if (is(el, 'bpmn:SequenceFlow')) add(source(el.sourceRef), el.targetRef);
      else if (is(el, 'bpmn:BoundaryEvent')) add(el.attachedToRef, el);
      else if (isEventSubProcess(el)) {
        const starts = flowElements(el).filter((s: El) => is(s, 'bpmn:StartEvent'));
        for (const s of starts) {
          if (entry) add(entry, s);
          else roots.push(s);
        }
        // A nested event sub-process fires while this one is active: its entry is our start.
        visitScope(el, starts[0] ?? entry);
      } else if (isEmbeddedSubProcess(el)) {
        const starts = flowElements(el).filter((s: El) => is(s, 'bpmn:StartEvent'));
        for (const s of starts) add(el, s);
        if (!starts.length) add(el, doneOf(el)); // malformed (the engine rejects it); stay conservative
        visitScope(el, el);
        for (const x of exitsOf(el)) add(x, doneOf(el));
      } else if (is(el, 'bpmn:StartEvent') && !entry) roots.push(el);
    }
  };
  visitScope(process, undefined);
  return { roots, next };
}

/**
 * Every node reachable from a root without entering a `blocked` node, with the root it was first
 * reached from (breadth first, so a short witness path). Blocked nodes are never entered, so what
 * lies only behind them (their boundary events included) stays unreached.
 */
export function reachableAvoiding(graph: FlowGraph, blocked: (el: El) => boolean): Map<El, El> {
  const origin = new Map<El, El>();
  const queue: El[] = [];
  for (const r of graph.roots) {
    if (blocked(r) || origin.has(r)) continue;
    origin.set(r, r);
    queue.push(r);
  }
  for (let i = 0; i < queue.length; i++) {
    const el = queue[i];
    for (const n of graph.next.get(el) ?? []) {
      if (origin.has(n) || blocked(n)) continue;
      origin.set(n, origin.get(el));
      queue.push(n);
    }
  }
  return origin;
}
