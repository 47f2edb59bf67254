import { describe, expect, test } from "vitest";
import {
  detailAt,
  FULL_MIN_ZOOM,
  gradSize,
  NODE_FONT_PX,
  OVERVIEW_FONT_PX,
  OVERVIEW_MIN_ZOOM,
  READABLE_PX,
} from "./lod";

describe("detailAt", () => {
  test("every level's smallest text stays readable at the zooms it is used at", () => {
    expect(NODE_FONT_PX * FULL_MIN_ZOOM).toBeGreaterThanOrEqual(READABLE_PX - 1e-9);
    expect(OVERVIEW_FONT_PX * OVERVIEW_MIN_ZOOM).toBeGreaterThanOrEqual(READABLE_PX - 1e-9);
    expect(detailAt(1)).toBe("full");
    expect(detailAt(FULL_MIN_ZOOM)).toBe("full");
    expect(detailAt(FULL_MIN_ZOOM - 0.01)).toBe("overview");
    expect(detailAt(OVERVIEW_MIN_ZOOM)).toBe("overview");
    expect(detailAt(OVERVIEW_MIN_ZOOM - 0.01)).toBe("box");
    expect(detailAt(0.15)).toBe("box");
  });
});

describe("gradSize", () => {
  test("orders gradients by their size on a log scale", () => {
    expect(gradSize(null)).toBeNull();
    expect(gradSize([0, 0])).toEqual({ level: 0, rms: 0 });
    const small = gradSize([0.001, -0.001])!.level;
    const one = gradSize([[1, -1]])!.level;
    const big = gradSize([300])!.level;
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(one);
    expect(one).toBeCloseTo(0.6);
    expect(big).toBe(1);
    expect(gradSize(["nan", 1])!.level).toBe(1);
  });
});
