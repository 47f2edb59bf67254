// A finger held still on a node opens its menu, as a right-click does with a mouse (iOS
// sends no contextmenu event for a long press; Android's, when it comes, opens the same menu).

/** How long a finger rests before the menu opens, and how far it may wander meanwhile. */
export const LONG_PRESS_MS = 500;
export const LONG_PRESS_SLOP_PX = 10;

export interface Press {
  x: number;
  y: number;
  cancel: () => void;
}

/** Whether a finger that went down at `from` and is now at `to` is still a press. */
export function stillPressing(from: { x: number; y: number }, to: { x: number; y: number }) {
  return Math.hypot(to.x - from.x, to.y - from.y) <= LONG_PRESS_SLOP_PX;
}

// A long press on these does what it does to them (select text, wire a port), not the menu.
const OWN_GESTURE = "input, select, textarea, button, .react-flow__handle";

/** What a press needs of the element under the finger (an Element; less, for the tests). */
interface Target {
  closest(selector: string): { getAttribute(name: string): string | null } | null;
}

/** Starts a press on a node if `e` is a finger on one; `open` gets the node's flow id. */
export function startPress(
  e: { pointerType: string; target: EventTarget | null; clientX: number; clientY: number },
  open: (flowId: string, x: number, y: number) => void,
): Press | null {
  const target = e.target as Partial<Target> | null;
  if (e.pointerType !== "touch" || typeof target?.closest !== "function") return null;
  if (target.closest(OWN_GESTURE)) return null;
  const node = target.closest(".react-flow__node-op");
  const id = node?.getAttribute("data-id");
  if (!id) return null;
  const { clientX: x, clientY: y } = e;
  const timer = setTimeout(() => open(id, x, y), LONG_PRESS_MS);
  return { x, y, cancel: () => clearTimeout(timer) };
}
