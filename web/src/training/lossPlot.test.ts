import { describe, expect, test } from "vitest";
import { compact, lossData } from "./lossPlot";

describe("compact", () => {
  test("short text for ticks and the caption", () => {
    expect([100, 30, 1, 0.125, 0.5, 12, -3.2].map(compact)).toEqual([
      "100",
      "30",
      "1",
      "0.125",
      "0.5",
      "12",
      "-3.2",
    ]);
  });
  test("tiny and huge numbers in exponent form, without a trailing .0", () => {
    expect([9.04e-13, 1e-10, 0.0012, 2.5e4, 1e5].map(compact)).toEqual([
      "9e-13",
      "1e-10",
      "0.0012",
      "2.5e+4",
      "1e+5",
    ]);
  });
  test("zero and non-finite", () => {
    expect([0, Number.NaN, Infinity].map(compact)).toEqual(["0", "NaN", "Infinity"]);
  });
});

describe("lossData", () => {
  test("steps count from 1; what an axis cannot show is a gap", () => {
    const losses = [4, Number.NaN, 0, 1];
    expect(lossData(losses, false)).toEqual([
      [1, 2, 3, 4],
      [4, null, 0, 1],
    ]);
    expect(lossData(losses, true)).toEqual([
      [1, 2, 3, 4],
      [4, null, null, 1],
    ]);
  });
});
