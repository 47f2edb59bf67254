// Left-to-right layered layout, the way people draw computation graphs: inputs on the left,
// the loss on the right.
import dagre from "@dagrejs/dagre";
import type { GraphDoc } from "../document/types";
import { setPositions } from "../document/graph";

// A typical node once its value is shown; real sizes replace it when known.
const DEFAULT_SIZE = { width: 320, height: 200 };

export function layoutDoc(
  doc: GraphDoc,
  sizes: Map<string, { width: number; height: number }> = new Map(),
  onlyMissing = false,
): GraphDoc {
  if (doc.nodes.length === 0) return doc;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 30, ranksep: 60, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { ...(sizes.get(n.id) ?? DEFAULT_SIZE) });
  for (const n of doc.nodes)
    for (const s of n.inputs ?? []) if (s !== null && s !== n.id) g.setEdge(s, n.id);
  dagre.layout(g);
  const pos = new Map<string, [number, number]>();
  for (const n of doc.nodes) {
    if (onlyMissing && n.pos) continue;
    const p = g.node(n.id) as { x: number; y: number; width: number; height: number };
    pos.set(n.id, [p.x - p.width / 2, p.y - p.height / 2]);
  }
  return setPositions(doc, pos);
}

/** Documents without positions (hand-written, the example) get laid out on load. */
export function ensurePositions(doc: GraphDoc): { doc: GraphDoc; guessed: boolean } {
  const missing = doc.nodes.some((n) => !n.pos);
  if (!missing) return { doc, guessed: false };
  const anyPlaced = doc.nodes.some((n) => n.pos);
  return { doc: layoutDoc(doc, new Map(), anyPlaced), guessed: !anyPlaced };
}
