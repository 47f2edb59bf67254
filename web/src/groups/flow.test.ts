// What groups put on the canvas: frames and boxes from the document, wires re-attached to a
// collapsed group's box, and the layout that treats a collapsed group as its one box.
import { describe, expect, test } from "vitest";
import { addGroup, setGroupCollapsed } from "../document/groups";
import type { GraphDoc } from "../document/types";
import { layoutDoc } from "../editor/layout";
import { drawnWires, frameRect, groupFlowId, groupIdOf, groupLayout } from "./flow";

const SIZE = { width: 100, height: 50 };

/** x, W → lin = linear(x, W) → h = tanh(lin) → loss = sum(h), and out = neg(h). */
function mlp(): GraphDoc {
  return {
    version: 2,
    nodes: [
      { id: "x", op: "tensor", label: "x", pos: [0, 0] },
      { id: "W", op: "tensor", label: "W1", pos: [0, 200] },
      { id: "lin", op: "linear", label: "h1", inputs: ["x", "W"], pos: [300, 100] },
      { id: "h", op: "tanh", label: "a1", inputs: ["lin"], pos: [600, 100] },
      { id: "loss", op: "sum", label: "loss", inputs: ["h"], pos: [900, 0] },
      { id: "out", op: "neg", inputs: ["h"], pos: [900, 300] },
    ],
  };
}

const isLeaf = (op: string) => op === "tensor";

function collapsedLayer(): GraphDoc {
  const [doc] = addGroup(mlp(), ["W", "lin", "h"], "layer 1");
  return setGroupCollapsed(doc, "g1", true);
}

describe("canvas ids", () => {
  test("a group's ids never collide with a node's, and read back", () => {
    expect(groupFlowId("g1")).toBe("~g:g1");
    expect(groupIdOf(groupFlowId('a"b~'))).toBe('a"b~');
    expect(groupIdOf("g1")).toBeNull();
  });
});

describe("frames and boxes", () => {
  test("an expanded group is a frame around its members, with room for its title", () => {
    const [doc] = addGroup(mlp(), ["W", "lin"], "layer 1");
    const layout = groupLayout(doc, () => undefined, SIZE, isLeaf);
    expect(layout.boxes).toEqual([]);
    expect(layout.hiddenBy.size).toBe(0);
    expect(layout.frames.map((f) => frameRect(f.rect))).toEqual([
      { x: -16, y: 100 - 16 - 44, width: 400 + 32, height: 150 + 32 + 44 },
    ]);
  });

  test("a collapsed group hides its members; its box names its ports by the user's names", () => {
    const layout = groupLayout(collapsedLayer(), () => undefined, SIZE, isLeaf);
    expect([...layout.hiddenBy.keys()]).toEqual(["W", "lin", "h"]);
    expect(layout.boxes).toHaveLength(1);
    const box = layout.boxes[0]!;
    expect(box.at).toEqual([0, 100]);
    expect(box.data.inputs).toEqual([{ node: "x", name: "x", peers: ["h1"] }]);
    expect(box.data.outputs).toEqual([{ node: "h", name: "a1", peers: ["loss", "out"] }]);
    expect(box.data.leaves).toEqual(["W"]);
  });
});

describe("wires", () => {
  test("wires crossing a collapsed group's border end on its box; those inside are gone", () => {
    const doc = collapsedLayer();
    const layout = groupLayout(doc, () => undefined, SIZE, isLeaf);
    const ids = new Set(doc.nodes.map((n) => n.id));
    const drawn = drawnWires(doc, layout, ids).map((w) => [
      w.source,
      w.sourceHandle,
      w.target,
      w.targetHandle,
      w.wire !== null,
    ]);
    expect(drawn).toEqual([
      ["x", "out", "~g:g1", "gin-0", false],
      ["~g:g1", "gout-0", "loss", "in-0", false],
      ["~g:g1", "gout-0", "out", "in-0", false],
    ]);
  });

  test("one source feeding several members is one wire into the box", () => {
    const doc: GraphDoc = {
      version: 2,
      nodes: [
        { id: "x", op: "tensor" },
        { id: "a", op: "dot", inputs: ["x", "x"] },
        { id: "b", op: "neg", inputs: ["x"] },
      ],
      groups: [{ id: "g", label: "uses x", nodes: ["a", "b"], collapsed: true }],
    };
    const layout = groupLayout(doc, () => undefined, SIZE, isLeaf);
    expect(drawnWires(doc, layout, new Set(["x", "a", "b"]))).toHaveLength(1);
  });

  test("without collapsed groups every wire is the document's own", () => {
    const [doc] = addGroup(mlp(), ["W", "lin"], "layer 1");
    const layout = groupLayout(doc, () => undefined, SIZE, isLeaf);
    const drawn = drawnWires(doc, layout, new Set(doc.nodes.map((n) => n.id)));
    expect(drawn).toHaveLength(5);
    expect(drawn.every((w) => w.wire !== null)).toBe(true);
  });
});

describe("layout", () => {
  test("a collapsed group is laid out as one box, its members moved with it", () => {
    const doc = collapsedLayer();
    const sizes = new Map(doc.nodes.map((n) => [n.id, SIZE]));
    const boxes = new Map([["g1", { width: 240, height: 120 }]]);
    const out = layoutDoc(doc, sizes, false, boxes);
    const pos = new Map(out.nodes.map((n) => [n.id, n.pos!]));
    const before = new Map(doc.nodes.map((n) => [n.id, n.pos!]));
    // Members keep their places relative to each other.
    for (const id of ["lin", "h"])
      expect([pos.get(id)![0] - pos.get("W")![0], pos.get(id)![1] - pos.get("W")![1]]).toEqual([
        before.get(id)![0] - before.get("W")![0],
        before.get(id)![1] - before.get("W")![1],
      ]);
    // Left to right: x, then the box (starting where its members' corner is), then the outputs.
    const boxLeft = Math.min(...["W", "lin", "h"].map((id) => pos.get(id)![0]));
    expect(pos.get("x")![0] + SIZE.width).toBeLessThan(boxLeft);
    expect(boxLeft + 240).toBeLessThan(pos.get("loss")![0]);
    expect(out.groups).toEqual(doc.groups);
  });
});
