import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { setHint, useStore } from "../store/store";
import { useT } from "../i18n";
import { useDrawer } from "../layout/media";

/** Getting started, over the canvas: shown for the example graph and an empty one. */
function HintImpl() {
  const t = useT();
  const hint = useStore((s) => s.hint);
  const empty = useStore((s) => s.doc.nodes.length === 0);
  // Phones and tablets: the palette is a drawer behind Ops, and fingers neither drag from it
  // nor double-click.
  const drawer = useDrawer();
  if (!hint && !empty) return null;
  const title = drawer ? t("layout.hintTitle") : t("editor.hintTitle");
  const emptyText = drawer ? t("layout.hintEmpty") : t("editor.hintEmpty");
  return (
    <div className="hint" role="note">
      <span>
        <b>{title}</b> {empty ? emptyText : t("editor.hintExample")}
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
