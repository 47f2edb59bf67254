import "./toolbar.css";
import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { backwardTargetOf, labelOf } from "../document/queries";
import { useStore } from "../store/store";

function EngineStatus() {
  const status = useStore((s) => s.engineStatus);
  const busy = useStore((s) => s.busy);
  if (status === "loading")
    return (
      <span className="engine-status loading" data-status="loading">
        <span className="spinner" aria-hidden /> Loading Python engine…
      </span>
    );
  if (status === "error")
    return (
      <span className="engine-status error" data-status="error">
        Engine failed to load
      </span>
    );
  return (
    <span
      className="engine-status ready"
      data-status="ready"
      title="PyTorch-style autograd, running in your browser via Pyodide"
    >
      <span className={`dot${busy ? " busy" : ""}`} aria-hidden />
      <span className="label">Python engine ready</span>
    </span>
  );
}

/** Says up front which node Backward will act on, so the choice is never a surprise. */
function BackwardTarget() {
  const text = useStore((s) => {
    const t = backwardTargetOf(s.doc, s.selectedNodes);
    if (!("id" in t)) return s.doc.nodes.length ? "select a node" : "";
    return `on ${labelOf(s.doc, t.id)}`;
  });
  return text ? (
    <span
      className="bw-target"
      data-backward-target
      title="Backward acts on the selected node, else on the graph's only output"
    >
      {text}
    </span>
  ) : null;
}

function ToolbarImpl() {
  const count = useStore((s) => s.backwardCount);
  return (
    <header className="toolbar" role="toolbar" aria-label="Graph actions">
      <div className="brand" title="Autograd playground: PyTorch autograd, visual">
        <span className="logo" aria-hidden>
          ∇
        </span>
        <span className="brand-text">Autograd playground</span>
      </div>
      <div className="tb-group">
        <ActionButton name="backward" className="tb-button primary" />
        <BackwardTarget />
        <ActionButton name="zeroGrad" className="tb-button" />
        <span
          className="bw-count"
          title="backward() calls since the last zero_grad: gradients add up until you zero them"
        >
          <span data-backward-count>{count}</span> backward call{count === 1 ? "" : "s"}
          <span className="bw-count-more"> since last zero</span>
        </span>
      </div>
      <div className="tb-group">
        <ActionButton name="undo" className="tb-button" />
        <ActionButton name="redo" className="tb-button" />
        <ActionButton name="newGraph" className="tb-button" />
      </div>
      <div className="tb-group">
        <ActionButton name="fitView" className="tb-button" />
        <ActionButton name="autoLayout" className="tb-button" />
        <ActionButton name="share" className="tb-button" />
      </div>

      <div className="tb-spacer" />
      <EngineStatus />
    </header>
  );
}

export const Toolbar = memo(ToolbarImpl);
