import "./a11y.css";
import { memo } from "react";
import { useT } from "../i18n";
import { CANVAS_ID, focusCanvas } from "./focus";

/** The page's first tab stop: past the toolbar and the palette, straight to the canvas. */
function SkipLinkImpl() {
  const t = useT();
  return (
    <a
      className="skip-link"
      href={`#${CANVAS_ID}`}
      onClick={(e) => {
        e.preventDefault();
        focusCanvas();
      }}
    >
      {t("a11y.skipToCanvas")}
    </a>
  );
}

export const SkipLink = memo(SkipLinkImpl);
