import "./code.css";
import { lazy, Suspense, useEffect, useRef } from "react";
import { closeNotebook, useCode, type Cell } from "./store";
import { openAsGraph, recallLastCell, resetCode, runCell, stopCells } from "./commands";

/** "line 3: y = x.view(4)": where in the cell its error came from. */
export function failingLine(cell: Pick<Cell, "code" | "line">): string | null {
  if (cell.line === null) return null;
  const text = cell.code.split("\n")[cell.line - 1];
  return text === undefined ? `line ${cell.line}` : `line ${cell.line}: ${text.trim()}`;
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
  return (
    <p className="code-input code-unavailable" role="alert">
      The code editor could not be loaded (the page may have been updated since it opened). Reload
      the page to use it.
    </p>
  );
}

function CellView({ cell }: { cell: Cell }) {
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
          <span className="spinner" aria-hidden /> running… (Stop interrupts it)
        </div>
      ) : (
        <>
          <pre className="cell-output" data-cell-output>
            {cell.output}
            {cell.error && <span className="cell-error">{cell.error}</span>}
          </pre>
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
    <aside className="nb-panel" aria-label="Python code">
      <div className="nb-head">
        <strong>Python</strong>
        <span className="nb-sub">
          <code>import torch</code> runs this page's engine; state carries over
        </span>
        <button
          type="button"
          className="nb-close"
          aria-label="Close the code panel"
          onClick={closeNotebook}
        >
          ×
        </button>
      </div>
      <div className="cells" ref={list}>
        {cells.length === 0 && (
          <p className="cells-empty">
            Type PyTorch code below and press Run (Shift+Enter). Its autograd graph appears on the
            canvas.
          </p>
        )}
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
          title="Run this cell (Shift+Enter)"
          onClick={() => void runCell()}
        >
          Run
        </button>
        <button
          type="button"
          className="tb-button"
          title="Interrupt the running cell (KeyboardInterrupt)"
          disabled={!running}
          onClick={stopCells}
        >
          Stop
        </button>
        <button
          type="button"
          className="tb-button"
          title="Put the last cell's code back in the Code box to edit it (↑ in an empty box)"
          disabled={cells.length === 0}
          onClick={() => {
            recallLastCell();
            document.querySelector<HTMLElement>(".code-input .cm-content")?.focus();
          }}
        >
          Edit last
        </button>
        <button
          type="button"
          className="tb-button"
          title="Replace the editable graph with the code's autograd graph (undoable)"
          onClick={() => void openAsGraph()}
        >
          Open as graph
        </button>
        <button
          type="button"
          className="tb-button"
          title="Forget every name the cells defined (reset_code)"
          onClick={() => void resetCode()}
        >
          Reset
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
