// Left-to-right layered layout, the way people draw computation graphs: inputs on the left,
// the loss on the right (canvas/layout.ts, shared with the code graph).
import type { GraphDoc } from "../document/types";
import { setPositions } from "../document/graph";
import { groupsOf, membersRect, moveGroup } from "../document/groups";
import { layoutNodes, type Size } from "../canvas/layout";

// A typical node once its value is shown; real sizes replace it when known.
const DEFAULT_SIZE: Size = { width: 320, height: 200 };

/** Lays the graph out left to right. A collapsed group is laid out as the one box it is
 *  drawn as (`boxSizes`, by group id), and its members move with the box, keeping their
 *  places inside it for when it is expanded. */
export function layoutDoc(
  doc: GraphDoc,
  sizes: Map<string, Size> = new Map(),
  onlyMissing = false,
  boxSizes: Map<string, Size> = new Map(),
): GraphDoc {
  if (doc.nodes.length === 0) return doc;
  const collapsed = onlyMissing ? [] : groupsOf(doc).filter((g) => g.collapsed);
  // One unit per drawn thing: "n" + a node id, or "g" + a collapsed group's id.
  const unitOf = new Map<string, string>();
  for (const g of collapsed) for (const id of g.nodes) unitOf.set(id, `g${g.id}`);
  const units: string[] = [];
  const unitSizes: Size[] = [];
  const placed = new Set<string>();
  for (const n of doc.nodes) {
    const unit = unitOf.get(n.id) ?? `n${n.id}`;
    if (placed.has(unit)) continue;
    placed.add(unit);
    units.push(unit);
    const group = unit[0] === "g" ? collapsed.find((g) => `g${g.id}` === unit) : undefined;
    unitSizes.push((group ? boxSizes.get(group.id) : sizes.get(n.id)) ?? DEFAULT_SIZE);
  }
  const unit = (id: string) => unitOf.get(id) ?? `n${id}`;
  const wires = doc.nodes.flatMap((n) =>
    (n.inputs ?? []).flatMap((s) => (s === null ? [] : [[unit(s), unit(n.id)] as const])),
  );
  const { corners } = layoutNodes(units, unitSizes, wires, {
    rankdir: "LR",
    nodesep: 30,
    ranksep: 60,
    margin: 20,
  });
  const corner = new Map(units.map((u, i) => [u, corners[i]!]));
  const pos = new Map<string, [number, number]>();
  for (const n of doc.nodes) {
    if (unitOf.has(n.id) || (onlyMissing && n.pos)) continue;
    pos.set(n.id, corner.get(`n${n.id}`)!);
  }
  for (const g of collapsed) {
    const r = membersRect(doc, g, (id) => sizes.get(id), DEFAULT_SIZE);
    const c = corner.get(`g${g.id}`);
    if (r && c) for (const [id, p] of moveGroup(doc, g, c[0] - r.x, c[1] - r.y)) pos.set(id, p);
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
