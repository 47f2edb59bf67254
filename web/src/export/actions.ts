// The graph as a PyTorch script: shown in a panel, or copied.
import type { ActionDef } from "../actions/types";
import { exportScript } from "../run/commands";
import { copyAsPyTorch } from "./copyScript";

export const exportActions = [
  {
    name: "exportScript",
    label: "PyTorch script",
    title: "Show this graph as a runnable PyTorch script",
    keys: [],
    perform: async () => void (await exportScript()),
  },
  {
    name: "copyAsPyTorch",
    label: "Copy as PyTorch",
    title: "Copy the graph as a PyTorch script that calls .backward() and prints every grad",
    keys: [],
    perform: copyAsPyTorch,
  },
] as const satisfies readonly ActionDef[];
