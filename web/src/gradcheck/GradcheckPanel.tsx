import "./gradcheck.css";
import { memo } from "react";
import { useStore } from "../store/store";
import { useT } from "../i18n";
import { closeGradcheck, useGradcheck } from "./store";

function diffText(d: number): string {
  return d === 0 ? "0" : d.toExponential(2);
}

function GradcheckPanelImpl() {
  const t = useT();
  const node = useGradcheck((s) => s.node);
  const leaves = useGradcheck((s) => s.leaves);
  const doc = useStore((s) => s.doc);
  if (!node || !leaves) return null;
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  const entries = Object.entries(leaves);
  const allOk = entries.every(([, l]) => l.ok);
  return (
    <section
      className="gradcheck-panel side-card"
      aria-label={t("gradcheck.label")}
      data-all-ok={allOk ? "true" : "false"}
    >
      <header className="sp-head">
        <strong>{t("gradcheck.title", { name: name(node) })}</strong>
        <button type="button" onClick={closeGradcheck} aria-label={t("gradcheck.close")}>
          ×
        </button>
      </header>
      <p className="sp-note">{t("gradcheck.note")}</p>
      {entries.length === 0 ? (
        <p className="sp-muted">{t("gradcheck.nothing")}</p>
      ) : (
        <table className="gc-table">
          <thead>
            <tr>
              <th scope="col">{t("gradcheck.leaf")}</th>
              <th scope="col">{t("gradcheck.maxDiff")}</th>
              <th scope="col">{t("gradcheck.result")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([id, l]) => (
              <tr
                key={id}
                data-gradcheck-leaf={id}
                data-ok={l.ok ? "true" : "false"}
                className={l.ok ? "gc-ok" : "gc-bad"}
                title={t("gradcheck.rowTitle", { analytic: l.analytic, numeric: l.numeric })}
              >
                <td>{name(id)}</td>
                <td>{diffText(l.max_abs_diff)}</td>
                <td>{l.ok ? t("gradcheck.ok") : t("gradcheck.differs")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export const GradcheckPanel = memo(GradcheckPanelImpl);
