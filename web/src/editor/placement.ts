// Where a new node goes: in free space inside what the person is looking at, never on top of
// another node (its handles would hide) and never off-screen (they would not see it arrive).
// Pure geometry over rectangles in flow coordinates, so it is tested without a browser.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function clear(b: Box, others: readonly Box[], gap: number): boolean {
  return others.every(
    (o) =>
      b.x + b.width + gap <= o.x ||
      o.x + o.width + gap <= b.x ||
      b.y + b.height + gap <= o.y ||
      o.y + o.height + gap <= b.y,
  );
}

// Candidates per side of the view: fine enough to find gaps between nodes, few enough that a
// 500-node graph is scanned in a blink.
const STEPS = 48;

/** The top-left corner, nearest to `near`, of a `size` box that lies inside `view` and keeps
 *  `gap` from every obstacle; null when the view has no such room. */
export function freeSpotIn(
  view: Box,
  obstacles: readonly Box[],
  size: { width: number; height: number },
  near: [number, number],
  gap = 24,
): [number, number] | null {
  const spanX = view.width - size.width;
  const spanY = view.height - size.height;
  if (spanX < 0 || spanY < 0) return null;
  // Only the obstacles that reach into the view matter.
  const inView = obstacles.filter(
    (o) =>
      o.x < view.x + view.width + gap &&
      o.x + o.width + gap > view.x &&
      o.y < view.y + view.height + gap &&
      o.y + o.height + gap > view.y,
  );
  const step = Math.max(8, Math.max(spanX, spanY) / STEPS);
  let best: [number, number] | null = null;
  let bestD = Infinity;
  for (let y = view.y; y <= view.y + spanY + 1e-9; y += step)
    for (let x = view.x; x <= view.x + spanX + 1e-9; x += step) {
      const dx = x + size.width / 2 - near[0];
      const dy = y + size.height / 2 - near[1];
      const d = dx * dx + dy * dy;
      if (d < bestD && clear({ x, y, ...size }, inView, gap)) {
        best = [x, y];
        bestD = d;
      }
    }
  return best;
}

/** Somewhere free outside everything (right of all nodes, level with `near`), for a view with
 *  no room left: the caller then brings that spot into view. */
export function freeSpotBeside(
  obstacles: readonly Box[],
  near: [number, number],
  gap = 24,
): [number, number] {
  const right = Math.max(...obstacles.map((o) => o.x + o.width), near[0]);
  return [right + gap * 2, near[1]];
}
