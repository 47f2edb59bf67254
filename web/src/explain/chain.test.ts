// The traces are the engine's own (Session().handle({"action": "explain", ...}) on the graphs
// named), copied here so the chain rule can be checked without Pyodide.
import { describe, expect, it } from "vitest";
import type { TraceStep } from "../engine/protocol";
import { adjoint, explain, explainStep, latexLabel } from "./chain";
import { stepWords } from "./stepWords";

const edge = (
  input: string,
  math: string,
  to: string,
  toGradFn: string,
  grad: string,
  total: string,
) => ({
  input,
  rule: "",
  rule_named: "",
  math,
  to,
  to_grad_fn: toGradFn,
  grad,
  total,
});

// y = two * dot(x, x), x = [0, 1, 2, 3]
const TWO_DOT: TraceStep[] = [
  {
    grad_fn: "MulBackward0",
    node: "y",
    grad: "tensor(1.)",
    edges: [
      edge(
        "other",
        "\\bar{d} = \\bar{y} \\odot \\mathrm{two}",
        "d",
        "DotBackward0",
        "tensor(2.)",
        "tensor(2.)",
      ),
    ],
  },
  {
    grad_fn: "DotBackward0",
    node: "d",
    grad: "tensor(2.)",
    edges: [
      edge(
        "self",
        "\\bar{x} = \\bar{d} \\, x",
        "x",
        "AccumulateGrad",
        "tensor([0., 2., 4., 6.])",
        "tensor([0., 2., 4., 6.])",
      ),
      edge(
        "tensor",
        "\\bar{x} = \\bar{d} \\, x",
        "x",
        "AccumulateGrad",
        "tensor([0., 2., 4., 6.])",
        "tensor([ 0.,  4.,  8., 12.])",
      ),
    ],
  },
  {
    grad_fn: "AccumulateGrad",
    node: "x",
    grad: "tensor([ 0.,  4.,  8., 12.])",
    leaf_grad: "tensor([ 0.,  4.,  8., 12.])",
    edges: [],
  },
];

// s = (x + b).sum(), x = [1, 2, 3, 4], b = 0.5 (broadcast)
const BROADCAST: TraceStep[] = [
  {
    grad_fn: "SumBackward0",
    node: "s",
    grad: "tensor(1.)",
    edges: [
      edge(
        "self",
        "\\bar{h} = \\operatorname{expand}(\\bar{s})",
        "h",
        "AddBackward0",
        "tensor([1., 1., 1., 1.])",
        "tensor([1., 1., 1., 1.])",
      ),
    ],
  },
  {
    grad_fn: "AddBackward0",
    node: "h",
    grad: "tensor([1., 1., 1., 1.])",
    edges: [
      edge(
        "self",
        "\\bar{x} = \\bar{h}",
        "x",
        "AccumulateGrad",
        "tensor([1., 1., 1., 1.])",
        "tensor([1., 1., 1., 1.])",
      ),
      edge("other", "\\bar{b} = \\bar{h}", "b", "AccumulateGrad", "tensor(4.)", "tensor(4.)"),
    ],
  },
  {
    grad_fn: "AccumulateGrad",
    node: "x",
    grad: "tensor([1., 1., 1., 1.])",
    leaf_grad: "tensor([1., 1., 1., 1.])",
    edges: [],
  },
  { grad_fn: "AccumulateGrad", node: "b", grad: "tensor(4.)", leaf_grad: "tensor(4.)", edges: [] },
];

const id = (s: string) => s;

describe("explain", () => {
  it("sums the two paths of dot(x, x) into 4x", () => {
    const e = explain(TWO_DOT, "x", id);
    expect(e.paths).toBe(2);
    expect(e.blocks.map((b) => b.title)).toEqual(["MulBackward0 of y", "DotBackward0 of d"]);
    expect(e.blocks[0]!.lines[0]!.tex).toBe("\\bar{d} = \\bar{y} \\odot \\mathrm{two} = 2");
    expect(e.blocks[1]!.lines.map((l) => l.tex)).toEqual([
      "\\bar{x}^{(1)} = \\bar{d} \\, x = [0,\\ 2,\\ 4,\\ 6]",
      "\\bar{x}^{(2)} = \\bar{d} \\, x = [0,\\ 2,\\ 4,\\ 6]",
    ]);
    // too long for one row of the card: one equality per row
    expect(e.result[0]!.tex).toBe(
      "\\begin{aligned} \\bar{x} &= \\bar{x}^{(1)} + \\bar{x}^{(2)} \\\\ &= [0,\\ 2,\\ 4,\\ 6] + [0,\\ 2,\\ 4,\\ 6] \\\\ &= [0,\\ 4,\\ 8,\\ 12] \\end{aligned}",
    );
    expect(e.intro[1]!.tex).toBe("\\bar{y} = \\frac{\\partial y}{\\partial y} = 1");
  });

  it("stops at a non-leaf node and leaves out what does not lead to it", () => {
    const e = explain(TWO_DOT, "d", id);
    expect(e.blocks.map((b) => b.title)).toEqual(["MulBackward0 of y"]);
    expect(e.paths).toBe(1);
    expect(e.result[0]!.tex).toBe("\\bar{d} = 2");
  });

  it("writes the sum over a broadcast dimension", () => {
    const e = explain(BROADCAST, "b", id);
    const line = e.blocks[1]!.lines[0]!;
    expect(line.tex).toBe(
      "\\bar{b} = \\textstyle\\sum_{\\text{broadcast}} \\big(\\bar{h}\\big) = 4",
    );
    expect(line.note).toMatch(/b was broadcast/);
    // x has h's shape: nothing to sum
    expect(explain(BROADCAST, "x", id).blocks[1]!.lines[0]!.tex).toBe(
      "\\bar{x} = \\bar{h} = [1,\\ 1,\\ 1,\\ 1]",
    );
  });
});

describe("latexLabel", () => {
  it("keeps one letter italic and sets longer names upright, escaped", () => {
    expect(latexLabel("x")).toBe("x");
    expect(latexLabel("w_in")).toBe("\\mathrm{w\\_in}");
  });
  it("puts a bar over the whole of a longer name", () => {
    expect(adjoint("x")).toBe("\\bar{x}");
    expect(adjoint("\\mathrm{act}")).toBe("\\overline{\\mathrm{act}}");
  });
});

describe("explainStep: the numbers as they stand at one step of the walk", () => {
  const label = (id: string) => id;
  // The same pass after an earlier Backward that was not zeroed: x.grad held 4x before it.
  const UNZEROED: TraceStep[] = TWO_DOT.map((s) =>
    s.grad_fn === "AccumulateGrad"
      ? {
          ...s,
          leaf_grad_before: "tensor([ 0.,  4.,  8., 12.])",
          leaf_grad: "tensor([ 0.,  8., 16., 24.])",
        }
      : s,
  );

  it("at dot's step: the chain down to d, then the two parts it sends, and x.grad not yet", () => {
    const ex = explainStep(UNZEROED, 1, label, stepWords());
    expect(ex.blocks.map((b) => b.title)).toEqual(["MulBackward0 of y"]);
    expect(ex.result.map((l) => l.tex)).toEqual(["\\bar{d} = 2"]);
    const sent = ex.sent!.lines.map((l) => l.tex);
    expect(sent).toEqual([
      "\\bar{x}^{(1)} = \\bar{d} \\, x = [0,\\ 2,\\ 4,\\ 6]",
      "\\bar{x} = [0,\\ 2,\\ 4,\\ 6]",
      "\\bar{x}^{(2)} = \\bar{d} \\, x = [0,\\ 2,\\ 4,\\ 6]",
      "\\bar{x} = [0,\\ 4,\\ 8,\\ 12]",
      // what x.grad holds at this step: the old 4x, not the pass's final 8x
      "x.\\mathrm{grad} = [0,\\ 4,\\ 8,\\ 12]",
    ]);
    expect(ex.sent!.lines[1]!.note).toBe("x's gradient summed so far (1 more to come)");
    expect(ex.sent!.lines[3]!.note).toBe("x's gradient: every part has arrived");
  });

  it("at x's AccumulateGrad: both paths summed, then x.grad = old + this pass", () => {
    const ex = explainStep(UNZEROED, 2, label, stepWords());
    expect(ex.paths).toBe(2);
    expect(ex.sent!.lines.map((l) => l.tex)).toEqual([
      "\\begin{aligned} x.\\mathrm{grad} &= [0,\\ 4,\\ 8,\\ 12] + [0,\\ 4,\\ 8,\\ 12] \\\\ " +
        "&= [0,\\ 8,\\ 16,\\ 24] \\end{aligned}",
    ]);
    expect(ex.sent!.lines[0]!.note).toBe("x.grad += the gradient: it adds to what x.grad held");
  });

  it("at the first step: nothing has arrived at the root, and a None .grad becomes the sum", () => {
    const first = explainStep(TWO_DOT, 0, label, stepWords());
    expect(first.blocks).toEqual([]);
    expect(first.sent!.lines.map((l) => l.tex)).toEqual([
      "\\bar{d} = \\bar{y} \\odot \\mathrm{two} = 2",
    ]);
    const last = explainStep(TWO_DOT, 2, label, stepWords());
    expect(last.sent!.lines[0]!.note).toBe("x.grad was None, so it becomes the gradient");
  });
});
