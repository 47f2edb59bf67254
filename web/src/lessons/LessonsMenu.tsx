import "./lessons.css";
import { LESSONS, LESSON_PREFIX } from "./lessons";
import { setLessonsMenu, useLesson } from "./store";
import { useLang, useT } from "../i18n";
import { localized } from "../i18n/localized";
import { MenuButton } from "../toolbar/MenuButton";
import { ReadyNotebookItems } from "../notebook/ReadyNotebookItems";

/** The toolbar's Lessons button and its menu: the lessons, each a plain link (#lesson=id),
 *  then the ready notebooks, which open in the code panel. */
export function LessonsMenu() {
  const t = useT();
  const lang = useLang();
  const open = useLesson((s) => s.menu);
  return (
    <MenuButton
      label={t("lessons.menu")}
      title={t("lessons.menuTitle")}
      open={open}
      onOpenChange={setLessonsMenu}
      className="lessons-menu-wrap"
      menuClassName="lessons-menu"
    >
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
      <p className="lessons-section" role="presentation">
        {t("lessons.notebooks")}
      </p>
      <ReadyNotebookItems
        lang={lang}
        className="lessons-item lessons-notebook"
        onPicked={() => setLessonsMenu(false)}
      />
    </MenuButton>
  );
}
