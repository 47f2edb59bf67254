import "./code.css";
import { lazy, memo, Suspense, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { Trans } from "react-i18next";
import { ActionButton } from "../actions/ActionButton";
import { ErrorHelp } from "../messages/ErrorHelp";
import { useLang, useT } from "../i18n";
import { closeNotebook, isRunning, setPanelMessage, useCode, type Cell } from "./store";
import {
  openAsGraph,
  openNotebookFile,
  recallLastCell,
  resetCode,
  runCell,
  runCellAt,
  stopCells,
} from "./commands";
import { failingLine } from "./failingLine";
import { outputText } from "./ipynb";
import { renderMarkdown, typesetMath } from "./markdown";
import { ReadyMenu } from "./ReadyMenu";

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

const MarkdownCell = memo(function MarkdownCell({ source }: { source: string }) {
  // renderMarkdown escapes every tag in the source (markdown-it, html: false): the HTML set
  // here is markdown-it's own, never the file's.
  const html = useMemo(() => renderMarkdown(source), [source]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current) void typesetMath(box.current);
  }, [html]);
  return (
    <div ref={box} className="cell-md" data-markdown dangerouslySetInnerHTML={{ __html: html }} />
  );
});

function RunOutput({ cell }: { cell: Cell }) {
  return (
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
  );
}

/** An opened notebook's cell: the output its file stored, then this page's run of it. */
function ComparedOutput({ cell, stored }: { cell: Cell; stored: string }) {
  const t = useT();
  const ran = cell.n !== null && cell.output !== null;
  const differs = ran && stored !== (cell.output ?? "") + (cell.error ?? "");
  return (
    <div className="cell-compare" data-differs={differs || undefined}>
      <div className="cell-compare-label">{t("notebook.ipynb.stored")}</div>
      <pre className="cell-output cell-stored" data-stored-output>
        {stored}
      </pre>
      {ran && (
        <div className="cell-compare-label">
          {t("notebook.ipynb.now")}
          {differs ? (
            <span className="cell-differs">{t("notebook.ipynb.differs")}</span>
          ) : (
            <span className="cell-same" data-same>
              {t("notebook.ipynb.same")}
            </span>
          )}
        </div>
      )}
      {ran && <RunOutput cell={cell} />}
    </div>
  );
}

const CellView = memo(function CellView({ cell, k }: { cell: Cell; k: number }) {
  const t = useT();
  if (cell.kind === "markdown") return <MarkdownCell source={cell.code} />;
  const stored = cell.stored && cell.stored.length > 0 ? outputText(cell.stored) : null;
  return (
    <div className="cell" data-cell={cell.n ?? undefined} data-cell-id={cell.id} data-code-cell={k}>
      <div className="cell-code-row">
        <pre className="cell-code">
          <span className="cell-prompt" aria-hidden>
            [{cell.n ?? " "}]
          </span>
          {cell.code}
        </pre>
        <button
          type="button"
          className="cell-run"
          aria-label={t("notebook.ipynb.runCell", { k })}
          title={t("notebook.ipynb.runCell", { k })}
          disabled={cell.output === null}
          onClick={() => void runCellAt(cell.id)}
        >
          ▶
        </button>
      </div>
      {cell.output === null ? (
        <div className="cell-running">
          <span className="spinner" aria-hidden /> {t("notebook.running")}
        </div>
      ) : stored !== null ? (
        <ComparedOutput cell={cell} stored={stored} />
      ) : cell.n === null ? (
        <div className="cell-not-run" data-not-run>
          {t("notebook.ipynb.notRun")}
        </div>
      ) : (
        <RunOutput cell={cell} />
      )}
    </div>
  );
});

/** The cells with each code cell's number among the code cells (what Run all's messages and
 *  the Run buttons call it). */
function numbered(cells: readonly Cell[]): { cell: Cell; k: number }[] {
  let k = 0;
  return cells.map((cell) => ({ cell, k: cell.kind === "code" ? ++k : 0 }));
}

function PanelMessage() {
  const t = useT();
  const message = useCode((s) => s.message);
  if (!message) return null;
  return (
    <div
      className={`nb-message${message.error ? " nb-message-error" : ""}`}
      role={message.error ? "alert" : "status"}
    >
      <span data-notebook-message>{message.text}</span>
      <button
        type="button"
        className="nb-message-close"
        aria-label={t("notebook.ipynb.dismiss")}
        onClick={() => setPanelMessage(null)}
      >
        ×
      </button>
    </div>
  );
}

function droppedFile(e: DragEvent): File | null {
  return e.dataTransfer.files[0] ?? null;
}

export function CodePanel() {
  const t = useT();
  const lang = useLang();
  const cells = useCode((s) => s.cells);
  const note = useCode((s) => s.note);
  const running = cells.some(isRunning);
  const [dropping, setDropping] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  // A cell typed in the Code box lands at the bottom, next to it: keep it in view. An opened
  // notebook is read from its top.
  const lastId = cells.at(-1)?.id ?? 0;
  const seen = useRef({ lastId, count: cells.length });
  useEffect(() => {
    const el = list.current;
    const before = seen.current;
    seen.current = { lastId, count: cells.length };
    if (!el) return;
    if (cells.length === before.count + 1 && lastId > before.lastId) el.scrollTop = el.scrollHeight;
    else if (cells.length > 0 && !cells.some((c) => c.id <= before.lastId)) el.scrollTop = 0;
  }, [cells, lastId]);

  return (
    <aside
      className={`nb-panel${dropping ? " nb-dropping" : ""}`}
      aria-label={t("notebook.label")}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        setDropping(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(e) => {
        const file = droppedFile(e);
        setDropping(false);
        if (!file) return;
        e.preventDefault();
        void openNotebookFile(file);
      }}
    >
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
      <div className="nb-tools">
        <ActionButton name="openNotebook" className="tb-button" />
        <ReadyMenu lang={lang} />
        <ActionButton name="runAllCells" className="tb-button" />
        <ActionButton name="downloadNotebook" className="tb-button" />
      </div>
      <PanelMessage />
      <div className="cells" ref={list}>
        {cells.length === 0 && <p className="cells-empty">{t("notebook.empty")}</p>}
        {cells.length === 0 && <p className="cells-empty">{t("notebook.ipynb.emptyHint")}</p>}
        {numbered(cells).map(({ cell, k }) => (
          <CellView key={cell.id} cell={cell} k={k} />
        ))}
      </div>
      {dropping && (
        <div className="nb-drop" aria-hidden>
          {t("notebook.ipynb.dropHint")}
        </div>
      )}
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
