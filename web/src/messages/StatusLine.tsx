import "../a11y/a11y.css";
import { memo } from "react";
import { useStore } from "../store/store";

/** The transient messages of say(), read out politely. */
function StatusLineImpl() {
  const status = useStore((s) => s.status);
  return (
    <div className="status-line" role="status" aria-live="polite">
      {status?.text ?? ""}
      {status?.spoken && <span className="sr-only"> {status.spoken}</span>}
    </div>
  );
}

export const StatusLine = memo(StatusLineImpl);
