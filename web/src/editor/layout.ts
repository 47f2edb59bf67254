// Left-to-right layered layout, the way people draw computation graphs: inputs on the left,
// the loss on the right. Node ids never reach the layout library: nodes are passed by index.
import type { GraphDoc } from "../document/types";
import { setPositions } from "../document/graph";
import { layoutGraph, type Size } from "./graphLayout";

// A typical node once its value is shown; real sizes replace it when known.
const DEFAULT_SIZE: Size = { width: 320, height: 200 };

export function layoutDoc(
  doc: GraphDoc,
  sizes: Map<string, Size> = new Map(),
  onlyMissing = false,
): GraphDoc {
  if (doc.nodes.length === 0) return doc;
  const index = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const edges: [number, number][] = [];
  doc.nodes.forEach((n, i) => {
    for (const s of n.inputs ?? []) {
      const from = s === null ? undefined : index.get(s);
      if (from !== undefined && from !== i) edges.push([from, i]);
    }
  });
  const nodeSizes = doc.nodes.map((n) => sizes.get(n.id) ?? DEFAULT_SIZE);
  const { centers } = layoutGraph(
    { sizes: nodeSizes, edges },
    { rankdir: "LR", nodesep: 30, ranksep: 60, margin: 20 },
  );
  const pos = new Map<string, [number, number]>();
  doc.nodes.forEach((n, i) => {
    if (onlyMissing && n.pos) return;
    const [x, y] = centers[i]!;
    const s = nodeSizes[i]!;
    pos.set(n.id, [x - s.width / 2, y - s.height / 2]);
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
