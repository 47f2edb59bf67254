import { describe, expect, test } from "vitest";
import {
  addNode,
  cleanPos,
  connect,
  connectionProblem,
  disconnect,
  edgeId,
  engineKey,
  nodeInputs,
  parseEdgeId,
  pasteNodes,
  removeNodes,
  setLabel,
  setParam,
  setPositions,
  sinks,
  uniqueId,
} from "./graph";
import { MAX_ABS_POS, MAX_LABEL_CHARS } from "./limits";
import { EMPTY_DOC, EXAMPLE_DOC, type GraphDoc } from "./types";

/** x -> a = exp(x) -> b = neg(a), and a loose y. */
function chain(): GraphDoc {
  return {
    version: 2,
    nodes: [
      { id: "x", op: "tensor", label: "x", pos: [0, 0] },
      { id: "a", op: "exp", inputs: ["x"], pos: [200, 0] },
      { id: "b", op: "neg", inputs: ["a"], pos: [400, 0] },
      { id: "y", op: "tensor", pos: [0, 200] },
    ],
  };
}

describe("edits are immutable", () => {
  test("an edit returns a new document and leaves the old one as it was", () => {
    const doc = chain();
    const before = structuredClone(doc);
    const next = setParam(doc, "x", "value", [1, 2]);
    expect(doc).toEqual(before);
    expect(next).not.toBe(doc);
    expect(next.nodes.find((n) => n.id === "x")?.params).toEqual({ value: [1, 2] });
    // Untouched nodes are shared, so React can skip them.
    expect(next.nodes[1]).toBe(doc.nodes[1]);
  });
});

describe("ids and nodes", () => {
  test("uniqueId numbers the op name past the ids in use and the ones already taken", () => {
    const doc: GraphDoc = { version: 2, nodes: [{ id: "mul1", op: "mul" }] };
    expect(uniqueId(doc, "mul")).toBe("mul2");
    expect(uniqueId(doc, "mul", new Set(["mul2"]))).toBe("mul3");
    expect(uniqueId(EMPTY_DOC, "a b-c")).toBe("a_b_c1");
    expect(uniqueId(EMPTY_DOC, "")).toBe("node1");
  });

  test("addNode gives the op's ports, all unwired, at a rounded position", () => {
    const [doc, id] = addNode(EMPTY_DOC, "mul", [10.4, 20.6]);
    expect(id).toBe("mul1");
    expect(doc.nodes).toEqual([{ id: "mul1", op: "mul", pos: [10, 21], inputs: [null, null] }]);
    const [withLeaf] = addNode(doc, "tensor", [0, 0]);
    expect(withLeaf.nodes[1]).not.toHaveProperty("inputs");
  });

  test("nodeInputs pads to the op's port count", () => {
    expect(nodeInputs({ id: "m", op: "mul", inputs: ["x"] })).toEqual(["x", null]);
    expect(nodeInputs({ id: "m", op: "mul" })).toEqual([null, null]);
  });

  test("removeNodes also unwires the ports the removed nodes fed", () => {
    const doc = removeNodes(chain(), new Set(["a"]));
    expect(doc.nodes.map((n) => n.id)).toEqual(["x", "b", "y"]);
    expect(doc.nodes.find((n) => n.id === "b")?.inputs).toEqual([null]);
  });

  test("setLabel trims, drops an empty label and cuts to the limit the loader checks", () => {
    expect(setLabel(chain(), "a", "  act  ").nodes[1]!.label).toBe("act");
    expect(setLabel(chain(), "x", "   ").nodes[0]).not.toHaveProperty("label");
    expect(setLabel(chain(), "x", "w".repeat(500)).nodes[0]!.label).toHaveLength(MAX_LABEL_CHARS);
  });
});

describe("wires", () => {
  test("connect and disconnect a port", () => {
    const wired = connect(chain(), "y", "b", 0);
    expect(wired.nodes[2]!.inputs).toEqual(["y"]);
    expect(disconnect(wired, [{ target: "b", port: 0 }]).nodes[2]!.inputs).toEqual([null]);
  });

  test("a wire that would make a cycle is refused, naming both ends", () => {
    // A fed input takes a new wire (it replaces the old one), not the same wire twice.
    expect(connectionProblem(chain(), "y", "a", 0)).toBeNull();
    expect(connectionProblem(chain(), "x", "a", 0)).toMatch(/already there: x feeds/);
    const open = disconnect(chain(), [{ target: "a", port: 0 }]);
    expect(connectionProblem(open, "b", "a", 0)).toMatch(/cycle \(b already depends on a\)/);
    expect(connectionProblem(open, "a", "a", 0)).toMatch(/own input/);
    expect(connectionProblem(open, "y", "a", 0)).toBeNull();
    expect(connectionProblem(open, "gone", "a", 0)).toMatch(/no longer exists/);
  });

  test("edge ids round-trip for any node id, even ones with -> and :", () => {
    for (const [s, t] of [
      ["x", "y"],
      ["a->b:1", "c:2"],
      ['"', "\\"],
    ] as const) {
      expect(parseEdgeId(edgeId(s, t, 1))).toEqual({ target: t, port: 1 });
    }
    expect(edgeId("a->b", "c", 0)).not.toBe(edgeId("a", "b->c", 0));
    expect(parseEdgeId("x->y:0")).toBeNull();
    expect(parseEdgeId('["x","y",0.5]')).toBeNull();
  });

  test("sinks are the nodes nothing consumes", () => {
    expect(sinks(chain()).map((n) => n.id)).toEqual(["b", "y"]);
    expect(sinks(EXAMPLE_DOC).map((n) => n.id)).toEqual(["y"]);
  });
});

describe("positions", () => {
  test("cleanPos rounds, clamps to the canvas and refuses NaN and Infinity", () => {
    expect(cleanPos([1.5, -2.5])).toEqual([2, -2]);
    expect(cleanPos([1e9, -1e9])).toEqual([MAX_ABS_POS, -MAX_ABS_POS]);
    expect(cleanPos([Number.NaN, 0])).toBeNull();
    expect(cleanPos([0, Infinity])).toBeNull();
  });

  test("setPositions leaves a node where it was when its new position is unusable", () => {
    const doc = setPositions(
      chain(),
      new Map<string, [number, number]>([
        ["x", [5.2, 6.7]],
        ["a", [Number.NaN, 1]],
      ]),
    );
    expect(doc.nodes[0]!.pos).toEqual([5, 7]);
    expect(doc.nodes[1]!.pos).toEqual([200, 0]);
  });
});

describe("paste", () => {
  test("copies get fresh ids, keep wires among themselves and drop wires to the rest", () => {
    const doc = chain();
    const picked = doc.nodes.filter((n) => n.id === "a" || n.id === "b");
    const [out, ids] = pasteNodes(doc, picked, [30, 40]);
    expect(ids).toEqual(["a1", "b1"]);
    const [a1, b1] = out.nodes.slice(-2);
    expect(a1).toMatchObject({ id: "a1", op: "exp", inputs: [null], pos: [230, 40] });
    expect(b1).toMatchObject({ id: "b1", op: "neg", inputs: ["a1"], pos: [430, 40] });
  });

  test("a labelled copy is named after its new id, not twice 'x'", () => {
    const doc = chain();
    const [out] = pasteNodes(doc, [doc.nodes[0]!], [0, 0]);
    expect(out.nodes.at(-1)).toMatchObject({ id: "x1", label: "x1" });
  });
});

test("engineKey ignores what does not change values (positions, labels)", () => {
  const doc = chain();
  const moved = setLabel(setPositions(doc, new Map([["x", [99, 99]]])), "a", "act");
  expect(engineKey(moved)).toBe(engineKey(doc));
  expect(engineKey(setParam(doc, "x", "value", 3))).not.toBe(engineKey(doc));
  expect(engineKey(connect(doc, "y", "b", 0))).not.toBe(engineKey(doc));
});
