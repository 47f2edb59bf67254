import { describe, expect, test } from "vitest";
import { comfortableViewport, FIT_MAX_ZOOM, FIT_PADDING_PX } from "./fit";
import { FULL_MIN_ZOOM } from "./lod";

const VIEW = { width: 1000, height: 600 };

describe("comfortableViewport", () => {
  test("a small graph is centred, zoomed in no further than the cap", () => {
    const v = comfortableViewport({ x: 0, y: 0, width: 200, height: 100 }, VIEW);
    expect(v.zoom).toBe(FIT_MAX_ZOOM);
    expect(v.x + 100 * v.zoom).toBeCloseTo(VIEW.width / 2);
    expect(v.y + 50 * v.zoom).toBeCloseTo(VIEW.height / 2);
  });

  test("a graph that fits at a readable zoom is shown whole", () => {
    const v = comfortableViewport({ x: 100, y: 50, width: 1000, height: 500 }, VIEW);
    expect(v.zoom).toBeGreaterThanOrEqual(FULL_MIN_ZOOM);
    expect(v.x + 100 * v.zoom).toBeGreaterThanOrEqual(FIT_PADDING_PX - 1e-9);
    expect(v.x + 1100 * v.zoom).toBeLessThanOrEqual(VIEW.width - FIT_PADDING_PX + 1e-9);
  });

  test("a large graph stays readable and starts at its top left", () => {
    const v = comfortableViewport({ x: -40, y: -200, width: 5500, height: 800 }, VIEW);
    expect(v.zoom).toBe(FULL_MIN_ZOOM);
    expect(v.x - 40 * v.zoom).toBeCloseTo(FIT_PADDING_PX);
    expect(v.y - 200 * v.zoom).toBeCloseTo(FIT_PADDING_PX);
  });

  test("a lower least zoom fits everything (Fit view)", () => {
    const v = comfortableViewport({ x: 0, y: 0, width: 5500, height: 800 }, VIEW, 0.1);
    expect(5500 * v.zoom).toBeCloseTo(VIEW.width - 2 * FIT_PADDING_PX);
  });
});
