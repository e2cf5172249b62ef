// Checks a model's diagram (BPMN DI) the way a designer would look at it in Camunda Modeler: every
// element drawn, nothing drawn over anything else, labels placed and readable, flows attached to what
// they connect. Used by test/bpmn/layout.test.ts over the shipped models; pure, so the designer's
// deploy can run it on a model it is given. Each problem names the model, the elements and the
// overlap, so whoever opens the Modeler knows what to move.
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const zeebeDescriptor = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json');

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface LayoutProblem {
  rule: 'missing-di' | 'overlap' | 'outside' | 'label' | 'edge' | 'crossing';
  ids: string[];
  message: string;
}

/** The slice of bpmn-moddle's element tree the checks read. */
interface El {
  $type: string;
  id: string;
  name?: string;
  flowElements?: El[];
  rootElements?: El[];
  diagrams?: El[];
  plane?: El;
  planeElement?: El[];
  bpmnElement?: El;
  bounds?: Box;
  label?: { bounds?: Box };
  waypoint?: { x: number; y: number }[];
  sourceRef?: El;
  targetRef?: El;
  attachedToRef?: El;
  participants?: El[];
  processRef?: El;
  laneSets?: El[];
  lanes?: El[];
  flowNodeRef?: El[];
  childLaneSet?: El;
  isExpanded?: boolean;
}

/** Pixels a flow's end may sit away from its shape's bounds (circle outlines, rounding). */
const DOCK_TOLERANCE = 6;
/** Overlaps smaller than this are rounding, not something a reader sees. */
const SLACK = 1;

const LABELLED = /^bpmn:(StartEvent|EndEvent|IntermediateCatchEvent|IntermediateThrowEvent|BoundaryEvent)$|Gateway$/;

export function overlapOf(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const w = Math.min(a.x + a.width, b.x + b.width) - x;
  const h = Math.min(a.y + a.height, b.y + b.height) - y;
  return w > SLACK && h > SLACK ? { x, y, width: w, height: h } : null;
}

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x - SLACK &&
    inner.y >= outer.y - SLACK &&
    inner.x + inner.width <= outer.x + outer.width + SLACK &&
    inner.y + inner.height <= outer.y + outer.height + SLACK
  );
}

const fmt = (b: Box) => `(${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)})`;

/** Distance from a point to a box (0 inside), for flows docking on their shapes. */
function distance(p: { x: number; y: number }, b: Box): number {
  const dx = Math.max(b.x - p.x, 0, p.x - (b.x + b.width));
  const dy = Math.max(b.y - p.y, 0, p.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

/** Whether the segment p→q passes through the inside of b (shrunk a little, so touching is fine). */
function crosses(p: { x: number; y: number }, q: { x: number; y: number }, b: Box): boolean {
  const m = 4;
  const r = { x0: b.x + m, y0: b.y + m, x1: b.x + b.width - m, y1: b.y + b.height - m };
  if (r.x1 <= r.x0 || r.y1 <= r.y0) return false;
  // Liang–Barsky clipping: the segment meets the open box when the clipped interval is non-empty.
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const edges: [number, number][] = [
    [-dx, p.x - r.x0],
    [dx, r.x1 - p.x],
    [-dy, p.y - r.y0],
    [dy, r.y1 - p.y],
  ];
  for (const [pp, qq] of edges) {
    if (pp === 0) {
      if (qq < 0) return false;
    } else {
      const t = qq / pp;
      if (pp < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t0 < t1;
}

interface Drawn {
  el: El;
  box: Box;
  label?: Box;
}

/** Flow elements of a process or subprocess, with the container each sits in. */
function collect(container: El, parent: Map<string, El>, out: El[]): void {
  for (const e of container.flowElements ?? []) {
    out.push(e);
    parent.set(e.id, container);
    if (e.flowElements) collect(e, parent, out);
  }
}

export async function checkLayout(xml: string, model = 'model'): Promise<LayoutProblem[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  const { rootElement } = (await moddle.fromXML(xml)) as unknown as { rootElement: El };
  const problems: LayoutProblem[] = [];
  const report = (rule: LayoutProblem['rule'], ids: string[], text: string) =>
    problems.push({ rule, ids, message: `${model}: ${text}` });

  const parent = new Map<string, El>();
  const elements: El[] = [];
  const roots = rootElement.rootElements ?? [];
  for (const p of roots.filter((r) => r.$type === 'bpmn:Process')) collect(p, parent, elements);

  // Every diagram element, per plane: a collapsed subprocess's content lives on its own plane.
  const shapeOf = new Map<string, Drawn>();
  const edgeOf = new Map<string, El>();
  const planes: { plane: El; shapes: Drawn[]; edges: El[] }[] = [];
  for (const d of rootElement.diagrams ?? []) {
    const plane = d.plane!;
    const entry = { plane, shapes: [] as Drawn[], edges: [] as El[] };
    planes.push(entry);
    for (const di of plane.planeElement ?? []) {
      const el = di.bpmnElement;
      if (!el) continue;
      if (di.$type === 'bpmndi:BPMNShape' && di.bounds) {
        const drawn = { el, box: di.bounds, label: di.label?.bounds };
        shapeOf.set(el.id, drawn);
        entry.shapes.push(drawn);
      } else if (di.$type === 'bpmndi:BPMNEdge') {
        edgeOf.set(el.id, di);
        entry.edges.push(di);
      }
    }
  }

  for (const e of elements) {
    const flow = e.$type === 'bpmn:SequenceFlow';
    if (flow ? !edgeOf.has(e.id) : !shapeOf.has(e.id))
      report('missing-di', [e.id], `${e.id} (${e.name ?? e.$type}) is not drawn: it has no ${flow ? 'edge' : 'shape'}`);
    if (!LABELLED.test(e.$type) && !(flow && e.name)) continue;
    if (!e.name) continue;
    const label = flow ? edgeOf.get(e.id)?.label?.bounds : shapeOf.get(e.id)?.label;
    if (!label) report('label', [e.id], `${e.id} "${e.name}" has no label bounds: the Modeler would guess a place`);
  }

  // Whether a sits (at any depth) inside container b, or is a boundary event of b: such pairs overlap by design.
  const within = (a: El, b: El): boolean => {
    for (let p = parent.get(a.id); p; p = parent.get(p.id)) if (p.id === b.id) return true;
    return a.attachedToRef?.id === b.id || (!!a.attachedToRef && within(a.attachedToRef, b));
  };
  const related = (a: El, b: El) => within(a, b) || within(b, a);

  for (const { shapes, edges } of planes) {
    for (let i = 0; i < shapes.length; i++)
      for (let j = i + 1; j < shapes.length; j++) {
        const [a, b] = [shapes[i], shapes[j]];
        if (related(a.el, b.el)) continue;
        const o = overlapOf(a.box, b.box);
        if (o) report('overlap', [a.el.id, b.el.id], `shapes ${a.el.id} and ${b.el.id} overlap at ${fmt(o)}`);
      }
    for (const s of shapes) {
      const host = s.el.attachedToRef && shapeOf.get(s.el.attachedToRef.id);
      if (host) {
        const cx = s.box.x + s.box.width / 2;
        const cy = s.box.y + s.box.height / 2;
        if (distance({ x: cx, y: cy }, host.box) > DOCK_TOLERANCE || inside(s.box, host.box))
          report('outside', [s.el.id], `boundary event ${s.el.id} ${fmt(s.box)} is not on the edge of ${host.el.id}`);
      }
      // A shape inside an expanded subprocess drawn on the same plane must stay within it.
      const container = parent.get(s.el.id);
      const outer = container && shapes.find((x) => x.el.id === container.id);
      if (outer && !host && !inside(s.box, outer.box))
        report(
          'outside',
          [s.el.id, outer.el.id],
          `${s.el.id} ${fmt(s.box)} leaks out of ${outer.el.id} ${fmt(outer.box)}`,
        );
    }
    const labels: { el: El; box: Box }[] = [];
    for (const s of shapes) if (s.label) labels.push({ el: s.el, box: s.label });
    for (const e of edges)
      if (e.label?.bounds && e.bpmnElement) labels.push({ el: e.bpmnElement, box: e.label.bounds });
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const o = overlapOf(labels[i].box, labels[j].box);
        if (o)
          report(
            'label',
            [labels[i].el.id, labels[j].el.id],
            `labels of ${labels[i].el.id} and ${labels[j].el.id} overlap at ${fmt(o)}`,
          );
      }
      for (const s of shapes) {
        if (s.el.id === labels[i].el.id || within(labels[i].el, s.el)) continue;
        const o = overlapOf(labels[i].box, s.box);
        if (o)
          report('label', [labels[i].el.id, s.el.id], `label of ${labels[i].el.id} covers ${s.el.id} at ${fmt(o)}`);
      }
    }
    for (const e of edges) checkEdge(e, shapes, shapeOf, related, report);
  }
  checkLanes(roots, shapeOf, report);
  return problems;
}

function checkEdge(
  e: El,
  shapes: Drawn[],
  shapeOf: Map<string, Drawn>,
  related: (a: El, b: El) => boolean,
  report: (rule: LayoutProblem['rule'], ids: string[], text: string) => void,
): void {
  const flow = e.bpmnElement!;
  const pts = e.waypoint ?? [];
  if (pts.length < 2) {
    report('edge', [flow.id], `flow ${flow.id} has ${pts.length} waypoint(s), needs at least 2`);
    return;
  }
  const ends: [string, El | undefined, { x: number; y: number }][] = [
    ['starts', flow.sourceRef, pts[0]],
    ['ends', flow.targetRef, pts[pts.length - 1]],
  ];
  for (const [verb, el, p] of ends) {
    const s = el && shapeOf.get(el.id);
    if (s && distance(p, s.box) > DOCK_TOLERANCE)
      report(
        'edge',
        [flow.id, el!.id],
        `flow ${flow.id} ${verb} at (${p.x},${p.y}), away from ${el!.id} ${fmt(s.box)}`,
      );
  }
  for (const s of shapes) {
    if (s.el.id === flow.sourceRef?.id || s.el.id === flow.targetRef?.id) continue;
    if (flow.sourceRef && related(flow.sourceRef, s.el)) continue;
    if (flow.targetRef && related(flow.targetRef, s.el)) continue;
    for (let i = 1; i < pts.length; i++)
      if (crosses(pts[i - 1], pts[i], s.box)) {
        report('crossing', [flow.id, s.el.id], `flow ${flow.id} runs through ${s.el.id} ${fmt(s.box)}`);
        break;
      }
  }
}

/** Shapes of a lane's flow nodes lie within the lane, and lanes within their pool. */
function checkLanes(
  roots: El[],
  shapeOf: Map<string, Drawn>,
  report: (rule: LayoutProblem['rule'], ids: string[], text: string) => void,
): void {
  const walk = (lanes: El[], outer: Drawn | undefined) => {
    for (const lane of lanes) {
      const ls = shapeOf.get(lane.id);
      if (ls && outer && !inside(ls.box, outer.box))
        report('outside', [lane.id, outer.el.id], `lane ${lane.id} ${fmt(ls.box)} leaks out of ${outer.el.id}`);
      for (const n of lane.flowNodeRef ?? []) {
        const s = shapeOf.get(n.id);
        if (s && ls && !n.attachedToRef && !inside(s.box, ls.box))
          report('outside', [n.id, lane.id], `${n.id} ${fmt(s.box)} is outside its lane ${lane.id} ${fmt(ls.box)}`);
      }
      walk(lane.childLaneSet?.lanes ?? [], ls);
    }
  };
  for (const c of roots.filter((r) => r.$type === 'bpmn:Collaboration'))
    for (const p of c.participants ?? []) {
      const pool = shapeOf.get(p.id);
      for (const set of p.processRef?.laneSets ?? []) walk(set.lanes ?? [], pool);
      if (!pool) continue;
      for (const e of p.processRef?.flowElements ?? []) {
        const s = shapeOf.get(e.id);
        if (s && !e.attachedToRef && !inside(s.box, pool.box))
          report('outside', [e.id, p.id], `${e.id} ${fmt(s.box)} is outside its pool ${p.id} ${fmt(pool.box)}`);
      }
    }
}
