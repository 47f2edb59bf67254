// The code panel's state: notebook cells run in the engine's worker, and the autograd graph
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

/** The code a share link carries: the cells run so far, then what is in the textbox. */
export function codeForShare(): string {
  const s = useCode.getState();
  return [...s.cells.map((c) => c.code), s.draft]
    .map((t) => t.replace(/\s+$/, ""))
    .filter((t) => t !== "")
    .join("\n\n");
}
