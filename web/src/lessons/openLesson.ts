import { EMPTY_DOC } from "../document/types";
import { validateDoc } from "../document/validate";
import { ensurePositions } from "../editor/layout";
import { fitView } from "../editor/viewport";
import { setRetainGraph } from "../run/options";
import { resetPage } from "../reset";
import { say, useStore } from "../store/store";
import { openNotebookWith } from "../notebook/store";
import { lessonById } from "./lessons";
import { quoted } from "../document/excerpt";
import { closeLesson, showLesson, useLesson } from "./store";

/** Opens a lesson: its graph replaces the current one (one Undo away), its leaves start with
 *  no grads, and its code waits in the Code box until the person presses Run. */
export function openLesson(id: string): boolean {
  const lesson = lessonById(id);
  if (!lesson) {
    say(`There is no lesson called ${quoted(id)}.`);
    return false;
  }
  const doc = ensurePositions(validateDoc(lesson.doc.nodes.length ? lesson.doc : EMPTY_DOC)).doc;
  // Leaves keep their grads across edits; a lesson's numbers assume fresh ones.
  resetPage({ doc, hint: false, engine: "forget" });
  setRetainGraph(false);
  showLesson(lesson);
  if (lesson.code?.length) openNotebookWith(lesson.code[0] ?? "");
  setTimeout(fitView, 150);
  return true;
}

// A lesson's text speaks about its own nodes: once the graph holds none of them (New, another
// link or file), the text would mislead, so it closes.
useStore.subscribe((s, prev) => {
  const lesson = useLesson.getState().lesson;
  if (!lesson || s.doc === prev.doc || lesson.doc.nodes.length === 0) return;
  const ids = new Set(lesson.doc.nodes.map((n) => n.id));
  if (!s.doc.nodes.some((n) => ids.has(n.id))) closeLesson();
});
