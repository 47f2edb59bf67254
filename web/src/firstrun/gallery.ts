// Starter graphs: small documents a learner opens from the gallery. Each has one output, so
// Backward knows what to act on without a selection.
import type { Json } from "../catalog/catalog";
import type { DocNode, GraphDoc } from "../document/types";

export interface Starter {
  id: string;
  title: string;
  text: string;
  doc: GraphDoc;
}

const leaf = (id: string, value: Json, requiresGrad = false): DocNode => ({
  id,
  op: "tensor",
  label: id,
  params: requiresGrad ? { value, requires_grad: true } : { value },
});

const op = (
  id: string,
  name: string,
  inputs: string[],
  params?: Record<string, Json>,
): DocNode => ({
  id,
  op: name,
  label: id,
  inputs,
  ...(params ? { params: params } : {}),
});

const doc = (...nodes: DocNode[]): GraphDoc => ({ version: 2, nodes });

const X = [
  [1.0, 2.0],
  [2.0, 0.5],
  [3.0, 1.0],
  [0.5, 3.0],
];
const Y = [3.0, 2.5, 4.5, 3.0];

export const STARTERS: readonly Starter[] = [
  {
    id: "dot",
    title: "y = 2·dot(x, x)",
    text: "The first example of PyTorch's autograd tutorial: x.grad = 4x.",
    doc: doc(
      leaf("x", [0.0, 1.0, 2.0, 3.0], true),
      leaf("two", 2.0),
      op("d", "dot", ["x", "x"]),
      op("y", "mul", ["two", "d"]),
    ),
  },
  {
    id: "linear",
    title: "Linear model + MSE",
    text: "pred = X·w + b against targets y: the gradients Train would follow.",
    doc: doc(
      leaf("X", X),
      leaf("w", [0.0, 0.0], true),
      leaf("b", 0.0, true),
      leaf("y", Y),
      op("Xw", "mv", ["X", "w"]),
      op("pred", "add", ["Xw", "b"]),
      op("loss", "mse_loss", ["pred", "y"]),
    ),
  },
  {
    id: "mlp",
    title: "2-layer tanh MLP",
    text: "h = tanh(X·W1 + b1), pred = h·w2 + b2, MSE loss: gradients flow through tanh.",
    doc: doc(
      leaf("X", X),
      leaf(
        "W1",
        [
          [0.5, -0.3, 0.8],
          [-0.2, 0.4, 0.1],
        ],
        true,
      ),
      leaf("b1", [0.0, 0.1, -0.1], true),
      leaf("w2", [0.7, -0.5, 0.3], true),
      leaf("b2", 0.0, true),
      leaf("y", Y),
      op("XW1", "mm", ["X", "W1"]),
      op("z1", "add", ["XW1", "b1"]),
      op("h", "tanh", ["z1"]),
      op("hw2", "mv", ["h", "w2"]),
      op("pred", "add", ["hw2", "b2"]),
      op("loss", "mse_loss", ["pred", "y"]),
    ),
  },
  {
    id: "softmax",
    title: "Softmax + cross-entropy",
    text: "p = softmax(z) written out (exp, sum, divide), loss = −mean(Σ onehot·log p): z.grad = (p − onehot) / 2.",
    doc: doc(
      leaf(
        "z",
        [
          [2.0, 1.0, 0.1],
          [0.5, 2.5, 0.3],
        ],
        true,
      ),
      leaf("onehot", [
        [1.0, 0.0, 0.0],
        [0.0, 0.0, 1.0],
      ]),
      op("e", "exp", ["z"]),
      op("total", "sum", ["e"], { dim: 1, keepdim: true }),
      op("p", "div", ["e", "total"]),
      op("logp", "log", ["p"]),
      op("picked", "mul", ["onehot", "logp"]),
      op("per_row", "sum", ["picked"], { dim: 1 }),
      op("mean", "mean", ["per_row"]),
      op("loss", "neg", ["mean"]),
    ),
  },
  {
    id: "broadcast",
    title: "Broadcasting",
    text: "A column (3×1) plus a row (4) makes 3×4; backward sums each gradient back to its own shape.",
    doc: doc(
      leaf("col", [[1.0], [2.0], [3.0]], true),
      leaf("row", [10.0, 20.0, 30.0, 40.0], true),
      op("grid", "add", ["col", "row"]),
      op("s", "sum", ["grid"]),
    ),
  },
];
