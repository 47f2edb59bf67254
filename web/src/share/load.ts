// Opening a document from a link or a file: validation (every limit in document/limits.ts),
// then layout if it has no positions, then the engine's size limit on the request the page
// would really send, so that a graph the engine would refuse is refused here with an alert
// instead of waiting on "computing…".
import type { GraphDoc } from "../document/types";
import { InvalidDocument, validateDoc } from "../document/validate";
import { ensurePositions } from "../editor/layout";
import { docOversize } from "../engine/requestSize";

export function loadDoc(raw: unknown): { doc: GraphDoc; guessed: boolean } {
  const doc = validateDoc(raw);
  // Checked before layout too: numbers written short (9e9) grow once serialised again.
  const tooLarge = docOversize(doc);
  if (tooLarge) throw new InvalidDocument(tooLarge);
  const placed = ensurePositions(doc);
  const stillTooLarge = placed.doc === doc ? null : docOversize(placed.doc);
  if (stillTooLarge) throw new InvalidDocument(stillTooLarge);
  return placed;
}
