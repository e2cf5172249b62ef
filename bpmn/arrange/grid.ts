// Places one container's flow nodes (a process, or a subprocess on its own plane or drawn expanded) on
// a grid read left to right: a column per step along the longest path, the main path on the first
// row, each further branch on the next free row below. Boundary events sit spread along the bottom
// edge of their task; their targets go below, the rightmost event's the nearest, so the flows
// leaving a task never cross each other. Hints (column, row) override the guesses.
import type { Box, El, Hints, Placed, Point } from './types.js';
import { measure } from './labels.js';

export const GAP_X = 80;
export const GAP_Y = 70;
const PAD = { left: 40, top: 50, right: 40, bottom: 40 };
/** Horizontal room per boundary event: its circle, the flow going down and its label beside it. */
export const BOUNDARY_PITCH = 80;

/** Wide enough that the name (12px, wrapped inside) fits in two lines, clear of the task's icon. */
function taskWidth(name: string): number {
  for (const w of [120, 140, 160]) if (measure(name, w - 12, 1.2).lines <= 2) return w;
  return 160;
}

export function sizeOf(el: El): { w: number; h: number } {
  if (/Gateway$/.test(el.$type)) return { w: 50, h: 50 };
  if (/Event$/.test(el.$type)) return { w: 36, h: 36 };
  return { w: 100, h: 80 };
}

export interface Block {
  w: number;
  h: number;
  /** Distance from the block's top to its first row's middle line, where flows in and out attach. */
  anchor: number;
  /** Absolute positions, once the container's own position is known. */
  emit(dx: number, dy: number, out: Placed): void;
}

export function layoutContainer(
  container: El,
  hints: Hints,
  expanded: (sub: El) => boolean,
  nested: (sub: El) => Block,
): Block {
  const all = container.flowElements ?? [];
  const flows = all.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const eventSubs = all.filter((e) => e.$type === 'bpmn:SubProcess' && e.triggeredByEvent);
  const nodes = all.filter(
    (e) => e.$type !== 'bpmn:SequenceFlow' && e.$type !== 'bpmn:BoundaryEvent' && !eventSubs.includes(e),
  );
  const boundaries = all.filter((e) => e.$type === 'bpmn:BoundaryEvent');
  const boundaryOf = (host: El) => boundaries.filter((b) => b.attachedToRef?.id === host.id);
  const out = (n: El) => flows.filter((f) => f.sourceRef?.id === n.id);
  const size = new Map<string, { w: number; h: number; block?: Block }>();
  for (const n of nodes) {
    if (n.$type === 'bpmn:SubProcess' && expanded(n)) {
      const block = nested(n);
      size.set(n.id, { w: block.w, h: block.h, block });
    } else {
      const s = sizeOf(n);
      const k = boundaryOf(n).length;
      // A task with several boundary events is drawn wider so each gets its own stretch of edge.
      const w = Math.max(s.w, k > 1 ? k * BOUNDARY_PITCH : s.w, s.h === 80 ? taskWidth(n.name ?? '') : 0);
      size.set(n.id, { w: hints.width?.[n.id] ?? w, h: s.h });
    }
  }

  // Successors: a node's own flows, then its boundary events' flows (host → target for columns).
  const succ = (n: El): { f: El; to: El; boundary?: El }[] => [
    ...out(n).map((f) => ({ f, to: f.targetRef! })),
    ...boundaryOf(n).flatMap((b) => out(b).map((f) => ({ f, to: f.targetRef!, boundary: b }))),
  ];
  const starts = nodes.filter((n) => !flows.some((f) => f.targetRef?.id === n.id));
  const back = new Set<string>();
  const state = new Map<string, number>();
  const dfs = (n: El) => {
    state.set(n.id, 1);
    for (const s of succ(n)) {
      const st = state.get(s.to.id);
      if (st === 1) back.add(s.f.id);
      else if (!st) dfs(s.to);
    }
    state.set(n.id, 2);
  };
  for (const s of starts) if (!state.get(s.id)) dfs(s);
  for (const n of nodes) if (!state.get(n.id)) dfs(n);

  const col = new Map<string, number>();
  const colOf = (n: El): number => {
    if (hints.pos?.[n.id]) return hints.pos[n.id][0];
    if (col.has(n.id)) return col.get(n.id)!;
    col.set(n.id, 0);
    const preds = nodes.flatMap((p) =>
      succ(p)
        .filter((s) => s.to.id === n.id && !back.has(s.f.id))
        .map(() => p),
    );
    const c = preds.length ? Math.max(...preds.map((p) => colOf(p) + 1)) : 0;
    col.set(n.id, c);
    return c;
  };
  for (const n of nodes) colOf(n);

  const row = new Map<string, number>();
  const taken = new Set<string>();
  const key = (c: number, r: number) => `${c},${r}`;
  const free = (c0: number, c1: number, r: number) => {
    for (let c = c0; c <= c1; c++) if (taken.has(key(c, r))) return false;
    return true;
  };
  const take = (c0: number, c1: number, r: number) => {
    for (let c = c0; c <= c1; c++) taken.add(key(c, r));
  };
  for (const n of nodes) if (hints.pos?.[n.id]) take(hints.pos[n.id][0], hints.pos[n.id][0], hints.pos[n.id][1]);
  const place = (n: El, r: number) => {
    row.set(n.id, r);
    const c = colOf(n);
    take(c, c, r);
    const own = succ(n).filter((s) => !s.boundary && !back.has(s.f.id));
    let first = true;
    for (const s of own) {
      if (row.has(s.to.id)) continue;
      if (hints.pos?.[s.to.id]) {
        place(s.to, hints.pos[s.to.id][1]);
        continue;
      }
      let rr = first ? r : r + 1;
      while (!free(c + 1, colOf(s.to), rr)) rr++;
      take(c + 1, colOf(s.to) - 1, rr);
      first = false;
      place(s.to, rr);
    }
    // Boundary targets below the task: the rightmost event's target on the nearest row.
    const bs = succ(n)
      .filter((s) => s.boundary)
      .reverse();
    let last = r;
    for (const s of bs) {
      if (row.has(s.to.id)) continue;
      let rr = hints.pos?.[s.to.id]?.[1] ?? last + 1;
      while (!hints.pos?.[s.to.id] && !free(c + 1, colOf(s.to), rr)) rr++;
      last = rr;
      place(s.to, rr);
    }
    for (let k = r + 1; k <= last; k++) take(c, c, k);
  };
  for (const s of starts) if (!row.has(s.id)) place(s, hints.pos?.[s.id]?.[1] ?? 0);
  for (const n of nodes) if (!row.has(n.id)) place(n, 0);

  const cols = Math.max(0, ...nodes.map((n) => colOf(n))) + 1;
  const rows = Math.max(0, ...nodes.map((n) => row.get(n.id)!)) + 1;
  // A wide expanded subprocess may span several columns, so the rows above and below use them.
  const span = (n: El) => hints.span?.[n.id] ?? 1;
  const colW = Array.from({ length: cols }, (_, c) =>
    Math.max(36, ...nodes.filter((n) => colOf(n) === c && span(n) === 1).map((n) => size.get(n.id)!.w)),
  );
  for (const n of nodes.filter((m) => span(m) > 1)) {
    const c0 = colOf(n);
    const c1 = Math.min(cols - 1, c0 + span(n) - 1);
    let room = 0;
    for (let c = c0; c <= c1; c++) room += colW[c] + (c < c1 ? (hints.gapAfterCol?.[c] ?? GAP_X) : 0);
    if (room < size.get(n.id)!.w) colW[c1] += size.get(n.id)!.w - room;
  }
  // Each row reaches above and below its middle line; an expanded subprocess hangs from its first row.
  const inRow = (r: number) => nodes.filter((n) => row.get(n.id) === r).map((n) => size.get(n.id)!);
  const above = Array.from({ length: rows }, (_, r) =>
    Math.max(40, ...inRow(r).map((s) => s.block?.anchor ?? s.h / 2)),
  );
  const below = Array.from({ length: rows }, (_, r) =>
    Math.max(40, ...inRow(r).map((s) => (s.block ? s.h - s.block.anchor : s.h / 2))),
  );
  const rowH = above.map((a, r) => a + below[r]);
  // A named flow along a row needs room for its label between the gateway and the next step.
  const gapAfter: Record<number, number> = { ...hints.gapAfterCol };
  for (const f of flows) {
    const [a, b] = [f.sourceRef!, f.targetRef!];
    if (!f.name || !row.has(a.id) || row.get(a.id) !== row.get(b.id) || colOf(b) !== colOf(a) + 1) continue;
    const c = colOf(a);
    const loose = (n: El, cw: number) => (span(n) > 1 ? 0 : Math.max(0, (cw - size.get(n.id)!.w) / 2));
    const slack = loose(a, colW[c]) + loose(b, colW[c + 1]);
    gapAfter[c] = Math.max(gapAfter[c] ?? GAP_X, measure(f.name).w + 16 - slack);
  }
  const colX: number[] = [];
  const rowY: number[] = [];
  let acc = PAD.left;
  for (let c = 0; c < cols; c++) {
    colX.push(acc);
    acc += colW[c] + (gapAfter[c] ?? GAP_X);
  }
  let width = acc - GAP_X + PAD.right;
  // Rows stack per column (a skyline): a row only clears what stands in the columns it uses, so the
  // rows right of a tall expanded subprocess need not wait for its bottom.
  const top = hints.padTop ?? PAD.top;
  const sky = new Array<number>(cols).fill(top - GAP_Y);
  for (let r = 0; r < rows; r++) {
    const members = nodes.filter((n) => row.get(n.id) === r);
    const colsOf = (n: El) => Array.from({ length: span(n) }, (_, i) => Math.min(cols - 1, colOf(n) + i));
    const gap = hints.gapAfterRow?.[r - 1] ?? GAP_Y;
    const prev = r ? rowY[r - 1] + above[r - 1] + 40 + gap : top;
    const y = Math.max(prev, ...members.flatMap(colsOf).map((c) => sky[c] + gap));
    rowY.push(y);
    for (const n of members) {
      const sz = size.get(n.id)!;
      const bottom = y + above[r] + (sz.block ? sz.h - sz.block.anchor : sz.h / 2);
      for (const c of colsOf(n)) sky[c] = Math.max(sky[c], bottom);
    }
  }
  let height = Math.max(...sky) + PAD.bottom;
  const box = new Map<string, Box>();
  for (const n of nodes) {
    const { w, h } = size.get(n.id)!;
    const c = colOf(n);
    const r = row.get(n.id)!;
    // Centred on the row's middle line, so flows along a row are straight.
    const x = span(n) > 1 ? colX[c] : colX[c] + (colW[c] - w) / 2;
    const block = size.get(n.id)!.block;
    box.set(n.id, { x, y: rowY[r] + above[r] - (block ? block.anchor : h / 2), w, h });
  }
  const subBlocks = eventSubs.map((s) => ({ s, block: nested(s) }));
  let subY = height;
  for (const { block } of subBlocks) {
    width = Math.max(width, PAD.left + block.w + PAD.right);
    height = subY + block.h + PAD.bottom;
    subY = height;
  }

  return {
    w: width,
    h: height,
    anchor: rowY[0] + above[0],
    emit(dx, dy, placed) {
      const abs = (b: Box): Box => ({ x: b.x + dx, y: b.y + dy, w: b.w, h: b.h });
      for (const n of nodes) {
        const b = abs(box.get(n.id)!);
        const sub = size.get(n.id)!.block;
        placed.shapes.push({ el: n, box: b, expanded: !!sub, midY: sub ? b.y + sub.anchor : undefined });
        if (sub) sub.emit(b.x, b.y, placed);
        const bs = boundaryOf(n);
        bs.forEach((ev, i) => {
          // Spread along the bottom edge, one pitch each, the first nearer the left.
          const step = b.w / bs.length;
          const cx = bs.length === 1 ? b.x + b.w * 0.3 : b.x + step * (i + 0.5);
          placed.shapes.push({ el: ev, box: { x: cx - 18, y: b.y + b.h - 18, w: 36, h: 36 }, host: n });
        });
      }
      let y = dy + (subBlocks.length ? height - subBlocks.reduce((a, s) => a + s.block.h + PAD.bottom, 0) : 0);
      for (const { s, block } of subBlocks) {
        placed.shapes.push({ el: s, box: { x: dx + PAD.left, y, w: block.w, h: block.h }, expanded: true });
        block.emit(dx + PAD.left, y, placed);
        y += block.h + PAD.bottom;
      }
      for (const f of flows) {
        placed.edges.push({
          el: f,
          back: back.has(f.id),
          rowBottom: (p: Point) => {
            // The channel for a flow going back: just below the lowest row it spans.
            const r = rowY.findIndex((yy, i) => p.y - dy >= yy - 1 && p.y - dy <= yy + rowH[i] + 1);
            // Under the row's tasks (not under a tall subprocess in it, which the flow does not pass).
            const low =
              r >= 0
                ? Math.max(
                    40,
                    ...inRow(r)
                      .filter((x) => !x.block)
                      .map((x) => x.h / 2),
                  )
                : 0;
            return dy + (r >= 0 ? rowY[r] + above[r] + low + (hints.gapAfterRow?.[r] ?? GAP_Y) / 2 : p.y + 40);
          },
        });
      }
    },
  };
}
