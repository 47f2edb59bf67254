import { describe, expect, test } from "vitest";
import { layoutNodes } from "./layout";

const OPTIONS = { rankdir: "LR", nodesep: 30, ranksep: 60, margin: 20 } as const;
const size = (width: number, height: number) => ({ width, height });

function overlap(
  a: [number, number],
  sa: { width: number; height: number },
  b: [number, number],
  sb: { width: number; height: number },
) {
  return (
    a[0] < b[0] + sb.width &&
    b[0] < a[0] + sa.width &&
    a[1] < b[1] + sb.height &&
    b[1] < a[1] + sa.height
  );
}

describe("layoutNodes", () => {
  test("places inputs left of what they feed, corners inside the drawing, no overlaps", () => {
    // Any string is an id, those of Object.prototype included: the layout sees indices only.
    const ids = ["__proto__", "constructor", "y"];
    const sizes = [size(100, 40), size(120, 60), size(80, 30)];
    const placed = layoutNodes(
      ids,
      sizes,
      [
        ["__proto__", "y"],
        ["constructor", "y"],
      ],
      OPTIONS,
    );
    const [a, b, y] = placed.corners;
    expect(a![0] + sizes[0]!.width).toBeLessThan(y![0]);
    expect(b![0] + sizes[1]!.width).toBeLessThan(y![0]);
    expect(overlap(a!, sizes[0]!, b!, sizes[1]!)).toBe(false);
    placed.corners.forEach(([x, top], i) => {
      expect(x).toBeGreaterThanOrEqual(OPTIONS.margin);
      expect(top).toBeGreaterThanOrEqual(OPTIONS.margin);
      expect(x + sizes[i]!.width).toBeLessThanOrEqual(placed.width);
      expect(top + sizes[i]!.height).toBeLessThanOrEqual(placed.height);
    });
  });

  test("leaves out wires to unknown ids and to the node itself", () => {
    const sizes = [size(100, 40), size(100, 40)];
    const alone = layoutNodes(["a", "b"], sizes, [], OPTIONS);
    const wired = layoutNodes(
      ["a", "b"],
      sizes,
      [
        ["a", "a"],
        ["ghost", "b"],
        ["b", "ghost"],
      ],
      OPTIONS,
    );
    expect(wired).toEqual(alone);
  });

  test("stacks ranks downwards top to bottom", () => {
    const sizes = [size(100, 40), size(100, 40)];
    const { corners } = layoutNodes(["a", "b"], sizes, [["a", "b"]], { ...OPTIONS, rankdir: "TB" });
    expect(corners[0]![1] + 40).toBeLessThan(corners[1]![1]);
  });

  test("large graphs (past dagre's bounds) get the same kind of answer", () => {
    const n = 400;
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const sizes = ids.map(() => size(200, 100));
    const wires = ids.slice(1).map((id, i) => [ids[i]!, id] as const);
    const { corners, width } = layoutNodes(ids, sizes, wires, OPTIONS);
    for (let i = 1; i < n; i++) expect(corners[i - 1]![0]).toBeLessThan(corners[i]![0]);
    expect(width).toBeGreaterThanOrEqual(corners[n - 1]![0] + 200);
  });
});
