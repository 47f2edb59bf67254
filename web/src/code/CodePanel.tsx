import "./code.css";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useCode, type Cell } from "./codeStore";
import { openAsGraph, resetCode, runCell, stopCells } from "./commands";

const INDENT = "    ";

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
        <pre className="cell-output" data-cell-output>
          {cell.output}
          {cell.error && <span className="cell-error">{cell.error}</span>}
        </pre>
      )}
    </div>
  );
}

/** The notebook's input: Shift+Enter runs, Tab indents with spaces (as Python wants). */
function CodeInput() {
  const draft = useCode((s) => s.draft);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && e.shiftKey) {
      e.preventDefault();
      void runCell();
    } else if (e.key === "Tab" && !e.shiftKey && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      const t = e.currentTarget;
      t.setRangeText(INDENT, t.selectionStart, t.selectionEnd, "end");
      useCode.setState({ draft: t.value });
    }
  };
  return (
    <textarea
      className="code-input"
      aria-label="Code"
      value={draft}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      placeholder={
        "import torch\nx = torch.arange(4.0, requires_grad=True)\n(x * x).sum().backward()\nx.grad"
      }
      rows={6}
      onChange={(e) => useCode.setState({ draft: e.target.value })}
      onKeyDown={onKeyDown}
    />
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
          onClick={() => useCode.setState({ open: false, view: "graph" })}
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
      <CodeInput />
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
