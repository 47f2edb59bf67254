import { memo } from "react";
import { LANGS, LANG_NAMES, setLanguage, useLang, useT, type Lang } from "../i18n";

/** English / 中文, each written in its own language so either reader finds theirs. Only the
 *  words change: the graph, its grads and the undo history live in the stores. */
function LanguageSwitcherImpl() {
  const t = useT();
  const lang = useLang();
  return (
    <label className="lang-switch" title={t("toolbar.languageTitle")}>
      <select
        aria-label={t("toolbar.language")}
        data-language-switcher
        value={lang}
        onChange={(e) => setLanguage(e.target.value as Lang)}
      >
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

export const LanguageSwitcher = memo(LanguageSwitcherImpl);
