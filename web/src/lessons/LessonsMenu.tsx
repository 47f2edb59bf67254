import "./lessons.css";
import { useEffect, useRef } from "react";
import { LESSONS, LESSON_PREFIX } from "./lessons";
import { setLessonsMenu, useLesson } from "./store";
import { useLang, useT } from "../i18n";
import { localized } from "../i18n/localized";

/** The toolbar's Lessons button and its menu; each lesson is a plain link (#lesson=id). */
export function LessonsMenu() {
  const t = useT();
  const lang = useLang();
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
        title={t("lessons.menuTitle")}
        onClick={() => setLessonsMenu(!open)}
      >
        {t("lessons.menu")}
      </button>
      {open && (
        <div className="lessons-menu" role="menu" aria-label={t("lessons.menu")}>
          {LESSONS.map((l, i) => (
            <a
              key={l.id}
              role="menuitem"
              className="lessons-item"
              href={`${LESSON_PREFIX}${l.id}`}
              data-lesson={l.id}
              onClick={() => setLessonsMenu(false)}
            >
              <span className="lessons-n">{i + 1}</span> {localized(l, "title", lang)}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
