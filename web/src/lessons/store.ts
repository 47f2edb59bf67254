// Which lesson is open, and whether the lessons menu is. An open lesson's link is in the
// address bar (replaced, not pushed: Back leaves the page as before), so it can be copied.
import { create } from "zustand";
import { LESSON_PREFIX } from "../share/hash";
import type { Lesson } from "./lessons";

export const useLesson = create<{ lesson: Lesson | null; menu: boolean }>()(() => ({
  lesson: null,
  menu: false,
}));

export function lessonHash(id: string): string {
  return LESSON_PREFIX + encodeURIComponent(id);
}

function setAddress(hash: string): void {
  const here = window.location.pathname + window.location.search;
  // replaceState fires no hashchange, so the page does not open the lesson a second time.
  history.replaceState(history.state, "", here + hash);
}

export function showLesson(lesson: Lesson): void {
  useLesson.setState({ lesson, menu: false });
  setAddress(lessonHash(lesson.id));
}

export function closeLesson(): void {
  useLesson.setState({ lesson: null });
  if (window.location.hash.startsWith(LESSON_PREFIX)) setAddress("");
}

export function setLessonsMenu(menu: boolean): void {
  useLesson.setState({ menu });
}
