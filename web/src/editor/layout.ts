// Left-to-right layered layout, the way people draw computation graphs: inputs on the left,
// the loss on the right (canvas/layout.ts, shared with the code graph).
import type { GraphDoc } from "../document/types";
import { setPositions } from "../document/graph";
import { layoutNodes, type Size } from "../canvas/layout";

// A typical node once its value is shown; real sizes replace it when known.
const DEFAULT_SIZE: Size = { width: 320, height: 200 };

export function layoutDoc(
  doc: GraphDoc,
  sizes: Map<string, Size> = new Map(),
  onlyMissing = false,
): GraphDoc {
  if (doc.nodes.length === 0) return doc;
  const wires = doc.nodes.flatMap((n) =>
    (n.inputs ?? []).flatMap((s) => (s === null ? [] : [[s, n.id] as const])),
  );
  const { corners } = layoutNodes(
    doc.nodes.map((n) => n.id),
    doc.nodes.map((n) => sizes.get(n.id) ?? DEFAULT_SIZE),
    wires,
    { rankdir: "LR", nodesep: 30, ranksep: 60, margin: 20 },
  );
  const pos = new Map<string, [number, number]>();
  doc.nodes.forEach((n, i) => {
    if (!(onlyMissing && n.pos)) pos.set(n.id, corners[i]!);
  });
  return setPositions(doc, pos);
}

/** Documents without positions (hand-written, the example) get laid out on load. */
export function ensurePositions(doc: GraphDoc): { doc: GraphDoc; guessed: boolean } {
  const missing = doc.nodes.some((n) => !n.pos);
  if (!missing) return { doc, guessed: false };
  const anyPlaced = doc.nodes.some((n) => n.pos);
  return { doc: layoutDoc(doc, new Map(), anyPlaced), guessed: !anyPlaced };
}
