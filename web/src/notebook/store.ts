// The notebook (code panel)'s state: cells run in the engine's worker, and the autograd graph
// the code built. Kept apart from the graph document's store: code never edits the document
// except through "Open as graph", which is an ordinary undoable commit.
import { create } from "zustand";
import type { CodeGraph } from "../engine/protocol";
import type { NbOutput } from "./ipynb";

export interface Cell {
  /** The cell's place in the panel's history, its key; stays when the cell runs again. */
  id: number;
  /** A code cell, or an opened notebook's text (markdown) shown between them. */
  kind: "code" | "markdown";
  /** Its run's number, as a notebook's In [n]; null until it has run here. */
  n: number | null;
  code: string;
  /** null while the cell runs; "" also before it first runs (then `n` is null) */
  output: string | null;
  error: string | null;
  /** The cell's line the error came through last (1-based), when the engine knows it. */
  line: number | null;
  /** What an opened notebook stored as the cell's output, kept to compare with this run. */
  stored: NbOutput[] | null;
}

/** A cell that is running now. */
export function isRunning(c: Cell): boolean {
  return c.output === null;
}

export interface CodeState {
  open: boolean;
  draft: string;
  cells: Cell[];
  graph: CodeGraph | null;
  /** What the canvas shows: the editable graph, or the code's (read-only) autograd graph. */
  view: "graph" | "code";
  /** Ops the last "Open as graph" could not turn into nodes. */
  note: string | null;
  /** What the last notebook action (open, Run all, download) has to say, in the panel. */
  message: { text: string; error: boolean } | null;
}

export const useCode = create<CodeState>()(() => ({
  open: false,
  draft: "",
  cells: [],
  graph: null,
  view: "graph",
  note: null,
  message: null,
}));

const set = useCode.setState;

export function setDraft(draft: string): void {
  set({ draft });
}

/** Opens the panel with `draft` waiting in the Code box (a link's or a lesson's code, never
 *  run until the person presses Run), the editable graph in view. */
export function openNotebookWith(draft: string): void {
  set({ open: true, draft, view: "graph" });
}

/** Opens the panel as it was (a ready notebook opened from the Lessons menu lands in it). */
export function showNotebook(): void {
  set({ open: true });
}

export function closeNotebook(): void {
  set({ open: false, view: "graph" });
}

export function toggleNotebookOpen(): void {
  set((s) =>
    s.open
      ? { open: false, view: "graph" }
      : // Opening shows the code's graph if there is one; the Graph tab is one click away.
        { open: true, view: s.graph && s.graph.nodes.length ? "code" : "graph" },
  );
}

export function showCanvas(view: CodeState["view"]): void {
  set({ view });
}

let cellIds = 1;

/** Moves the draft into a new running cell; returns its id. */
export function startCell(n: number, code: string): number {
  const id = cellIds++;
  set((s) => ({
    draft: "",
    cells: [
      ...s.cells,
      { id, kind: "code", n, code, output: null, error: null, line: null, stored: null },
    ],
  }));
  return id;
}

/** Marks a cell already in the panel as running again, as run number `n`. */
export function rerunCell(id: number, n: number): void {
  set((s) => ({
    cells: s.cells.map((c) =>
      c.id === id ? { ...c, n, output: null, error: null, line: null } : c,
    ),
  }));
}

export function finishCell(id: number, patch: Pick<Cell, "output" | "error" | "line">): void {
  set((s) => ({ cells: s.cells.map((c) => (c.id === id ? { ...c, ...patch } : c)) }));
}

/** An opened notebook's cells, none of them run, in place of the panel's cells. */
export function replaceCells(
  cells: readonly { kind: Cell["kind"]; source: string; stored: NbOutput[] }[],
  graph: CodeGraph | null,
): void {
  set({
    cells: cells.map((c) => ({
      id: cellIds++,
      kind: c.kind,
      n: null,
      code: c.source,
      output: "",
      error: null,
      line: null,
      stored: c.kind === "code" ? c.stored : null,
    })),
    graph,
    note: null,
  });
}

export function setPanelMessage(text: string | null, error = false): void {
  set({ message: text === null ? null : { text, error } });
}

/** The code's new graph; shown unless the person switched tabs since `viewAtStart`. */
export function setCodeGraph(graph: CodeGraph, viewAtStart: CodeState["view"]): void {
  set((s) => ({ graph, view: s.open && s.view === viewAtStart ? "code" : s.view }));
}

/** The code's graph after its names were forgotten, the tab in view left as it is. */
export function replaceCodeGraph(graph: CodeGraph | null): void {
  set({ graph });
}

export function clearCells(graph: CodeGraph | null): void {
  set({ cells: [], graph, note: null });
}

/** After "Open as graph": the editable graph in view, and what could not be converted. */
export function showOpenedGraph(note: string | null): void {
  set({ view: "graph", note });
}

/** The code a share link carries: the cells run so far, then what is in the textbox. */
export function codeForShare(): string {
  const s = useCode.getState();
  return [...s.cells.filter((c) => c.kind === "code").map((c) => c.code), s.draft]
    .map((t) => t.replace(/\s+$/, ""))
    .filter((t) => t !== "")
    .join("\n\n");
}
