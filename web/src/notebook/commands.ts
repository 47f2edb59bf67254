// What the code panel's buttons do. Cells go to the worker on their own channel; the page
// stays responsive while Python runs, and Stop interrupts the running cell.
import { layoutDoc } from "../editor/layout";
import { fitView } from "../editor/commands";
import { engineReadyHint, send, stopCode } from "../engine/sync";
import { commit, say, setSelection, useStore } from "../store/store";
import { useCode, type Cell } from "./codeStore";

let cellSeq = 1;

function patchCell(n: number, patch: Partial<Cell>): void {
  useCode.setState((s) => ({ cells: s.cells.map((c) => (c.n === n ? { ...c, ...patch } : c)) }));
}

export async function runCell(): Promise<void> {
  const code = useCode.getState().draft;
  if (code.trim() === "") {
    say("Type Python into the Code box first, e.g. import torch.");
    return;
  }
  engineReadyHint();
  const n = cellSeq++;
  const viewAtStart = useCode.getState().view;
  useCode.setState((s) => ({
    draft: "",
    cells: [...s.cells, { n, code, output: null, error: null }],
  }));
  const { response } = await send({ action: "run_cell", code }, "code");
  patchCell(n, {
    output: response.output ?? "",
    error: response.ok ? response.error : `EngineError: ${response.error ?? "unknown"}`,
  });
  // Show the code's graph, unless the person switched tabs while the cell ran: their choice
  // (and whatever they did on the Graph meanwhile) is the later action.
  if (response.graph)
    useCode.setState((s) => ({
      graph: response.graph!,
      view: s.open && s.view === viewAtStart ? "code" : s.view,
    }));
}

export function stopCells(): void {
  const outcome = stopCode();
  if (outcome === "idle") say("Nothing is running.", 2500);
  else if (outcome === "interrupt") say("Stopping…", 2000);
}

export async function resetCode(): Promise<void> {
  const { response } = await send({ action: "reset_code" }, "code");
  useCode.setState({ cells: [], graph: response.graph ?? null, note: null });
  say("Code state reset: every name the cells defined is gone.", 4000);
}

export async function openAsGraph(): Promise<void> {
  engineReadyHint();
  const { response } = await send({ action: "code_to_doc" }, "code");
  if (!response.ok || !response.doc) {
    say(`Open as graph failed: ${response.error ?? "no graph"}`, 8000);
    return;
  }
  if (response.doc.nodes.length === 0) {
    say("The code has no tensors yet: run a cell that makes some, then Open as graph.");
    return;
  }
  commit(layoutDoc(response.doc));
  setSelection([], []);
  useStore.setState({ hint: false, share: null });
  const missing = response.unsupported ?? [];
  const note =
    missing.length > 0
      ? `${missing.join(", ")} ${missing.length > 1 ? "have" : "has"} no node type: ${missing.length > 1 ? "their values were" : "its value was"} kept as a constant.`
      : null;
  useCode.setState({ view: "graph", note });
  say(
    `Opened the code's graph as an editable graph. Undo brings back the previous one.${note ? ` ${note}` : ""}`,
    12000,
  );
  setTimeout(fitView, 100);
}

export function toggleCodePanel(): void {
  useCode.setState((s) =>
    s.open
      ? { open: false, view: "graph" }
      : // Opening shows the code's graph if there is one; the Graph tab is one click away.
        { open: true, view: s.graph && s.graph.nodes.length ? "code" : "graph" },
  );
  setTimeout(() => document.querySelector<HTMLTextAreaElement>(".code-input")?.focus(), 0);
}
