import { describe, expect, test } from "vitest";
import type { BoundaryGrid } from "../engine/protocol";
import { gridPixels, parseColour, strength, toPixel, yRange } from "./draw";

const RED: [number, number, number] = [255, 0, 0];
const BLUE: [number, number, number] = [0, 0, 255];
const WHITE: [number, number, number] = [255, 255, 255];

function grid(labels: number[], confidence: (number | null)[]): BoundaryGrid {
  return { kind: "grid", size: 2, x: [0, 1], y: [0, 1], labels, confidence };
}

describe("gridPixels", () => {
  test("the grid's bottom row is the image's last row", () => {
    // cells: (0,0) bottom-left red certain; (1,1) top-right blue certain; others at chance
    const px = gridPixels(grid([0, 1, 0, 1], [1, 0.5, 0.5, 1]), 2, [RED, BLUE], WHITE);
    const at = (row: number, col: number) =>
      Array.from(px.slice((row * 2 + col) * 4, (row * 2 + col) * 4 + 4));
    expect(at(1, 0)).toEqual([255, 64, 64, 255]); // red at 75% over white
    expect(at(0, 1)).toEqual([64, 64, 255, 255]);
    expect(at(0, 0)).toEqual([255, 255, 255, 255]); // chance: the background
  });

  test("a cell without a number is the background", () => {
    const px = gridPixels(grid([0, 0, 0, 0], [null, 1, 1, 1]), 2, [RED], WHITE);
    expect(Array.from(px.slice(8, 12))).toEqual([255, 255, 255, 255]);
  });

  test("no answer from the model: all background", () => {
    const g: BoundaryGrid = {
      kind: "grid",
      size: 2,
      x: [0, 1],
      y: [0, 1],
      labels: null,
      confidence: null,
    };
    expect(new Set(gridPixels(g, 2, [RED], WHITE))).toEqual(new Set([255]));
  });
});

test("strength: 0 at chance, 1 when certain, for any number of classes", () => {
  expect(strength(0.5, 2)).toBe(0);
  expect(strength(1, 2)).toBe(1);
  expect(strength(1 / 3, 3)).toBeCloseTo(0);
  expect(strength(0.2, 3)).toBe(0);
});

test("toPixel: y grows upwards on the canvas", () => {
  const box = { x: [-1, 1] as [number, number], y: [0, 4] as [number, number] };
  expect(toPixel(-1, 0, box, 200, 100)).toEqual([0, 100]);
  expect(toPixel(1, 4, box, 200, 100)).toEqual([200, 0]);
  expect(toPixel(0, 1, box, 200, 100)).toEqual([100, 75]);
});

test("parseColour reads what getComputedStyle gives", () => {
  expect(parseColour("#f28e2b")).toEqual([242, 142, 43]);
  expect(parseColour("#fff")).toEqual([255, 255, 255]);
  expect(parseColour("rgb(1, 2, 3)")).toEqual([1, 2, 3]);
});

test("yRange pads the finite values", () => {
  expect(yRange([0, 10, Number.NaN])).toEqual([-1, 11]);
  expect(yRange([])).toEqual([-1, 1]);
});
