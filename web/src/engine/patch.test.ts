import { describe, expect, test } from "vitest";
import {
  applyPatch,
  diffNodes,
  emptyMirror,
  emptySent,
  type Mirror,
  type SentNodes,
} from "./patch";
import type { NodeResult } from "./protocol";

function result(value: string, grad: string | null = null): NodeResult {
  return {
    value,
    shape: [],
    dtype: "torch.float32",
    requires_grad: true,
    is_leaf: true,
    grad_fn: null,
    has_grad: true,
    grad,
    data: null,
    grad_data: null,
    preview: null,
    grad_preview: null,
    error: null,
  };
}

/** Sends each answer through the worker's diff and the page's mirror, as the engine would. */
function roundTrip(answers: Record<string, NodeResult>[]): Mirror[] {
  let sent: SentNodes = emptySent();
  let mirror = emptyMirror();
  const out: Mirror[] = [];
  for (const nodes of answers) {
    const diff = diffNodes(sent, nodes);
    sent = diff.sent;
    mirror = applyPatch(mirror, diff.patch);
    out.push(mirror);
  }
  return out;
}

describe("node patches", () => {
  test("the page ends with every answer's nodes, whatever changed in between", () => {
    const answers: Record<string, NodeResult>[] = [
      { x: result("tensor(1.)"), y: result("tensor(2.)") },
      { x: result("tensor(1.)", "tensor(3.)"), y: result("tensor(2.)") },
      { y: result("tensor(2.)"), z: result("tensor(5.)") },
      {},
      { x: result("tensor(7.)") },
    ];
    roundTrip(answers).forEach((m, i) => {
      expect(Object.fromEntries(m.results)).toEqual(answers[i]);
      expect(m.revision).toBe(i + 1);
    });
  });

  test("only changed nodes travel, and unchanged ones keep their objects", () => {
    const first = { x: result("tensor(1.)"), y: result("tensor(2.)"), z: result("tensor(3.)") };
    const d1 = diffNodes(emptySent(), first);
    expect(d1.patch.changed.map(([id]) => id)).toEqual(["x", "y", "z"]);
    const m1 = applyPatch(emptyMirror(), d1.patch);
    // The next answer: x's grad arrived, z was removed; y is described the same (a new object).
    const d2 = diffNodes(d1.sent, {
      x: result("tensor(1.)", "tensor(1.)"),
      y: result("tensor(2.)"),
    });
    expect(d2.patch.changed.map(([id]) => id)).toEqual(["x"]);
    expect(d2.patch.removed).toEqual(["z"]);
    const m2 = applyPatch(m1, d2.patch);
    expect(m2.results.get("y")).toBe(m1.results.get("y"));
    expect(m2.results.get("x")).not.toBe(m1.results.get("x"));
    expect(m2.results.has("z")).toBe(false);
    // The mirror before the patch is untouched: the store may still hold it.
    expect(m1.results.get("z")).toEqual(first.z);
  });

  test("a patch against another revision is refused", () => {
    const d1 = diffNodes(emptySent(), { x: result("tensor(1.)") });
    const d2 = diffNodes(d1.sent, { x: result("tensor(2.)") });
    expect(() => applyPatch(emptyMirror(), d2.patch)).toThrow(/revision 1.*holds 0/);
  });

  test("a node whose id is __proto__ travels like any other (through a structured clone)", () => {
    const nodes = JSON.parse('{"__proto__": null, "x": null}') as Record<string, NodeResult>;
    nodes["x"] = result("tensor(1.)");
    Object.defineProperty(nodes, "__proto__", { value: result("tensor(2.)"), enumerable: true });
    const diff = diffNodes(emptySent(), nodes);
    const patch = structuredClone(diff.patch);
    const mirror = applyPatch(emptyMirror(), patch);
    expect(mirror.results.get("__proto__")?.value).toBe("tensor(2.)");
    expect(mirror.results.get("x")?.value).toBe("tensor(1.)");
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
