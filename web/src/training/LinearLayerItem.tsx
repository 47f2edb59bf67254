import { memo, type KeyboardEvent } from "react";
import { useT } from "../i18n";

interface Props {
  /** The palette's roving tab stop: 0 when this entry holds it. */
  tabIndex: number;
  itemRef: (el: HTMLDivElement | null) => void;
  onActivate: () => void;
  onFocus: () => void;
  /** The palette's keys (arrows, Enter and Space, typing into the filter). */
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void;
}

/** The palette's "Linear layer" item: three nodes at once (see linearLayer.ts). One of the
 *  palette's items for the keyboard too: arrows reach it, and it is no tab stop of its own. */
function LinearLayerItemImpl({ tabIndex, itemRef, onActivate, onFocus, onKeyDown }: Props) {
  const t = useT();
  const doc = t("model.linearLayerDoc");
  return (
    <li>
      <div
        ref={itemRef}
        className="palette-item"
        role="button"
        tabIndex={tabIndex}
        data-op="linear-layer"
        data-doc={doc}
        title={doc}
        aria-label={t("model.linearLayer")}
        aria-description={doc}
        onClick={onActivate}
        onFocus={onFocus}
        onKeyDown={onKeyDown}
      >
        {t("model.linearLayer")}
      </div>
    </li>
  );
}

export const LinearLayerItem = memo(LinearLayerItemImpl);
