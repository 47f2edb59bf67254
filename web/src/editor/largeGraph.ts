// Large graphs on the canvas. React Flow draws every node it has not measured yet, even
// off-screen ones, so a 2,000-node link held the main thread for about a second twice over.
// The canvas gives it the nodes a slice per frame and, above LARGE_GRAPH_NODES, draws only
// the nodes on screen and the wires near it; fitting the view then uses the document's own
// positions.
import { useEffect, useState } from "react";
import type { GraphDoc } from "../document/types";

export const LARGE_GRAPH_NODES = 300;
/** New nodes handed to React Flow per animation frame: about 80 ms of drawing and measuring. */
const REVEAL_CHUNK = 80;
/** A node's size before React Flow has measured it (a typical node with its value shown). */
export const GUESSED_SIZE = { width: 320, height: 200 };

/** How many of the document's first `count` nodes to give React Flow now: all of them once
 *  a large graph has arrived slice by slice, one frame per slice. */
export function useRevealed(count: number): number {
  const [revealed, setRevealed] = useState(REVEAL_CHUNK);
  // A much smaller graph starts the slicing over, so the next large one arrives in slices too.
  if (count + REVEAL_CHUNK < revealed) setRevealed(Math.max(count, REVEAL_CHUNK));
  useEffect(() => {
    if (revealed >= count) return;
    const frame = requestAnimationFrame(() => setRevealed((r) => r + REVEAL_CHUNK));
    return () => cancelAnimationFrame(frame);
  }, [revealed, count]);
  return Math.min(revealed, count);
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Ids of the nodes whose boxes meet `view` grown by its own size on every side. A large
 *  graph draws only wires that touch one of them: a hub's hundreds of long wires crossing
 *  the screen cost React Flow hundreds of milliseconds on every update. */
export function nodesNear(
  doc: GraphDoc,
  view: Rect,
  sizeOf: (id: string) => { width: number; height: number } | undefined,
): Set<string> {
  const [x0, y0] = [view.x - view.width, view.y - view.height];
  const [x1, y1] = [view.x + 2 * view.width, view.y + 2 * view.height];
  const near = new Set<string>();
  for (const n of doc.nodes) {
    const [x, y] = n.pos ?? [0, 0];
    const s = sizeOf(n.id) ?? GUESSED_SIZE;
    if (x <= x1 && x + s.width >= x0 && y <= y1 && y + s.height >= y0) near.add(n.id);
  }
  return near;
}

/** The rectangle the document's nodes cover, from their positions and sizes. */
export function docBounds(
  doc: GraphDoc,
  sizeOf: (id: string) => { width: number; height: number } | undefined,
): Rect {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of doc.nodes) {
    const [x, y] = n.pos ?? [0, 0];
    const s = sizeOf(n.id) ?? GUESSED_SIZE;
    [x0, y0] = [Math.min(x0, x), Math.min(y0, y)];
    [x1, y1] = [Math.max(x1, x + s.width), Math.max(y1, y + s.height)];
  }
  if (x0 > x1) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
