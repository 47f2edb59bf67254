import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { setHint, useStore } from "../store/store";

/** Getting started, over the canvas: shown for the example graph and an empty one. */
function HintImpl() {
  const hint = useStore((s) => s.hint);
  const empty = useStore((s) => s.doc.nodes.length === 0);
  if (!hint && !empty) return null;
  return (
    <div className="hint" role="note">
      <span>
        <b>Drag ops from the left, wire them, press Backward.</b>{" "}
        {empty
          ? "Double-click the canvas to add an op by name, or open a starter graph."
          : "Here y = 2·dot(x, x): press Backward and watch x.grad = 4x appear; press it again and it adds up."}
      </span>
      {empty && <ActionButton name="starters" className="tb-button" label="Open a starter graph" />}
      {!empty && (
        <button type="button" aria-label="Hide hint" onClick={() => setHint(false)}>
          ×
        </button>
      )}
    </div>
  );
}

export const Hint = memo(HintImpl);
