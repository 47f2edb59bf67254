import { describe, expect, test } from "vitest";
import { frameTransform, graphFrame, MAX_CANVAS_SIDE, pictureSize } from "./frame";

describe("graphFrame", () => {
  test("holds every box, in flow units, with padding around it", () => {
    // The flow's origin at (100, 50) on screen, zoomed 2×: a box at screen (120, 70)–(220, 170)
    // is flow (10, 10)–(60, 60); the other at flow (70, 30)–(80, 90).
    const boxes = [
      { left: 120, top: 70, right: 220, bottom: 170 },
      { left: 240, top: 110, right: 260, bottom: 230 },
    ];
    expect(graphFrame(boxes, { x: 100, y: 50 }, 2, 5)).toEqual({
      x: 5,
      y: 5,
      width: 80,
      height: 90,
    });
  });

  test("is null with nothing drawn, or no zoom", () => {
    expect(graphFrame([], { x: 0, y: 0 }, 1)).toBeNull();
    expect(graphFrame([{ left: 5, top: 5, right: 5, bottom: 5 }], { x: 0, y: 0 }, 1)).toBeNull();
    expect(graphFrame([{ left: 0, top: 0, right: 9, bottom: 9 }], { x: 0, y: 0 }, 0)).toBeNull();
  });
});

describe("pictureSize", () => {
  const frame = { x: -10, y: 20, width: 400.2, height: 300 };

  test("draws at least at the screen's zoom, and at least 1:1", () => {
    expect(pictureSize(frame, 0.5, 2)).toEqual({
      scale: 1,
      width: 401,
      height: 300,
      pixelRatio: 2,
    });
    expect(pictureSize(frame, 1.5, 2)).toEqual({
      scale: 1.5,
      width: 601,
      height: 450,
      pixelRatio: 2,
    });
  });

  test("lowers the pixel ratio of a picture too large for a canvas", () => {
    const huge = { x: 0, y: 0, width: 12000, height: 100 };
    const s = pictureSize(huge, 1, 2);
    expect(s.width * s.pixelRatio).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
    expect(s.pixelRatio).toBeGreaterThan(1);
  });
});

test("frameTransform moves the frame's corner to the origin", () => {
  expect(frameTransform({ x: -10, y: 20, width: 1, height: 1 }, 2)).toBe(
    "translate(20px, -40px) scale(2)",
  );
});
