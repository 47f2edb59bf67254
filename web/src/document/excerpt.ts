// Messages about bad input quote it through excerpt(), never whole: a link's 100,000-character
// "version" once became a 28,000 px alert that froze the tab. The quote is short and escaped
// (control, format and bidi characters shown as \u escapes), so it reads the same as the
// input and cannot reorder or hide the text around it.
import { MAX_EXCERPT_CHARS } from "./limits";
import { t } from "../i18n";

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

/** A short, safe description of any JSON value, fit to put in a message. */
export function excerpt(value: unknown): string {
  if (value === undefined) return t("document.excerpt.nothing");
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") return quoted(String(value)).slice(1, -1);
  if (typeof value === "string") {
    if (value.length === 0) return t("document.excerpt.emptyString");
    if (value.length <= MAX_EXCERPT_CHARS) return quoted(value);
    return t("document.excerpt.longString", {
      length: value.length.toLocaleString("en"),
      start: quoted(value, 24),
    });
  }
  if (Array.isArray(value))
    return t("document.excerpt.list", {
      count: value.length,
      n: value.length.toLocaleString("en"),
    });
  if (typeof value === "object")
    return t("document.excerpt.object", {
      count: Object.keys(value).length,
      n: Object.keys(value).length.toLocaleString("en"),
    });
  return t("document.excerpt.other", { type: typeof value });
}
