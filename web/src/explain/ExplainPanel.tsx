import "./explain.css";
import { memo, useMemo } from "react";
import { useStore } from "../store/store";
import { explain, type Line } from "./chain";
import { closeExplanation, useExplain } from "./store";
import { TEXT } from "./text";
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
      aria-label="Explain this gradient"
      data-paths={ex.paths}
    >
      <header className="sp-head">
        <strong>{TEXT.title(name)}</strong>
        <button type="button" onClick={closeExplanation} aria-label={TEXT.close}>
          ×
        </button>
      </header>
      <ul className="ex-lines">
        {ex.intro.map((l, i) => (
          <MathLine key={i} line={l} />
        ))}
      </ul>
      <p className="sp-note">{TEXT.legend}</p>
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
          <div className="ex-title">{TEXT.total}</div>
          <ul className="ex-lines">
            {ex.result.map((l, i) => (
              <MathLine key={i} line={l} />
            ))}
          </ul>
        </div>
      ) : (
        node !== root && <p className="sp-muted">{TEXT.noPath(name, labelOf(root ?? ""))}</p>
      )}
      {passes > 1 && <p className="sp-note">{TEXT.onePass(name, passes)}</p>}
      {passes === 0 && ex.paths > 0 && <p className="sp-note">{TEXT.zeroed(name)}</p>}
    </section>
  );
}

export const ExplainPanel = memo(ExplainPanelImpl);
