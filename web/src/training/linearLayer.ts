// "Linear layer" in the palette: nn.Linear(in, out) as three transparent nodes, a weight
// and a bias `parameter` leaf (drawn as nn.Linear draws them) and a `linear` node, grouped
// under "Linear(in, out)" so an MLP reads as a few boxes.
import { addNode, connect, setLabel, setParam } from "../document/graph";
import { addGroup } from "../document/groups";
import type { GraphDoc } from "../document/types";
import type { Json } from "../catalog/catalog";

export interface LinearLayerOptions {
  inFeatures: number;
  outFeatures: number;
  /** The node feeding the layer's input (the last layer's output), if any. */
  input?: string | null;
  pos: [number, number];
}

/** The seed the document's layers already draw from (one stream, as one script after
 *  torch.manual_seed), else 0. */
export function layerSeed(doc: GraphDoc): number {
  const seeded = doc.nodes.find((n) => n.op === "parameter");
  const seed = seeded?.params?.seed;
  return typeof seed === "number" ? seed : 0;
}

/** The document with the layer added after every other node (so its draws come after the
 *  layers already there, as a script builds them), the group and the linear node's id. */
export function addLinearLayer(doc: GraphDoc, o: LinearLayerOptions): [GraphDoc, string] {
  const k = doc.nodes.filter((n) => n.op === "parameter" && n.params?.role !== "bias").length + 1;
  const seed = layerSeed(doc);
  const [x, y] = o.pos;
  let d = doc;
  const ids: string[] = [];
  for (const [role, dy] of [
    ["weight", 0],
    ["bias", 340],
  ] as const) {
    const [next, id] = addNode(d, "parameter", [x, y + dy]);
    d = setParam(next, id, "role", role);
    d = setParam(d, id, "in_features", o.inFeatures);
    d = setParam(d, id, "out_features", o.outFeatures);
    d = setParam(d, id, "seed", seed);
    d = setLabel(d, id, `${role === "weight" ? "W" : "b"}${k}`);
    ids.push(id);
  }
  const [withLinear, lin] = addNode(d, "linear", [x + 290, y + 140]);
  d = setLabel(withLinear, lin, `h${k}`);
  if (o.input) d = connect(d, o.input, lin, 0);
  d = connect(d, ids[0]!, lin, 1);
  d = connect(d, ids[1]!, lin, 2);
  const [grouped] = addGroup(d, [...ids, lin], `Linear(${o.inFeatures}, ${o.outFeatures})`);
  return [grouped, lin];
}

/** A `parameter` node turned into a `tensor` holding `value` (Keep trained values): the
 *  document then carries the numbers, as a graph of plain tensors would. */
export function parameterAsTensor(doc: GraphDoc, id: string, value: Json): GraphDoc {
  return {
    ...doc,
    nodes: doc.nodes.map((n) =>
      n.id === id && n.op === "parameter"
        ? { ...n, op: "tensor", params: { value, requires_grad: n.params?.requires_grad ?? true } }
        : n,
    ),
  };
}

/** The output width of a layer's linear node from its weight's out_features, before the
 *  engine has sized it (a second click of Linear layer right after the first). */
export function layerWidth(doc: GraphDoc, id: string): number | null {
  const lin = doc.nodes.find((n) => n.id === id);
  if (lin?.op !== "linear") return null;
  const weight = doc.nodes.find((n) => n.id === lin.inputs?.[1]);
  const out = weight?.op === "parameter" ? weight.params?.out_features : undefined;
  return typeof out === "number" ? out : null;
}
