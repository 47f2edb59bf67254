import { describe, expect, test } from "vitest";
import { formatParam, parseParam } from "./params";

function value(kind: Parameters<typeof parseParam>[0], text: string): unknown {
  const r = parseParam(kind, text);
  if (!r.ok) throw new Error(`${kind} ${JSON.stringify(text)}: ${r.message}`);
  return r.value;
}

function refused(kind: Parameters<typeof parseParam>[0], text: string): string {
  const r = parseParam(kind, text);
  if (r.ok)
    throw new Error(`${kind} ${JSON.stringify(text)} was accepted: ${JSON.stringify(r.value)}`);
  return r.message;
}

describe("value: numbers and nested lists, as JSON", () => {
  test("numbers, lists and matrices", () => {
    expect(value("value", "2.5")).toBe(2.5);
    expect(value("value", " [0, 1, 2] ")).toEqual([0, 1, 2]);
    expect(value("value", "[[1, 2], [3, 4]]")).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  test("Python spellings people type: True/False, 1., a trailing comma", () => {
    expect(value("value", "[True, False]")).toEqual([true, false]);
    expect(value("value", "[1., 2.]")).toEqual([1, 2]);
    expect(value("value", "[1, 2,]")).toEqual([1, 2]);
  });

  test("never code: strings, objects, names and calls are refused", () => {
    expect(refused("value", "")).toMatch(/Type a number/);
    expect(refused("value", '"2"')).toMatch(/Only numbers/);
    expect(refused("value", '{"a": 1}')).toMatch(/Only numbers/);
    expect(refused("value", "[1, null]")).toMatch(/Only numbers/);
    expect(refused("value", "__import__('os')")).toMatch(/Not a number or list/);
    expect(refused("value", "x")).toMatch(/Not a number or list/);
  });

  test("nesting deeper than any tensor is refused rather than recursed into", () => {
    expect(refused("value", "[".repeat(40) + "1" + "]".repeat(40))).toMatch(/Only numbers/);
  });
});

describe("numbers and integers", () => {
  test("number takes any finite number", () => {
    expect(value("number", " 0.5 ")).toBe(0.5);
    expect(value("number", "-3")).toBe(-3);
    expect(refused("number", "")).toMatch(/Type a number/);
    expect(refused("number", "Infinity")).toMatch(/Type a number/);
    expect(refused("number", "1e400")).toMatch(/Type a number/);
  });

  test("optional_number: a number, or empty (or None) for no bound", () => {
    expect(value("optional_number", " -0.5 ")).toBe(-0.5);
    expect(value("optional_number", "")).toBeNull();
    expect(value("optional_number", "None")).toBeNull();
    expect(refused("optional_number", "x")).toMatch(/leave it empty for None/);
    expect(refused("optional_number", "1e400")).toMatch(/Type a number/);
  });

  test("int takes whole numbers only", () => {
    expect(value("int", "3")).toBe(3);
    expect(value("int", "-1")).toBe(-1);
    expect(refused("int", "1.5")).toMatch(/whole number/);
    expect(refused("int", "1e3")).toMatch(/whole number/);
  });
});

describe("shapes and dims", () => {
  test("a shape is a list of integers, with or without brackets", () => {
    expect(value("shape", "[2, 3]")).toEqual([2, 3]);
    expect(value("shape", "(2, 3)")).toEqual([2, 3]);
    expect(value("shape", "4")).toEqual([4]);
    expect(value("shape", "[]")).toEqual([]);
    expect(refused("shape", "[2, x]")).toBe('shape: "x" is not an integer');
  });

  test("dims: none, one dim or several", () => {
    expect(value("dims", "")).toBeNull();
    expect(value("dims", "None")).toBeNull();
    expect(value("dims", "-1")).toBe(-1);
    expect(value("dims", "[0, 1]")).toEqual([0, 1]);
    expect(refused("dims", "[0, 1.5]")).toBe('dim: "1.5" is not an integer');
  });

  test("bool and choice take the text as it is", () => {
    expect(value("bool", "true")).toBe(true);
    expect(value("bool", "yes")).toBe(false);
    expect(value("choice", " float64 ")).toBe("float64");
  });
});

describe("formatParam writes what parseParam reads back", () => {
  test.each([
    ["value", [0, 1, 2], "[0, 1, 2]"],
    ["value", 2.5, "2.5"],
    ["shape", [2, 3], "[2, 3]"],
    ["dims", null, ""],
    ["dims", [0, 1], "[0, 1]"],
    ["optional_number", null, ""],
    ["optional_number", 0.25, "0.25"],
    ["choice", "float32", "float32"],
  ] as const)("%s %j -> %s", (kind, v, text) => {
    expect(formatParam(kind, v as never)).toBe(text);
    expect(value(kind, text)).toEqual(v);
  });
});
