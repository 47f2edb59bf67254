import "./lessons.css";
import { useEffect, useRef } from "react";
import { LESSONS, LESSON_PREFIX } from "./lessons";
import { setLessonsMenu, useLesson } from "./store";

/** The toolbar's Lessons button and its menu; each lesson is a plain link (#lesson=id). */
export function LessonsMenu() {
  const open = useLesson((s) => s.menu);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setLessonsMenu(false);
    };
    window.addEventListener("mousedown", close);
    return () => window.removeEventListener("mousedown", close);
  }, [open]);
  return (
    <div className="lessons-menu-wrap" ref={box}>
      <button
        type="button"
        className="tb-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Ready-made graphs that each show one thing about autograd"
        onClick={() => setLessonsMenu(!open)}
      >
        Lessons
      </button>
      {open && (
        <div className="lessons-menu" role="menu" aria-label="Lessons">
          {LESSONS.map((l, i) => (
            <a
              key={l.id}
              role="menuitem"
              className="lessons-item"
              href={`${LESSON_PREFIX}${l.id}`}
              data-lesson={l.id}
              onClick={() => setLessonsMenu(false)}
            >
              <span className="lessons-n">{i + 1}</span> {l.title}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
