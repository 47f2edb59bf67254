import { describe, expect, test } from "vitest";
import { keepSame, sameFields } from "./sameObjects";

describe("keepSame", () => {
  test("an item with the same fields keeps last time's object", () => {
    const last = new Map<string, { id: string; source: string; marker?: object }>();
    const first = keepSame(last, [
      { id: "a", source: "x", marker: { type: "arrow", width: 18 } },
      { id: "b", source: "y" },
    ]);
    const second = keepSame(last, [
      { id: "a", source: "x", marker: { type: "arrow", width: 18 } },
      { id: "b", source: "z" },
    ]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.source).toBe("z");
    expect(last.get("b")).toBe(second[1]);
  });

  test("fields that differ, are missing or added make a new object", () => {
    expect(sameFields({ id: "a", className: "edge-error" }, { id: "a" })).toBe(false);
    expect(sameFields({ id: "a" }, { id: "a", className: undefined })).toBe(false);
    expect(sameFields({ id: "a", data: { k: 1 } }, { id: "a", data: { k: 2 } })).toBe(false);
    expect(
      sameFields({ id: "a", data: { k: { deep: 1 } } }, { id: "a", data: { k: { deep: 1 } } }),
    ).toBe(false);
    expect(sameFields({ id: "a", list: [1] }, { id: "a", list: [1] })).toBe(false);
    expect(sameFields({ id: "a", data: { k: 1 } }, { id: "a", data: { k: 1 } })).toBe(true);
  });

  test("items gone since last time are forgotten", () => {
    const last = new Map<string, { id: string }>();
    keepSame(last, [{ id: "a" }, { id: "b" }]);
    keepSame(last, [{ id: "b" }]);
    expect([...last.keys()]).toEqual(["b"]);
  });
});
