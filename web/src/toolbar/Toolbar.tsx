import "./toolbar.css";
import { memo } from "react";
import { useStore } from "../store/store";
import { backwardTargetOf } from "../editor/commands";
import { actions, shortcutText, type Action } from "./actions";

export function ActionButton({
  action,
  disabled,
  primary,
}: {
  action: Action;
  disabled?: boolean;
  primary?: boolean;
}) {
  const sc = shortcutText(action);
  return (
    <button
      type="button"
      className={`tb-button${primary ? " primary" : ""}`}
      onClick={() => void action.perform()}
      disabled={disabled}
      title={sc ? `${action.title} (${sc})` : action.title}
      aria-keyshortcuts={sc ? sc.replace("Ctrl", "Control") : undefined}
    >
      {action.label}
    </button>
  );
}

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
    const n = s.doc.nodes.find((x) => x.id === t.id);
    return `on ${n?.label || t.id}`;
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
  const canUndo = useStore((s) => s.past.length > 0);
  const canRedo = useStore((s) => s.future.length > 0);
  return (
    <header className="toolbar" role="toolbar" aria-label="Graph actions">
      <div className="brand" title="Autograd playground: PyTorch autograd, visual">
        <span className="logo" aria-hidden>
          ∇
        </span>
        <span className="brand-text">Autograd playground</span>
      </div>
      <div className="tb-group">
        <ActionButton action={actions.backward} primary />
        <BackwardTarget />
        <ActionButton action={actions.zeroGrad} />
        <span
          className="bw-count"
          title="backward() calls since the last zero_grad: gradients add up until you zero them"
        >
          <span data-backward-count>{count}</span> backward call{count === 1 ? "" : "s"}
          <span className="bw-count-more"> since last zero</span>
        </span>
      </div>
      <div className="tb-group">
        <ActionButton action={actions.undo} disabled={!canUndo} />
        <ActionButton action={actions.redo} disabled={!canRedo} />
        <ActionButton action={actions.newGraph} />
      </div>
      <div className="tb-group">
        <ActionButton action={actions.fitView} />
        <ActionButton action={actions.autoLayout} />
        <ActionButton action={actions.share} />
      </div>

      <div className="tb-spacer" />
      <EngineStatus />
    </header>
  );
}

export const Toolbar = memo(ToolbarImpl);
