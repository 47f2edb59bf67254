import { memo, useEffect, useRef } from "react";
import { useStore } from "../store/store";
import "./training.css";
import { answerTrain, useTraining } from "./store";
import { useT } from "../i18n";

/** Asked before a run when leaves hold old gradients; zeroing them is the default. */
function TrainPromptImpl() {
  const t = useT();
  const ask = useTraining((s) => s.ask);
  const doc = useStore((s) => s.doc);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (ask) first.current?.focus();
  }, [ask]);
  if (!ask) return null;
  const names = ask.leaves.map((id) => doc.nodes.find((n) => n.id === id)?.label || id);
  return (
    <section
      className="train-prompt side-card"
      role="alertdialog"
      aria-label={t("training.askTitle")}
    >
      <header className="sp-head">
        <strong>{t("training.askTitle")}</strong>
      </header>
      <p>
        {names.length === 1
          ? t("training.askOne", { leaf: names[0] })
          : t("training.askMany", { leaves: names.join(t("training.listSep")) })}
      </p>
      <div className="tp-actions">
        <button
          type="button"
          ref={first}
          className="primary"
          onClick={() => void answerTrain("zero")}
        >
          {t("training.zero")}
        </button>
        <button type="button" onClick={() => void answerTrain("keep")}>
          {t("training.keep")}
        </button>
        <button type="button" onClick={() => void answerTrain("cancel")}>
          {t("training.cancel")}
        </button>
      </div>
    </section>
  );
}

export const TrainPrompt = memo(TrainPromptImpl);
