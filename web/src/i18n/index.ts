// The page's two languages. Messages live in locales/<lang>.json, one object per feature folder
// ("toolbar", "stepper", …), so a feature's strings move together and a new language is one
// file. Resources are bundled, not fetched: the first render is already in the right language.
import i18next from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import en from "./locales/en.json";
import zhCN from "./locales/zh-CN.json";

export const LANGS = ["en", "zh-CN"] as const;
export type Lang = (typeof LANGS)[number];

/** What the switcher shows: each language by its own name. */
export const LANG_NAMES: Record<Lang, string> = { en: "English", "zh-CN": "中文" };

export const LANG_KEY = "autograd-playground:lang";

/** The person's own choice if they made one, else the browser's: any zh* in
 *  navigator.languages means Chinese (as issue 13 asks), anything else English. */
export function detectLanguage(stored: string | null, browser: readonly string[]): Lang {
  if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  return browser.some((l) => /^zh(-|$)/i.test(l)) ? "zh-CN" : "en";
}

function storedChoice(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null; // storage blocked (private mode): the browser's language still applies
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
  lng: detectLanguage(storedChoice(), browserLanguages()),
  fallbackLng: "en",
  // React escapes what it renders; i18next escaping on top would show &lt; in a formula.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
syncDocument();

function syncDocument(): void {
  if (typeof document !== "undefined") document.documentElement.lang = i18n.language;
}

/** Switches the page's language and remembers the choice; the graph, grads and undo history
 *  live in the stores, untouched: components re-render through useTranslation(). */
export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not remembered, but still switched
  }
  void i18n.changeLanguage(lang);
  syncDocument();
}

export function currentLang(): Lang {
  return (LANGS as readonly string[]).includes(i18n.language) ? (i18n.language as Lang) : "en";
}

/** Messages outside React (actions' labels, alerts): read when shown, never at import. */
export const t = i18n.t.bind(i18n);

/** A component's messages; it re-renders when the language changes. */
export function useT() {
  return useTranslation().t;
}

export function useLang(): Lang {
  useTranslation();
  return currentLang();
}
