// The one reader of the page's address fragment: #g=<graph>[&c=<code>][&<flag>=<value>…] and
// #lesson=<id> (the flags: embed/flags.ts). It
// never throws (a malformed %-escape in #lesson=% once threw before anything rendered, and
// since the hash stayed, every reload was blank too); whatever it cannot read is a "bad"
// route that the caller reports.
import { excerpt } from "../document/excerpt";
import { MAX_LESSON_ID_CHARS } from "../document/limits";
import { t } from "../i18n";
import { NO_FLAGS, parseFlags, type LinkFlags } from "../embed/flags";

export const GRAPH_PREFIX = "#g=";
/** Optional code after the graph: #g=<doc>&c=<code>. */
export const CODE_PREFIX = "&c=";
export const LESSON_PREFIX = "#lesson=";

export type HashRoute =
  /** No fragment, or one this page does not use. */
  | { kind: "none" }
  | { kind: "graph"; doc: string; code: string | null; flags: LinkFlags }
  | { kind: "lesson"; id: string }
  | { kind: "bad"; what: "lesson" | "graph"; message: string };

function lessonRoute(raw: string): HashRoute {
  // Three characters per %-escape at most.
  if (raw.length > 3 * MAX_LESSON_ID_CHARS)
    return { kind: "bad", what: "lesson", message: t("share.link.lessonTooLong") };
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    return {
      kind: "bad",
      what: "lesson",
      message: t("share.link.lessonEscape", { name: excerpt(raw) }),
    };
  }
  return { kind: "lesson", id };
}

// The graph and the code are base64url, which never holds `&`: the parts split cleanly.
function graphRoute(rest: string): HashRoute {
  const [doc = "", ...parts] = rest.split("&");
  const code = parts.find((p) => `&${p}`.startsWith(CODE_PREFIX));
  const flags = parts.filter((p) => p !== code);
  return {
    kind: "graph",
    doc,
    code: code === undefined ? null : code.slice(CODE_PREFIX.length - 1),
    flags: flags.length ? parseFlags(flags) : NO_FLAGS,
  };
}

/** The link's flags, or none (a lesson link, no link). Never throws. */
export function flagsOf(route: HashRoute): LinkFlags {
  return route.kind === "graph" ? route.flags : NO_FLAGS;
}

/** What the fragment asks for. Never throws. */
export function parseHash(hash: string): HashRoute {
  try {
    if (hash.startsWith(GRAPH_PREFIX)) return graphRoute(hash.slice(GRAPH_PREFIX.length));
    if (hash.startsWith(LESSON_PREFIX)) return lessonRoute(hash.slice(LESSON_PREFIX.length));
    return { kind: "none" };
  } catch {
    return { kind: "bad", what: "graph", message: t("share.link.unreadable") };
  }
}
