// The linear-regression lesson, opened by the link #lesson=regression. Its graph, text and
// numbers are data in lessons/regression.json (checked against real torch by
// tests/test_regression_lesson.py), kept apart from the lessons menu's own list.
import lesson from "../../../lessons/regression.json";
import { validateDoc } from "../document/validate";
import { ensurePositions } from "../editor/layout";
import { fitView } from "../editor/viewport";
import { resetPage } from "../reset";
import { clearChart, setTrainingSettings } from "../training/store";
import { say, useStore } from "../store/store";
import { setRegressionCard } from "./store";

/** Its link is #lesson=regression, read by boot.ts like every other link. */
export const REGRESSION_LESSON_ID = "regression";

export const regressionLesson = lesson;

export function openRegressionLesson(): void {
  const doc = ensurePositions(validateDoc(lesson.doc)).doc;
  const s = useStore.getState();
  const first = s.past.length === 0 && s.doc.nodes.length === 0;
  // A trained w with the same params would be kept by the engine; the lesson starts at w = 0.
  if (resetPage({ doc, hint: false, engine: "forget" }) && !first)
    say("Opened the linear-regression lesson. Your previous graph is one Undo away.", 8000);
  setTrainingSettings(lesson.train.lr, lesson.train.steps);
  clearChart();
  setRegressionCard(true);
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
