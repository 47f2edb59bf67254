// Which shortcut a key event means. Pure (no stores, no DOM classes), so the rules are unit
// tested: modifiers must match exactly, keys typed into a field belong to the field, and an
// action takes a key only while its predicate holds.
import type { KeySpec, Modes, Verdict } from "./types";

export type KeyEventLike = Pick<
  KeyboardEvent,
  "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey" | "target"
>;

export interface Keyed {
  keys: readonly KeySpec[];
  predicate?: (m: Modes) => Verdict;
}

export function matches(k: KeySpec, e: KeyEventLike): boolean {
  const mod = e.ctrlKey || e.metaKey;
  return (
    e.key.toLowerCase() === k.key.toLowerCase() &&
    !!k.mod === mod &&
    !!k.shift === e.shiftKey &&
    !e.altKey
  );
}

/** Two specs that one key press can both match. */
export function sameKey(a: KeySpec, b: KeySpec): boolean {
  return (
    a.key.toLowerCase() === b.key.toLowerCase() && !!a.mod === !!b.mod && !!a.shift === !!b.shift
  );
}

/** Whether `a` answers its key `k` in modes `m`. */
export function keyApplies(a: Keyed, k: KeySpec, m: Modes): boolean {
  return (a.predicate?.(m) ?? true) === true && (k.when?.(m) ?? true);
}

const FIELDS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

// Inputs that take no text: on a ticked requires_grad box, "b" still means Backward.
const UNTYPED = new Set(["checkbox", "radio"]);

/** Keys typed into a field or an editor (the code box is a contenteditable) belong to it:
 *  Backspace deletes a character, not a node. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as { isContentEditable?: boolean; tagName?: unknown; type?: unknown } | null;
  return (
    !!el &&
    (el.isContentEditable === true ||
      (typeof el.tagName === "string" &&
        FIELDS.has(el.tagName) &&
        !(el.tagName === "INPUT" && typeof el.type === "string" && UNTYPED.has(el.type))))
  );
}

/** The action that claims the key in these modes, unless the key is being typed. The
 *  manager refused overlapping claims at start-up, so at most one can match. */
export function actionFor<A extends Keyed>(
  list: readonly A[],
  e: KeyEventLike,
  m: Modes,
): A | null {
  if (isTyping(e.target)) return null;
  return list.find((a) => a.keys.some((k) => matches(k, e) && keyApplies(a, k, m))) ?? null;
}

/** "Ctrl+Shift+Z", "⌘+C", "Escape": a key as buttons' tooltips show it. */
export function keyText(k: KeySpec | undefined, mac: boolean): string {
  if (!k) return "";
  const parts: string[] = [];
  if (k.mod) parts.push(mac ? "⌘" : "Ctrl");
  if (k.shift) parts.push("Shift");
  parts.push(k.key.length === 1 ? k.key.toUpperCase() : k.key);
  return parts.join("+");
}
