// Types of docs/engine-protocol.md. Only JSON crosses the worker boundary.
import type { GraphDoc } from "../document/types";
import type { NodePatch } from "./patch";

export type EngineRequest =
  | { action: "evaluate"; doc: GraphDoc }
  | {
      action: "backward";
      doc: GraphDoc;
      node: string;
      retain_graph?: boolean;
      fresh?: boolean;
      trace?: boolean;
    }
  | { action: "explain"; doc: GraphDoc; node: string }
  | { action: "zero_grad"; doc: GraphDoc; nodes?: string[] }
  | { action: "step"; doc: GraphDoc; lr: number; optimizer?: OptimizerSettings }
  | {
      action: "export";
      doc: GraphDoc;
      node?: string;
      optimizer?: OptimizerSettings;
      steps?: number;
    }
  | {
      action: "train";
      doc: GraphDoc;
      node: string;
      lr: number;
      /** torch.optim's optimiser; without it, `p -= lr * p.grad` (the protocol's first form). */
      optimizer?: OptimizerSettings;
      steps: number;
      /** Milliseconds: stop after the step that passes this much time (a chunk of a run). */
      budget_ms?: number;
      /** false: answer `nodes: null` (a chunk between two redraws of the graph). */
      describe?: boolean;
    }
  | { action: "gradcheck"; doc: GraphDoc; node: string }
  | { action: "metrics"; doc: GraphDoc; node?: string }
  | { action: "leaf_values"; doc: GraphDoc }
  | { action: "run_cell"; code: string }
  | { action: "code_to_doc" }
  | { action: "explain_code"; node: string; root?: string }
  | { action: "reset_code" }
  | { action: "reset" };

/** A tensor as the engine describes it: py_engine/playground/wire.py's tensor_json, the one
 *  description behind a document node's result and a code graph's tensor alike. */
export interface TensorView {
  /** What `repr()` prints in PyTorch; null where the node has no tensor. */
  value: string | null;
  shape: number[] | null;
  dtype: string | null;
  requires_grad: boolean | null;
  is_leaf: boolean | null;
  grad_fn: string | null;
  /** Whether PyTorch keeps a `.grad` for it (a leaf that requires grad, or a retained grad). */
  has_grad: boolean | null;
  grad: string | null;
  /** The numbers as nested lists (null above the engine's size limit), for heat maps. */
  data?: Nested | null;
  grad_data?: Nested | null;
  /** A few of the numbers (`[0.1000, 0.2000, 0.3000, …, 1.2000]`) when there are more than a
   *  few: the node then shows a summary until it is expanded. Null for a few numbers. */
  preview?: string | null;
  grad_preview?: string | null;
}

/** A document node's result: its tensor, or why it has none. */
export interface NodeResult extends TensorView {
  error: string | null;
}

/** A number, a non-finite float as a string ("nan", "inf", "-inf"), a bool, or a list of them. */
export type Nested = number | string | boolean | Nested[];

/** One edge of a backward step: the gradient sent to one input (docs/engine-protocol.md). */
export interface TraceEdge {
  input: string;
  rule: string;
  /** `rule` with the graph's names for the formula's inputs (docs/engine-protocol.md). */
  rule_named: string;
  /** The rule's math form (LaTeX, adjoint notation) in the graph's names. */
  math: string | null;
  to: string | null;
  to_grad_fn: string;
  grad: string | null;
  total: string | null;
}

/** One backward node run, in the order PyTorch's engine runs them. */
export interface TraceStep {
  grad_fn: string;
  node: string | null;
  grad: string | null;
  edges: TraceEdge[];
  leaf_grad?: string | null;
  /** The leaf's .grad before this backward (null: None). */
  leaf_grad_before?: string | null;
}

export interface GradcheckLeaf {
  max_abs_diff: number;
  ok: boolean;
  analytic: string | null;
  numeric: string | null;
}

/** One tensor of the code's autograd graph (run_cell's `graph`). */
export interface CodeGraphNode extends TensorView {
  id: string;
  /** The top-level name the code bound it to; null for an intermediate. */
  name: string | null;
}

export interface CodeGraph {
  nodes: CodeGraphNode[];
  edges: { source: string; target: string; port: number }[];
  truncated: boolean;
}

export interface EngineResponse {
  ok: boolean;
  error: string | null;
  backward_count?: number;
  nodes?: Record<string, NodeResult>;
  losses?: (number | string)[] | null;
  /** For "train" and "metrics": the data the graph reads, its metrics and boundary. */
  data?: DataReport | null;
  /** train: per leaf that requires grad, its grad's 2-norm after each step (null: nan/inf). */
  grad_norms?: Record<string, (number | null)[]>;
  /** train: why the run stopped at a nan or inf loss, and where that value first appeared. */
  nonfinite?: NonFinite | null;
  // code cells
  output?: string;
  /** run_cell: the cell's line its error came through last (1-based), or null. */
  line?: number | null;
  graph?: CodeGraph;
  doc?: GraphDoc;
  unsupported?: string[];
  /** For "export": the graph as a runnable PyTorch script. */
  script?: string;
  trace?: TraceStep[] | null;
  /** For "explain_code": the output backward() ran from, and each tensor's name in the trace. */
  root?: string;
  labels?: Record<string, string>;
  gradcheck?: Record<string, GradcheckLeaf>;
  /** For "leaf_values": each leaf that requires grad, its value now (nested lists, whole). */
  leaf_values?: Record<string, unknown>;
  /** Set by the worker when Python never answered: `error` is then the bare reason, which the
   *  page words in its language (engine/client.ts). */
  failure?: "not_loaded" | "crashed";
}

/** A number the engine sends as a string when it is not finite ("nan", "inf", "-inf"). */
export type EngineNumber = number | string;

/** The model's predicted class and its probability over a size × size grid, row 0 at the
 *  bottom (smallest y), each row from the smallest x (docs/engine-protocol.md). */
export interface BoundaryGrid {
  kind: "grid";
  size: number;
  x: [number, number];
  y: [number, number];
  labels: number[] | null;
  confidence: (number | null)[] | null;
}

/** A 1-D regression model's output at evenly spaced x. */
export interface BoundaryCurve {
  kind: "curve";
  x: [number, number];
  xs: number[];
  ys: EngineNumber[] | null;
}

export interface DataReport {
  dataset: string;
  task: "classification" | "regression";
  features: string[];
  classes: string[] | null;
  train_size: number;
  test_size: number;
  batch_size: number;
  steps: number;
  train_loss: EngineNumber | null;
  test_loss: EngineNumber | null;
  train_accuracy: number | null;
  test_accuracy: number | null;
  /** Rows [x1, x2, label] (classification) or [x, y] (regression). */
  points: { train: number[][]; test: number[][] } | null;
  boundary: BoundaryGrid | BoundaryCurve | null;
  /** What the report cost the engine, in ms. */
  ms: number;
}

/** Worker -> page messages. */
export type WorkerMessage =
  | { type: "status"; status: "loading" | "ready" | "error"; message?: string }
  /** An answer; when the engine described the graph, its `nodes` come as `patch` instead:
   *  only the nodes that changed since the last answer that described it (patch.ts). */
  | { type: "response"; id: number; response: EngineResponse; patch?: NodePatch }
  /** Sent just before Python starts on a request, so Stop interrupts that one and no other. */
  | { type: "running"; id: number }
  /** How Python started: from the memory snapshot, or a normal boot (and why, if the
   *  snapshot was wanted but could not be used). */
  | {
      type: "boot";
      from: "snapshot" | "normal";
      fallback?: string;
      /** Where numpy came from: numpy-tree.tar.gz, or its wheel (the archive could not be used). */
      numpy: "tree" | "wheel";
      /** When each boot phase ended, in ms since the worker started. */
      phases: Record<string, number>;
    };

/** "snapshot": restore Python from pyodide/memory-snapshot.bin, falling back to a normal
 *  boot on any failure (?boot=snapshot); "normal": always boot normally (?boot=normal);
 *  "auto" (the default): the snapshot only when it is already on this device (the service
 *  worker's cache), since on a first visit over a slow link its download costs more than
 *  it saves (docs/performance.md). */
export type BootMode = "auto" | "snapshot" | "normal";

/** Page -> worker messages. */
export type PageMessage =
  | { type: "init"; base: string; interrupt: Uint8Array | null; boot: BootMode }
  /** The request as JSON text: the page serialises it once, measures it (requestSize.ts) and
   *  the worker hands that very text to the engine. */
  | { type: "request"; id: number; text: string };

/** The optimiser of Step and Train (py_engine/playground/optimizers.py). */
export type OptimizerSettings =
  | {
      name: "sgd";
      lr: number;
      momentum: number;
      dampening: number;
      weight_decay: number;
      nesterov: boolean;
    }
  | { name: "adam"; lr: number; betas: [number, number]; eps: number; weight_decay: number };

export interface NonFinite {
  loss: "nan" | "inf" | "-inf";
  where: "forward" | "grad" | "step";
  node: string | null;
  cause:
    | "learning_rate"
    | "infinite_gradient"
    | "log_of_zero"
    | "division_by_zero"
    | "invalid_input"
    | "overflow";
}
