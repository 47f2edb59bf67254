import { beforeEach, describe, expect, test } from "vitest";
import { useStore } from "../store/store";
import type { GraphDoc } from "../document/types";
import { csvTarget, droppedKind } from "./drop";

describe("a file dropped on the canvas", () => {
  test("is a table or a graph by its name first, then by its type", () => {
    expect(droppedKind("data.csv", "")).toBe("csv");
    expect(droppedKind("DATA.CSV", "application/vnd.ms-excel")).toBe("csv");
    expect(droppedKind("table", "text/csv")).toBe("csv");
    expect(droppedKind("graph.json", "")).toBe("json");
    expect(droppedKind("g", "application/json")).toBe("json");
    expect(droppedKind("picture.png", "image/png")).toBeNull();
  });

  describe("a table's target", () => {
    const doc: GraphDoc = {
      version: 2,
      nodes: [
        { id: "X", op: "dataset", params: { name: "blobs" } },
        { id: "x", op: "tensor", params: { value: 1 } },
      ],
    };
    beforeEach(() => useStore.setState({ doc, selectedNodes: [], selectedEdges: [] }));

    test("is a new node at the drop point when no dataset node is selected", () => {
      expect(csvTarget([10, 20])).toEqual({ at: [10, 20] });
      useStore.setState({ selectedNodes: ["x"] });
      expect(csvTarget([10, 20])).toEqual({ at: [10, 20] });
    });

    test("is the selected dataset node, when it is the only node selected", () => {
      useStore.setState({ selectedNodes: ["X"] });
      expect(csvTarget([10, 20])).toEqual({ node: "X" });
      useStore.setState({ selectedNodes: ["X", "x"] });
      expect(csvTarget([10, 20])).toEqual({ at: [10, 20] });
    });
  });
});
