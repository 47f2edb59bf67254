// React Flow compares nodes and edges by identity: a new object for an unchanged wire makes
// its wrapper re-render (and re-measure its path). A Backward that changes one .grad resizes
// that node, which rebuilt every wire of the graph as new objects.

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // One level into plain objects: a wire's marker and data are rebuilt on each pass.
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && a[k] === b[k]);
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Whether two items hold the same fields (values by identity; plain objects one level in). */
export function sameFields<T extends object>(a: T, b: T): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length && keys.every((k) => k in y && sameValue(x[k], y[k]))
  );
}

/** `next`, with each item that has the same fields as last time's item of its id replaced by
 *  that earlier object; `last` is updated to this time's items. */
export function keepSame<T extends { id: string }>(last: Map<string, T>, next: T[]): T[] {
  const out = next.map((item) => {
    const old = last.get(item.id);
    return old && sameFields(old, item) ? old : item;
  });
  last.clear();
  for (const item of out) last.set(item.id, item);
  return out;
}
