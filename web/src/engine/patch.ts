// The engine describes every node of the graph in every answer; most of them are the same as
// in the answer before (a Backward changes the leaves' .grad, an edit the nodes downstream).
// The session in the worker sends only the nodes whose description changed since its last
// answer (Session.handle_patch): a 1,000-node answer is about 400 kB, and copying it to the
// main thread and comparing it there node by node held the page for more than the redraw.
import type { NodeResult } from "./protocol";

/** What changed in the graph's description since revision `base`, giving `revision`. */
export interface NodePatch {
  base: number;
  revision: number;
  /** Nodes new or described differently, whole, as [id, result] pairs: an id is any string,
   *  "__proto__" too, which an object's key would turn into its prototype. */
  changed: [string, NodeResult][];
  /** Nodes no longer described (removed from the document). */
  removed: string[];
}

/** The page's side: every node's result as of `revision`. */
export interface Mirror {
  revision: number;
  results: ReadonlyMap<string, NodeResult>;
}

export function emptyMirror(): Mirror {
  return { revision: 0, results: new Map() };
}

/** `mirror` with `patch` applied. Unchanged nodes keep their objects, so the page redraws
 *  only the changed ones. A patch made against another revision than the mirror's is a
 *  programming error (answers arrive in order, and a new worker starts both at 0). */
export function applyPatch(mirror: Mirror, patch: NodePatch): Mirror {
  if (patch.base !== mirror.revision)
    throw new Error(
      `engine answer patches revision ${patch.base}, but the page holds ${mirror.revision}`,
    );
  const results = new Map(mirror.results);
  for (const id of patch.removed) results.delete(id);
  for (const [id, r] of patch.changed) results.set(id, r);
  return { revision: patch.revision, results };
}
