// Starter graphs: small documents a learner opens from the gallery. Each has one output, so
// Backward knows what to act on without a selection.
import type { Json } from "../catalog/catalog";
import type { DocNode, GraphDoc } from "../document/types";
import { t } from "../i18n";

export interface Starter {
  id: string;
  readonly title: string;
  readonly text: string;
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
    get title() {
      return t("firstrun.starters.dotTitle");
    },
    get text() {
      return t("firstrun.starters.dotText");
    },
    doc: doc(
      leaf("x", [0.0, 1.0, 2.0, 3.0], true),
      leaf("two", 2.0),
      op("d", "dot", ["x", "x"]),
      op("y", "mul", ["two", "d"]),
    ),
  },
  {
    id: "linear",
    get title() {
      return t("firstrun.starters.linearTitle");
    },
    get text() {
      return t("firstrun.starters.linearText");
    },
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
    get title() {
      return t("firstrun.starters.mlpTitle");
    },
    get text() {
      return t("firstrun.starters.mlpText");
    },
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
    get title() {
      return t("firstrun.starters.softmaxTitle");
    },
    get text() {
      return t("firstrun.starters.softmaxText");
    },
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
    get title() {
      return t("firstrun.starters.broadcastTitle");
    },
    get text() {
      return t("firstrun.starters.broadcastText");
    },
    doc: doc(
      leaf("col", [[1.0], [2.0], [3.0]], true),
      leaf("row", [10.0, 20.0, 30.0, 40.0], true),
      op("grid", "add", ["col", "row"]),
      op("s", "sum", ["grid"]),
    ),
  },
];
