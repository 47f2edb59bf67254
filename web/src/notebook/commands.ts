// What the code panel's buttons do. Cells go to the worker on their own channel; the page
// stays responsive while Python runs, and Stop interrupts the running cell.
import { layoutDoc } from "../editor/layout";
import { fitView } from "../editor/viewport";
import { engineReadyHint, send, stopCode } from "../engine/sync";
import { resetPage } from "../reset";
import { say } from "../store/store";
import { t } from "../i18n";
import {
  clearCells,
  finishCell,
  setDraft,
  setCodeGraph,
  showOpenedGraph,
  startCell,
  toggleNotebookOpen,
  useCode,
} from "./store";

let cellSeq = 1;

export async function runCell(): Promise<void> {
  const code = useCode.getState().draft;
  if (code.trim() === "") {
    say(t("notebook.typeFirst"));
    return;
  }
  engineReadyHint();
  const n = cellSeq++;
  const viewAtStart = useCode.getState().view;
  startCell(n, code);
  const { response } = await send({ action: "run_cell", code }, "code");
  finishCell(n, {
    output: response.output ?? "",
    error: response.ok ? response.error : `EngineError: ${response.error ?? "unknown"}`,
    line: response.ok ? (response.line ?? null) : null,
  });
  // Show the code's graph, unless the person switched tabs while the cell ran: their choice
  // (and whatever they did on the Graph meanwhile) is the later action.
  if (response.graph) setCodeGraph(response.graph, viewAtStart);
}

/** Puts the last cell's code back in the Code box (to fix what failed); false if there is
 *  none. */
export function recallLastCell(): boolean {
  const last = useCode.getState().cells.at(-1);
  if (!last) return false;
  setDraft(last.code);
  return true;
}

export function stopCells(): void {
  const outcome = stopCode();
  if (outcome === "idle") say(t("notebook.nothingRunning"), 2500);
  else if (outcome === "interrupt") say(t("notebook.stopping"), 2000);
}

export async function resetCode(): Promise<void> {
  const { response } = await send({ action: "reset_code" }, "code");
  clearCells(response.graph ?? null);
  say(t("notebook.resetDone"), 4000);
}

export async function openAsGraph(): Promise<void> {
  engineReadyHint();
  const { response } = await send({ action: "code_to_doc" }, "code");
  if (!response.ok || !response.doc) {
    say(t("notebook.openFailed", { error: response.error ?? t("notebook.noGraph") }), 8000);
    return;
  }
  if (response.doc.nodes.length === 0) {
    say(t("notebook.noTensorsYet"));
    return;
  }
  resetPage({ doc: layoutDoc(response.doc), hint: false });
  const missing = response.unsupported ?? [];
  const note =
    missing.length > 0
      ? t("notebook.unsupported", { count: missing.length, names: missing.join(", ") })
      : null;
  showOpenedGraph(note);
  say(`${t("notebook.openedGraph")}${note ? ` ${note}` : ""}`, 12000);
  setTimeout(fitView, 100);
}

export function toggleNotebook(): void {
  toggleNotebookOpen();
  setTimeout(() => document.querySelector<HTMLTextAreaElement>(".code-input")?.focus(), 0);
}
