import { memo, useEffect, useRef } from "react";
import { useStore } from "../store/store";
import "./training.css";
import { answerTrain, useTraining } from "./store";
import { TRAIN_TEXT as T } from "./text";

/** Asked before a run when leaves hold old gradients; zeroing them is the default. */
function TrainPromptImpl() {
  const ask = useTraining((s) => s.ask);
  const doc = useStore((s) => s.doc);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (ask) first.current?.focus();
  }, [ask]);
  if (!ask) return null;
  const names = ask.leaves.map((id) => doc.nodes.find((n) => n.id === id)?.label || id);
  return (
    <section className="train-prompt side-card" role="alertdialog" aria-label={T.askTitle}>
      <header className="sp-head">
        <strong>{T.askTitle}</strong>
      </header>
      <p>{T.ask(names)}</p>
      <div className="tp-actions">
        <button
          type="button"
          ref={first}
          className="primary"
          onClick={() => void answerTrain("zero")}
        >
          {T.zero}
        </button>
        <button type="button" onClick={() => void answerTrain("keep")}>
          {T.keep}
        </button>
        <button type="button" onClick={() => void answerTrain("cancel")}>
          {T.cancel}
        </button>
      </div>
    </section>
  );
}

export const TrainPrompt = memo(TrainPromptImpl);
