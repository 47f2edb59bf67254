// Every limit the page puts on documents, links and files, in one place. Links and files come
// from strangers: each limit is checked before the work it bounds (decoding, layout, the
// engine's evaluation), so that no input can freeze the tab or flood a message.
// docs/graph-format.md ("Limits and errors") lists them for people.

/** The engine's own limits (py_engine/limits.py); the page checks them first to fail fast. */
export const MAX_NODES = 2000;
/** The engine refuses requests longer than this many characters of JSON. */
export const MAX_DOC_CHARS = 2_000_000;
/** Room kept under MAX_DOC_CHARS when opening a document, so that the requests that carry
 *  more than the document (backward's node, train's steps) still fit. */
export const REQUEST_HEADROOM_CHARS = 1_000;

/** String fields of a node (the engine's MAX_ID_CHARS and MAX_LABEL_CHARS). */
export const MAX_ID_CHARS = 64;
export const MAX_LABEL_CHARS = 200;
/** Op names are short words; anything longer is not an op, and only its excerpt is shown. */
export const MAX_OP_CHARS = 64;
/** Param names and string values (dtype choices) are short words too. */
export const MAX_PARAM_NAME_CHARS = 64;
export const MAX_PARAM_STRING_CHARS = 200;
/** No op has more than a handful of params. */
export const MAX_PARAMS_PER_NODE = 32;
/** Nested lists deeper than this are not tensors anyone draws, and recursion stays shallow. */
export const MAX_JSON_DEPTH = 32;
/** Every op has at most two inputs, so wires are bounded by the node count. */
export const MAX_EDGES = 2 * MAX_NODES;
/** Canvas positions: far beyond any real graph, far below what SVG paths can draw. */
export const MAX_ABS_POS = 1_000_000;

/** Share links: the text after #g= (and after &c=), and what it may inflate to. */
export const MAX_ENCODED_CHARS = 200_000;
export const MAX_DECODED_BYTES = 2_000_000;
export const MAX_CODE_BYTES = 200_000;
/** #lesson=<id>: lesson ids are short words, so a longer name is not even decoded. */
export const MAX_LESSON_ID_CHARS = 64;
/** A .json file, read whole before parsing. */
export const MAX_FILE_BYTES = 2_000_000;

/** The longest excerpt of untrusted text any message quotes. */
export const MAX_EXCERPT_CHARS = 40;
/** The longest text an alert shows (engine errors included). */
export const MAX_ALERT_CHARS = 2_000;
