// A layered (Sugiyama-style) layout that stays near-linear on any input, for graphs too large
// or too tangled for dagre: dagre turns every wire that spans k layers into k dummy nodes and
// runs network simplex and crossing reduction over them, which took 10 s for 300 fan-in adds
// and overflowed the stack on a 2,000-node chain. Here every step is a loop (no recursion):
// cycles are broken by Kahn's algorithm, layers are longest paths, two barycenter sweeps order
// each layer, and coordinates come from one isotonic regression per layer. Long wires simply
// cross the layers between their ends.
export interface Size {
  width: number;
  height: number;
}

/** Nodes are indices into `sizes`; an edge is [source, target]. */
export interface LayoutInput {
  sizes: Size[];
  edges: [number, number][];
}

export interface LayoutOptions {
  rankdir: "LR" | "TB";
  nodesep: number;
  ranksep: number;
  margin: number;
}

/** Node centres (dagre's convention) and the size of the whole drawing. */
export interface LayoutResult {
  centers: [number, number][];
  width: number;
  height: number;
}

export interface Ranking {
  rank: Int32Array;
  /** Edges that go forward in the ranking (a cycle's closing edge is left out). */
  succ: number[][];
  pred: number[][];
  layers: number[][];
}

function adjacency(n: number, edges: [number, number][]): { succ: number[][]; pred: number[][] } {
  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  const seen = new Set<number>();
  for (const [s, t] of edges) {
    if (s === t || s < 0 || t < 0 || s >= n || t >= n) continue;
    const key = s * n + t;
    if (seen.has(key)) continue;
    seen.add(key);
    succ[s]!.push(t);
    pred[t]!.push(s);
  }
  return { succ, pred };
}

/** Kahn's topological order; when only cycles remain, the lowest unplaced index goes next. */
function topoOrder(succ: number[][], pred: number[][]): Int32Array {
  const n = succ.length;
  const indeg = Int32Array.from(pred, (p) => p.length);
  const placed = new Uint8Array(n);
  const order = new Int32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (indeg[v] === 0) queue.push(v);
  let head = 0;
  let count = 0;
  let next = 0;
  while (count < n) {
    if (head === queue.length) {
      while (placed[next]) next++;
      queue.push(next);
    }
    const v = queue[head++]!;
    if (placed[v]) continue;
    placed[v] = 1;
    order[count++] = v;
    for (const w of succ[v]!) if (!placed[w] && --indeg[w]! === 0) queue.push(w);
  }
  return order;
}

/** Longest-path layers over the acyclic part; a node that only feeds others sits just before
 *  its first consumer (a constant next to the op that uses it, not in the first column). */
export function rankNodes(n: number, edges: [number, number][]): Ranking {
  const all = adjacency(n, edges);
  const order = topoOrder(all.succ, all.pred);
  const at = new Int32Array(n);
  order.forEach((v, i) => (at[v] = i));
  const succ = all.succ.map((ws, v) => ws.filter((w) => at[v]! < at[w]!));
  const pred = all.pred.map((us, v) => us.filter((u) => at[u]! < at[v]!));
  const rank = new Int32Array(n);
  for (const v of order) for (const w of succ[v]!) rank[w] = Math.max(rank[w]!, rank[v]! + 1);
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i]!;
    if (pred[v]!.length > 0 || succ[v]!.length === 0) continue;
    let first = Infinity;
    for (const w of succ[v]!) first = Math.min(first, rank[w]!);
    rank[v] = first - 1;
  }
  let top = 0;
  for (let v = 0; v < n; v++) top = Math.max(top, rank[v]!);
  const layers: number[][] = Array.from({ length: top + 1 }, () => []);
  for (const v of order) layers[rank[v]!]!.push(v);
  return { rank, succ, pred, layers };
}

/** How many dummy nodes dagre would add: the layers each wire crosses. */
export function dummyCount(r: Ranking): number {
  let k = 0;
  r.succ.forEach((ws, v) => ws.forEach((w) => (k += r.rank[w]! - r.rank[v]! - 1)));
  return k;
}

/** Reorders each layer by the mean relative position of its neighbours in `via`. */
function sweep(layers: number[][], via: number[][], place: Float64Array, down: boolean): void {
  const n = layers.length;
  for (let step = 1; step < n; step++) {
    const layer = layers[down ? step : n - 1 - step]!;
    const key = new Map<number, number>();
    for (const v of layer) {
      const ns = via[v]!;
      if (ns.length === 0) key.set(v, place[v]!);
      else key.set(v, ns.reduce((s, u) => s + place[u]!, 0) / ns.length);
    }
    layer.sort((a, b) => key.get(a)! - key.get(b)!);
    layer.forEach((v, i) => (place[v] = (i + 0.5) / layer.length));
  }
}

/**
 * Positions along a layer: as close as possible (least squares) to each node's wish, in the
 * layer's order, with `gap` between neighbours. Pool-adjacent-violators: O(layer size).
 */
function isotonic(wish: number[], weight: number[], extent: number[], gap: number): number[] {
  const k = wish.length;
  const offset = new Array<number>(k).fill(0);
  for (let i = 1; i < k; i++) offset[i] = offset[i - 1]! + (extent[i - 1]! + extent[i]!) / 2 + gap;
  const blocks: { sum: number; w: number; from: number; to: number }[] = [];
  for (let i = 0; i < k; i++) {
    let b = { sum: (wish[i]! - offset[i]!) * weight[i]!, w: weight[i]!, from: i, to: i };
    for (;;) {
      const prev = blocks[blocks.length - 1];
      if (!prev || prev.sum / prev.w <= b.sum / b.w) break;
      blocks.pop();
      b = { sum: prev.sum + b.sum, w: prev.w + b.w, from: prev.from, to: b.to };
    }
    blocks.push(b);
  }
  const out = new Array<number>(k);
  for (const b of blocks) for (let i = b.from; i <= b.to; i++) out[i] = b.sum / b.w + offset[i]!;
  return out;
}

export function layeredLayout(input: LayoutInput, options: LayoutOptions): LayoutResult {
  const n = input.sizes.length;
  const lr = options.rankdir === "LR";
  // "along" is the axis of the ranks, "across" the axis of a layer's order.
  const along = input.sizes.map((s) => (lr ? s.width : s.height));
  const across = input.sizes.map((s) => (lr ? s.height : s.width));
  const r = rankNodes(n, input.edges);
  const place = new Float64Array(n);
  for (const layer of r.layers) layer.forEach((v, i) => (place[v] = (i + 0.5) / layer.length));
  sweep(r.layers, r.pred, place, true);
  sweep(r.layers, r.succ, place, false);
  sweep(r.layers, r.pred, place, true);

  const a = new Float64Array(n);
  const c = new Float64Array(n);
  let start = options.margin;
  for (const layer of r.layers) {
    const depth = layer.reduce((m, v) => Math.max(m, along[v]!), 0);
    for (const v of layer) a[v] = start + depth / 2;
    start += depth + options.ranksep;
    // Wishes: the mean of the node's placed inputs; a node without inputs follows its
    // neighbour in the layer (a tiny weight keeps the regression defined).
    const wish: number[] = [];
    const weight: number[] = [];
    for (const v of layer) {
      const ps = r.pred[v]!;
      const prev = wish.length ? wish[wish.length - 1]! : 0;
      wish.push(ps.length ? ps.reduce((s, u) => s + c[u]!, 0) / ps.length : prev);
      weight.push(ps.length ? 1 : 1e-6);
    }
    const ys = isotonic(
      wish,
      weight,
      layer.map((v) => across[v]!),
      options.nodesep,
    );
    layer.forEach((v, i) => (c[v] = ys[i]!));
  }
  // Shift so the drawing starts at the margin on the cross axis too.
  let low = Infinity;
  let high = -Infinity;
  for (let v = 0; v < n; v++) {
    low = Math.min(low, c[v]! - across[v]! / 2);
    high = Math.max(high, c[v]! + across[v]! / 2);
  }
  if (n === 0) [low, high] = [0, 0];
  const shift = options.margin - low;
  const centers: [number, number][] = [];
  for (let v = 0; v < n; v++) {
    const cc = c[v]! + shift;
    centers.push(lr ? [a[v]!, cc] : [cc, a[v]!]);
  }
  const alongTotal = n ? start - options.ranksep + options.margin : 0;
  const acrossTotal = high - low + 2 * options.margin;
  return {
    centers,
    width: lr ? alongTotal : acrossTotal,
    height: lr ? acrossTotal : alongTotal,
  };
}
