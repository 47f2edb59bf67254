// Messages about bad input quote it through excerpt(), never whole: a link's 100,000-character
// "version" once became a 28,000 px alert that froze the tab. The quote is short and escaped
// (control, format and bidi characters shown as \u escapes), so it reads the same as the
// input and cannot reorder or hide the text around it.
import { MAX_EXCERPT_CHARS } from "./limits";

// Invisible or layout-changing characters, plus the quote and escape characters themselves.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}"\\]/u;

function escapeChar(ch: string): string {
  if (ch === '"' || ch === "\\") return `\\${ch}`;
  if (!UNSAFE.test(ch)) return ch;
  return [...ch].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
}

/** The string in quotes, escaped, cut at `max` characters of output (code points kept whole). */
export function quoted(text: string, max = MAX_EXCERPT_CHARS): string {
  let out = "";
  for (const ch of text) {
    const e = escapeChar(ch);
    if (out.length + e.length > max) return `"${out}…"`;
    out += e;
  }
  return `"${out}"`;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** A short, safe description of any JSON value, fit to put in a message. */
export function excerpt(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") return quoted(String(value)).slice(1, -1);
  if (typeof value === "string") {
    if (value.length === 0) return "an empty string";
    if (value.length <= MAX_EXCERPT_CHARS) return quoted(value);
    return `a ${value.length.toLocaleString("en")}-character string starting ${quoted(value, 24)}`;
  }
  if (Array.isArray(value)) return `a list of ${count(value.length, "item", "items")}`;
  if (typeof value === "object")
    return `an object with ${count(Object.keys(value).length, "key", "keys")}`;
  return `a value of type ${typeof value}`;
}
