import { describe, expect, test } from "vitest";
import { addLinearLayer, layerSeed, layerWidth, parameterAsTensor } from "./linearLayer";
import type { GraphDoc } from "../document/types";

const X: GraphDoc = {
  version: 2,
  nodes: [{ id: "x", op: "tensor", params: { value: [[1, 2]] } }],
};

describe("addLinearLayer", () => {
  test("a weight, a bias and a linear node, wired and grouped as Linear(in, out)", () => {
    const [doc, lin] = addLinearLayer(X, {
      inFeatures: 2,
      outFeatures: 8,
      input: "x",
      pos: [0, 0],
    });
    const added = doc.nodes.slice(1);
    expect(added.map((n) => [n.op, n.label, n.params?.role ?? null])).toEqual([
      ["parameter", "W1", "weight"],
      ["parameter", "b1", "bias"],
      ["linear", "h1", null],
    ]);
    for (const p of added.slice(0, 2))
      expect(p.params).toMatchObject({ in_features: 2, out_features: 8, seed: 0 });
    const linear = doc.nodes.find((n) => n.id === lin)!;
    expect(linear.inputs).toEqual(["x", added[0]!.id, added[1]!.id]);
    expect(doc.groups).toEqual([
      { id: "g1", label: "Linear(2, 8)", nodes: added.map((n) => n.id) },
    ]);
  });

  test("a second layer follows the first in the document (its draws come after) with its seed", () => {
    const [one, h1] = addLinearLayer(X, { inFeatures: 2, outFeatures: 8, input: "x", pos: [0, 0] });
    const seeded: GraphDoc = {
      ...one,
      nodes: one.nodes.map((n) =>
        n.op === "parameter" ? { ...n, params: { ...n.params, seed: 7 } } : n,
      ),
    };
    expect(layerSeed(seeded)).toBe(7);
    const [two] = addLinearLayer(seeded, { inFeatures: 8, outFeatures: 2, input: h1, pos: [0, 0] });
    const params = two.nodes.filter((n) => n.op === "parameter");
    expect(params.map((n) => [n.label, n.params?.seed])).toEqual([
      ["W1", 7],
      ["b1", 7],
      ["W2", 7],
      ["b2", 7],
    ]);
    expect(two.groups?.map((g) => g.label)).toEqual(["Linear(2, 8)", "Linear(8, 2)"]);
  });

  test("no input: the layer's input port stays open", () => {
    const [doc, lin] = addLinearLayer(X, { inFeatures: 3, outFeatures: 1, pos: [0, 0] });
    expect(doc.nodes.find((n) => n.id === lin)!.inputs![0]).toBeNull();
  });
});

describe("parameterAsTensor", () => {
  test("keeps id, label and place; the values replace the draw", () => {
    const [doc] = addLinearLayer(X, { inFeatures: 1, outFeatures: 2, input: "x", pos: [0, 0] });
    const w = doc.nodes[1]!;
    const kept = parameterAsTensor(doc, w.id, [[0.5], [-0.25]]);
    expect(kept.nodes[1]).toEqual({
      id: w.id,
      op: "tensor",
      label: "W1",
      pos: w.pos,
      params: { value: [[0.5], [-0.25]], requires_grad: true },
    });
    expect(kept.groups).toEqual(doc.groups);
  });
});

describe("layerWidth", () => {
  test("a layer's output width from its weight, before the engine has sized it", () => {
    const [doc, lin] = addLinearLayer(X, {
      inFeatures: 2,
      outFeatures: 5,
      input: "x",
      pos: [0, 0],
    });
    expect(layerWidth(doc, lin)).toBe(5);
    expect(layerWidth(doc, "x")).toBeNull();
  });
});
