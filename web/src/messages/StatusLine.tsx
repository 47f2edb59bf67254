import { memo } from "react";
import { useStore } from "../store/store";
import { useLang } from "../i18n";

/** The transient messages of say(), read out politely. */
function StatusLineImpl() {
  const status = useStore((s) => s.status);
  const lang = useLang();
  return (
    <div className="status-line" role="status" aria-live="polite">
      {status?.lang === lang ? status.text : ""}
    </div>
  );
}

export const StatusLine = memo(StatusLineImpl);
