import "../a11y/a11y.css";
import { memo } from "react";
import { useStore } from "../store/store";
import { useLang } from "../i18n";

/** The transient messages of say(), read out politely. */
function StatusLineImpl() {
  const status = useStore((s) => s.status);
  const lang = useLang();
  return (
    <div className="status-line" role="status" aria-live="polite">
      {status?.lang === lang && (
        <>
          {status.text}
          {status.spoken && <span className="sr-only"> {status.spoken}</span>}
        </>
      )}
    </div>
  );
}

export const StatusLine = memo(StatusLineImpl);
