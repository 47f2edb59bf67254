// Where a wire's delete button sits: beside the wire's middle, not on it. A button on the
// middle appeared under the pointer of anyone who hovered the wire there and then clicked to
// select it, and that click deleted the wire.

/** Button centre to wire, in screen pixels: the button's radius (11), the wire's hit
 *  half-width (8, WireEdge's interactionWidth / 2) and a few pixels between. */
export const BUTTON_GAP_PX = 22;

/** The point `gap` (flow units) off the middle of React Flow's bezier `path`
 *  (`M x0,y0 C x1,y1 x2,y2 x3,y3`), square to the wire, on its upper side (its left,
 *  for a wire going straight down or up). Null for a path of another shape. */
export function besideMiddle(path: string, gap: number): [number, number] | null {
  const n = path.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)?.map(Number);
  if (!n || n.length !== 8) return null;
  const [x0, y0, x1, y1, x2, y2, x3, y3] = n as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const mx = (x0 + 3 * x1 + 3 * x2 + x3) / 8;
  const my = (y0 + 3 * y1 + 3 * y2 + y3) / 8;
  // The curve's direction at its middle, up to a factor: B'(1/2) = 3/4 (P3 + P2 - P1 - P0).
  const tx = x3 + x2 - x1 - x0;
  const ty = y3 + y2 - y1 - y0;
  const len = Math.hypot(tx, ty);
  if (len === 0) return [mx, my - gap];
  let nx = -ty / len;
  let ny = tx / len;
  if (ny > 0 || (ny === 0 && nx > 0)) [nx, ny] = [-nx, -ny];
  return [mx + nx * gap, my + ny * gap];
}
