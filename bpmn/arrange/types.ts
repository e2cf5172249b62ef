// Shapes shared by the diagram arranger (scripts/arrange-bpmn.ts): a slice of bpmn-moddle's tree and
// the positions computed for it.
export interface El {
  $type: string;
  id: string;
  name?: string;
  flowElements?: El[];
  rootElements?: El[];
  sourceRef?: El;
  targetRef?: El;
  attachedToRef?: El;
  triggeredByEvent?: boolean;
  eventDefinitions?: El[];
}
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Point {
  x: number;
  y: number;
}
/** Per container: grid cells [column, row], task widths, wider gaps after some columns or rows. */
export interface Hints {
  pos?: Record<string, [number, number]>;
  width?: Record<string, number>;
  gapAfterCol?: Record<number, number>;
  gapAfterRow?: Record<number, number>;
  padTop?: number;
  /** Columns an expanded subprocess spans (from its own), so other rows can use them. */
  span?: Record<string, number>;
  /** Waypoints for flows the router would draw badly (absolute, in the plane's coordinates). */
  route?: Record<string, Point[]>;
}
export interface PlacedShape {
  el: El;
  box: Box;
  expanded?: boolean;
  /** Where flows attach on the sides of an expanded subprocess: its first row's middle line. */
  midY?: number;
  host?: El;
  label?: Box;
}
export interface PlacedEdge {
  el: El;
  back: boolean;
  rowBottom: (p: Point) => number;
  points?: Point[];
  label?: Box;
}
export interface Placed {
  shapes: PlacedShape[];
  edges: PlacedEdge[];
}
