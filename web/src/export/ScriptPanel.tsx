import { memo, useState } from "react";
import { closeScript, useStore } from "../store/store";
import "./export.css";
import { useT } from "../i18n";
import { useReturnFocus } from "../a11y/focus";

/** The graph as a PyTorch script, to read or copy. */
function ScriptPanelImpl() {
  const t = useT();
  const script = useStore((s) => s.script);
  const [copied, setCopied] = useState(false);
  useReturnFocus(script !== null);
  if (script === null) return null;
  return (
    <div className="code-panel" role="dialog" aria-label={t("export.label")}>
      <div className="code-head">
        <strong>{t("export.title")}</strong>
        <span>{t("export.runIt")}</span>
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
          {copied ? t("export.copied") : t("export.copy")}
        </button>
        <button
          type="button"
          className="panel-button"
          onClick={() => {
            setCopied(false);
            closeScript();
          }}
        >
          {t("export.close")}
        </button>
      </div>
      <pre className="code-text" data-script>
        {script}
      </pre>
    </div>
  );
}

export const ScriptPanel = memo(ScriptPanelImpl);
