import "./explain.css";
import { memo, useMemo } from "react";
import { useStore } from "../store/store";
import { useStepper } from "../stepper/store";
import { explain, explainStep, type Block, type Line, type StepExplanation } from "./chain";
import { closeExplanation, useExplain } from "./store";
import { useT } from "../i18n";
import { stepWords } from "./stepWords";
import { TeX } from "./TeX";

const MathLine = memo(function MathLine({ line }: { line: Line }) {
  return (
    <li className="ex-line">
      <TeX tex={line.tex} display />
      {line.note && <div className="ex-note">{line.note}</div>}
    </li>
  );
});

function BlockView({ block, ...data }: { block: Block } & Record<`data-${string}`, boolean>) {
  return (
    <div className="ex-block" {...data}>
      <div className="ex-title">{block.title}</div>
      <ul className="ex-lines">
        {block.lines.map((l, j) => (
          <MathLine key={j} line={l} />
        ))}
      </ul>
    </div>
  );
}

/** What the panel shows, whichever way it was opened. */
interface Shown {
  ex: StepExplanation;
  title: string;
  name: string;
  rootName: string;
  /** The node backward() started from is the one explained: nothing arrives, nothing to say. */
  isRoot: boolean;
  notes: string[];
}

function useShown(): Shown | null {
  const t = useT();
  const { source, node, root, trace, labels, unsupported } = useExplain();
  const stepTrace = useStepper((s) => (source === "step" ? s.trace : null));
  const stepIndex = useStepper((s) => s.index);
  const stepRoot = useStepper((s) => s.root);
  const doc = useStore((s) => s.doc);
  const passes = useStore((s) => s.backwardCount);
  const labelOf = useMemo(() => {
    const byId = new Map(
      source === "code" && labels
        ? Object.entries(labels)
        : doc.nodes.map((n) => [n.id, n.label || n.id] as const),
    );
    return (id: string) => byId.get(id) ?? id;
  }, [doc, source, labels]);
  return useMemo((): Shown | null => {
    if (source === "step") {
      const step = stepTrace?.[stepIndex];
      if (!stepTrace || !step?.node) return null;
      const name = labelOf(step.node);
      return {
        ex: explainStep(stepTrace, stepIndex, labelOf, stepWords()),
        title: t("explain.stepTitle", { name, step: stepIndex + 1, total: stepTrace.length }),
        name,
        rootName: labelOf(stepRoot ?? ""),
        isRoot: stepIndex === 0,
        notes: [t("explain.stepNote")],
      };
    }
    if (!trace || !node) return null;
    const name = labelOf(node);
    const ex = explain(trace, node, labelOf);
    const notes: string[] = [];
    if (source === "code") {
      notes.push(t("explain.codeNote", { root: labelOf(root ?? "") }));
      if (unsupported.length)
        notes.push(t("explain.codeUnsupported", { ops: unsupported.join(", ") }));
    } else {
      // The canvas's .grad holds every pass since the last Zero grad; this is one pass.
      if (passes > 1) notes.push(t("explain.onePass", { name, count: passes }));
      if (passes === 0 && ex.paths > 0) notes.push(t("explain.zeroed", { name }));
    }
    return {
      ex: { ...ex, sent: null },
      title: t(source === "code" ? "explain.codeTitle" : "explain.title", { name }),
      name,
      rootName: labelOf(root ?? ""),
      isRoot: node === root,
      notes,
    };
  }, [source, node, root, trace, unsupported, stepTrace, stepIndex, stepRoot, labelOf, passes, t]);
}

function ExplainPanelImpl() {
  const t = useT();
  const source = useExplain((s) => s.source);
  const shown = useShown();
  if (!shown) return null;
  const { ex, title, name, rootName, isRoot, notes } = shown;
  return (
    <section
      className="explain-panel side-card"
      aria-label={t("explain.panelLabel")}
      data-paths={ex.paths}
      data-explain-source={source ?? undefined}
    >
      <header className="sp-head">
        <strong>{title}</strong>
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
        <BlockView block={b} key={i} />
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
        !isRoot && <p className="sp-muted">{t("explain.noPath", { name, root: rootName })}</p>
      )}
      {ex.sent && <BlockView block={ex.sent} data-explain-sent />}
      {notes.map((n, i) => (
        <p className="sp-note" key={i}>
          {n}
        </p>
      ))}
    </section>
  );
}

export const ExplainPanel = memo(ExplainPanelImpl);
