import { EMPTY_DOC } from "../document/types";
import { validateDoc } from "../document/validate";
import { ensurePositions } from "../editor/layout";
import { fitView } from "../editor/commands";
import { useBackwardOptions } from "../editor/backwardOptions";
import { engineStarted, evaluateNow, send } from "../engine/sync";
import { commit, say, setSelection, useStore } from "../store/store";
import { useCode } from "../code/codeStore";
import { create } from "zustand";
import { lessonById, type Lesson } from "./lessons";
import { quoted } from "../document/excerpt";

export const useLesson = create<{ lesson: Lesson | null; menu: boolean }>()(() => ({
  lesson: null,
  menu: false,
}));

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
  // (Before the engine starts there are no leaves yet: it evaluates the graph when it is up.)
  const live = engineStarted() && useStore.getState().engineStatus !== "error";
  if (live) void send({ action: "reset" });
  if (JSON.stringify(doc) !== JSON.stringify(useStore.getState().doc)) commit(doc);
  if (live) evaluateNow();
  setSelection([], []);
  useStore.setState({ hint: false, share: null, backwardCount: 0 });
  useBackwardOptions.setState({ retainGraph: false });
  useLesson.setState({ lesson, menu: false });
  if (lesson.code?.length)
    useCode.setState({ open: true, draft: lesson.code[0] ?? "", view: "graph" });
  setTimeout(fitView, 150);
  return true;
}

// A lesson's text speaks about its own nodes: once the graph holds none of them (New, another
// link or file), the text would mislead, so it closes.
useStore.subscribe((s, prev) => {
  const lesson = useLesson.getState().lesson;
  if (!lesson || s.doc === prev.doc || lesson.doc.nodes.length === 0) return;
  const ids = new Set(lesson.doc.nodes.map((n) => n.id));
  if (!s.doc.nodes.some((n) => ids.has(n.id))) useLesson.setState({ lesson: null });
});
