import "./code.css";
import { ErrorHelp } from "../messages/ErrorHelp";
import { lazy, Suspense, useEffect, useRef } from "react";
import { closeNotebook, useCode, type Cell } from "./store";
import { openAsGraph, recallLastCell, resetCode, runCell, stopCells } from "./commands";
import { Trans } from "react-i18next";
import { t as i18nT, useT } from "../i18n";

/** "line 3: y = x.view(4)": where in the cell its error came from. */
export function failingLine(cell: Pick<Cell, "code" | "line">): string | null {
  if (cell.line === null) return null;
  const text = cell.code.split("\n")[cell.line - 1];
  return text === undefined
    ? i18nT("notebook.line", { n: cell.line })
    : i18nT("notebook.lineText", { n: cell.line, text: text.trim() });
}

// CodeMirror is most of the page's script; it loads when the code panel first opens. If it
// cannot (a deploy replaced the file this page would load), the panel says so instead of the
// whole page going blank.
const CodeEditor = lazy(() =>
  import("./CodeEditor").then(
    (m) => ({ default: m.CodeEditor }),
    () => ({ default: EditorUnavailable }),
  ),
);

function EditorUnavailable() {
  const t = useT();
  return (
    <p className="code-input code-unavailable" role="alert">
      {t("notebook.unavailable")}
    </p>
  );
}

function CellView({ cell }: { cell: Cell }) {
  const t = useT();
  return (
    <div className="cell" data-cell={cell.n}>
      <pre className="cell-code">
        <span className="cell-prompt" aria-hidden>
          [{cell.n}]
        </span>
        {cell.code}
      </pre>
      {cell.output === null ? (
        <div className="cell-running">
          <span className="spinner" aria-hidden /> {t("notebook.running")}
        </div>
      ) : (
        <>
          <pre className="cell-output" data-cell-output>
            {cell.output}
            {cell.error && <span className="cell-error">{cell.error}</span>}
          </pre>
          <ErrorHelp error={cell.error} />
          {/* Beside the output, not in it: the output is what PyTorch itself prints. */}
          {cell.error && cell.line !== null && (
            <div className="cell-error-line" data-error-line={cell.line}>
              {failingLine(cell)}
            </div>
          )}
        </>
      )}
    </div>
  );
}

export function CodePanel() {
  const t = useT();
  const cells = useCode((s) => s.cells);
  const note = useCode((s) => s.note);
  const running = cells.some((c) => c.output === null);
  const list = useRef<HTMLDivElement>(null);
  // New output is at the bottom, next to the textbox: keep it in view.
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [cells]);

  return (
    <aside className="nb-panel" aria-label={t("notebook.label")}>
      <div className="nb-head">
        <strong>{t("notebook.title")}</strong>
        <span className="nb-sub">
          <Trans i18nKey="notebook.sub" components={{ code: <code /> }} />
        </span>
        <button
          type="button"
          className="nb-close"
          aria-label={t("notebook.close")}
          onClick={closeNotebook}
        >
          ×
        </button>
      </div>
      <div className="cells" ref={list}>
        {cells.length === 0 && <p className="cells-empty">{t("notebook.empty")}</p>}
        {cells.map((c) => (
          <CellView key={c.n} cell={c} />
        ))}
      </div>
      <Suspense fallback={<div className="code-input code-input-loading" aria-busy="true" />}>
        <CodeEditor />
      </Suspense>
      <div className="code-actions">
        <button
          type="button"
          className="tb-button primary"
          title={t("notebook.runTitle")}
          onClick={() => void runCell()}
        >
          {t("notebook.run")}
        </button>
        <button
          type="button"
          className="tb-button"
          title={t("notebook.stopTitle")}
          disabled={!running}
          onClick={stopCells}
        >
          {t("notebook.stop")}
        </button>
        <button
          type="button"
          className="tb-button"
          title={t("notebook.editLastTitle")}
          disabled={cells.length === 0}
          onClick={() => {
            recallLastCell();
            document.querySelector<HTMLElement>(".code-input .cm-content")?.focus();
          }}
        >
          {t("notebook.editLast")}
        </button>
        <button
          type="button"
          className="tb-button"
          title={t("notebook.openGraphTitle")}
          onClick={() => void openAsGraph()}
        >
          {t("notebook.openGraph")}
        </button>
        <button
          type="button"
          className="tb-button"
          title={t("notebook.resetTitle")}
          onClick={() => void resetCode()}
        >
          {t("notebook.reset")}
        </button>
      </div>
      {note && (
        <div className="code-note" role="note" data-unsupported>
          {note}
        </div>
      )}
    </aside>
  );
}
