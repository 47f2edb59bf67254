// Groups (document version 2): the pure edits, what crosses a group's border, the loader's
// checks of groups and the upgrade of version-1 documents.
import { describe, expect, test } from "vitest";
import { removeNodes } from "./graph";
import {
  addGroup,
  crossings,
  defaultGroupLabel,
  groupByNode,
  membersRect,
  relabelGroup,
  removeGroup,
  setGroupCollapsed,
} from "./groups";
import { MAX_LABEL_CHARS } from "./limits";
import type { GraphDoc } from "./types";
import { InvalidDocument, validateDoc } from "./validate";

/** x, W, b → lin = linear(x, W, b) → h = tanh(lin) → loss = sum(h), and h → out = neg(h). */
function mlp(): GraphDoc {
  return {
    version: 2,
    nodes: [
      { id: "x", op: "tensor", label: "x", pos: [0, 0] },
      { id: "W", op: "tensor", label: "W1", pos: [0, 200] },
      { id: "b", op: "tensor", label: "b1", pos: [0, 400] },
      { id: "lin", op: "linear", inputs: ["x", "W", "b"], pos: [300, 100] },
      { id: "h", op: "tanh", label: "h", inputs: ["lin"], pos: [600, 100] },
      { id: "loss", op: "sum", label: "loss", inputs: ["h"], pos: [900, 0] },
      { id: "out", op: "neg", inputs: ["h"], pos: [900, 300] },
    ],
  };
}

function refusal(raw: unknown): string {
  try {
    validateDoc(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidDocument);
    return (e as Error).message;
  }
  throw new Error("the document was accepted");
}

describe("editing groups", () => {
  test("addGroup groups the nodes that exist, in document order, under a fresh id", () => {
    const [doc, id] = addGroup(mlp(), ["h", "W", "ghost", "lin"], "layer 1");
    expect(id).toBe("g1");
    expect(doc.groups).toEqual([{ id: "g1", label: "layer 1", nodes: ["W", "lin", "h"] }]);
    expect(doc.nodes).toEqual(mlp().nodes);
    expect(addGroup(mlp(), ["ghost"], "x")).toEqual([mlp(), null]);
  });

  test("a node moves out of its old group, and a group left empty goes", () => {
    const [one] = addGroup(mlp(), ["W", "b"], "params");
    const [two, id] = addGroup(one, ["b", "lin"], "layer");
    expect(id).toBe("g2");
    expect(two.groups).toEqual([
      { id: "g1", label: "params", nodes: ["W"] },
      { id: "g2", label: "layer", nodes: ["b", "lin"] },
    ]);
    const [three] = addGroup(two, ["W", "x"], "inputs");
    expect(three.groups!.map((g) => g.id)).toEqual(["g2", "g3"]);
    expect(groupByNode(three).get("W")!.label).toBe("inputs");
  });

  test("labels: a first free default, trimmed, cut to the limit; empty keeps the old", () => {
    const [doc] = addGroup(mlp(), ["W"], "");
    expect(doc.groups![0]!.label).toBe("group 1");
    expect(defaultGroupLabel(doc)).toBe("group 2");
    // The word comes in the page's language: "group 1" taken does not take "组 1".
    expect(defaultGroupLabel(doc, "组")).toBe("组 1");
    expect(relabelGroup(doc, "g1", "  layer 1 ").groups![0]!.label).toBe("layer 1");
    expect(relabelGroup(doc, "g1", "   ")).toBe(doc);
    const long = relabelGroup(doc, "g1", "l".repeat(MAX_LABEL_CHARS + 5));
    expect(long.groups![0]!.label).toHaveLength(MAX_LABEL_CHARS);
  });

  test("collapse, expand and ungroup; the last group gone leaves no groups field", () => {
    const [doc] = addGroup(mlp(), ["W", "lin"], "layer 1");
    const closed = setGroupCollapsed(doc, "g1", true);
    expect(closed.groups![0]!.collapsed).toBe(true);
    expect(setGroupCollapsed(closed, "g1", true)).toEqual(closed);
    expect(setGroupCollapsed(closed, "g1", false)).toEqual(doc);
    const gone = removeGroup(closed, "g1");
    expect(gone).toEqual(mlp());
    expect("groups" in gone).toBe(false);
  });

  test("deleting nodes takes them out of their group; an emptied group goes", () => {
    const [doc] = addGroup(mlp(), ["W", "lin"], "layer 1");
    expect(removeNodes(doc, new Set(["W"])).groups).toEqual([
      { id: "g1", label: "layer 1", nodes: ["lin"] },
    ]);
    expect(removeNodes(doc, new Set(["W", "lin"])).groups).toBeUndefined();
  });
});

describe("what crosses a group's border", () => {
  test("inputs by outside source, outputs by member read outside or read by nothing", () => {
    const [doc] = addGroup(mlp(), ["W", "b", "lin", "h"], "layer 1");
    const { inputs, outputs } = crossings(doc, doc.groups![0]!);
    expect(inputs).toEqual([{ source: "x", targets: [{ node: "lin", port: 0 }] }]);
    expect(outputs).toEqual([
      {
        node: "h",
        consumers: [
          { node: "loss", port: 0 },
          { node: "out", port: 0 },
        ],
      },
    ]);
    const [head] = addGroup(mlp(), ["loss", "out"], "head");
    const c = crossings(head, head.groups![0]!);
    expect(c.inputs).toEqual([
      {
        source: "h",
        targets: [
          { node: "loss", port: 0 },
          { node: "out", port: 0 },
        ],
      },
    ]);
    expect(c.outputs.map((o) => o.node)).toEqual(["loss", "out"]);
  });

  test("the members' rectangle uses measured sizes, else the guess", () => {
    const [doc] = addGroup(mlp(), ["W", "lin"], "layer 1");
    const sizes = new Map([["lin", { width: 100, height: 50 }]]);
    expect(
      membersRect(doc, doc.groups![0]!, (id) => sizes.get(id), { width: 10, height: 10 }),
    ).toEqual({
      x: 0,
      y: 100,
      width: 400,
      height: 110,
    });
  });
});

describe("loading version 2, and version 1 upgraded", () => {
  const group = { id: "g1", label: "layer 1", nodes: ["W", "lin"], collapsed: true };
  const v2 = (groups: unknown) => ({ ...mlp(), groups });

  test("a version-1 document opens as version 2 with no groups", () => {
    const doc = validateDoc({ ...mlp(), version: 1 });
    expect(doc).toEqual(mlp());
  });

  test("a version-1 document's groups field was never the format's, and is not read", () => {
    expect(validateDoc({ ...mlp(), version: 1, groups: [group] })).toEqual(mlp());
  });

  test("groups are kept; collapsed: false is left out", () => {
    expect(validateDoc(v2([group])).groups).toEqual([group]);
    expect(validateDoc(v2([{ ...group, collapsed: false }])).groups).toEqual([
      { id: "g1", label: "layer 1", nodes: ["W", "lin"] },
    ]);
    expect("groups" in validateDoc(v2([]))).toBe(false);
  });

  test.each([
    [{ a: 1 }, /"groups" is not a list/],
    [["g"], /group #0 is not an object/],
    [[{ ...group, colour: 1 }], /group #0 has an unknown field "colour"/],
    [[{ ...group, id: "" }], /group #0 has no valid "id"/],
    [[{ ...group, label: "" }], /group #0 has a bad "label" \(a name of 1 to 200 characters/],
    [[{ ...group, label: "l".repeat(201) }], /group #0 has a bad "label"/],
    [[{ ...group, nodes: [] }], /group "layer 1" is empty/],
    [
      [{ ...group, nodes: ["W", "ghost"] }],
      /group "layer 1" lists node "ghost", which is not in the graph/,
    ],
    [[{ ...group, nodes: ["W", "W"] }], /group "layer 1" lists node "W" twice/],
    [
      [group, { id: "g2", label: "layer 2", nodes: ["lin"] }],
      /node "lin" is in two groups: "layer 1" and "layer 2"/,
    ],
    [[group, { ...group, label: "again", nodes: ["x"] }], /two groups share the id "g1"/],
    [[{ ...group, collapsed: "yes" }], /group "layer 1" has a non-boolean "collapsed"/],
    [
      Array.from({ length: 8 }, (_, i) => ({ id: `g${i}`, label: "g", nodes: ["x"] })),
      /too many groups \(8 for 7 nodes/,
    ],
  ])("groups %j are refused", (groups, message) => {
    expect(refusal(v2(groups))).toMatch(message);
  });
});
