// The one layout of both canvases (the editable graph and the code's graph): layoutNodes
// takes nodes by id and gives their top-left corners. It runs dagre on small graphs (its
// network-simplex ranking draws them best) and our own layered layout (layered.ts) on
// everything else, since dagre's time grows with the wires' lengths squared and it recurses
// as deep as the longest chain.
//
// dagre's graphlib keeps nodes in plain objects keyed by node name, so it only ever sees
// synthetic names ("n0", "n1", …): a node called `__proto__` or `constructor` once wrote to
// Object.prototype or crashed the layout.
import dagre from "@dagrejs/dagre";
import {
  dummyCount,
  layeredLayout,
  rankNodes,
  type LayoutInput,
  type LayoutOptions,
  type LayoutResult,
  type Size,
} from "./layered";

// Measured: within these bounds dagre takes at most a few tens of milliseconds.
const DAGRE_MAX_NODES = 60;
const DAGRE_MAX_WORK = 150;

/** Nodes plus the dummy nodes dagre would add, when small enough for dagre; else null. */
function dagreWork(input: LayoutInput): number | null {
  const n = input.sizes.length;
  if (n > DAGRE_MAX_NODES || input.edges.length > 4 * DAGRE_MAX_NODES) return null;
  const work = n + dummyCount(rankNodes(n, input.edges));
  return work <= DAGRE_MAX_WORK ? work : null;
}

function dagreLayout(input: LayoutInput, o: LayoutOptions): LayoutResult {
  const g = new dagre.graphlib.Graph();
  g.setGraph({
    rankdir: o.rankdir,
    nodesep: o.nodesep,
    ranksep: o.ranksep,
    marginx: o.margin,
    marginy: o.margin,
  });
  g.setDefaultEdgeLabel(() => ({}));
  const key = (i: number) => `n${i}`;
  input.sizes.forEach((s, i) => g.setNode(key(i), { width: s.width, height: s.height }));
  for (const [s, t] of input.edges) if (s !== t) g.setEdge(key(s), key(t));
  dagre.layout(g);
  const centers = input.sizes.map((_, i): [number, number] => {
    const p = g.node(key(i)) as { x: number; y: number };
    return [p.x, p.y];
  });
  const { width = 0, height = 0 } = g.graph();
  return { centers, width, height };
}

function layoutGraph(input: LayoutInput, options: LayoutOptions): LayoutResult {
  return dagreWork(input) !== null ? dagreLayout(input, options) : layeredLayout(input, options);
}

export interface Placed {
  /** Each node's top-left corner, in the order of the ids given. */
  corners: [number, number][];
  /** The whole drawing's size. */
  width: number;
  height: number;
}

/** Lays out nodes `ids` of `sizes`, wired by `wires` [from id, to id] (wires to ids not
 *  given are left out). The layout sees indices only, never the ids. */
export function layoutNodes(
  ids: readonly string[],
  sizes: Size[],
  wires: Iterable<readonly [string, string]>,
  options: LayoutOptions,
): Placed {
  const index = new Map(ids.map((id, i) => [id, i]));
  const edges: [number, number][] = [];
  for (const [from, to] of wires) {
    const s = index.get(from);
    const t = index.get(to);
    if (s !== undefined && t !== undefined && s !== t) edges.push([s, t]);
  }
  const { centers, width, height } = layoutGraph({ sizes, edges }, options);
  const corners = centers.map(([x, y], i): [number, number] => {
    const size = sizes[i]!;
    return [x - size.width / 2, y - size.height / 2];
  });
  return { corners, width, height };
}

export type { LayoutOptions, Size } from "./layered";
