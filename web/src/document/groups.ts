// Groups of nodes (document version 2): pure edits and the questions the canvas asks of them.
// A group is a view: it never changes a wire, so the engine computes the same with or without.
import { MAX_LABEL_CHARS } from "./limits";
import type { DocGroup, GraphDoc } from "./types";

export function groupsOf(doc: GraphDoc): readonly DocGroup[] {
  return doc.groups ?? [];
}

/** Each grouped node's group, by node id. */
export function groupByNode(doc: GraphDoc): Map<string, DocGroup> {
  const out = new Map<string, DocGroup>();
  for (const g of groupsOf(doc)) for (const id of g.nodes) out.set(id, g);
  return out;
}

function withGroups(doc: GraphDoc, groups: DocGroup[]): GraphDoc {
  if (groups.length > 0) return { ...doc, groups };
  const { groups: _none, ...rest } = doc;
  return rest;
}

/** A label as the document holds it: trimmed, cut to the limit the loader checks. */
export function cleanGroupLabel(label: string): string {
  return label.trim().slice(0, MAX_LABEL_CHARS);
}

/** "group 1", "group 2", …: the first not taken, for a group made before it is named. The
 *  word comes from the page's language ("组 1" in Chinese): it is the person's name to keep. */
export function defaultGroupLabel(doc: GraphDoc, word = "group"): string {
  const taken = new Set(groupsOf(doc).map((g) => g.label));
  for (let i = 1; ; i++) if (!taken.has(`${word} ${i}`)) return `${word} ${i}`;
}

function freshGroupId(doc: GraphDoc): string {
  const taken = new Set(groupsOf(doc).map((g) => g.id));
  for (let i = 1; ; i++) if (!taken.has(`g${i}`)) return `g${i}`;
}

/** Groups the given nodes (those that exist, in document order) under `label`. A node in
 *  another group leaves it: a node is in one group at most, and a group left empty goes.
 *  Returns the document unchanged (and null) when no node exists. */
export function addGroup(
  doc: GraphDoc,
  ids: readonly string[],
  label: string,
): [GraphDoc, string | null] {
  const wanted = new Set(ids);
  const members = doc.nodes.filter((n) => wanted.has(n.id)).map((n) => n.id);
  if (members.length === 0) return [doc, null];
  const moved = new Set(members);
  const id = freshGroupId(doc);
  const kept = groupsOf(doc)
    .map((g) => ({ ...g, nodes: g.nodes.filter((n) => !moved.has(n)) }))
    .filter((g) => g.nodes.length > 0);
  const text = cleanGroupLabel(label) || defaultGroupLabel(doc);
  return [withGroups(doc, [...kept, { id, label: text, nodes: members }]), id];
}

/** The group gone, its nodes kept where they are. */
export function removeGroup(doc: GraphDoc, id: string): GraphDoc {
  const groups = groupsOf(doc);
  if (!groups.some((g) => g.id === id)) return doc;
  return withGroups(
    doc,
    groups.filter((g) => g.id !== id),
  );
}

function mapGroup(doc: GraphDoc, id: string, f: (g: DocGroup) => DocGroup): GraphDoc {
  const groups = groupsOf(doc);
  if (!groups.some((g) => g.id === id)) return doc;
  return withGroups(
    doc,
    groups.map((g) => (g.id === id ? f(g) : g)),
  );
}

/** A new name; an empty one keeps the old (a group always has a name to show). */
export function relabelGroup(doc: GraphDoc, id: string, label: string): GraphDoc {
  const text = cleanGroupLabel(label);
  return text ? mapGroup(doc, id, (g) => (g.label === text ? g : { ...g, label: text })) : doc;
}

export function setGroupCollapsed(doc: GraphDoc, id: string, collapsed: boolean): GraphDoc {
  return mapGroup(doc, id, (g) => {
    if (!!g.collapsed === collapsed) return g;
    const { collapsed: _old, ...rest } = g;
    return collapsed ? { ...rest, collapsed: true } : rest;
  });
}

/** The groups without the removed nodes; a group left empty goes (the loader refuses one). */
export function pruneGroups(doc: GraphDoc, removed: ReadonlySet<string>): GraphDoc {
  const groups = groupsOf(doc);
  if (!groups.some((g) => g.nodes.some((n) => removed.has(n)))) return doc;
  return withGroups(
    doc,
    groups
      .map((g) => ({ ...g, nodes: g.nodes.filter((n) => !removed.has(n)) }))
      .filter((g) => g.nodes.length > 0),
  );
}

/** A wire into a group: which outside node feeds it, and every member port it feeds. */
export interface GroupInput {
  source: string;
  targets: { node: string; port: number }[];
}

/** A value leaving a group: a member read outside it, or one nothing reads (an output of
 *  the whole graph, such as a loss), with the outside ports it feeds. */
export interface GroupOutput {
  node: string;
  consumers: { node: string; port: number }[];
}

/** The wires that cross a group's border, in document order: what its collapsed box shows
 *  as ports. One input per outside source, however many members it feeds. */
export function crossings(
  doc: GraphDoc,
  group: DocGroup,
): { inputs: GroupInput[]; outputs: GroupOutput[] } {
  const inside = new Set(group.nodes);
  const inputs = new Map<string, GroupInput>();
  const outputs = new Map<string, GroupOutput>();
  const read = new Set<string>();
  for (const n of doc.nodes)
    (n.inputs ?? []).forEach((src, port) => {
      if (src === null) return;
      read.add(src);
      if (inside.has(n.id) && !inside.has(src)) {
        const input = inputs.get(src) ?? { source: src, targets: [] };
        input.targets.push({ node: n.id, port });
        inputs.set(src, input);
      } else if (!inside.has(n.id) && inside.has(src)) {
        const output = outputs.get(src) ?? { node: src, consumers: [] };
        output.consumers.push({ node: n.id, port });
        outputs.set(src, output);
      }
    });
  const order = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const byOrder = (a: string, b: string) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  for (const id of group.nodes)
    if (!read.has(id) && !outputs.has(id)) outputs.set(id, { node: id, consumers: [] });
  return {
    inputs: [...inputs.values()].sort((a, b) => byOrder(a.source, b.source)),
    outputs: [...outputs.values()].sort((a, b) => byOrder(a.node, b.node)),
  };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangle a group's members cover, from their positions and sizes (a guess for a
 *  node not yet measured). */
export function membersRect(
  doc: GraphDoc,
  group: DocGroup,
  sizeOf: (id: string) => { width: number; height: number } | undefined,
  guess: { width: number; height: number },
): Rect | null {
  const inside = new Set(group.nodes);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of doc.nodes) {
    if (!inside.has(n.id)) continue;
    const [x, y] = n.pos ?? [0, 0];
    const s = sizeOf(n.id) ?? guess;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + s.width);
    y1 = Math.max(y1, y + s.height);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** Moves every member of a group by (dx, dy): dragging a group's frame or box. */
export function moveGroup(
  doc: GraphDoc,
  group: DocGroup,
  dx: number,
  dy: number,
): Map<string, [number, number]> {
  const inside = new Set(group.nodes);
  const out = new Map<string, [number, number]>();
  for (const n of doc.nodes)
    if (inside.has(n.id)) {
      const [x, y] = n.pos ?? [0, 0];
      out.set(n.id, [x + dx, y + dy]);
    }
  return out;
}
