// Jupyter notebooks (.ipynb, nbformat 4) in and out of the code panel. A notebook comes from
// a stranger: its size and cell count are checked before the JSON is parsed, then every field
// the panel uses is checked for its type, and nothing else from the file is kept. Nothing in it
// runs here: the panel runs a code cell only when the person presses Run or Run all.
import { MAX_NOTEBOOK_BYTES, MAX_NOTEBOOK_CELLS } from "../document/limits";
import { t } from "../i18n";

/** "2.5 MB": a size as the notebook limits name it. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;
}

export function tooBig(bytes: number): string {
  return t("notebook.ipynb.tooBig", {
    size: megabytes(bytes),
    max: megabytes(MAX_NOTEBOOK_BYTES),
  });
}

/** An output as nbformat 4 stores it, reduced to the fields the panel shows and writes back. */
export type NbOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "execute_result" | "display_data"; text: string }
  | { output_type: "error"; ename: string; evalue: string };

export interface NotebookCell {
  kind: "code" | "markdown";
  source: string;
  /** The outputs saved in the file (code cells); [] when it has none. */
  stored: NbOutput[];
}

export interface ParsedNotebook {
  cells: NotebookCell[];
  /** Raw cells, which are neither code nor text to show, are left out. */
  skipped: number;
}

/** Why a file or a paste is not a notebook the panel can open; the message is the person's. */
export class NotebookProblem extends Error {}

function badCell(k: number, why: string): NotebookProblem {
  return new NotebookProblem(t("notebook.ipynb.badCell", { k, why }));
}

/** A paste that is a notebook rather than code: a JSON object naming nbformat and cells. */
export function looksLikeNotebook(text: string): boolean {
  const head = text.trimStart();
  return head.startsWith("{") && /"nbformat"\s*:/.test(text) && /"cells"\s*:/.test(text);
}

function byteLength(text: string): number {
  // Each UTF-16 unit is at most 3 bytes of UTF-8: a short text needs no encoding to pass.
  return text.length * 3 <= MAX_NOTEBOOK_BYTES ? text.length : new Blob([text]).size;
}

/** The checks made before parsing: size, then a count of the cells' "cell_type" keys (a key
 *  written with escapes escapes this count, not the one after parsing). */
export function checkBeforeParse(text: string, bytes = byteLength(text)): void {
  if (bytes > MAX_NOTEBOOK_BYTES) throw new NotebookProblem(tooBig(bytes));
  const key = /"cell_type"\s*:/g;
  let n = 0;
  while (key.exec(text) !== null)
    if (++n > MAX_NOTEBOOK_CELLS)
      throw new NotebookProblem(t("notebook.ipynb.tooManyCells", { max: MAX_NOTEBOOK_CELLS }));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** nbformat's "multiline string": a string, or a list of strings to join. */
function multiline(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((s) => typeof s === "string")) return v.join("");
  return null;
}

function readOutput(o: unknown): NbOutput | null {
  if (!isObject(o)) return null;
  switch (o.output_type) {
    case "stream": {
      const text = multiline(o.text);
      if (text === null) return null;
      return { output_type: "stream", name: o.name === "stderr" ? "stderr" : "stdout", text };
    }
    case "execute_result":
    case "display_data": {
      // Only the plain-text form is shown; images and HTML outputs are not drawn here.
      const plain = isObject(o.data) ? multiline(o.data["text/plain"]) : null;
      return plain === null ? null : { output_type: o.output_type, text: plain };
    }
    case "error":
      return typeof o.ename === "string" && typeof o.evalue === "string"
        ? { output_type: "error", ename: o.ename, evalue: o.evalue }
        : null;
    default:
      return null;
  }
}

/** Parses and checks a notebook's text; throws NotebookProblem saying what is wrong. */
export function parseNotebook(text: string, bytes?: number): ParsedNotebook {
  checkBeforeParse(text, bytes);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new NotebookProblem(
      t("notebook.ipynb.notJson", { why: e instanceof Error ? e.message : String(e) }),
    );
  }
  if (!isObject(raw)) throw new NotebookProblem(t("notebook.ipynb.notObject"));
  if (!Array.isArray(raw.cells)) throw new NotebookProblem(t("notebook.ipynb.noCells"));
  if (typeof raw.nbformat !== "number") throw new NotebookProblem(t("notebook.ipynb.noFormat"));
  if (raw.nbformat < 4)
    throw new NotebookProblem(t("notebook.ipynb.oldFormat", { version: String(raw.nbformat) }));
  if (raw.cells.length > MAX_NOTEBOOK_CELLS)
    throw new NotebookProblem(t("notebook.ipynb.tooManyCells", { max: MAX_NOTEBOOK_CELLS }));
  const cells: NotebookCell[] = [];
  let skipped = 0;
  raw.cells.forEach((c: unknown, i: number) => {
    const k = i + 1;
    if (!isObject(c)) throw badCell(k, t("notebook.ipynb.cellNotObject"));
    const source = multiline(c.source);
    if (source === null) throw badCell(k, t("notebook.ipynb.cellSource"));
    if (c.cell_type === "raw") {
      skipped++;
    } else if (c.cell_type === "markdown") {
      cells.push({ kind: "markdown", source, stored: [] });
    } else if (c.cell_type === "code") {
      const outputs = Array.isArray(c.outputs) ? c.outputs : [];
      const stored = outputs.map(readOutput).filter((o): o is NbOutput => o !== null);
      cells.push({ kind: "code", source, stored });
    } else {
      throw badCell(k, t("notebook.ipynb.cellType"));
    }
  });
  return { cells, skipped };
}

/** An error as the panel shows it ("Type: message", or "Type" alone). */
function errorText(ename: string, evalue: string): string {
  return evalue ? `${ename}: ${evalue}` : ename;
}

/** Stored outputs as the panel prints a run: what was printed, an expression's value on its
 *  own line, then the error; so that the two can be compared as text. */
export function outputText(outputs: readonly NbOutput[]): string {
  return outputs
    .map((o) => {
      if (o.output_type === "stream") return o.text;
      if (o.output_type === "error") return errorText(o.ename, o.evalue);
      return o.text.endsWith("\n") ? o.text : `${o.text}\n`;
    })
    .join("");
}

/** A cell as the panel holds it, for writing back out. */
export interface CellToSave {
  kind: "code" | "markdown";
  source: string;
  /** The panel's run of it: null when it has not run here (its stored outputs are kept). */
  run: { count: number; output: string; error: string | null } | null;
  stored: readonly NbOutput[];
}

/** nbformat keeps text as a list of lines, each with its newline but the last. */
export function lines(text: string): string[] {
  return text === "" ? [] : (text.match(/[^\n]*\n|[^\n]+$/g) ?? []);
}

function splitError(error: string): { ename: string; evalue: string } {
  const at = error.indexOf(": ");
  return at < 0
    ? { ename: error, evalue: "" }
    : { ename: error.slice(0, at), evalue: error.slice(at + 2) };
}

function writeOutput(o: NbOutput, count: number | null): Record<string, unknown> {
  switch (o.output_type) {
    case "stream":
      return { output_type: "stream", name: o.name, text: lines(o.text) };
    case "error":
      return { output_type: "error", ename: o.ename, evalue: o.evalue, traceback: [] };
    case "execute_result":
      return {
        output_type: "execute_result",
        execution_count: count,
        data: { "text/plain": lines(o.text) },
        metadata: {},
      };
    case "display_data":
      return { output_type: "display_data", data: { "text/plain": lines(o.text) }, metadata: {} };
  }
}

/** The panel's cells as an nbformat 4 notebook (JSON text). A cell run here gets what it
 *  printed as one stdout stream (the panel does not tell a print from an expression's value)
 *  and its error; a cell not run here keeps the outputs the opened file stored. */
export function toIpynb(cells: readonly CellToSave[]): string {
  const out = cells.map((c) => {
    if (c.kind === "markdown")
      return { cell_type: "markdown", metadata: {}, source: lines(c.source) };
    const count = c.run ? c.run.count : null;
    let outputs: NbOutput[];
    if (c.run) {
      outputs = [];
      if (c.run.output !== "")
        outputs.push({ output_type: "stream", name: "stdout", text: c.run.output });
      if (c.run.error !== null) outputs.push({ output_type: "error", ...splitError(c.run.error) });
    } else {
      outputs = [...c.stored];
    }
    return {
      cell_type: "code",
      execution_count: count,
      metadata: {},
      outputs: outputs.map((o) => writeOutput(o, count)),
      source: lines(c.source),
    };
  });
  const nb = {
    cells: out,
    metadata: {
      kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
      language_info: { name: "python" },
    },
    nbformat: 4,
    // 4.4, not 4.5: 4.5 requires an id on every cell, which nothing here needs.
    nbformat_minor: 4,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}
