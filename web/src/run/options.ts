// Options of .backward() the toolbar does not show by default (the retain_graph lesson does).
import { create } from "zustand";

export const useBackwardOptions = create<{ retainGraph: boolean }>()(() => ({
  retainGraph: false,
}));

export function setRetainGraph(retainGraph: boolean): void {
  useBackwardOptions.setState({ retainGraph });
}
