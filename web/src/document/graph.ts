// Pure, immutable edits of the graph document. Every user edit is one of these, so the
// store can keep undo history as a plain list of documents.
import { getOp, type Json } from "../catalog/catalog";
import { pruneGroups } from "./groups";
import { MAX_ABS_POS, MAX_LABEL_CHARS } from "./limits";
import type { DocNode, GraphDoc } from "./types";
import { t as i18nT } from "../i18n";

export function nodeInputs(node: DocNode): (string | null)[] {
  const spec = getOp(node.op);
  const n = spec ? spec.inputs.length : (node.inputs?.length ?? 0);
  const out: (string | null)[] = [];
  for (let i = 0; i < n; i++) out.push(node.inputs?.[i] ?? null);
  return out;
}

export function uniqueId(doc: GraphDoc, base: string, taken: Set<string> = new Set()): string {
  const used = new Set(doc.nodes.map((n) => n.id));
  const stem = base.replace(/[^A-Za-z0-9_]/g, "_") || "node";
  for (let i = 1; ; i++) {
    const id = `${stem}${i}`;
    if (!used.has(id) && !taken.has(id)) return id;
  }
}

export function addNode(doc: GraphDoc, op: string, pos: [number, number]): [GraphDoc, string] {
  const id = uniqueId(doc, op);
  const spec = getOp(op);
  const node: DocNode = { id, op, pos: cleanPos(pos) ?? [0, 0] };
  if (spec && spec.inputs.length > 0) node.inputs = spec.inputs.map(() => null);
  return [{ ...doc, nodes: [...doc.nodes, node] }, id];
}

function mapNode(doc: GraphDoc, id: string, f: (n: DocNode) => DocNode): GraphDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

export function removeNodes(doc: GraphDoc, ids: Set<string>): GraphDoc {
  return {
    ...pruneGroups(doc, ids),
    nodes: doc.nodes
      .filter((n) => !ids.has(n.id))
      .map((n) =>
        n.inputs?.some((s) => s !== null && ids.has(s))
          ? { ...n, inputs: n.inputs.map((s) => (s !== null && ids.has(s) ? null : s)) }
          : n,
      ),
  };
}

export interface PortRef {
  target: string;
  port: number;
}

/** A wire's id on the canvas. JSON, so that ids containing "->" or ":" (any string is a legal
 *  id) cannot make two wires share an id or a wire read back as another. */
export function edgeId(source: string, target: string, port: number): string {
  return JSON.stringify([source, target, port]);
}

export function parseEdgeId(id: string): PortRef | null {
  try {
    const v: unknown = JSON.parse(id);
    if (Array.isArray(v) && v.length === 3 && typeof v[1] === "string" && Number.isInteger(v[2]))
      return { target: v[1], port: v[2] as number };
  } catch {
    // not one of ours
  }
  return null;
}

export function disconnect(doc: GraphDoc, ports: PortRef[]): GraphDoc {
  let out = doc;
  for (const { target, port } of ports) {
    out = mapNode(out, target, (n) => {
      const inputs = nodeInputs(n);
      inputs[port] = null;
      return { ...n, inputs };
    });
  }
  return out;
}

/** True when `from` can be reached from `to` by following wires downstream. */
function reaches(doc: GraphDoc, start: string, goal: string): boolean {
  const consumers = new Map<string, string[]>();
  for (const n of doc.nodes)
    for (const s of n.inputs ?? [])
      if (s !== null) consumers.set(s, [...(consumers.get(s) ?? []), n.id]);
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur === goal) return true;
    if (seen.has(cur)) continue;
    seen.add(cur);
    stack.push(...(consumers.get(cur) ?? []));
  }
  return false;
}

function displayName(doc: GraphDoc, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  return n?.label || id;
}

/** Why a wire from `source` into port `port` of `target` is refused, or null when it is fine. */
export function connectionProblem(
  doc: GraphDoc,
  source: string,
  target: string,
  port: number,
): string | null {
  const t = doc.nodes.find((n) => n.id === target);
  if (!t || !doc.nodes.some((n) => n.id === source)) return i18nT("document.nodeGone");
  const spec = getOp(t.op);
  const portName = spec?.inputs[port]?.name ?? `#${port}`;
  if (source === target) return i18nT("document.selfLoop");
  // An input that is already fed is not a problem: the new wire replaces the old one.
  if (nodeInputs(t)[port] === source)
    return i18nT("document.wireThere", {
      source: displayName(doc, source),
      port: portName,
      target: displayName(doc, target),
    });
  if (reaches(doc, target, source))
    return i18nT("document.cycle", {
      source: displayName(doc, source),
      target: displayName(doc, target),
    });
  return null;
}

export function connect(doc: GraphDoc, source: string, target: string, port: number): GraphDoc {
  return mapNode(doc, target, (n) => {
    const inputs = nodeInputs(n);
    inputs[port] = source;
    return { ...n, inputs };
  });
}

export function setParam(doc: GraphDoc, id: string, name: string, value: Json): GraphDoc {
  return mapNode(doc, id, (n) => ({ ...n, params: { ...(n.params ?? {}), [name]: value } }));
}

export function setLabel(doc: GraphDoc, id: string, label: string): GraphDoc {
  // Cut to the limit the loader checks, or the autosave would not read back.
  const text = label.trim().slice(0, MAX_LABEL_CHARS);
  return mapNode(doc, id, (n) => {
    const { label: _old, ...rest } = n;
    return text ? { ...rest, label: text } : rest;
  });
}

export function setFlag(
  doc: GraphDoc,
  id: string,
  flag: "retain_grad" | "no_grad",
  on: boolean,
): GraphDoc {
  return mapNode(doc, id, (n) => ({ ...n, [flag]: on }));
}

/** A position the document can hold: rounded, and inside the canvas a document may use. A
 *  layout or a drag that produced NaN or Infinity leaves the node where it was. */
export function cleanPos(p: readonly [number, number]): [number, number] | null {
  if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
  const clamp = (v: number) => Math.max(-MAX_ABS_POS, Math.min(MAX_ABS_POS, Math.round(v)));
  return [clamp(p[0]), clamp(p[1])];
}

export function setPositions(doc: GraphDoc, pos: Map<string, [number, number]>): GraphDoc {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const p = pos.get(n.id);
      const clean = p && cleanPos(p);
      return clean ? { ...n, pos: clean } : n;
    }),
  };
}

/** Nodes nothing consumes: the natural targets of .backward(). */
export function sinks(doc: GraphDoc): DocNode[] {
  const used = new Set<string>();
  for (const n of doc.nodes) for (const s of n.inputs ?? []) if (s !== null) used.add(s);
  return doc.nodes.filter((n) => !used.has(n.id));
}

/** Copies `nodes` into `doc` with fresh ids, keeping only the wires between copied nodes. */
export function pasteNodes(
  doc: GraphDoc,
  nodes: DocNode[],
  offset: [number, number],
): [GraphDoc, string[]] {
  const taken = new Set<string>();
  const rename = new Map<string, string>();
  for (const n of nodes) {
    const base = n.id.replace(/\d+$/, "") || n.op;
    const id = uniqueId(doc, base, taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const copies = nodes.map((n) => {
    const copy: DocNode = structuredClone(n);
    copy.id = rename.get(n.id)!;
    // Two nodes both called "x" would be confusing: a labelled copy is named after its new id.
    if (n.label) copy.label = copy.id;
    const moved = n.pos && cleanPos([n.pos[0] + offset[0], n.pos[1] + offset[1]]);
    if (moved) copy.pos = moved;
    if (n.inputs) copy.inputs = n.inputs.map((s) => (s !== null ? (rename.get(s) ?? null) : null));
    return copy;
  });
  return [{ ...doc, nodes: [...doc.nodes, ...copies] }, copies.map((c) => c.id)];
}

/** The part of the document the engine computes from: positions and labels don't change values. */
export function engineKey(doc: GraphDoc): string {
  return JSON.stringify(
    doc.nodes.map((n) => [
      n.id,
      n.op,
      n.params ?? null,
      n.inputs ?? null,
      !!n.retain_grad,
      !!n.no_grad,
    ]),
  );
}
