import { memo } from "react";
import { useT } from "../i18n";
import { setThemeChoice, THEME_CHOICES, useThemeChoice, type ThemeChoice } from "./theme";

/** Light / dark / as the system: beside the language, in the same kind of select (the
 *  toolbar's sheet styles both). */
function ThemeSwitcherImpl() {
  const t = useT();
  const choice = useThemeChoice();
  return (
    <label className="lang-switch theme-switch" title={t("theme.title")}>
      <select
        aria-label={t("theme.label")}
        data-theme-switcher
        value={choice}
        onChange={(e) => setThemeChoice(e.target.value as ThemeChoice)}
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(`theme.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export const ThemeSwitcher = memo(ThemeSwitcherImpl);
