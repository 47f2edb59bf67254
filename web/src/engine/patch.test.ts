import { describe, expect, test } from "vitest";
import { applyPatch, emptyMirror, type NodePatch } from "./patch";
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

/** A patch as the session writes it (Session.handle_patch), from revision `base`. */
function patch(base: number, changed: [string, NodeResult][], removed: string[] = []): NodePatch {
  return { base, revision: base + 1, changed, removed };
}

describe("node patches", () => {
  test("the page ends with every answer's nodes, whatever changed in between", () => {
    const patches = [
      patch(0, [
        ["x", result("tensor(1.)")],
        ["y", result("tensor(2.)")],
      ]),
      patch(1, [["x", result("tensor(1.)", "tensor(3.)")]]),
      patch(2, [["z", result("tensor(5.)")]], ["x"]),
      patch(3, [], ["y", "z"]),
      patch(4, [["x", result("tensor(7.)")]]),
    ];
    const expected = [
      { x: result("tensor(1.)"), y: result("tensor(2.)") },
      { x: result("tensor(1.)", "tensor(3.)"), y: result("tensor(2.)") },
      { y: result("tensor(2.)"), z: result("tensor(5.)") },
      {},
      { x: result("tensor(7.)") },
    ];
    let mirror = emptyMirror();
    patches.forEach((p, i) => {
      mirror = applyPatch(mirror, p);
      expect(Object.fromEntries(mirror.results)).toEqual(expected[i]);
      expect(mirror.revision).toBe(i + 1);
    });
  });

  test("unchanged nodes keep their objects", () => {
    const z = result("tensor(3.)");
    const first: [string, NodeResult][] = [
      ["x", result("tensor(1.)")],
      ["y", result("tensor(2.)")],
      ["z", z],
    ];
    const m1 = applyPatch(emptyMirror(), patch(0, first));
    // The next answer: x's grad arrived, z was removed; y was not sent.
    const m2 = applyPatch(m1, patch(1, [["x", result("tensor(1.)", "tensor(1.)")]], ["z"]));
    expect(m2.results.get("y")).toBe(m1.results.get("y"));
    expect(m2.results.get("x")).not.toBe(m1.results.get("x"));
    expect(m2.results.has("z")).toBe(false);
    // The mirror before the patch is untouched: the store may still hold it.
    expect(m1.results.get("z")).toBe(z);
  });

  test("a patch against another revision is refused", () => {
    expect(() => applyPatch(emptyMirror(), patch(1, [["x", result("tensor(2.)")]]))).toThrow(
      /revision 1.*holds 0/,
    );
  });

  test("a node whose id is __proto__ travels like any other (JSON, then a structured clone)", () => {
    const text =
      '{"base": 0, "revision": 1, "changed": [["__proto__", {"value": "tensor(2.)"}], ["x", {"value": "tensor(1.)"}]], "removed": []}';
    const mirror = applyPatch(emptyMirror(), structuredClone(JSON.parse(text) as NodePatch));
    expect(mirror.results.get("__proto__")?.value).toBe("tensor(2.)");
    expect(mirror.results.get("x")?.value).toBe("tensor(1.)");
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
