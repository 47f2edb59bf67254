// Which nodes show their tensors as heat maps: a view choice of this page, not part of the
// graph document (links and files stay version 1). A Set, not an object keyed by id: a node
// called "constructor" must not find Object.prototype's.
import { create } from "zustand";

export const useHeatmaps = create<{ on: ReadonlySet<string> }>()(() => ({ on: new Set() }));

export function toggleHeatmap(id: string): void {
  const on = new Set(useHeatmaps.getState().on);
  if (!on.delete(id)) on.add(id);
  useHeatmaps.setState({ on });
}
