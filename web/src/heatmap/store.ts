// Which nodes show their tensors as heat maps: a view choice of this page, not part of the
// graph document (links and files stay version 1).
import { create } from "zustand";

export const useHeatmaps = create<{ on: Record<string, boolean> }>()(() => ({ on: {} }));

export function toggleHeatmap(id: string): void {
  const on = useHeatmaps.getState().on;
  useHeatmaps.setState({ on: { ...on, [id]: !on[id] } });
}
