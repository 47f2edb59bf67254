import { describe, expect, test } from "vitest";
import { catalog } from "../catalog/catalog";
import { functionalMembers, membersOf, tensorMembers, torchMembers } from "./torchNames";

const labels = (names: readonly { label: string }[] | null) => names?.map((n) => n.label) ?? null;

describe("names offered for completion", () => {
  test("every op of the catalog is offered, under torch or (losses) torch.nn.functional", () => {
    const offered = new Set([...labels(torchMembers)!, ...labels(functionalMembers)!]);
    for (const op of catalog.ops) expect(offered, op.op).toContain(op.op);
    expect(labels(functionalMembers)).toContain("mse_loss");
    expect(labels(torchMembers)).not.toContain("mse_loss");
  });

  test("torch also offers the dtypes the catalog's params name, and no_grad", () => {
    expect(labels(torchMembers)).toEqual(
      expect.arrayContaining(["float32", "float64", "int64", "bool", "no_grad", "nn"]),
    );
  });

  test("a tensor offers the ops that take it as input, and autograd's attributes", () => {
    const methods = labels(tensorMembers)!;
    expect(methods).toEqual(expect.arrayContaining(["sum", "exp", "matmul", "detach"]));
    expect(methods).toEqual(expect.arrayContaining(["backward", "grad", "zero_", "item"]));
    // Leaf ops make tensors; they are not methods of one.
    expect(methods).not.toContain("arange");
    expect(methods).not.toContain("randn");
  });

  test("each list is sorted, without duplicates", () => {
    for (const list of [torchMembers, functionalMembers, tensorMembers]) {
      const l = labels(list)!;
      expect(l).toEqual([...new Set(l)].sort((a, b) => a.localeCompare(b)));
    }
  });
});

describe("membersOf", () => {
  test("torch namespaces by name, F as the usual alias, anything else a tensor", () => {
    expect(membersOf("torch")).toBe(torchMembers);
    expect(labels(membersOf("torch.nn"))).toEqual(["functional"]);
    expect(membersOf("torch.nn.functional")).toBe(functionalMembers);
    expect(membersOf("F")).toBe(functionalMembers);
    expect(membersOf("x.grad")).toBe(tensorMembers);
    expect(membersOf("")).toBe(tensorMembers); // (x * x).
  });

  test("after a digit it is a number: 1. is a float, not an attribute", () => {
    expect(membersOf("1")).toBeNull();
  });
});
