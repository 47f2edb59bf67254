// The linear-regression lesson, opened by the link #lesson=regression. Its graph, text and
// numbers are data in lessons/regression.json (checked against real torch by
// tests/test_regression_lesson.py), kept apart from the lessons menu's own list.
import { create } from "zustand";
import lesson from "../../../lessons/regression.json";
import { validateDoc } from "../document/validate";
import { ensurePositions } from "../editor/layout";
import { fitView } from "../editor/commands";
import { resetLeaves } from "../engine/sync";
import { clearChart, useTraining } from "../training/store";
import { commit, say, setSelection, useStore } from "../store/store";

/** Its link is #lesson=regression, read by boot.ts like every other link. */
export const REGRESSION_LESSON_ID = "regression";

export const regressionLesson = lesson;

export const useRegressionLesson = create<{ open: boolean }>()(() => ({ open: false }));

export function openRegressionLesson(): void {
  const doc = ensurePositions(validateDoc(lesson.doc)).doc;
  // A trained w with the same params would be kept by the engine; the lesson starts at w = 0.
  resetLeaves();
  if (JSON.stringify(doc) !== JSON.stringify(useStore.getState().doc)) {
    const first =
      useStore.getState().past.length === 0 && useStore.getState().doc.nodes.length === 0;
    commit(doc);
    if (!first)
      say("Opened the linear-regression lesson. Your previous graph is one Undo away.", 8000);
  }
  setSelection([], []);
  useStore.setState({ hint: false, share: null });
  useTraining.setState({ lrText: String(lesson.train.lr), stepsText: String(lesson.train.steps) });
  clearChart();
  useRegressionLesson.setState({ open: true });
  fitOnceEvaluated(doc.nodes.map((n) => n.id));
}

/** Nodes grow when their values arrive (and the lesson card narrows the canvas): fit the
 *  view once every node of the lesson has a value, not before. */
function fitOnceEvaluated(ids: string[]): void {
  const done = () => {
    const r = useStore.getState().results;
    return ids.every((id) => r.has(id));
  };
  if (done()) {
    setTimeout(fitView, 150);
    return;
  }
  const stop = useStore.subscribe((s, prev) => {
    if (s.results === prev.results || !done()) return;
    stop();
    setTimeout(fitView, 150);
  });
}
