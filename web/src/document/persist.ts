// Autosave: the document (not the UI state) lives in localStorage, one key.
import type { GraphDoc } from "./types";
import { validateDoc } from "./validate";

const KEY = "autograd-playground:doc:v1";

export type Loaded =
  { kind: "none" } | { kind: "ok"; doc: GraphDoc } | { kind: "bad"; message: string };

export function loadSaved(): Loaded {
  let text: string | null;
  try {
    text = localStorage.getItem(KEY);
  } catch {
    return { kind: "none" };
  }
  if (text === null) return { kind: "none" };
  try {
    return { kind: "ok", doc: validateDoc(JSON.parse(text)) };
  } catch (e) {
    return { kind: "bad", message: e instanceof Error ? e.message : String(e) };
  }
}

export function save(doc: GraphDoc): boolean {
  try {
    localStorage.setItem(KEY, JSON.stringify(doc));
    return true;
  } catch {
    return false;
  }
}
