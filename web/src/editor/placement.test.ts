import { describe, expect, test } from "vitest";
import { freeSpotBeside, freeSpotIn, type Box } from "./placement";

const SIZE = { width: 100, height: 60 };
const VIEW: Box = { x: 0, y: 0, width: 800, height: 600 };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("freeSpotIn", () => {
  test("an empty view puts the node at its centre", () => {
    const [x, y] = freeSpotIn(VIEW, [], SIZE, [400, 300])!;
    expect(Math.abs(x + 50 - 400)).toBeLessThan(20);
    expect(Math.abs(y + 30 - 300)).toBeLessThan(20);
  });

  test("a node at the centre pushes the new one beside it, still inside the view", () => {
    const taken: Box = { x: 300, y: 250, width: 200, height: 100 };
    const [x, y] = freeSpotIn(VIEW, [taken], SIZE, [400, 300])!;
    const placed = { x, y, ...SIZE };
    expect(
      overlaps(placed, { ...taken, x: taken.x - 24, y: taken.y - 24, width: 248, height: 148 }),
    ).toBe(false);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(x + SIZE.width).toBeLessThanOrEqual(800);
    expect(y + SIZE.height).toBeLessThanOrEqual(600);
  });

  test("a full view has no spot, and a view smaller than the node has none either", () => {
    expect(
      freeSpotIn(VIEW, [{ x: -10, y: -10, width: 900, height: 700 }], SIZE, [400, 300]),
    ).toBeNull();
    expect(freeSpotIn({ x: 0, y: 0, width: 50, height: 50 }, [], SIZE, [25, 25])).toBeNull();
  });

  test("nodes far outside the view do not matter", () => {
    expect(
      freeSpotIn(VIEW, [{ x: 5000, y: 5000, width: 100, height: 100 }], SIZE, [400, 300]),
    ).not.toBeNull();
  });
});

test("freeSpotBeside goes right of every node", () => {
  const [x] = freeSpotBeside([{ x: 0, y: 0, width: 300, height: 100 }], [100, 50]);
  expect(x).toBeGreaterThan(300);
});
