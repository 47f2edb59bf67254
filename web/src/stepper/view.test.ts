import { describe, expect, test } from "vitest";
import { edgeId } from "../document/graph";
import { EXAMPLE_DOC } from "../document/types";
import type { TraceEdge, TraceStep } from "../engine/protocol";
import { arrivals, leafGradsAt, printsZeros, stepView, unzeroedLeaves } from "./view";

// y = two * d, d = dot(x, x) (EXAMPLE_DOC): the trace the engine sends for y.backward().
// `rule_named` is the engine's (py_engine/playground/trace.py); the page shows it as sent.
function edge(
  input: string,
  [rule, ruleNamed]: [string, string],
  to: string,
  toGradFn: string,
  grad: string,
): TraceEdge {
  return {
    input,
    rule,
    rule_named: ruleNamed,
    math: null,
    to,
    to_grad_fn: toGradFn,
    grad,
    total: grad,
  };
}
const TRACE: TraceStep[] = [
  {
    grad_fn: "MulBackward0",
    node: "y",
    grad: "tensor(1.)",
    edges: [edge("other", ["grad * self", "grad * two"], "d", "DotBackward0", "tensor(2.)")],
  },
  {
    grad_fn: "DotBackward0",
    node: "d",
    grad: "tensor(2.)",
    edges: [
      edge(
        "self",
        ["grad * tensor", "grad * x"],
        "x",
        "AccumulateGrad",
        "tensor([0., 2., 4., 6.])",
      ),
      edge(
        "tensor",
        ["grad * self", "grad * x"],
        "x",
        "AccumulateGrad",
        "tensor([0., 2., 4., 6.])",
      ),
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

describe("rules", () => {
  test("each flow shows the engine's rule in the graph's names, not the formula's", () => {
    const view = stepView(EXAMPLE_DOC, TRACE, 1)!;
    expect(view.all.map((l) => [l.edge.rule, l.rule])).toEqual([
      ["grad * tensor", "grad * x"],
      ["grad * self", "grad * x"],
    ]);
  });
});

describe("stepView", () => {
  test("x receives two gradients from dot: one along each wire, numbered 1 and 2 of 2", () => {
    expect(arrivals(TRACE).get("x|AccumulateGrad")).toBe(2);
    const view = stepView(EXAMPLE_DOC, TRACE, 1)!;
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
    const view = stepView(EXAMPLE_DOC, TRACE, 0)!;
    expect([...view.edges.keys()]).toEqual([edgeId("d", "y", 1)]);
    expect(view.edges.get(edgeId("d", "y", 1))?.rule).toBe("grad * two");
  });

  test("an edge with no wire on the canvas is internal", () => {
    const trace: TraceStep[] = [
      {
        grad_fn: "MulBackward0",
        node: "y",
        grad: "tensor(1.)",
        edges: [
          edge("self", ["grad * other", "grad * other"], "nowhere", "SumBackward0", "tensor(1.)"),
        ],
      },
    ];
    const view = stepView(EXAMPLE_DOC, trace, 0)!;
    expect(view.edges.size).toBe(0);
    expect(view.internal.map((l) => l.toLabel)).toEqual(["nowhere"]);
  });

  test("the leaf's step has nothing flowing; past the end there is no step", () => {
    const view = stepView(EXAMPLE_DOC, TRACE, 2)!;
    expect(view.all).toEqual([]);
    expect(stepView(EXAMPLE_DOC, TRACE, 3)).toBeNull();
  });
});

describe("leaf grads so far", () => {
  const zeroed = TRACE.map((s) =>
    s.grad_fn === "AccumulateGrad" ? { ...s, leaf_grad_before: "tensor([0., 0., 0., 0.])" } : s,
  );

  test("after Zero grad, x.grad is zeros until its AccumulateGrad step, then the sum", () => {
    expect(leafGradsAt(zeroed, 0).get("x")).toEqual({
      grad: "tensor([0., 0., 0., 0.])",
      before: "tensor([0., 0., 0., 0.])",
      arrived: false,
    });
    expect(leafGradsAt(zeroed, 1).get("x")?.arrived).toBe(false);
    expect(leafGradsAt(zeroed, 2).get("x")?.grad).toBe("tensor([ 0.,  4.,  8., 12.])");
    expect(unzeroedLeaves(leafGradsAt(zeroed, 0))).toEqual([]);
  });

  test("a fresh leaf is None until its step; an unzeroed one starts from its old grad", () => {
    expect(leafGradsAt(TRACE, 1).get("x")?.grad).toBeNull();
    const old = TRACE.map((s) =>
      s.grad_fn === "AccumulateGrad" ? { ...s, leaf_grad_before: "tensor([0., 1., 2., 3.])" } : s,
    );
    expect(leafGradsAt(old, 0).get("x")?.grad).toBe("tensor([0., 1., 2., 3.])");
    expect(unzeroedLeaves(leafGradsAt(old, 0))).toEqual([
      { id: "x", before: "tensor([0., 1., 2., 3.])" },
    ]);
  });

  test("printsZeros reads the numbers only, not the dtype", () => {
    expect(printsZeros("tensor([[0., -0.],\n        [0., 0.]], dtype=torch.float64)")).toBe(true);
    expect(printsZeros("tensor(0.)")).toBe(true);
    expect(printsZeros("tensor([0.0000e+00, 1.0000e-05])")).toBe(false);
    expect(printsZeros("tensor([nan, 0.])")).toBe(false);
  });
});
