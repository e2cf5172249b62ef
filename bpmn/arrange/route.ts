// Orthogonal flows between placed shapes, in the shapes a designer draws by hand: straight along a
// row; a split leaves its gateway's bottom (or top) corner and turns right into the target; a join
// comes in at the gateway's corner; a boundary event's flow goes down, then right; a flow going back
// runs along the channel under the row and up into its target.
import type { Box, Hints, Placed, PlacedShape, Point } from './types.js';

const cx = (b: Box) => b.x + b.w / 2;
const mid = (b: Box) => b.y + b.h / 2;
const isGateway = (s: PlacedShape) => /Gateway$/.test(s.el.$type);

/** Drops points that repeat or sit on a straight line between their neighbours. */
function tidy(pts: Point[]): Point[] {
  const r = pts.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
  const out: Point[] = [];
  for (const p of r) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (prev && last && ((prev.x === last.x && last.x === p.x) || (prev.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

export function routeEdges(placed: Placed, hints: Hints): void {
  const shape = new Map(placed.shapes.map((s) => [s.el.id, s]));
  for (const e of placed.edges) {
    if (hints.route?.[e.el.id]) {
      e.points = hints.route[e.el.id];
      continue;
    }
    const S = shape.get(e.el.sourceRef!.id)!;
    const T = shape.get(e.el.targetRef!.id)!;
    const s = S.box;
    const t = T.box;
    const cy = (b: Box) => (b === s ? S.midY : b === t ? T.midY : undefined) ?? mid(b);
    let pts: Point[];
    if (S.host) {
      // Down from the event, then right (or left) into the target's side.
      const into = cx(t) >= cx(s) ? t.x : t.x + t.w;
      if (Math.abs(cy(t) - cy(s)) < 2)
        pts = [
          { x: s.x + s.w, y: cy(s) },
          { x: t.x, y: cy(t) },
        ];
      else if (t.y > s.y + s.h)
        pts = [
          { x: cx(s), y: s.y + s.h },
          { x: cx(s), y: cy(t) },
          { x: into, y: cy(t) },
        ];
      else
        pts = [
          { x: cx(s), y: s.y + s.h },
          { x: cx(s), y: s.y + s.h + 20 },
          { x: cx(t), y: s.y + s.h + 20 },
          { x: cx(t), y: t.y + t.h },
        ];
    } else if (t.x + t.w <= s.x && cy(t) < cy(s) - 2 && isGateway(S) && !isGateway(T)) {
      // A gateway sending back to a step drawn above it (a loop drawn over the main row).
      pts = [
        { x: cx(s), y: s.y },
        { x: cx(s), y: cy(t) },
        { x: t.x + t.w, y: cy(t) },
      ];
    } else if (t.x + t.w <= s.x && cy(t) > cy(s) + 2 && isGateway(T) && !isGateway(S)) {
      // ... and that step returning into the gateway's top corner.
      pts = [
        { x: s.x, y: cy(s) },
        { x: cx(t), y: cy(s) },
        { x: cx(t), y: t.y },
      ];
    } else if (t.x + t.w <= s.x && cy(t) < cy(s) - 2 && isGateway(T) && !isGateway(S)) {
      // A step under the main row going back: along its own row, up into the gateway's bottom corner.
      pts = [
        { x: s.x, y: cy(s) },
        { x: cx(t), y: cy(s) },
        { x: cx(t), y: t.y + t.h },
      ];
    } else if (e.back || t.x + t.w <= s.x) {
      const below = Math.max(e.rowBottom({ x: cx(s), y: cy(s) }), e.rowBottom({ x: cx(t), y: cy(t) }));
      pts = [
        { x: cx(s), y: s.y + s.h },
        { x: cx(s), y: below },
        { x: cx(t), y: below },
        { x: cx(t), y: t.y + t.h },
      ];
    } else if (Math.abs(cx(s) - cx(t)) < 2) {
      // One above the other: straight down (or up).
      pts =
        cy(t) > cy(s)
          ? [
              { x: cx(s), y: s.y + s.h },
              { x: cx(t), y: t.y },
            ]
          : [
              { x: cx(s), y: s.y },
              { x: cx(t), y: t.y + t.h },
            ];
    } else if (Math.abs(cy(s) - cy(t)) < 2) {
      pts = [
        { x: s.x + s.w, y: cy(s) },
        { x: t.x, y: cy(t) },
      ];
      const between = placed.shapes.filter(
        (o) =>
          !o.expanded &&
          !o.host &&
          o.box.x > s.x + s.w - 1 &&
          o.box.x + o.box.w < t.x + 1 &&
          o.box.y < cy(s) &&
          o.box.y + o.box.h > cy(s),
      );
      // Something stands in the way along the row (a skipped step): go over it.
      if (between.length) {
        const top = Math.min(...between.map((o) => o.box.y), s.y, t.y) - 25;
        pts = [
          { x: cx(s), y: s.y },
          { x: cx(s), y: top },
          { x: cx(t), y: top },
          { x: cx(t), y: t.y },
        ];
      }
    } else if (isGateway(S) && cx(t) > s.x + s.w) {
      const down = cy(t) > cy(s);
      pts = [
        { x: cx(s), y: down ? s.y + s.h : s.y },
        { x: cx(s), y: cy(t) },
        { x: t.x, y: cy(t) },
      ];
    } else if (isGateway(T)) {
      const down = cy(s) > cy(t);
      pts = [
        { x: s.x + s.w, y: cy(s) },
        { x: cx(t), y: cy(s) },
        { x: cx(t), y: down ? t.y + t.h : t.y },
      ];
    } else {
      const mx = t.x - 30;
      pts = [
        { x: s.x + s.w, y: cy(s) },
        { x: mx, y: cy(s) },
        { x: mx, y: cy(t) },
        { x: t.x, y: cy(t) },
      ];
    }
    e.points = tidy(pts);
  }
}
