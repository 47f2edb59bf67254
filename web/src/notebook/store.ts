// The notebook (code panel)'s state: cells run in the engine's worker, and the autograd graph
// the code built. Kept apart from the graph document's store: code never edits the document
// except through "Open as graph", which is an ordinary undoable commit.
import { create } from "zustand";
import type { CodeGraph } from "../engine/protocol";

export interface Cell {
  n: number;
  code: string;
  /** null while the cell runs */
  output: string | null;
  error: string | null;
  /** The cell's line the error came through last (1-based), when the engine knows it. */
  line: number | null;
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
}

export const useCode = create<CodeState>()(() => ({
  open: false,
  draft: "",
  cells: [],
  graph: null,
  view: "graph",
  note: null,
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

/** Moves the draft into a new running cell. */
export function startCell(n: number, code: string): void {
  set((s) => ({
    draft: "",
    cells: [...s.cells, { n, code, output: null, error: null, line: null }],
  }));
}

export function finishCell(n: number, patch: Pick<Cell, "output" | "error" | "line">): void {
  set((s) => ({ cells: s.cells.map((c) => (c.n === n ? { ...c, ...patch } : c)) }));
}

/** The code's new graph; shown unless the person switched tabs since `viewAtStart`. */
export function setCodeGraph(graph: CodeGraph, viewAtStart: CodeState["view"]): void {
  set((s) => ({ graph, view: s.open && s.view === viewAtStart ? "code" : s.view }));
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
  return [...s.cells.map((c) => c.code), s.draft]
    .map((t) => t.replace(/\s+$/, ""))
    .filter((t) => t !== "")
    .join("\n\n");
}
