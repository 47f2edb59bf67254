import { memo } from "react";
import { useT } from "../i18n";
import { addLinearLayerHere } from "./layerCommand";

/** The palette's "Linear layer" item: three nodes at once (see linearLayer.ts). */
function LinearLayerItemImpl() {
  const t = useT();
  const doc = t("model.linearLayerDoc");
  return (
    <li>
      <div
        className="palette-item"
        role="button"
        tabIndex={0}
        data-op="linear-layer"
        data-doc={doc}
        title={doc}
        aria-label={t("model.linearLayer")}
        aria-description={doc}
        onClick={addLinearLayerHere}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            addLinearLayerHere();
          }
        }}
      >
        {t("model.linearLayer")}
      </div>
    </li>
  );
}

export const LinearLayerItem = memo(LinearLayerItemImpl);
