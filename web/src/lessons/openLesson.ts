import { EMPTY_DOC } from "../document/types";
import { validateDoc } from "../document/validate";
import { ensurePositions } from "../editor/layout";
import { fitView } from "../editor/viewport";
import { setRetainGraph } from "../run/options";
import { resetPage } from "../reset";
import { say, useStore } from "../store/store";
import { openNotebookWith } from "../notebook/store";
import { clearChart, setTrainingSettings } from "../training/store";
import { DEFAULT_FIELDS, useOptimizer } from "../training/optimizer";
import type { Lesson } from "./lessons";
import { closeLesson, showLesson, useLesson } from "./store";
import { currentLang, t } from "../i18n";
import { localized } from "../i18n/localized";

/** Opens a lesson: its graph replaces the current one (one Undo away, unless `history` is
 *  "fresh"), its leaves start with no grads and untrained, its training settings (if it has
 *  any) fill Learning rate and Steps, and its code waits in the Code box until the person
 *  presses Run. */
export function openLesson(lesson: Lesson, history: "undo" | "fresh" = "undo"): void {
  const doc = ensurePositions(validateDoc(lesson.doc.nodes.length ? lesson.doc : EMPTY_DOC)).doc;
  // Leaves are kept by id across edits; a lesson's numbers assume fresh ones (w = 0, no grad).
  const changed = resetPage({ doc, hint: false, engine: "forget", history });
  if (changed && history === "undo")
    say(t("lessons.opened", { title: localized(lesson, "title", currentLang()) }), 8000);
  setRetainGraph(false);
  clearChart();
  if (lesson.train) {
    setTrainingSettings(lesson.train.lr, lesson.train.steps);
    // the lesson's numbers are those of its optimiser with torch's defaults
    useOptimizer.setState({ ...DEFAULT_FIELDS, name: lesson.train.optimizer?.name ?? "sgd" });
  }
  showLesson(lesson);
  if (lesson.code?.length) openNotebookWith(lesson.code[0] ?? "");
  fitOnceEvaluated(doc.nodes.map((n) => n.id));
}

let stopWaiting = () => {};

/** Nodes grow when their values arrive (and the lesson's card takes room from the canvas):
 *  fit the view once every node of the lesson has a value, not before. */
function fitOnceEvaluated(ids: string[]): void {
  stopWaiting();
  const done = () => {
    const r = useStore.getState().results;
    return ids.every((id) => r.has(id));
  };
  if (done()) {
    setTimeout(fitView, 150);
    return;
  }
  stopWaiting = useStore.subscribe((s, prev) => {
    if (s.results === prev.results || !done()) return;
    stopWaiting();
    setTimeout(fitView, 150);
  });
}

// A lesson's text speaks about its own nodes: once the graph holds none of them (New, another
// link or file), the text would mislead, so it closes.
useStore.subscribe((s, prev) => {
  const lesson = useLesson.getState().lesson;
  if (!lesson || s.doc === prev.doc || lesson.doc.nodes.length === 0) return;
  const ids = new Set(lesson.doc.nodes.map((n) => n.id));
  if (!s.doc.nodes.some((n) => ids.has(n.id))) closeLesson();
});
