// Light or dark: the person's choice (remembered on this device) or the system's. index.html
// runs the same resolution inline before the first paint, so the page never flashes light;
// this module takes over once the page runs, and follows the system while that is the choice.
import { useSyncExternalStore } from "react";

export const THEME_KEY = "autograd-playground:theme";
export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = "light" | "dark";

/** A stored value this page did not write (or none) means "follow the system". */
export function parseChoice(stored: string | null): ThemeChoice {
  return (THEME_CHOICES as readonly (string | null)[]).includes(stored)
    ? (stored as ThemeChoice)
    : "system";
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === "system") return systemDark ? "dark" : "light";
  return choice;
}

const media =
  typeof window !== "undefined" && typeof window.matchMedia === "function"
    ? window.matchMedia("(prefers-color-scheme: dark)")
    : null;

function readStored(): string | null {
  try {
    return localStorage.getItem(THEME_KEY);
  } catch {
    return null; // storage blocked: the system decides
  }
}

let choice: ThemeChoice = parseChoice(readStored());
const listeners = new Set<() => void>();

function apply(): void {
  if (typeof document === "undefined") return;
  document.documentElement.dataset.theme = resolveTheme(choice, media?.matches ?? false);
  for (const l of listeners) l();
}

media?.addEventListener("change", apply);
apply();

/** Switches the theme; `remember` is false in an embed, which never writes this origin's
 *  storage (the reader's own page shares it). */
export function setThemeChoice(next: ThemeChoice, remember = true): void {
  choice = next;
  if (remember)
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // not remembered, but still switched
    }
  apply();
}

export function themeChoice(): ThemeChoice {
  return choice;
}

export function currentTheme(): Theme {
  return resolveTheme(choice, media?.matches ?? false);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The theme drawn now; components that paint from token values (the loss chart's canvas)
 *  read it to paint again on a switch. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, currentTheme);
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, themeChoice);
}
