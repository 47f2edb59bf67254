import "./toolbar.css";
import { memo, useEffect, useRef, type MouseEvent } from "react";
import { ActionButton } from "../actions/ActionButton";
import { LessonsMenu } from "../lessons/LessonsMenu";
import { NotebookToggle } from "../notebook/NotebookToggle";
import { setMenuOpen, useStore } from "../store/store";
import { useT } from "../i18n";
import { BackwardTarget, EngineStatus } from "./Toolbar";
import { FlowToolbar } from "./FlowToolbar";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { ThemeSwitcher } from "../theme/ThemeSwitcher";
import { MENU_ACTIONS } from "./menu";

/** After an action or a lesson link the menu goes, so its result is seen; a field, the
 *  language or the Lessons list keep it open. */
function closeAfter(e: MouseEvent) {
  const el = e.target as HTMLElement;
  if (el.closest("[data-action], a[href]")) setMenuOpen(false);
}

/** Everything but Backward, one tap away: the wide toolbar's groups, the second row (step,
 *  check, SGD and Train with their fields) and the canvas bar's buttons. */
function PhoneMenu() {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const away = (e: PointerEvent) => {
      const el = e.target as HTMLElement;
      if (!box.current?.contains(el) && !el.closest(".phone-menu-button")) setMenuOpen(false);
    };
    window.addEventListener("pointerdown", away, true);
    return () => window.removeEventListener("pointerdown", away, true);
  }, []);
  return (
    <div
      ref={box}
      id="phone-menu"
      className="phone-menu"
      role="region"
      aria-label={t("layout.menu.region")}
      onClick={closeAfter}
    >
      <div className="phone-menu-grid">
        {MENU_ACTIONS.map((name) => (
          <ActionButton key={name} name={name} className="tb-button" />
        ))}
        <NotebookToggle />
        <LessonsMenu />
      </div>
      <FlowToolbar />
      <div className="phone-menu-foot">
        <LanguageSwitcher />
        <ThemeSwitcher />
      </div>
    </div>
  );
}

/** A phone's toolbar: the ops drawer, Backward on its target, and a menu for the rest, in
 *  one row whatever the language. */
function PhoneToolbarImpl() {
  const t = useT();
  const open = useStore((s) => s.menuOpen);
  const paletteOpen = useStore((s) => s.paletteOpen);
  return (
    <>
      <header className="toolbar phone-toolbar" role="toolbar" aria-label={t("toolbar.label")}>
        <ActionButton name="togglePalette" className="tb-button" pressed={paletteOpen} />
        <ActionButton name="backward" className="tb-button primary" />
        <BackwardTarget />
        <div className="tb-spacer" />
        <EngineStatus />
        <button
          type="button"
          className={`tb-button phone-menu-button${open ? " active" : ""}`}
          aria-expanded={open}
          aria-controls="phone-menu"
          title={t("layout.menu.title")}
          onClick={() => setMenuOpen(!open)}
        >
          {t("layout.menu.label")}
        </button>
      </header>
      {open && <PhoneMenu />}
    </>
  );
}

export const PhoneToolbar = memo(PhoneToolbarImpl);
