// What the code panel's buttons do. Cells go to the worker on their own channel; the page
// stays responsive while Python runs, and Stop interrupts the running cell.
import { layoutDoc } from "../editor/layout";
import { fitView } from "../editor/viewport";
import { MAX_NOTEBOOK_BYTES } from "../document/limits";
import { engineReadyHint, send, stopCode } from "../engine/sync";
import { resetPage } from "../reset";
import { say } from "../store/store";
import { downloadBlob } from "../share/download";
import { t } from "../i18n";
import {
  clearCells,
  finishCell,
  isRunning,
  openNotebookWith,
  replaceCells,
  replaceCodeGraph,
  rerunCell,
  setPanelMessage,
  setDraft,
  setCodeGraph,
  showNotebook,
  showOpenedGraph,
  startCell,
  toggleNotebookOpen,
  useCode,
  type Cell,
} from "./store";
import { failingLine } from "./failingLine";
import { quoted } from "../document/excerpt";
import { NotebookProblem, parseNotebook, toIpynb, tooBig, type ParsedNotebook } from "./ipynb";
import { loadReadyNotebook, type ReadyNotebook } from "./ready";

let cellSeq = 1;

/** Runs the code of cell `id` (already marked running) and records what it printed. */
async function execute(id: number, code: string): Promise<Cell | undefined> {
  const viewAtStart = useCode.getState().view;
  const { response } = await send({ action: "run_cell", code }, "code");
  finishCell(id, {
    output: response.output ?? "",
    error: response.ok ? response.error : `EngineError: ${response.error ?? "unknown"}`,
    line: response.ok ? (response.line ?? null) : null,
  });
  // Show the code's graph, unless the person switched tabs while the cell ran: their choice
  // (and whatever they did on the Graph meanwhile) is the later action.
  if (response.graph) setCodeGraph(response.graph, viewAtStart);
  return useCode.getState().cells.find((c) => c.id === id);
}

export async function runCell(): Promise<void> {
  const code = useCode.getState().draft;
  if (code.trim() === "") {
    say(t("notebook.typeFirst"));
    return;
  }
  engineReadyHint();
  await execute(startCell(cellSeq++, code), code);
}

/** Runs a cell already in the panel (an opened notebook's, or one run before) in its place. */
export async function runCellAt(id: number): Promise<Cell | undefined> {
  const cell = useCode.getState().cells.find((c) => c.id === id);
  if (!cell || cell.kind !== "code") return undefined;
  engineReadyHint();
  rerunCell(id, cellSeq++);
  return execute(id, cell.code);
}

let runningAll = false;

/** Runs every code cell from the top, in order; stops at the first that fails and says
 *  which (the k-th code cell) and on which line. */
export async function runAll(): Promise<void> {
  const code = useCode.getState().cells.filter((c) => c.kind === "code");
  if (runningAll || useCode.getState().cells.some(isRunning))
    return say(t("notebook.ipynb.busy"), 4000);
  if (code.length === 0) return say(t("notebook.ipynb.nothingToRun"), 4000);
  runningAll = true;
  setPanelMessage(null);
  try {
    for (const [i, c] of code.entries()) {
      const done = await runCellAt(c.id);
      // Gone meanwhile (Reset, another notebook opened): the run all was for cells that are
      // no longer there.
      if (!done) return;
      if (done.error !== null) {
        const where = failingLine(done);
        const k = i + 1;
        setPanelMessage(
          where === null
            ? t("notebook.ipynb.stoppedAt", { k, error: done.error })
            : t("notebook.ipynb.stoppedAtLine", { k, where, error: done.error }),
          true,
        );
        document.querySelector(`[data-cell-id="${done.id}"]`)?.scrollIntoView({ block: "nearest" });
        return;
      }
    }
    setPanelMessage(t("notebook.ipynb.ranAll", { count: code.length }));
  } finally {
    runningAll = false;
  }
}

/** Puts the last code cell's code back in the Code box (to fix what failed); false if there
 *  is none. */
export function recallLastCell(): boolean {
  const last = useCode
    .getState()
    .cells.filter((c) => c.kind === "code")
    .at(-1);
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

/** Opens a notebook's text in the panel, in place of its cells once the person agrees; a
 *  text that is not a notebook leaves the panel as it was and says why. */
export async function openNotebookText(text: string, what: string, bytes?: number): Promise<void> {
  let parsed: ParsedNotebook;
  try {
    parsed = parseNotebook(text, bytes);
  } catch (e) {
    if (!(e instanceof NotebookProblem)) throw e;
    return notOpened(what, e.message);
  }
  const existing = useCode.getState().cells.length;
  if (
    existing > 0 &&
    !window.confirm(t("notebook.ipynb.replaceConfirm", { what, count: existing }))
  ) {
    setPanelMessage(t("notebook.ipynb.kept"));
    return;
  }
  if (useCode.getState().cells.some(isRunning)) stopCode();
  const code = parsed.cells.filter((c) => c.kind === "code").length;
  replaceCells(parsed.cells, null);
  const counts = {
    what,
    code: t("notebook.ipynb.codeCells", { count: code }),
    text: t("notebook.ipynb.textCells", { count: parsed.cells.length - code }),
  };
  setPanelMessage(
    parsed.skipped > 0
      ? t("notebook.ipynb.openedSkipped", {
          ...counts,
          raw: t("notebook.ipynb.rawCells", { count: parsed.skipped }),
        })
      : t("notebook.ipynb.opened", counts),
  );
  openNotebookWith(useCode.getState().draft);
  // A notebook starts with no names defined, as in a fresh Jupyter kernel. Forgetting names
  // runs nothing of the notebook's.
  const { response } = await send({ action: "reset_code" }, "code");
  replaceCodeGraph(response.graph ?? null);
}

function notOpened(what: string, why: string): void {
  setPanelMessage(t("notebook.ipynb.notOpened", { what, why }), true);
}

/** A file chosen or dropped: its size is checked before a byte of it is read. */
export async function openNotebookFile(file: File): Promise<void> {
  if (file.size > MAX_NOTEBOOK_BYTES) return notOpened(quoted(file.name), tooBig(file.size));
  await openNotebookText(await file.text(), quoted(file.name), file.size);
}

export function pickNotebookFile(): void {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".ipynb,application/x-ipynb+json,application/json";
  input.dataset.notebookPicker = "";
  input.hidden = true;
  input.onchange = () => {
    const file = input.files?.[0];
    input.remove();
    if (file) void openNotebookFile(file);
  };
  // In the document, so that a test (or an assistive tool) can find it while it is open.
  document.body.appendChild(input);
  input.click();
}

/** One of the ready notebooks (notebooks/index.json), in the page's language if it has one. */
export async function openReadyNotebook(entry: ReadyNotebook): Promise<void> {
  showNotebook();
  const text = await loadReadyNotebook(entry);
  if (text === null)
    return setPanelMessage(t("notebook.ipynb.readyFailed", { title: quoted(entry.title) }), true);
  await openNotebookText(text, quoted(entry.title));
}

export function downloadNotebook(): void {
  const cells = useCode.getState().cells;
  if (cells.length === 0) return setPanelMessage(t("notebook.ipynb.nothingToDownload"));
  const text = toIpynb(
    cells.map((c) => ({
      kind: c.kind,
      source: c.code,
      run:
        c.n !== null && c.output !== null ? { count: c.n, output: c.output, error: c.error } : null,
      stored: c.stored ?? [],
    })),
  );
  downloadBlob(new Blob([text], { type: "application/x-ipynb+json" }), NOTEBOOK_FILE);
  setPanelMessage(t("notebook.ipynb.downloaded", { file: NOTEBOOK_FILE }));
}

const NOTEBOOK_FILE = "autograd-notebook.ipynb";
