// Every limit the page puts on documents, links and files, in one place. Links and files come
// from strangers: each limit is checked before the work it bounds (decoding, layout, the
// engine's evaluation), so that no input can freeze the tab or flood a message.
// docs/graph-format.md ("Limits and errors") lists them for people.
import { limits } from "../generated/op-catalog.json";

/** The engine's own limits, read from the catalog it generates (py_engine/playground/
 *  catalog.py), so the two can never disagree; the page checks them first to fail fast. */
export const MAX_NODES = limits.nodes;
/** The engine refuses requests longer than this many characters (UTF-16 units) of JSON. */
export const MAX_DOC_CHARS = limits.doc_chars;
/** String fields of a node. */
export const MAX_ID_CHARS = limits.id_chars;
export const MAX_LABEL_CHARS = limits.label_chars;
/** A dataset node's pasted table (a `text` param): characters, rows, columns (features and
 *  the label), and the most distinct labels that count as classes. */
export const MAX_TEXT_CHARS = limits.text_chars;
export const MAX_CSV_ROWS = limits.csv_rows;
export const MAX_CSV_COLUMNS = limits.csv_columns;
export const MAX_CSV_CLASSES = limits.csv_classes;

// The rest are the page's own: they bound work the page does before the engine sees
// anything (decoding a link, validating, laying out, drawing, quoting in a message), or
// inputs the engine never receives (links, files, lesson ids).

/** Room kept under MAX_DOC_CHARS when opening a document, so that the requests that carry
 *  more than the document (backward's node, train's steps) still fit. */
export const REQUEST_HEADROOM_CHARS = 1_000;

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

/** A Jupyter notebook (.ipynb) opened, dropped or pasted into the code panel: its size, and
 *  how many cells it may have (counted before the JSON is parsed, and again after). */
export const MAX_NOTEBOOK_BYTES = 2_000_000;
export const MAX_NOTEBOOK_CELLS = 500;
