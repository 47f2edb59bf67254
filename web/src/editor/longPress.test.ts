import { afterEach, expect, test, vi } from "vitest";
import { LONG_PRESS_MS, startPress, stillPressing } from "./longPress";

afterEach(() => vi.useRealTimers());

/** An element inside a node as React Flow draws it (flow id "n:x"), itself matching `own`
 *  (a port, a field); only what `closest` answers matters to a press. */
function inNode(own: string | null = null) {
  return {
    closest: (selector: string) =>
      selector.includes(".react-flow__node-op")
        ? { getAttribute: (name: string) => (name === "data-id" ? "n:x" : null) }
        : own !== null && selector.split(", ").includes(own)
          ? { getAttribute: () => null }
          : null,
  } as unknown as EventTarget;
}
const offNodes = { closest: () => null } as unknown as EventTarget;

const finger = (target: EventTarget, pointerType = "touch") => ({
  pointerType,
  target,
  clientX: 50,
  clientY: 60,
});

test("a finger resting on a node opens its menu after the delay, with the node's flow id", () => {
  vi.useFakeTimers();
  const open = vi.fn();
  const press = startPress(finger(inNode()), open);
  expect(press).not.toBeNull();
  vi.advanceTimersByTime(LONG_PRESS_MS - 1);
  expect(open).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(open).toHaveBeenCalledWith("n:x", 50, 60);
});

test("a press lifted or cancelled in time opens nothing", () => {
  vi.useFakeTimers();
  const open = vi.fn();
  startPress(finger(inNode()), open)!.cancel();
  vi.advanceTimersByTime(LONG_PRESS_MS * 2);
  expect(open).not.toHaveBeenCalled();
});

test("a mouse, a port, a field or a place off the nodes starts no press", () => {
  const open = vi.fn();
  expect(startPress(finger(inNode(), "mouse"), open)).toBeNull();
  expect(startPress(finger(inNode(".react-flow__handle")), open)).toBeNull();
  expect(startPress(finger(inNode("input")), open)).toBeNull();
  expect(startPress(finger(offNodes), open)).toBeNull();
});

test("a finger that wanders past the slop is a drag, not a press", () => {
  expect(stillPressing({ x: 0, y: 0 }, { x: 6, y: 8 })).toBe(true);
  expect(stillPressing({ x: 0, y: 0 }, { x: 9, y: 8 })).toBe(false);
});
