// Documents come from localStorage and from share links, i.e. from anyone: check their
// shape before they reach the store. Values are only ever data; nothing here is run.
import { getOp, type Json } from "../catalog/catalog";
import type { DocNode, GraphDoc } from "./types";

// The engine's limits (docs/graph-format.md), checked here too so a huge link fails fast.
export const MAX_NODES = 2000;
const MAX_ID = 64;

export class InvalidDocument extends Error {}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isJson(v: unknown, depth = 0): v is Json {
  if (depth > 32) return false;
  if (v === null || typeof v === "boolean" || typeof v === "string") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  if (isPlainObject(v)) return Object.values(v).every((x) => isJson(x, depth + 1));
  return false;
}

/** Returns a clean copy of `raw` as a GraphDoc, or throws InvalidDocument saying what is wrong. */
export function validateDoc(raw: unknown): GraphDoc {
  const fail = (msg: string): never => {
    throw new InvalidDocument(msg);
  };
  if (!isPlainObject(raw)) fail("the document is not a JSON object");
  const obj = raw as Record<string, unknown>;
  if (obj.version !== 1)
    fail(
      `unknown document version ${JSON.stringify(obj.version ?? null)} (this page reads version 1)`,
    );
  if (!Array.isArray(obj.nodes)) fail('the document has no "nodes" list');
  const nodesRaw = obj.nodes as unknown[];
  if (nodesRaw.length > MAX_NODES)
    fail(`too many nodes (${nodesRaw.length}, at most ${MAX_NODES})`);
  const ids = new Set<string>();
  const nodes: DocNode[] = [];
  for (const [i, r] of nodesRaw.entries()) {
    if (!isPlainObject(r)) fail(`node #${i} is not an object`);
    const n = r as Record<string, unknown>;
    const id = n.id;
    if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID)
      fail(`node #${i} has no valid "id" (a non-empty string)`);
    const sid = id as string;
    if (ids.has(sid)) fail(`two nodes share the id "${sid}"`);
    ids.add(sid);
    if (typeof n.op !== "string") fail(`node "${sid}" has no "op"`);
    const spec = getOp(n.op as string);
    if (!spec) fail(`node "${sid}" uses an unknown op "${String(n.op).slice(0, 40)}"`);
    const node: DocNode = { id: sid, op: n.op as string };
    if (n.label !== undefined && n.label !== null) {
      if (typeof n.label !== "string" || n.label.length > 200)
        fail(`node "${sid}" has a bad "label"`);
      node.label = n.label as string;
    }
    if (n.pos !== undefined && n.pos !== null) {
      const p = n.pos;
      if (
        !Array.isArray(p) ||
        p.length !== 2 ||
        !p.every((c) => typeof c === "number" && Number.isFinite(c))
      )
        fail(`node "${sid}" has a bad "pos" (expected [x, y])`);
      node.pos = [(p as number[])[0]!, (p as number[])[1]!];
    }
    if (n.params !== undefined && n.params !== null) {
      if (!isPlainObject(n.params) || !isJson(n.params))
        fail(`node "${sid}" has bad "params" (expected an object of JSON values)`);
      node.params = structuredClone(n.params as Record<string, Json>);
    }
    if (n.inputs !== undefined && n.inputs !== null) {
      const inp = n.inputs;
      if (!Array.isArray(inp) || !inp.every((s) => s === null || typeof s === "string"))
        fail(`node "${sid}" has bad "inputs" (expected a list of ids or null)`);
      if ((inp as unknown[]).length > spec!.inputs.length)
        fail(
          `node "${sid}" (${spec!.op}) has ${(inp as unknown[]).length} inputs, at most ${spec!.inputs.length}`,
        );
      node.inputs = [...(inp as (string | null)[])];
    }
    for (const flag of ["retain_grad", "no_grad"] as const) {
      if (n[flag] !== undefined && n[flag] !== null) {
        if (typeof n[flag] !== "boolean") fail(`node "${sid}" has a non-boolean "${flag}"`);
        node[flag] = n[flag] as boolean;
      }
    }
    nodes.push(node);
  }
  // A wire from a missing node is that node's error (the engine reports it), not the document's.
  return { version: 1, nodes };
}
