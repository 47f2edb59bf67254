import { describe, expect, it } from "vitest";
import { MAX_NOTEBOOK_BYTES, MAX_NOTEBOOK_CELLS } from "../document/limits";
import {
  checkBeforeParse,
  lines,
  looksLikeNotebook,
  NotebookProblem,
  outputText,
  parseNotebook,
  toIpynb,
} from "./ipynb";

const nb = (cells: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5, ...extra });

function problem(text: string): string {
  try {
    parseNotebook(text);
  } catch (e) {
    if (e instanceof NotebookProblem) return e.message;
    throw e;
  }
  throw new Error("parsed");
}

describe("parseNotebook", () => {
  it("keeps code and markdown cells in order, with the code cells' stored outputs", () => {
    const parsed = parseNotebook(
      nb([
        { cell_type: "markdown", metadata: {}, source: ["# Title\n", "text"] },
        {
          cell_type: "code",
          execution_count: 1,
          metadata: {},
          source: "x = 1\nx",
          outputs: [
            { output_type: "stream", name: "stdout", text: ["a\n", "b\n"] },
            { output_type: "execute_result", data: { "text/plain": "1", "image/png": "…" } },
            { output_type: "display_data", data: { "image/png": "…" } },
            { output_type: "error", ename: "ValueError", evalue: "boom", traceback: ["…"] },
          ],
        },
        { cell_type: "raw", metadata: {}, source: "raw text" },
      ]),
    );
    expect(parsed.skipped).toBe(1);
    expect(parsed.cells.map((c) => [c.kind, c.source])).toEqual([
      ["markdown", "# Title\ntext"],
      ["code", "x = 1\nx"],
    ]);
    expect(outputText(parsed.cells[1]!.stored)).toBe("a\nb\n1\nValueError: boom");
  });

  it("says what is wrong with what is not a notebook", () => {
    expect(problem("print('hi')")).toMatch(/^It is not a notebook: its text is not JSON \(/);
    expect(problem("[1, 2]")).toBe(
      "It is not a notebook: a notebook is a JSON object with a list of cells.",
    );
    expect(problem('{"nbformat": 4}')).toBe('It is not a notebook: it has no "cells" list.');
    expect(problem('{"cells": []}')).toBe(
      'It is not a notebook: it has no "nbformat" version number.',
    );
    expect(problem(nb([], { nbformat: 3 }))).toMatch(/^It is an nbformat 3 notebook; this page/);
    expect(problem(nb([{ cell_type: "code", source: 7 }]))).toBe(
      'Cell 1 is not a notebook cell: its "source" is neither text nor a list of lines.',
    );
    expect(problem(nb([{ cell_type: "markdown", source: "" }, "x"]))).toBe(
      "Cell 2 is not a notebook cell: it is not a JSON object.",
    );
    expect(problem(nb([{ cell_type: "heading", source: "" }]))).toBe(
      'Cell 1 is not a notebook cell: its "cell_type" is not code, markdown or raw.',
    );
  });

  it("checks size and cell count before parsing", () => {
    const cell = '{"cell_type": "code"},';
    const many = `{"cells": [${cell.repeat(MAX_NOTEBOOK_CELLS + 1)}`; // not even JSON
    expect(() => checkBeforeParse(many)).toThrow(`more than ${MAX_NOTEBOOK_CELLS} cells`);
    expect(() => checkBeforeParse("{}", MAX_NOTEBOOK_BYTES + 1)).toThrow(
      "a notebook may be at most 2 MB",
    );
    expect(() => checkBeforeParse("{}".repeat(MAX_NOTEBOOK_BYTES))).toThrow("It is 4 MB");
    expect(problem(many)).toMatch(/more than 500 cells/);
  });

  it("counts cells after parsing too (escaped keys slip past the first count)", () => {
    const cells = Array.from({ length: MAX_NOTEBOOK_CELLS + 1 }, () => ({
      "cell\\u005ftype": "code",
    }));
    const text = nb(cells).replaceAll("cell\\\\u005ftype", "cell\\u005ftype");
    expect(() => checkBeforeParse(text)).not.toThrow();
    expect(problem(text)).toMatch(/more than 500 cells/);
  });
});

describe("looksLikeNotebook", () => {
  it("tells a pasted notebook from pasted code", () => {
    expect(looksLikeNotebook(nb([]))).toBe(true);
    expect(looksLikeNotebook('  \n{\n "cells": [],\n "nbformat": 4}')).toBe(true);
    expect(looksLikeNotebook('d = {"cells": 1, "nbformat": 4}')).toBe(false);
    expect(looksLikeNotebook("{1, 2}")).toBe(false);
  });
});

describe("toIpynb", () => {
  it("writes nbformat 4 that reads back as the same cells", () => {
    const text = toIpynb([
      { kind: "markdown", source: "# Hi\nthere", run: null, stored: [] },
      {
        kind: "code",
        source: "import torch\nprint(1)",
        run: { count: 3, output: "1\n", error: "RuntimeError: bad: worse" },
        stored: [{ output_type: "stream", name: "stdout", text: "old\n" }],
      },
      {
        kind: "code",
        source: "x",
        run: null,
        stored: [{ output_type: "execute_result", text: "tensor(1.)" }],
      },
    ]);
    const raw = JSON.parse(text);
    expect(raw.nbformat).toBe(4);
    expect(raw.cells[0]).toEqual({
      cell_type: "markdown",
      metadata: {},
      source: ["# Hi\n", "there"],
    });
    expect(raw.cells[1]).toEqual({
      cell_type: "code",
      execution_count: 3,
      metadata: {},
      source: ["import torch\n", "print(1)"],
      outputs: [
        { output_type: "stream", name: "stdout", text: ["1\n"] },
        { output_type: "error", ename: "RuntimeError", evalue: "bad: worse", traceback: [] },
      ],
    });
    expect(raw.cells[2].execution_count).toBe(null);
    const back = parseNotebook(text);
    expect(back.cells.map((c) => [c.kind, c.source, outputText(c.stored)])).toEqual([
      ["markdown", "# Hi\nthere", ""],
      ["code", "import torch\nprint(1)", "1\nRuntimeError: bad: worse"],
      ["code", "x", "tensor(1.)\n"],
    ]);
  });

  it("splits text into nbformat's lines", () => {
    expect(lines("")).toEqual([]);
    expect(lines("a")).toEqual(["a"]);
    expect(lines("a\n\nb\n")).toEqual(["a\n", "\n", "b\n"]);
  });
});
