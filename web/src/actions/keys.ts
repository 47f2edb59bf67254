// Which shortcut a key event means. Pure (no stores, no DOM classes), so the rules are unit
// tested: modifiers must match exactly, keys typed into a field belong to the field, and the
// first enabled action that claims a key takes it.

export interface KeySpec {
  key: string; // KeyboardEvent.key, compared case-insensitively
  mod?: boolean; // Ctrl on Linux/Windows, Cmd on macOS
  shift?: boolean;
}

export type KeyEventLike = Pick<
  KeyboardEvent,
  "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey" | "target"
>;

export interface Keyed {
  keys: readonly KeySpec[];
  enabled?: () => boolean;
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

const FIELDS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/** Keys typed into a field or an editor (the code box is a contenteditable) belong to it:
 *  Backspace deletes a character, not a node. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as { isContentEditable?: boolean; tagName?: unknown } | null;
  return (
    !!el &&
    (el.isContentEditable === true || (typeof el.tagName === "string" && FIELDS.has(el.tagName)))
  );
}

/** The first action that claims the key and is enabled now, unless the key is being typed. */
export function actionFor<A extends Keyed>(list: readonly A[], e: KeyEventLike): A | null {
  if (isTyping(e.target)) return null;
  return list.find((a) => a.keys.some((k) => matches(k, e)) && (a.enabled?.() ?? true)) ?? null;
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
