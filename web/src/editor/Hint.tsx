import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { setHint, useStore } from "../store/store";
import { useT } from "../i18n";

/** Getting started, over the canvas: shown for the example graph and an empty one. */
function HintImpl() {
  const t = useT();
  const hint = useStore((s) => s.hint);
  const empty = useStore((s) => s.doc.nodes.length === 0);
  if (!hint && !empty) return null;
  return (
    <div className="hint" role="note">
      <span>
        <b>{t("editor.hintTitle")}</b> {empty ? t("editor.hintEmpty") : t("editor.hintExample")}
      </span>
      {empty && (
        <ActionButton name="starters" className="tb-button" label={t("editor.openStarter")} />
      )}
      {!empty && (
        <button type="button" aria-label={t("editor.hideHint")} onClick={() => setHint(false)}>
          ×
        </button>
      )}
    </div>
  );
}

export const Hint = memo(HintImpl);
