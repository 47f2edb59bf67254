import { describe, expect, test } from "vitest";
import type { GraphDoc } from "../document/types";
import { lessonById } from "./lessons";
import { swapOps } from "./swap";

describe("changing one activation into another", () => {
  const lesson = lessonById("vanishing-gradients")!;

  test("every sigmoid becomes relu and nothing else changes", () => {
    const doc = lesson.doc;
    const swapped = swapOps(doc, "sigmoid", "relu");
    expect(swapped.nodes.filter((n) => n.op === "sigmoid")).toEqual([]);
    expect(swapped.nodes.filter((n) => n.op === "relu").length).toBe(
      doc.nodes.filter((n) => n.op === "sigmoid").length,
    );
    expect(swapped.nodes.map((n) => ({ ...n, op: n.op === "relu" ? "sigmoid" : n.op }))).toEqual(
      doc.nodes,
    );
    expect(swapped.groups).toBe(doc.groups);
  });

  test("a graph without the op is the same object, so nothing is committed", () => {
    const doc: GraphDoc = { version: 2, nodes: [{ id: "x", op: "tensor", params: { value: 1 } }] };
    expect(swapOps(doc, "sigmoid", "relu")).toBe(doc);
  });

  test("the lesson names ops the card can offer", () => {
    expect(lesson.swap).toEqual({ from: "sigmoid", to: "relu" });
  });
});
