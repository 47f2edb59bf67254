import { beforeEach, describe, expect, test } from "vitest";
import { addGradNorms, chartedLeaves, clearGradNorms, normData, useGradNorms } from "./gradNorms";
import type { GraphDoc } from "../document/types";

const DOC: GraphDoc = {
  version: 2,
  nodes: [
    { id: "x", op: "tensor" },
    { id: "W1", op: "parameter", params: { role: "weight" } },
    { id: "b1", op: "parameter", params: { role: "bias" } },
    { id: "W2", op: "parameter" },
  ],
};

describe("grad norms", () => {
  beforeEach(clearGradNorms);

  test("chunks add up, a nan or inf grad (null) is kept as NaN", () => {
    addGradNorms({ W1: [1, 0.5] });
    addGradNorms({ W1: [null, 0.25] });
    expect(useGradNorms.getState().norms.W1).toEqual([1, 0.5, Number.NaN, 0.25]);
  });

  test("weights only when the graph has parameter weights (the default role is weight)", () => {
    expect(chartedLeaves(DOC, { W1: [1], b1: [1], W2: [1] })).toEqual(["W1", "W2"]);
    expect(chartedLeaves(DOC, { x: [1] })).toEqual(["x"]);
  });

  test("a log axis gets gaps for zero and nan", () => {
    expect(normData({ a: [2, 0, Number.NaN], b: [1] }, ["a", "b"])).toEqual([
      [1, 2, 3],
      [2, null, null],
      [1, null, null],
    ]);
  });
});
