import { describe, expect, test } from "vitest";
import { edgeId } from "../document/graph";
import { EXAMPLE_DOC } from "../document/types";
import type { NodeResult, TraceEdge, TraceStep } from "../engine/protocol";
import { arrivals, formulaNames, stepView, withNames } from "./view";

// y = two * d, d = dot(x, x) (EXAMPLE_DOC): the trace the engine sends for y.backward().
function edge(input: string, rule: string, to: string, toGradFn: string, grad: string): TraceEdge {
  return { input, rule, to, to_grad_fn: toGradFn, grad, total: grad };
}
const TRACE: TraceStep[] = [
  {
    grad_fn: "MulBackward0",
    node: "y",
    grad: "tensor(1.)",
    edges: [edge("other", "grad * self", "d", "DotBackward0", "tensor(2.)")],
  },
  {
    grad_fn: "DotBackward0",
    node: "d",
    grad: "tensor(2.)",
    edges: [
      edge("self", "grad * tensor", "x", "AccumulateGrad", "tensor([0., 2., 4., 6.])"),
      edge("tensor", "grad * self", "x", "AccumulateGrad", "tensor([0., 2., 4., 6.])"),
    ],
  },
  {
    grad_fn: "AccumulateGrad",
    node: "x",
    grad: "tensor([ 0.,  4.,  8., 12.])",
    edges: [],
    leaf_grad: "tensor([ 0.,  4.,  8., 12.])",
  },
];

function result(gradFn: string | null): NodeResult {
  return {
    value: null,
    shape: null,
    dtype: null,
    requires_grad: true,
    is_leaf: gradFn === null,
    grad_fn: gradFn,
    has_grad: null,
    grad: null,
    error: null,
  };
}
const RESULTS = new Map<string, NodeResult>([
  ["x", result(null)],
  ["two", result(null)],
  ["d", result("DotBackward0")],
  ["y", result("MulBackward0")],
]);

describe("rules in the graph's own names", () => {
  test("dot's inputs are called self and tensor; here both are x", () => {
    const names = formulaNames(EXAMPLE_DOC, "d", RESULTS, "DotBackward0");
    expect(Object.fromEntries(names)).toEqual({ self: "x", tensor: "x", result: "d" });
    expect(withNames("grad * tensor", names)).toBe("grad * x");
  });

  test("labels win over ids, and the first input is also `self`", () => {
    const names = formulaNames(EXAMPLE_DOC, "y", RESULTS, "MulBackward0");
    expect(Object.fromEntries(names)).toEqual({ self: "two", other: "d", result: "y" });
  });

  test("a helper node of an op (another grad_fn) keeps its rule as written", () => {
    expect(formulaNames(EXAMPLE_DOC, "d", RESULTS, "UnsqueezeBackward0").size).toBe(0);
    expect(withNames("grad * self", new Map())).toBe("grad * self");
  });

  test("only whole words are renamed", () => {
    const names = new Map([["self", "x"]]);
    expect(withNames("grad * self + self_2 * myself", names)).toBe("grad * x + self_2 * myself");
  });
});

describe("stepView", () => {
  test("x receives two gradients from dot: one along each wire, numbered 1 and 2 of 2", () => {
    expect(arrivals(TRACE).get("x|AccumulateGrad")).toBe(2);
    const view = stepView(EXAMPLE_DOC, RESULTS, TRACE, 1)!;
    expect(view.step.grad_fn).toBe("DotBackward0");
    expect([...view.edges.keys()]).toEqual([edgeId("x", "d", 0), edgeId("x", "d", 1)]);
    expect(view.all.map((l) => [l.rule, l.part, l.parts, l.toLabel])).toEqual([
      ["grad * x", 1, 2, "x"],
      ["grad * x", 2, 2, "x"],
    ]);
    expect([...view.targets]).toEqual(["x"]);
    expect(view.internal).toEqual([]);
  });

  test("mul's gradient goes along its second wire, from d", () => {
    const view = stepView(EXAMPLE_DOC, RESULTS, TRACE, 0)!;
    expect([...view.edges.keys()]).toEqual([edgeId("d", "y", 1)]);
    expect(view.edges.get(edgeId("d", "y", 1))?.rule).toBe("grad * two");
  });

  test("an edge with no wire on the canvas is internal", () => {
    const trace: TraceStep[] = [
      {
        grad_fn: "MulBackward0",
        node: "y",
        grad: "tensor(1.)",
        edges: [edge("self", "grad * other", "nowhere", "SumBackward0", "tensor(1.)")],
      },
    ];
    const view = stepView(EXAMPLE_DOC, RESULTS, trace, 0)!;
    expect(view.edges.size).toBe(0);
    expect(view.internal.map((l) => l.toLabel)).toEqual(["nowhere"]);
  });

  test("the leaf's step has nothing flowing; past the end there is no step", () => {
    const view = stepView(EXAMPLE_DOC, RESULTS, TRACE, 2)!;
    expect(view.all).toEqual([]);
    expect(stepView(EXAMPLE_DOC, RESULTS, TRACE, 3)).toBeNull();
  });
});
