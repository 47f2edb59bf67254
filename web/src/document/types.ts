import type { Json } from "../catalog/catalog";

/** One node of the graph document (version 1): the format of autosave, links and files. */
export interface DocNode {
  id: string;
  op: string;
  label?: string;
  pos?: [number, number];
  params?: Record<string, Json>;
  /** Source ids in port order; null marks an unconnected port. */
  inputs?: (string | null)[];
  retain_grad?: boolean;
  no_grad?: boolean;
}

export interface GraphDoc {
  version: 1;
  nodes: DocNode[];
}

export const EMPTY_DOC: GraphDoc = { version: 1, nodes: [] };

/** y = 2·dot(x, x): small enough to read at a glance, and it shows grads accumulating on x. */
export const EXAMPLE_DOC: GraphDoc = {
  version: 1,
  nodes: [
    {
      id: "x",
      op: "tensor",
      label: "x",
      params: { value: [0.0, 1.0, 2.0, 3.0], requires_grad: true },
    },
    { id: "two", op: "tensor", params: { value: 2.0 } },
    { id: "d", op: "dot", inputs: ["x", "x"] },
    { id: "y", op: "mul", label: "y", inputs: ["two", "d"] },
  ],
};
