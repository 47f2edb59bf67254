import { memo, useState } from "react";
import { closeScript, useStore } from "../store/store";
import "./export.css";

/** The graph as a PyTorch script, to read or copy. */
function ScriptPanelImpl() {
  const script = useStore((s) => s.script);
  const [copied, setCopied] = useState(false);
  if (script === null) return null;
  return (
    <div className="code-panel" role="dialog" aria-label="PyTorch script">
      <div className="code-head">
        <strong>The same graph in PyTorch</strong>
        <span>Run it with real torch: it prints the grads shown on the canvas.</span>
        <button
          type="button"
          className="panel-button"
          onClick={() => {
            navigator.clipboard.writeText(script).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button
          type="button"
          className="panel-button"
          onClick={() => {
            setCopied(false);
            closeScript();
          }}
        >
          Close
        </button>
      </div>
      <pre className="code-text" data-script>
        {script}
      </pre>
    </div>
  );
}

export const ScriptPanel = memo(ScriptPanelImpl);
