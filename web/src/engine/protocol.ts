// Types of docs/engine-protocol.md. Only JSON crosses the worker boundary.
import type { GraphDoc } from "../document/types";

export type EngineRequest =
  | { action: "evaluate"; doc: GraphDoc }
  | { action: "backward"; doc: GraphDoc; node: string; retain_graph?: boolean; fresh?: boolean }
  | { action: "zero_grad"; doc: GraphDoc; nodes?: string[] }
  | { action: "step"; doc: GraphDoc; lr: number }
  | { action: "export"; doc: GraphDoc; node?: string }
  | { action: "reset" };

export interface NodeResult {
  value: string | null;
  shape: number[] | null;
  dtype: string | null;
  requires_grad: boolean | null;
  is_leaf: boolean | null;
  grad_fn: string | null;
  has_grad: boolean | null;
  grad: string | null;
  error: string | null;
}

export interface EngineResponse {
  ok: boolean;
  error: string | null;
  backward_count?: number;
  nodes?: Record<string, NodeResult>;
  losses?: number[] | null;
  /** For "export": the graph as a runnable PyTorch script. */
  script?: string;
}

/** Worker -> page messages. */
export type WorkerMessage =
  | { type: "status"; status: "loading" | "ready" | "error"; message?: string }
  | { type: "response"; id: number; response: EngineResponse };

/** Page -> worker messages. */
export type PageMessage =
  { type: "init"; base: string } | { type: "request"; id: number; request: EngineRequest };
