// bpmn-js's viewer and its styles, loaded only when a diagram is shown (its own chunk), and what the
// matter page (BpmnCanvas.vue) and the monitor (../monitor/MonitorCanvas.vue) both draw on an instance:
// the markers gc-completed (elements passed and the sequence flows between them), gc-active and
// gc-incident (their colours in bpmn-markers.css), and the plane and zoom that show where the work is.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

export interface Shape {
  id: string;
  type: string;
  businessObject: { name?: string; sourceRef?: { id: string }; targetRef?: { id: string }; $parent?: unknown };
}
export interface Canvas {
  addMarker(id: string, marker: string): void;
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  findRoot(element: Shape): unknown;
  setRootElement(root: unknown): void;
  scrollToElement(element: Shape): void;
}
export interface Registry {
  get(id: string): Shape | undefined;
  filter(fn: (e: Shape) => boolean): Shape[];
}
export interface Viewer {
  importXML(xml: string): Promise<unknown>;
  get<T>(name: string): T;
  destroy(): void;
}
/** What both the matter's and the monitor's diagrams carry: the model and the element ids to mark. */
export interface MarkedInstance {
  xml: string;
  completed: string[];
  active: string[];
  incidents: string[];
}

/** NavigatedViewer: pan and zoom, no editing. */
export const createViewer = (container: HTMLElement) => new NavigatedViewer({ container }) as unknown as Viewer;

/** Imports the instance's model and marks what was passed, what is active and what is stuck. */
export async function drawInstance(viewer: Viewer, d: MarkedInstance): Promise<{ canvas: Canvas; registry: Registry }> {
  await viewer.importXML(d.xml);
  const canvas = viewer.get<Canvas>('canvas');
  const registry = viewer.get<Registry>('elementRegistry');
  const mark = (ids: string[], marker: string) => {
    for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
  };
  mark(d.completed, 'gc-completed');
  mark(d.active, 'gc-active');
  mark(d.incidents, 'gc-incident');
  // A flow was taken when its source was passed and its target reached (passed, active or stuck).
  const passed = new Set(d.completed);
  const reached = new Set([...d.completed, ...d.active, ...d.incidents]);
  for (const flow of registry.filter((e) => e.type === 'bpmn:SequenceFlow')) {
    const bo = flow.businessObject;
    if (bo.sourceRef && bo.targetRef && passed.has(bo.sourceRef.id) && reached.has(bo.targetRef.id))
      canvas.addMarker(flow.id, 'gc-completed');
  }
  return { canvas, registry };
}

/** How deep an element sits in sub-processes. */
function depth(e: Shape): number {
  let n = 0;
  for (let p = e.businessObject.$parent as { $parent?: unknown } | undefined; p; p = p.$parent as typeof p) n++;
  return n;
}

/** The drawn elements of these ids, in their order. */
export const shapes = (registry: Registry, ids: string[]): Shape[] =>
  ids.map((id) => registry.get(id)).filter((e): e is Shape => !!e);

/** The deepest of these elements (the first of equals): the work is where the innermost one waits. */
export const deepest = (registry: Registry, ids: string[]): Shape | undefined =>
  shapes(registry, ids).sort((a, b) => depth(b) - depth(a))[0];

/**
 * Shows `focus`: when it lies inside a collapsed sub-process, that plane is opened (the breadcrumbs lead
 * back up); the model is fitted to the view, but a big model fitted whole is too small to read, so then
 * the view zooms in on the focus instead.
 */
export function showFocus(canvas: Canvas, focus: Shape | undefined): void {
  if (focus) {
    const root = canvas.findRoot(focus);
    if (root) canvas.setRootElement(root);
  }
  const scale = canvas.zoom('fit-viewport', 'auto');
  if (focus && scale < 0.6) {
    canvas.zoom(0.8);
    canvas.scrollToElement(focus);
  }
}
