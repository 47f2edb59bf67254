import { useEffect, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { ActionButton, Toolbar } from "./toolbar/Toolbar";
import { FlowToolbar } from "./toolbar/FlowToolbar";
import { SidePanels } from "./SidePanels";
import { Palette } from "./palette/Palette";
import { Canvas } from "./editor/Canvas";
import { dismissAlert, useStore } from "./store/store";
import { actionForKey, actions } from "./toolbar/actions";
import { useCode } from "./code/codeStore";
import { CodePanel as NotebookPanel } from "./code/CodePanel";
import { CanvasTabs, CodeCanvas } from "./code/CodeCanvas";
import { LessonPanel } from "./lessons/LessonPanel";
import { LessonsMenu } from "./lessons/LessonsMenu";
import { CodeToggle } from "./code/CodeToggle";
// The share and script panels are still drawn here; their sheets live with their features.
import "./app.css";
import "./share/share.css";
import "./export/export.css";

function Alerts() {
  const alerts = useStore((s) => s.alerts);
  if (alerts.length === 0) return null;
  return (
    <div className="alerts">
      {alerts.map((a) => (
        <div key={a.id} className={`alert alert-${a.source}`} role="alert">
          <div className="alert-body">
            <strong>{a.title}</strong>
            <pre className="alert-text">{a.text}</pre>
          </div>
          <button
            type="button"
            className="alert-close"
            aria-label="Dismiss"
            onClick={() => dismissAlert(a.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

function StatusLine() {
  const status = useStore((s) => s.status);
  return (
    <div className="status-line" role="status" aria-live="polite">
      {status?.text ?? ""}
    </div>
  );
}

function SharePanel() {
  const share = useStore((s) => s.share);
  if (!share) return null;
  return (
    <div className="share-panel" role="dialog" aria-label="Share this graph">
      <div className="share-row">
        <label>
          {share.copied
            ? "Link copied to the clipboard. Anyone who opens it sees this graph:"
            : "Copy this link (the clipboard was not available):"}
          <input
            className="share-url"
            aria-label="Share link"
            readOnly
            value={share.url}
            onFocus={(e) => e.target.select()}
            autoFocus
          />
        </label>
        <button type="button" onClick={() => useStore.setState({ share: null })}>
          Close
        </button>
      </div>
      <div className="share-files">
        Or keep it as a file:
        <button type="button" title={actions.saveFile.title} onClick={actions.saveFile.perform}>
          {actions.saveFile.label}
        </button>
        <button type="button" title={actions.openFile.title} onClick={actions.openFile.perform}>
          {actions.openFile.label}
        </button>
        <span className="share-sep">or see it as code:</span>
        <button
          type="button"
          title={actions.exportCode.title}
          onClick={() => void actions.exportCode.perform()}
        >
          {actions.exportCode.label}
        </button>
      </div>
    </div>
  );
}

function CodePanel() {
  const code = useStore((s) => s.code);
  const [copied, setCopied] = useState(false);
  if (code === null) return null;
  return (
    <div className="code-panel" role="dialog" aria-label="PyTorch script">
      <div className="code-head">
        <strong>The same graph in PyTorch</strong>
        <span>Run it with real torch: it prints the grads shown on the canvas.</span>
        <button
          type="button"
          onClick={() => {
            navigator.clipboard.writeText(code).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button
          type="button"
          onClick={() => {
            setCopied(false);
            useStore.setState({ code: null });
          }}
        >
          Close
        </button>
      </div>
      <pre className="code-text" data-script>
        {code}
      </pre>
    </div>
  );
}

function Hint() {
  const hint = useStore((s) => s.hint);
  const empty = useStore((s) => s.doc.nodes.length === 0);
  if (!hint && !empty) return null;
  return (
    <div className="hint" role="note">
      <span>
        <b>Drag ops from the left, wire them, press Backward.</b>{" "}
        {empty
          ? "Double-click the canvas to add an op by name."
          : "Here y = 2·dot(x, x): press Backward and watch x.grad = 4x appear; press it again and it adds up."}
      </span>
      {!empty && (
        <button
          type="button"
          aria-label="Hide hint"
          onClick={() => useStore.setState({ hint: false })}
        >
          ×
        </button>
      )}
    </div>
  );
}

export function App() {
  const view = useCode((s) => s.view);
  const codeOpen = useCode((s) => s.open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = actionForKey(e);
      if (!a) {
        if (e.key === "Escape") useStore.setState({ share: null, code: null, addBox: null });
        return;
      }
      e.preventDefault();
      void a.perform();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <FlowToolbar />
        <div className="under-toolbar">
          <StatusLine />
          {/* One column, so alerts and panels stack instead of hiding each other. */}
          <div className="right-stack">
            <Alerts />
            <SharePanel />
            <CodePanel />
          </div>
        </div>
        <main className="workspace">
          <Palette />
          <div className="canvas-wrap">
            <LessonPanel />
            <div className="canvas-area">
              <CanvasTabs />
              {/* On the canvas, not in the toolbar: the toolbar keeps one row at 1024 px. */}
              <div className="canvas-bar">
                <ActionButton action={actions.copyAsPyTorch} />
                <LessonsMenu />
                <CodeToggle />
              </div>
              {view === "code" ? (
                <CodeCanvas />
              ) : (
                <>
                  <Hint />
                  <Canvas />
                </>
              )}
            </div>
          </div>
          <SidePanels />
          {codeOpen && <NotebookPanel />}
        </main>
      </div>
    </ReactFlowProvider>
  );
}
