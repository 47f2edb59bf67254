import type { Json } from "../catalog/catalog";

/** One node of the graph document (version 2): the format of autosave, links and files. */
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

/** Nodes drawn together under one name (docs/graph-format.md, version 2). A view: the
 *  engine computes the same with or without them. */
export interface DocGroup {
  id: string;
  label: string;
  /** Member node ids: at least one, each in no other group. */
  nodes: string[];
  /** Drawn as one box showing the wires that cross its border. */
  collapsed?: boolean;
}

export interface GraphDoc {
  version: 2;
  nodes: DocNode[];
  /** Left out when there are none, so that a graph without groups keeps its short link. */
  groups?: DocGroup[];
}

export const EMPTY_DOC: GraphDoc = { version: 2, nodes: [] };

/** y = 2·dot(x, x): small enough to read at a glance, and it shows grads accumulating on x. */
export const EXAMPLE_DOC: GraphDoc = {
  version: 2,
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
