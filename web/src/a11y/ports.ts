// What the keyboard's Connect… offers for one node, and the names a screen reader gives the
// canvas's nodes and wires. Pure: the document in, words out, so the rules are unit tested.
import { getOp } from "../catalog/catalog";
import { connectionProblem, edgeId, nodeInputs } from "../document/graph";
import { labelOf } from "../document/queries";
import type { DocNode, GraphDoc } from "../document/types";

/** One wire Connect… can make: `source`'s output into input `port` of `target`. */
export interface PortChoice {
  source: string;
  target: string;
  port: number;
  /** "x", "dot1.input": the names people gave, and PyTorch's name of the input. */
  from: string;
  to: string;
}

/** One wire already touching the node, which Connect… can delete. */
export interface WireChoice {
  id: string;
  from: string;
  to: string;
}

function portName(node: DocNode, port: number): string {
  return getOp(node.op)?.inputs[port]?.name ?? `#${port}`;
}

/** "dot1.input": the node's name (its label, else its id) and the input's name. */
export function portLabel(doc: GraphDoc, node: DocNode, port: number): string {
  return `${labelOf(doc, node.id)}.${portName(node, port)}`;
}

function choice(doc: GraphDoc, source: DocNode, target: DocNode, port: number): PortChoice {
  return {
    source: source.id,
    target: target.id,
    port,
    from: labelOf(doc, source.id),
    to: portLabel(doc, target, port),
  };
}

/** The wires `id` can take part in now, both ways: its output into another node's free input
 *  (`out`), and another node's output into its own free inputs (`in`). A filled input is not
 *  offered (a wire there would quietly replace another), nor a wire that would close a loop. */
export function connectChoices(doc: GraphDoc, id: string): { out: PortChoice[]; in: PortChoice[] } {
  const self = doc.nodes.find((n) => n.id === id);
  if (!self) return { out: [], in: [] };
  const out: PortChoice[] = [];
  const into: PortChoice[] = [];
  for (const other of doc.nodes) {
    if (other.id === id) continue;
    nodeInputs(other).forEach((src, port) => {
      if (src === null && connectionProblem(doc, id, other.id, port) === null)
        out.push(choice(doc, self, other, port));
    });
  }
  nodeInputs(self).forEach((src, port) => {
    if (src !== null) return;
    for (const other of doc.nodes)
      if (other.id !== id && connectionProblem(doc, other.id, id, port) === null)
        into.push(choice(doc, other, self, port));
  });
  return { out, in: into };
}

/** The wires into and out of `id`, in the document's order. */
export function wiresOf(doc: GraphDoc, id: string): WireChoice[] {
  const wires: WireChoice[] = [];
  for (const n of doc.nodes)
    nodeInputs(n).forEach((src, port) => {
      if (src !== null && (src === id || n.id === id))
        wires.push({
          id: edgeId(src, n.id, port),
          from: labelOf(doc, src),
          to: portLabel(doc, n, port),
        });
    });
  return wires;
}

/** Whether a leaf asks for gradients (its requires_grad, else the op's default). */
export function requiresGrad(node: DocNode): boolean {
  const spec = getOp(node.op);
  if (!spec?.leaf) return false;
  const p = spec.params.find((x) => x.name === "requires_grad");
  return (node.params?.requires_grad ?? p?.default) === true;
}
