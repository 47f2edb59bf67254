import { memo } from "react";
import { dismissAlert, useStore } from "../store/store";
import { useT } from "../i18n";
import { ErrorHelp } from "./ErrorHelp";

/** Failures the person should read (an engine error, a refused link), one per source. */
function AlertsImpl() {
  const t = useT();
  const alerts = useStore((s) => s.alerts);
  if (alerts.length === 0) return null;
  return (
    <div className="alerts">
      {alerts.map((a) => (
        <div key={a.id} className={`alert alert-${a.source}`} role="alert">
          <div className="alert-body">
            <strong>{a.title}</strong>
            <pre className="alert-text">{a.text}</pre>
            <ErrorHelp error={a.text} />
          </div>
          <button
            type="button"
            className="alert-close"
            aria-label={t("messages.dismiss")}
            onClick={() => dismissAlert(a.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

export const Alerts = memo(AlertsImpl);
