// External labels (events, gateways, named flows) placed where nothing else is drawn: each label
// tries a designer's usual spots in order (under an event, over a gateway, beside a boundary event's
// flow, along a flow's first stretch) and takes the first that touches no shape, no flow and no other
// label. Sizes follow bpmn-js: 11px text wrapped at 90px, centred on the label.
import type { Box, Placed, Point } from './types.js';

const WRAP = 90;
const LINE = 14;

function charWidth(ch: string): number {
  if (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch)) return 11.5;
  if (/[A-Z]/.test(ch)) return 7.6;
  if (/[mw]/.test(ch)) return 9;
  if (/[ilj.,:;!'|]/.test(ch)) return 3.2;
  if (/[ \-/()?]/.test(ch)) return 3.8;
  return 6.4;
}

/** Wraps like bpmn-js: on spaces, breaking a word too long for a line. */
export function measure(text: string, wrap = WRAP, scale = 1): { w: number; h: number; lines: number } {
  const widthOf = (t: string) => [...t].reduce((a, c) => a + charWidth(c), 0) * scale;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (widthOf(next) <= wrap) line = next;
    else {
      if (line) lines.push(line);
      let rest = word;
      while (widthOf(rest) > wrap) {
        let cut = rest.length;
        while (cut > 1 && widthOf(rest.slice(0, cut)) > wrap) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
  }
  if (line) lines.push(line);
  return { w: Math.ceil(Math.max(...lines.map(widthOf)) + 4), h: lines.length * LINE + 2, lines: lines.length };
}

const hit = (a: Box, b: Box, m = 2) =>
  a.x < b.x + b.w + m && b.x < a.x + a.w + m && a.y < b.y + b.h + m && b.y < a.y + a.h + m;

function segHits(p: Point, q: Point, b: Box): boolean {
  const seg = { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), w: Math.abs(p.x - q.x), h: Math.abs(p.y - q.y) };
  return hit(seg, b, 3);
}

export function placeLabels(placed: Placed): void {
  const labels: Box[] = [];
  const blocked = (b: Box, withEdges: boolean) =>
    placed.shapes.some((s) => !s.expanded && hit(s.box, b)) ||
    placed.shapes.some(
      (s) =>
        s.expanded &&
        (hit({ ...s.box, h: 1 }, b) ||
          hit({ ...s.box, w: 1 }, b) ||
          hit({ ...s.box, y: s.box.y + s.box.h, h: 1 }, b) ||
          hit({ ...s.box, x: s.box.x + s.box.w, w: 1 }, b)),
    ) ||
    labels.some((l) => hit(l, b, 4)) ||
    (withEdges && placed.edges.some((e) => (e.points ?? []).some((p, i, a) => i > 0 && segHits(a[i - 1], p, b))));
  const choose = (cands: Box[]): Box => {
    const pick = cands.find((c) => !blocked(c, true)) ?? cands.find((c) => !blocked(c, false)) ?? cands[0];
    labels.push(pick);
    return pick;
  };
  const round = (b: Box): Box => ({ x: Math.round(b.x), y: Math.round(b.y), w: b.w, h: b.h });

  for (const s of placed.shapes) {
    const type = s.el.$type;
    if (!s.el.name || !(/Event$/.test(type) || /Gateway$/.test(type)) || type === 'bpmn:SubProcess') continue;
    const { w, h } = measure(s.el.name);
    const b = s.box;
    const mx = b.x + b.w / 2;
    const c: Box[] = [];
    if (s.host) {
      // Beside its own flow, as close under the event as the neighbouring flows allow.
      for (let dy = 3; dy < 260; dy += 6)
        c.push({ x: mx + 6, y: b.y + b.h + dy, w, h }, { x: mx - 6 - w, y: b.y + b.h + dy, w, h });
    } else if (/Gateway$/.test(type)) {
      c.push({ x: mx - w / 2, y: b.y - h - 4, w, h }, { x: mx - w / 2, y: b.y + b.h + 4, w, h });
      c.push({ x: b.x - w + 8, y: b.y - h - 2, w, h }, { x: b.x + b.w - 8, y: b.y - h - 2, w, h });
      c.push({ x: b.x - w + 8, y: b.y + b.h + 2, w, h }, { x: b.x + b.w - 8, y: b.y + b.h + 2, w, h });
      for (let d = 8; d < 80; d += 8) c.push({ x: mx - w / 2, y: b.y - h - 4 - d, w, h });
    } else {
      c.push({ x: mx - w / 2, y: b.y + b.h + 4, w, h }, { x: mx - w / 2, y: b.y - h - 4, w, h });
      c.push({ x: b.x + b.w + 4, y: b.y + b.h - 4, w, h }, { x: b.x - w - 4, y: b.y + b.h - 4, w, h });
      for (let d = 8; d < 80; d += 8) c.push({ x: mx - w / 2, y: b.y + b.h + 4 + d, w, h });
    }
    s.label = round(choose(c));
  }
  for (const e of placed.edges) {
    if (!e.el.name || !e.points) continue;
    const { w, h } = measure(e.el.name);
    const c: Box[] = [];
    const pts = e.points;
    // A split's flows share the trunk leaving the gateway: label each where it turns off on its own.
    const order = [...pts.keys()].slice(1);
    if (pts.length > 2 && pts[0].x === pts[1].x) order.push(order.shift()!);
    for (const i of order) {
      const [p, q] = [pts[i - 1], pts[i]];
      const len = Math.hypot(q.x - p.x, q.y - p.y);
      for (let d = 6; d < Math.max(len - 10, 7); d += 8) {
        if (p.y === q.y) {
          const x = q.x > p.x ? p.x + d : p.x - d - w;
          for (const up of [0, 12, 24]) c.push({ x, y: p.y - h - 3 - up, w, h }, { x, y: p.y + 3 + up, w, h });
        } else {
          const y = q.y > p.y ? p.y + d : p.y - d - h;
          c.push({ x: p.x + 5, y, w, h }, { x: p.x - 5 - w, y, w, h });
        }
      }
    }
    e.label = round(choose(c));
  }
}
