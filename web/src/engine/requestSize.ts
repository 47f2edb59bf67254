// The engine refuses a request longer than MAX_DOC_CHARS characters of JSON, counted in
// UTF-16 code units (JavaScript's length) on the very text the worker hands it. The page
// measures that same text before sending, so an oversized graph is a clear error at once,
// not a node stuck on "computing…".
import { MAX_DOC_CHARS, REQUEST_HEADROOM_CHARS } from "../document/limits";
import type { GraphDoc } from "../document/types";
import type { EngineRequest } from "./protocol";

/** Why the engine would refuse `text` for its size, or null when it fits in `limit`. */
export function oversize(text: string, limit = MAX_DOC_CHARS): string | null {
  if (text.length <= limit) return null;
  return (
    `the graph is too large for the engine: ${text.length.toLocaleString("en")} characters of JSON, ` +
    `at most ${limit.toLocaleString("en")}`
  );
}

/** The request exactly as the worker passes it to the engine. */
export function requestText(request: EngineRequest): string {
  return JSON.stringify(request);
}

/** For loaders: why this document could not be evaluated, or null when it can (with room
 *  left for the requests that carry a little more than an evaluation). */
export function docOversize(doc: GraphDoc): string | null {
  return oversize(requestText({ action: "evaluate", doc }), MAX_DOC_CHARS - REQUEST_HEADROOM_CHARS);
}
