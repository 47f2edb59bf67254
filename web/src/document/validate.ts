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
import { catalog, getOp, type Json } from "../catalog/catalog";
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
  MAX_TEXT_CHARS,
  MAX_PARAMS_PER_NODE,
} from "./limits";
import type { DocGroup, DocNode, GraphDoc } from "./types";
import { t } from "../i18n";

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

/** The names of the catalog's `text` params. */
const TEXT_PARAMS = new Set(
  catalog.ops.flatMap((o) => o.params.filter((p) => p.kind === "text").map((p) => p.name)),
);

function checkParams(raw: unknown, where: string): Record<string, Json> {
  if (!isPlainObject(raw)) fail(t("document.invalid.params", { where, got: excerpt(raw) }));
  const keys = Object.keys(raw);
  if (keys.length > MAX_PARAMS_PER_NODE)
    fail(
      t("document.invalid.tooManyParams", {
        where,
        n: keys.length.toLocaleString("en"),
        max: MAX_PARAMS_PER_NODE,
      }),
    );
  const entries: [string, Json][] = [];
  for (const k of keys) {
    if (k.length > MAX_PARAM_NAME_CHARS)
      fail(t("document.invalid.paramName", { where, name: excerpt(k) }));
    const given = raw[k];
    // A text param (a dataset's pasted table) is long; every other string is a short word.
    const v =
      TEXT_PARAMS.has(k) && typeof given === "string"
        ? given.length <= MAX_TEXT_CHARS
          ? given
          : undefined
        : cloneJson(given, 1);
    if (v === undefined)
      fail(
        t("document.invalid.paramValue", {
          where,
          name: quoted(k),
          chars: MAX_PARAM_STRING_CHARS,
          depth: MAX_JSON_DEPTH,
        }),
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
    t("document.invalid.pos", {
      where,
      max: MAX_ABS_POS.toLocaleString("en"),
      got: excerpt(raw),
    }),
  );
}

function checkInputs(raw: unknown, where: string, ports: number, op: string): (string | null)[] {
  if (
    !Array.isArray(raw) ||
    !raw.every((s) => s === null || (typeof s === "string" && s.length <= MAX_ID_CHARS))
  )
    fail(t("document.invalid.inputs", { where, got: excerpt(raw) }));
  const list = raw as (string | null)[];
  if (list.length > ports)
    fail(t("document.invalid.tooManyInputs", { where, op, n: list.length, max: ports }));
  return [...list];
}

function checkId(raw: unknown, index: number, ids: Set<string>): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_ID_CHARS)
    fail(t("document.invalid.id", { index, max: MAX_ID_CHARS, got: excerpt(raw) }));
  if (ids.has(raw)) fail(t("document.invalid.sharedId", { id: quoted(raw) }));
  ids.add(raw);
  return raw;
}

function checkNode(raw: unknown, index: number, ids: Set<string>, repair: boolean): DocNode {
  if (!isPlainObject(raw)) fail(t("document.invalid.node", { index, got: excerpt(raw) }));
  const id = checkId(own(raw, "id"), index, ids);
  const where = t("document.invalid.where", { id: quoted(id) });
  const op = own(raw, "op");
  if (typeof op !== "string") fail(t("document.invalid.noOp", { where, got: excerpt(op) }));
  const spec = op.length <= MAX_OP_CHARS ? getOp(op) : undefined;
  if (!spec) fail(t("document.invalid.unknownOp", { where, op: excerpt(op) }));
  const node: DocNode = { id, op };
  const label = own(raw, "label");
  if (label !== undefined && label !== null) {
    if (typeof label !== "string" || label.length > MAX_LABEL_CHARS)
      fail(t("document.invalid.label", { where, max: MAX_LABEL_CHARS, got: excerpt(label) }));
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
    if (typeof v !== "boolean") fail(t("document.invalid.flag", { where, flag, got: excerpt(v) }));
    node[flag] = v;
  }
  return node;
}

const GROUP_FIELDS = ["id", "label", "nodes", "collapsed"];

function checkGroup(raw: unknown, index: number, groupIds: Set<string>): DocGroup {
  if (!isPlainObject(raw))
    fail(t("document.invalid.group.notObject", { index, got: excerpt(raw) }));
  const extra = Object.keys(raw).find((k) => !GROUP_FIELDS.includes(k));
  if (extra !== undefined)
    fail(
      t("document.invalid.group.unknownField", {
        index,
        field: excerpt(extra),
        fields: GROUP_FIELDS.join(", "),
      }),
    );
  const id = own(raw, "id");
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_CHARS)
    fail(t("document.invalid.group.id", { index, max: MAX_ID_CHARS, got: excerpt(id) }));
  if (groupIds.has(id)) fail(t("document.invalid.group.sharedId", { id: quoted(id) }));
  groupIds.add(id);
  const label = own(raw, "label");
  if (typeof label !== "string" || label.trim() === "" || label.length > MAX_LABEL_CHARS)
    fail(t("document.invalid.group.label", { index, max: MAX_LABEL_CHARS, got: excerpt(label) }));
  const where = t("document.invalid.group.where", { label: quoted(label) });
  const nodes = own(raw, "nodes");
  if (!Array.isArray(nodes) || !nodes.every((n) => typeof n === "string"))
    fail(t("document.invalid.group.nodes", { where, got: excerpt(nodes) }));
  if (nodes.length === 0) fail(t("document.invalid.group.empty", { where }));
  const collapsed = own(raw, "collapsed");
  if (collapsed !== undefined && collapsed !== null && typeof collapsed !== "boolean")
    fail(t("document.invalid.group.collapsed", { where, got: excerpt(collapsed) }));
  const group: DocGroup = { id, label, nodes: [...(nodes as string[])] };
  if (collapsed === true) group.collapsed = true;
  return group;
}

/** Groups are the page's own drawing: one naming a node twice or a node that is not there
 *  was not made here, so the document is refused, naming the group. */
function checkGroups(raw: unknown, nodes: DocNode[]): DocGroup[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) fail(t("document.invalid.group.notList", { got: excerpt(raw) }));
  // Groups are disjoint and never empty: never more of them than nodes.
  if (raw.length > nodes.length)
    fail(
      t("document.invalid.group.tooMany", {
        n: raw.length.toLocaleString("en"),
        nodes: nodes.length.toLocaleString("en"),
      }),
    );
  const ids = new Set(nodes.map((n) => n.id));
  const owner = new Map<string, string>();
  const groupIds = new Set<string>();
  return raw.map((r, i) => {
    const g = checkGroup(r, i, groupIds);
    for (const id of g.nodes) {
      if (!ids.has(id))
        fail(t("document.invalid.group.missingNode", { label: quoted(g.label), id: quoted(id) }));
      const other = owner.get(id);
      if (other !== undefined)
        fail(
          other === g.label
            ? t("document.invalid.group.twice", { label: quoted(g.label), id: quoted(id) })
            : t("document.invalid.group.twoGroups", {
                id: quoted(id),
                first: quoted(other),
                second: quoted(g.label),
              }),
        );
      owner.set(id, g.label);
    }
    return g;
  });
}

/** Returns a clean copy of `raw` as a GraphDoc, or throws InvalidDocument saying what is wrong.
 *  A version-1 document (every link shared before groups) is upgraded: version 2, no groups. */
export function validateDoc(raw: unknown, options: ValidateOptions = {}): GraphDoc {
  if (!isPlainObject(raw)) fail(t("document.invalid.notObject", { got: excerpt(raw) }));
  const version = own(raw, "version");
  if (typeof version === "number" && Number.isInteger(version) && version > 2)
    fail(t("document.invalid.newerVersion", { version }));
  if (version !== 1 && version !== 2)
    fail(t("document.invalid.version", { version: excerpt(version) }));
  const nodesRaw = own(raw, "nodes");
  if (!Array.isArray(nodesRaw)) fail(t("document.invalid.noNodes", { got: excerpt(nodesRaw) }));
  if (nodesRaw.length > MAX_NODES)
    fail(
      t("document.invalid.tooManyNodes", {
        n: nodesRaw.length.toLocaleString("en"),
        max: MAX_NODES,
      }),
    );
  const ids = new Set<string>();
  const nodes = nodesRaw.map((r, i) => checkNode(r, i, ids, options.repairPositions === true));
  const edges = nodes.reduce((k, n) => k + (n.inputs?.length ?? 0), 0);
  if (edges > MAX_EDGES) fail(t("document.invalid.tooManyWires", { n: edges, max: MAX_EDGES }));
  // A wire from a missing node is that node's error (the engine reports it), not the document's.
  // Version 1 had no groups: whatever a version-1 document holds under "groups" is not read.
  const groups = version === 2 ? checkGroups(own(raw, "groups"), nodes) : [];
  return groups.length > 0 ? { version: 2, nodes, groups } : { version: 2, nodes };
}
