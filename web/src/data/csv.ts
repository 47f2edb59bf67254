// Your own data: a pasted or dropped CSV table, read on the page so the dialog can offer its
// columns, then written back as the dataset node's `csv` param (chosen features, then the
// label) for the engine, which checks it again (a share link is untrusted:
// py_engine/playground/datasets.py read_csv). Sizes are checked before a line is read.
import { MAX_CSV_CLASSES, MAX_CSV_COLUMNS, MAX_CSV_ROWS, MAX_TEXT_CHARS } from "../document/limits";

export type CsvProblem =
  | { key: "data.csv.tooManyChars"; values: { n: number; max: number } }
  | { key: "data.csv.tooManyRows"; values: { n: number; max: number } }
  | { key: "data.csv.empty"; values: Record<string, never> }
  | { key: "data.csv.unclosedQuote"; values: { line: number } }
  | { key: "data.csv.ragged"; values: { line: number; n: number; columns: number } }
  | { key: "data.csv.notNumber"; values: { line: number; column: string; value: string } }
  | { key: "data.csv.emptyLabel"; values: { line: number; column: string } }
  | { key: "data.csv.tooFewRows"; values: Record<string, never> }
  | { key: "data.csv.tooManyLabels"; values: { column: string; n: number; max: number } }
  | { key: "data.csv.tooManyColumns"; values: { n: number; max: number } };

export type Read<T> = { ok: true; value: T } | { ok: false; problem: CsvProblem };

export interface CsvTable {
  header: string[];
  /** Each row's cells, and its line in the text (the header is line 1). */
  rows: { cells: string[]; line: number }[];
}

function fail<T>(problem: CsvProblem): Read<T> {
  return { ok: false, problem };
}

/** Size limits, checked before the text is parsed. */
export function checkSize(text: string): CsvProblem | null {
  if (text.length > MAX_TEXT_CHARS)
    return { key: "data.csv.tooManyChars", values: { n: text.length, max: MAX_TEXT_CHARS } };
  let lines = 0;
  // rows after the header: the line breaks before the trailing blank lines
  const body = text.trimEnd();
  for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) lines++;
  if (lines > MAX_CSV_ROWS)
    return { key: "data.csv.tooManyRows", values: { n: lines, max: MAX_CSV_ROWS } };
  return null;
}

/** RFC 4180 records: commas between cells, double quotes around a cell that holds commas,
 *  quotes ("" inside) or line breaks; blank lines are skipped. */
export function parseCsv(text: string): Read<CsvTable> {
  const size = checkSize(text);
  if (size) return fail(size);
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const end = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== "") records.push({ cells, line: start });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      end();
      line++;
      start = line;
    } else cell += c;
  }
  if (quoted) return fail({ key: "data.csv.unclosedQuote", values: { line: start } });
  if (cell !== "" || cells.length > 0) end();
  const [head, ...rows] = records;
  if (!head) return fail({ key: "data.csv.empty", values: {} });
  const header = head.cells.map((h) => h.trim());
  if (header.length > MAX_CSV_COLUMNS * 4)
    return fail({
      key: "data.csv.tooManyColumns",
      values: { n: header.length, max: MAX_CSV_COLUMNS * 4 },
    });
  for (const r of rows)
    if (r.cells.length !== header.length)
      return fail({
        key: "data.csv.ragged",
        values: { line: r.line, n: r.cells.length, columns: header.length },
      });
  return { ok: true, value: { header, rows } };
}

function isNumber(text: string): boolean {
  const t = text.trim();
  // as Python's float() reads it (no 0x10, no 1_000): the engine reads the table again
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t);
}

/** The engine's rule (datasets.read_csv): integers or words with at most MAX_CSV_CLASSES
 *  distinct values are classes; other numbers a regression target. */
export function labelTask(values: readonly string[]): "classification" | "regression" | null {
  const distinct = new Set(values.map((v) => v.trim()));
  const few = distinct.size <= MAX_CSV_CLASSES;
  if (few && [...distinct].every((v) => /^[+-]?\d{1,18}$/.test(v))) return "classification";
  if ([...distinct].every(isNumber)) return "regression";
  return few ? "classification" : null;
}

function quote(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The table with only the chosen columns, features then the label (the dataset node's
 *  `csv` param), after checking every feature cell is a number and every label is there;
 *  a problem names the line and the column. */
export function chosenTable(
  table: CsvTable,
  features: readonly number[],
  label: number,
): Read<string> {
  if (features.length + 1 > MAX_CSV_COLUMNS)
    return fail({
      key: "data.csv.tooManyColumns",
      values: { n: features.length + 1, max: MAX_CSV_COLUMNS },
    });
  if (table.rows.length < 2) return fail({ key: "data.csv.tooFewRows", values: {} });
  const names = table.header;
  const lines = [[...features, label].map((c) => quote(names[c]!)).join(",")];
  for (const { cells, line } of table.rows) {
    for (const c of features) {
      if (!isNumber(cells[c]!))
        return fail({
          key: "data.csv.notNumber",
          values: { line, column: names[c]!, value: cells[c]!.trim() },
        });
    }
    if (cells[label]!.trim() === "")
      return fail({ key: "data.csv.emptyLabel", values: { line, column: names[label]! } });
    lines.push([...features, label].map((c) => quote(cells[c]!.trim())).join(","));
  }
  const labels = table.rows.map((r) => r.cells[label]!);
  if (labelTask(labels) === null)
    return fail({
      key: "data.csv.tooManyLabels",
      values: { column: names[label]!, n: new Set(labels).size, max: MAX_CSV_CLASSES },
    });
  return { ok: true, value: lines.join("\n") + "\n" };
}
