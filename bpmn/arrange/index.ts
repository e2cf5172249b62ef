// Lays out a model's diagram (BPMN DI) from its process: one plane for the process and one for each
// subprocess drawn collapsed (Camunda Modeler opens those by drilling down), the rest drawn expanded
// in place. Only the bpmndi:BPMNDiagram elements are rewritten; the process part of the file is kept
// byte for byte, so ids, names, extension elements and their order never change.
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { layoutContainer, type Block } from './grid.js';
import { routeEdges } from './route.js';
import { placeLabels } from './labels.js';
import type { El, Hints, Placed } from './types.js';

const zeebeDescriptor = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json');

export interface ModelHints {
  /** Subprocesses drawn collapsed, each on its own plane; every other one is drawn expanded. */
  collapsed?: string[];
  /** Per container id (the process or a subprocess). */
  containers?: Record<string, Hints>;
}

const DI_START = /\n?\s*<bpmndi:BPMNDiagram[\s>]/;

/** The file up to its first diagram, and what follows its last: the part that must never change. */
export function splitDiagram(xml: string): { head: string; tail: string } {
  const m = DI_START.exec(xml);
  if (!m) {
    const end = xml.lastIndexOf('</bpmn:definitions>');
    return { head: xml.slice(0, end).replace(/\s*$/, ''), tail: '\n' + xml.slice(end) };
  }
  const close = '</bpmndi:BPMNDiagram>';
  const last = xml.lastIndexOf(close) + close.length;
  return { head: xml.slice(0, m.index), tail: xml.slice(last) };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const r = (n: number) => Math.round(n);

function planeXml(index: number, element: El, placed: Placed): string {
  const out: string[] = [];
  const n = index === 0 ? '' : `_${element.id}`;
  out.push(`  <bpmndi:BPMNDiagram id="BPMNDiagram_${esc(element.id)}">`);
  out.push(`    <bpmndi:BPMNPlane id="BPMNPlane${esc(n || '_' + element.id)}" bpmnElement="${esc(element.id)}">`);
  for (const s of placed.shapes) {
    const attrs = [`id="${esc(s.el.id)}_di"`, `bpmnElement="${esc(s.el.id)}"`];
    if (/ExclusiveGateway$/.test(s.el.$type)) attrs.push('isMarkerVisible="true"');
    if (s.el.$type === 'bpmn:SubProcess') attrs.push(`isExpanded="${s.expanded ? 'true' : 'false'}"`);
    out.push(`      <bpmndi:BPMNShape ${attrs.join(' ')}>`);
    out.push(`        <dc:Bounds x="${r(s.box.x)}" y="${r(s.box.y)}" width="${r(s.box.w)}" height="${r(s.box.h)}" />`);
    if (s.label) out.push(labelXml(s.label));
    out.push('      </bpmndi:BPMNShape>');
  }
  for (const e of placed.edges) {
    out.push(`      <bpmndi:BPMNEdge id="${esc(e.el.id)}_di" bpmnElement="${esc(e.el.id)}">`);
    for (const p of e.points ?? []) out.push(`        <di:waypoint x="${r(p.x)}" y="${r(p.y)}" />`);
    if (e.label) out.push(labelXml(e.label));
    out.push('      </bpmndi:BPMNEdge>');
  }
  out.push('    </bpmndi:BPMNPlane>');
  out.push('  </bpmndi:BPMNDiagram>');
  return out.join('\n');
}

function labelXml(b: { x: number; y: number; w: number; h: number }): string {
  return [
    '        <bpmndi:BPMNLabel>',
    `          <dc:Bounds x="${r(b.x)}" y="${r(b.y)}" width="${r(b.w)}" height="${r(b.h)}" />`,
    '        </bpmndi:BPMNLabel>',
  ].join('\n');
}

export async function arrange(xml: string, hints: ModelHints = {}): Promise<string> {
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  const { rootElement } = (await moddle.fromXML(xml)) as unknown as { rootElement: El };
  const collapsed = new Set(hints.collapsed ?? []);
  const planes: { element: El; placed: Placed }[] = [];
  const hintsOf = (c: El): Hints => hints.containers?.[c.id] ?? {};

  // A collapsed subprocess gets its own plane; an expanded one is a block inside its parent's plane.
  const planeFor = (container: El) => {
    const entry = { element: container, placed: { shapes: [], edges: [] } as Placed };
    planes.push(entry);
    const block = blockOf(container);
    block.emit(
      container.$type === 'bpmn:Process' ? 120 : 160,
      container.$type === 'bpmn:Process' ? 40 : 60,
      entry.placed,
    );
  };
  const blockOf = (container: El): Block =>
    layoutContainer(
      container,
      hintsOf(container),
      (sub) => !collapsed.has(sub.id),
      (sub) => blockOf(sub),
    );
  const collapsedSubs: El[] = [];
  const findCollapsed = (c: El) => {
    for (const e of c.flowElements ?? []) {
      if (collapsed.has(e.id)) collapsedSubs.push(e);
      if (e.flowElements) findCollapsed(e);
    }
  };
  for (const p of (rootElement.rootElements ?? []).filter((x) => x.$type === 'bpmn:Process')) {
    planeFor(p);
    findCollapsed(p);
  }
  for (const s of collapsedSubs) planeFor(s);
  // A flow's hand-drawn route lives with its container; the router of each plane gets them all.
  const route: Hints['route'] = {};
  for (const h of Object.values(hints.containers ?? {})) Object.assign(route, h.route ?? {});
  for (const { placed } of planes) {
    routeEdges(placed, { route });
    placeLabels(placed);
  }
  const { head, tail } = splitDiagram(xml);
  return `${head}\n${planes.map((p, i) => planeXml(i, p.element, p.placed)).join('\n')}${tail}`;
}
