import { describe, expect, test } from "vitest";
import { connect } from "../document/graph";
import type { GraphDoc } from "../document/types";
import { connectChoices, requiresGrad, wiresOf } from "./ports";

/** x, two, d = dot(x, ?), y = mul(?, d): half wired, as while building y = 2·dot(x, x). */
function half(): GraphDoc {
  return {
    version: 2,
    nodes: [
      { id: "tensor1", op: "tensor", label: "x", params: { requires_grad: true } },
      { id: "tensor2", op: "tensor", label: "two" },
      { id: "dot1", op: "dot", inputs: ["tensor1", null] },
      { id: "mul1", op: "mul", label: "y", inputs: [null, "dot1"] },
    ],
  };
}

const names = (cs: { from: string; to: string }[]) => cs.map((c) => `${c.from} → ${c.to}`);

describe("connectChoices", () => {
  test("a node's output goes into every free input of the others, by their names", () => {
    expect(names(connectChoices(half(), "tensor1").out)).toEqual([
      "x → dot1.tensor",
      "x → y.input",
    ]);
    // A leaf has no inputs to fill.
    expect(connectChoices(half(), "tensor1").in).toEqual([]);
  });

  test("a node's free inputs take the others' outputs, never its own or a loop's", () => {
    // d feeds y: y's output into d would close a loop; y's filled input is not offered.
    expect(names(connectChoices(half(), "dot1").in)).toEqual([
      "x → dot1.tensor",
      "two → dot1.tensor",
    ]);
    expect(names(connectChoices(half(), "mul1").in)).toEqual([
      "x → y.input",
      "two → y.input",
      "dot1 → y.input",
    ]);
    expect(names(connectChoices(half(), "mul1").out)).toEqual([]);
  });

  test("a choice names the wire connect() makes", () => {
    const c = connectChoices(half(), "tensor2").out.find((x) => x.to === "y.input")!;
    const doc = connect(half(), c.source, c.target, c.port);
    expect(doc.nodes.find((n) => n.id === "mul1")!.inputs).toEqual(["tensor2", "dot1"]);
    expect(names(connectChoices(doc, "tensor2").out)).toEqual(["two → dot1.tensor"]);
  });

  test("an unknown node has nothing to offer", () => {
    expect(connectChoices(half(), "gone")).toEqual({ out: [], in: [] });
  });
});

describe("wiresOf", () => {
  test("the wires into and out of a node, with React Flow's edge ids", () => {
    expect(wiresOf(half(), "dot1")).toEqual([
      { id: JSON.stringify(["tensor1", "dot1", 0]), from: "x", to: "dot1.input" },
      { id: JSON.stringify(["dot1", "mul1", 1]), from: "dot1", to: "y.other" },
    ]);
    expect(wiresOf(half(), "tensor2")).toEqual([]);
  });
});

test("requiresGrad reads a leaf's switch, and is false for ops", () => {
  const [x, two, d] = half().nodes;
  expect([requiresGrad(x!), requiresGrad(two!), requiresGrad(d!)]).toEqual([true, false, false]);
});
