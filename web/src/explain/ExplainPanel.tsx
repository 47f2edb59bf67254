import "./explain.css";
import { memo, useMemo } from "react";
import { useStore } from "../store/store";
import { explain, type Line } from "./chain";
import { closeExplanation, useExplain } from "./store";
import { useT } from "../i18n";
import { TeX } from "./TeX";

const MathLine = memo(function MathLine({ line }: { line: Line }) {
  return (
    <li className="ex-line">
      <TeX tex={line.tex} display />
      {line.note && <div className="ex-note">{line.note}</div>}
    </li>
  );
});

function ExplainPanelImpl() {
  const t = useT();
  const node = useExplain((s) => s.node);
  const root = useExplain((s) => s.root);
  const trace = useExplain((s) => s.trace);
  const doc = useStore((s) => s.doc);
  const passes = useStore((s) => s.backwardCount);
  const labelOf = useMemo(() => {
    const byId = new Map(doc.nodes.map((n) => [n.id, n.label || n.id]));
    return (id: string) => byId.get(id) ?? id;
  }, [doc]);
  const ex = useMemo(
    () => (trace && node ? explain(trace, node, labelOf) : null),
    [trace, node, labelOf],
  );
  if (!ex || !node) return null;
  const name = labelOf(node);
  return (
    <section
      className="explain-panel side-card"
      aria-label={t("explain.panelLabel")}
      data-paths={ex.paths}
    >
      <header className="sp-head">
        <strong>{t("explain.title", { name })}</strong>
        <button type="button" onClick={closeExplanation} aria-label={t("explain.close")}>
          ×
        </button>
      </header>
      <ul className="ex-lines">
        {ex.intro.map((l, i) => (
          <MathLine key={i} line={l} />
        ))}
      </ul>
      <p className="sp-note">{t("explain.legend")}</p>
      {ex.blocks.map((b, i) => (
        <div className="ex-block" key={i}>
          <div className="ex-title">{b.title}</div>
          <ul className="ex-lines">
            {b.lines.map((l, j) => (
              <MathLine key={j} line={l} />
            ))}
          </ul>
        </div>
      ))}
      {ex.result.length > 0 ? (
        <div className="ex-block ex-result" data-explain-result>
          <div className="ex-title">{t("explain.total")}</div>
          <ul className="ex-lines">
            {ex.result.map((l, i) => (
              <MathLine key={i} line={l} />
            ))}
          </ul>
        </div>
      ) : (
        node !== root && (
          <p className="sp-muted">{t("explain.noPath", { name, root: labelOf(root ?? "") })}</p>
        )
      )}
      {passes > 1 && <p className="sp-note">{t("explain.onePass", { name, count: passes })}</p>}
      {passes === 0 && ex.paths > 0 && <p className="sp-note">{t("explain.zeroed", { name })}</p>}
    </section>
  );
}

export const ExplainPanel = memo(ExplainPanelImpl);
