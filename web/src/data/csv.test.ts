import { describe, expect, test } from "vitest";
import { MAX_CSV_ROWS, MAX_TEXT_CHARS } from "../document/limits";
import { checkSize, chosenTable, labelTask, parseCsv } from "./csv";

function table(text: string) {
  const read = parseCsv(text);
  if (!read.ok) throw new Error(read.problem.key);
  return read.value;
}

describe("parseCsv", () => {
  test("quoted cells, CRLF and blank lines; each row keeps its line", () => {
    const t = table('a,"b, c",label\r\n1,2,x\r\n\r\n3,"4",y\n');
    expect(t.header).toEqual(["a", "b, c", "label"]);
    expect(t.rows).toEqual([
      { cells: ["1", "2", "x"], line: 2 },
      { cells: ["3", "4", "y"], line: 4 },
    ]);
  });

  test("a row of the wrong length names its line", () => {
    expect(parseCsv("a,b\n1,2\n3\n")).toEqual({
      ok: false,
      problem: { key: "data.csv.ragged", values: { line: 3, n: 1, columns: 2 } },
    });
  });

  test("an unclosed quote names the line it opened on", () => {
    const read = parseCsv('a,b\n1,"2\n3,4\n');
    expect(read.ok || read.problem).toEqual({ key: "data.csv.unclosedQuote", values: { line: 2 } });
  });
});

describe("limits are checked before parsing", () => {
  test("characters", () => {
    expect(checkSize("x".repeat(MAX_TEXT_CHARS + 1))?.key).toBe("data.csv.tooManyChars");
  });
  test("rows", () => {
    const text = "a,b\n" + "1,0\n".repeat(MAX_CSV_ROWS + 1);
    expect(checkSize(text)).toEqual({
      key: "data.csv.tooManyRows",
      values: { n: MAX_CSV_ROWS + 1, max: MAX_CSV_ROWS },
    });
    expect(checkSize("a,b\n" + "1,0\n".repeat(MAX_CSV_ROWS))).toBeNull();
  });
});

describe("chosenTable", () => {
  const t = table("x1,name,x2,species\n1,a,2.5,cat\n-3e2,b,.5,dog\n");
  test("the chosen features, then the label", () => {
    expect(chosenTable(t, [0, 2], 3)).toEqual({
      ok: true,
      value: "x1,x2,species\n1,2.5,cat\n-3e2,.5,dog\n",
    });
  });
  test("a cell that is no number names its line and column", () => {
    expect(chosenTable(t, [0, 1], 3)).toEqual({
      ok: false,
      problem: { key: "data.csv.notNumber", values: { line: 2, column: "name", value: "a" } },
    });
  });
  test("numbers as Python reads them: no hex, no underscores", () => {
    const odd = table("x,y\n0x10,1\n2,0\n");
    expect(chosenTable(odd, [0], 1).ok).toBe(false);
  });
});

test("labelTask follows the engine's rule", () => {
  expect(labelTask(["0", "1", "2", "1"])).toBe("classification");
  expect(labelTask(["cat", "dog"])).toBe("classification");
  expect(labelTask(["0.5", "1.25"])).toBe("regression");
  expect(labelTask(Array.from({ length: 12 }, (_, i) => String(i)))).toBe("regression");
  expect(labelTask(Array.from({ length: 12 }, (_, i) => `w${i}`))).toBeNull();
});
