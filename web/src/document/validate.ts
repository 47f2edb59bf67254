// Documents come from localStorage, share links and files, i.e. from anyone: check their shape
// and every limit (limits.ts) before they reach the store. Values are only ever data; nothing
// here is run.
//
// Prototype safety. Every id is legal, `__proto__` and `constructor` included: the page never
// uses a document's strings as keys of plain objects (lookups by id go through Map and Set,
// and layout hands dagre synthetic keys). The one plain object keyed by document strings is
// a node's `params`; it is rebuilt here with Object.fromEntries, which defines own
// properties, so a `__proto__` key stays an ordinary key (the engine then reports it as an
// unknown param), and fields are read only when they are the object's own.
import { getOp, type Json } from "../catalog/catalog";
import { excerpt, quoted } from "./excerpt";
import {
  MAX_ABS_POS,
  MAX_EDGES,
  MAX_ID_CHARS,
  MAX_JSON_DEPTH,
  MAX_LABEL_CHARS,
  MAX_NODES,
  MAX_OP_CHARS,
  MAX_PARAM_NAME_CHARS,
  MAX_PARAM_STRING_CHARS,
  MAX_PARAMS_PER_NODE,
} from "./limits";
import type { DocGroup, DocNode, GraphDoc } from "./types";

export { MAX_NODES };

export class InvalidDocument extends Error {}

export interface ValidateOptions {
  /** Saved work, not a stranger's link: a position the page cannot use is dropped (the node
   *  is laid out again) instead of refusing the whole graph and losing it. */
  repairPositions?: boolean;
}

type Obj = Record<string, unknown>;

function fail(msg: string): never {
  throw new InvalidDocument(msg);
}

function isPlainObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A field only if the object has it itself: a polluted prototype must not supply one. */
function own(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A checked copy of a JSON value: finite numbers, short strings, bounded depth. */
function cloneJson(v: unknown, depth: number): Json | undefined {
  if (depth > MAX_JSON_DEPTH) return undefined;
  if (v === null || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") return v.length <= MAX_PARAM_STRING_CHARS ? v : undefined;
  const out: Json[] = [];
  if (Array.isArray(v)) {
    for (const x of v) {
      const c = cloneJson(x, depth + 1);
      if (c === undefined) return undefined;
      out.push(c);
    }
    return out;
  }
  if (!isPlainObject(v)) return undefined;
  const entries: [string, Json][] = [];
  for (const [k, x] of Object.entries(v)) {
    const c = cloneJson(x, depth + 1);
    if (k.length > MAX_PARAM_NAME_CHARS || c === undefined) return undefined;
    entries.push([k, c]);
  }
  return Object.fromEntries(entries);
}

function checkParams(raw: unknown, where: string): Record<string, Json> {
  if (!isPlainObject(raw))
    fail(`${where} has bad "params" (expected an object, got ${excerpt(raw)})`);
  const keys = Object.keys(raw);
  if (keys.length > MAX_PARAMS_PER_NODE)
    fail(
      `${where} has ${keys.length.toLocaleString("en")} params (at most ${MAX_PARAMS_PER_NODE})`,
    );
  const entries: [string, Json][] = [];
  for (const k of keys) {
    if (k.length > MAX_PARAM_NAME_CHARS) fail(`${where} has a param named ${excerpt(k)}`);
    const v = cloneJson(raw[k], 1);
    if (v === undefined)
      fail(
        `${where} has a bad value for param ${quoted(k)} (finite numbers, booleans, null, ` +
          `strings of at most ${MAX_PARAM_STRING_CHARS} characters, lists nested at most ${MAX_JSON_DEPTH} deep)`,
      );
    entries.push([k, v]);
  }
  return Object.fromEntries(entries);
}

function checkPos(raw: unknown, where: string, repair: boolean): [number, number] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const ok =
    Array.isArray(raw) &&
    raw.length === 2 &&
    raw.every((c) => typeof c === "number" && Number.isFinite(c) && Math.abs(c) <= MAX_ABS_POS);
  if (ok) return [raw[0] as number, raw[1] as number];
  if (repair) return undefined;
  return fail(
    `${where} has a bad "pos" (expected [x, y], numbers within ±${MAX_ABS_POS.toLocaleString("en")}; got ${excerpt(raw)})`,
  );
}

function checkInputs(raw: unknown, where: string, ports: number, op: string): (string | null)[] {
  if (
    !Array.isArray(raw) ||
    !raw.every((s) => s === null || (typeof s === "string" && s.length <= MAX_ID_CHARS))
  )
    fail(`${where} has bad "inputs" (expected a list of ids or null, got ${excerpt(raw)})`);
  const list = raw as (string | null)[];
  if (list.length > ports) fail(`${where} (${op}) has ${list.length} inputs, at most ${ports}`);
  return [...list];
}

function checkId(raw: unknown, index: number, ids: Set<string>): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_ID_CHARS)
    fail(
      `node #${index} has no valid "id" (a string of 1 to ${MAX_ID_CHARS} characters; got ${excerpt(raw)})`,
    );
  if (ids.has(raw)) fail(`two nodes share the id ${quoted(raw)}`);
  ids.add(raw);
  return raw;
}

function checkNode(raw: unknown, index: number, ids: Set<string>, repair: boolean): DocNode {
  if (!isPlainObject(raw)) fail(`node #${index} is not an object (got ${excerpt(raw)})`);
  const id = checkId(own(raw, "id"), index, ids);
  const where = `node ${quoted(id)}`;
  const op = own(raw, "op");
  if (typeof op !== "string") fail(`${where} has no "op" (got ${excerpt(op)})`);
  const spec = op.length <= MAX_OP_CHARS ? getOp(op) : undefined;
  if (!spec) fail(`${where} uses an unknown op: ${excerpt(op)}`);
  const node: DocNode = { id, op };
  const label = own(raw, "label");
  if (label !== undefined && label !== null) {
    if (typeof label !== "string" || label.length > MAX_LABEL_CHARS)
      fail(
        `${where} has a bad "label" (a string of at most ${MAX_LABEL_CHARS} characters; got ${excerpt(label)})`,
      );
    node.label = label;
  }
  const pos = checkPos(own(raw, "pos"), where, repair);
  if (pos) node.pos = pos;
  const params = own(raw, "params");
  if (params !== undefined && params !== null) node.params = checkParams(params, where);
  const inputs = own(raw, "inputs");
  if (inputs !== undefined && inputs !== null)
    node.inputs = checkInputs(inputs, where, spec.inputs.length, spec.op);
  for (const flag of ["retain_grad", "no_grad"] as const) {
    const v = own(raw, flag);
    if (v === undefined || v === null) continue;
    if (typeof v !== "boolean") fail(`${where} has a non-boolean "${flag}" (got ${excerpt(v)})`);
    node[flag] = v;
  }
  return node;
}

const GROUP_FIELDS = ["id", "label", "nodes", "collapsed"];

function checkGroup(raw: unknown, index: number, groupIds: Set<string>): DocGroup {
  if (!isPlainObject(raw)) fail(`group #${index} is not an object (got ${excerpt(raw)})`);
  const extra = Object.keys(raw).find((k) => !GROUP_FIELDS.includes(k));
  if (extra !== undefined)
    fail(
      `group #${index} has an unknown field ${excerpt(extra)} (a group has ${GROUP_FIELDS.join(", ")})`,
    );
  const id = own(raw, "id");
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_CHARS)
    fail(
      `group #${index} has no valid "id" (a string of 1 to ${MAX_ID_CHARS} characters; got ${excerpt(id)})`,
    );
  if (groupIds.has(id)) fail(`two groups share the id ${quoted(id)}`);
  groupIds.add(id);
  const label = own(raw, "label");
  if (typeof label !== "string" || label.trim() === "" || label.length > MAX_LABEL_CHARS)
    fail(
      `group #${index} has a bad "label" (a name of 1 to ${MAX_LABEL_CHARS} characters; got ${excerpt(label)})`,
    );
  const where = `group ${quoted(label)}`;
  const nodes = own(raw, "nodes");
  if (!Array.isArray(nodes) || !nodes.every((n) => typeof n === "string"))
    fail(`${where} has bad "nodes" (expected a list of node ids, got ${excerpt(nodes)})`);
  if (nodes.length === 0) fail(`${where} is empty (a group holds at least one node)`);
  const collapsed = own(raw, "collapsed");
  if (collapsed !== undefined && collapsed !== null && typeof collapsed !== "boolean")
    fail(`${where} has a non-boolean "collapsed" (got ${excerpt(collapsed)})`);
  const group: DocGroup = { id, label, nodes: [...(nodes as string[])] };
  if (collapsed === true) group.collapsed = true;
  return group;
}

/** Groups are the page's own drawing: one naming a node twice or a node that is not there
 *  was not made here, so the document is refused, naming the group. */
function checkGroups(raw: unknown, nodes: DocNode[]): DocGroup[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) fail(`the document's "groups" is not a list (got ${excerpt(raw)})`);
  // Groups are disjoint and never empty: never more of them than nodes.
  if (raw.length > nodes.length)
    fail(
      `too many groups (${raw.length.toLocaleString("en")} for ${nodes.length.toLocaleString("en")} nodes; a node is in one group at most)`,
    );
  const ids = new Set(nodes.map((n) => n.id));
  const owner = new Map<string, string>();
  const groupIds = new Set<string>();
  return raw.map((r, i) => {
    const g = checkGroup(r, i, groupIds);
    for (const id of g.nodes) {
      if (!ids.has(id))
        fail(`group ${quoted(g.label)} lists node ${quoted(id)}, which is not in the graph`);
      const other = owner.get(id);
      if (other !== undefined)
        fail(
          other === g.label
            ? `group ${quoted(g.label)} lists node ${quoted(id)} twice`
            : `node ${quoted(id)} is in two groups: ${quoted(other)} and ${quoted(g.label)}`,
        );
      owner.set(id, g.label);
    }
    return g;
  });
}

/** Returns a clean copy of `raw` as a GraphDoc, or throws InvalidDocument saying what is wrong.
 *  A version-1 document (every link shared before groups) is upgraded: version 2, no groups. */
export function validateDoc(raw: unknown, options: ValidateOptions = {}): GraphDoc {
  if (!isPlainObject(raw)) fail(`the document is not a JSON object (got ${excerpt(raw)})`);
  const version = own(raw, "version");
  if (typeof version === "number" && Number.isInteger(version) && version > 2)
    fail(
      `this graph is document version ${version}, from a newer playground (this page reads versions 1 and 2)`,
    );
  if (version !== 1 && version !== 2)
    fail(`unknown document version: ${excerpt(version)} (this page reads versions 1 and 2)`);
  const nodesRaw = own(raw, "nodes");
  if (!Array.isArray(nodesRaw)) fail(`the document has no "nodes" list (got ${excerpt(nodesRaw)})`);
  if (nodesRaw.length > MAX_NODES)
    fail(`too many nodes (${nodesRaw.length.toLocaleString("en")}, at most ${MAX_NODES})`);
  const ids = new Set<string>();
  const nodes = nodesRaw.map((r, i) => checkNode(r, i, ids, options.repairPositions === true));
  const edges = nodes.reduce((k, n) => k + (n.inputs?.length ?? 0), 0);
  if (edges > MAX_EDGES) fail(`too many wires (${edges}, at most ${MAX_EDGES})`);
  // A wire from a missing node is that node's error (the engine reports it), not the document's.
  // Version 1 had no groups: whatever a version-1 document holds under "groups" is not read.
  const groups = version === 2 ? checkGroups(own(raw, "groups"), nodes) : [];
  return groups.length > 0 ? { version: 2, nodes, groups } : { version: 2, nodes };
}
