// The optimiser of Step and Train: torch.optim.SGD or torch.optim.Adam, chosen in the
// toolbar. The engine keeps one optimiser (its momentum buffers, Adam's moments) while these
// settings stay the same, and builds a new one when they change (docs/engine-protocol.md).
import { create } from "zustand";
import type { OptimizerSettings } from "../engine/protocol";

export type OptimizerName = "sgd" | "adam";

/** The fields as typed; the learning rate is the toolbar's lr field. */
export interface OptimizerFields {
  name: OptimizerName;
  momentum: string;
  dampening: string;
  weightDecay: string;
  nesterov: boolean;
  beta1: string;
  beta2: string;
  eps: string;
}

/** torch's defaults. */
export const DEFAULT_FIELDS: OptimizerFields = {
  name: "sgd",
  momentum: "0",
  dampening: "0",
  weightDecay: "0",
  nesterov: false,
  beta1: "0.9",
  beta2: "0.999",
  eps: "1e-8",
};

/** A field that failed, by its torch name, and why (a message key of optimizer.*). */
export interface FieldProblem {
  field: string;
  problem: "number" | "negative" | "beta" | "nesterov";
}

export type ParsedOptimizer =
  { ok: true; value: OptimizerSettings } | { ok: false; error: FieldProblem };

function num(text: string): number | null {
  const t = text.trim();
  const v = Number(t);
  return t !== "" && Number.isFinite(v) ? v : null;
}

/** The settings the engine takes, or the first field that is wrong. The checks are torch's
 *  own (a negative momentum, a beta outside [0, 1), nesterov without momentum), said
 *  before a run starts instead of as an engine error. */
export function parseOptimizer(f: OptimizerFields, lr: number): ParsedOptimizer {
  const read = (field: string, text: string, check?: (v: number) => boolean) => {
    const v = num(text);
    if (v === null) return { field, problem: "number" as const };
    if (v < 0) return { field, problem: "negative" as const };
    if (check && !check(v)) return { field, problem: "beta" as const };
    return v;
  };
  const wd = read("weight_decay", f.weightDecay);
  if (typeof wd !== "number") return { ok: false, error: wd };
  if (f.name === "sgd") {
    const momentum = read("momentum", f.momentum);
    if (typeof momentum !== "number") return { ok: false, error: momentum };
    const dampening = num(f.dampening);
    if (dampening === null) return { ok: false, error: { field: "dampening", problem: "number" } };
    if (f.nesterov && (momentum <= 0 || dampening !== 0))
      return { ok: false, error: { field: "nesterov", problem: "nesterov" } };
    return {
      ok: true,
      value: { name: "sgd", lr, momentum, dampening, weight_decay: wd, nesterov: f.nesterov },
    };
  }
  const b1 = read("betas[0]", f.beta1, (v) => v < 1);
  if (typeof b1 !== "number") return { ok: false, error: b1 };
  const b2 = read("betas[1]", f.beta2, (v) => v < 1);
  if (typeof b2 !== "number") return { ok: false, error: b2 };
  const eps = read("eps", f.eps);
  if (typeof eps !== "number") return { ok: false, error: eps };
  return { ok: true, value: { name: "adam", lr, betas: [b1, b2], eps, weight_decay: wd } };
}

export const useOptimizer = create<OptimizerFields>()(() => ({ ...DEFAULT_FIELDS }));

export function setOptimizerField<K extends keyof OptimizerFields>(
  key: K,
  value: OptimizerFields[K],
): void {
  useOptimizer.setState({ [key]: value } as Pick<OptimizerFields, K>);
}

/** The optimiser Copy as PyTorch writes: the toolbar's, once the graph has layers or has
 *  been trained (else a script of a few tensors would carry an optimiser nobody asked for);
 *  nothing while a field is wrong. */
export function exportedOptimizer(
  hasLayers: boolean,
  trained: boolean,
  lrText: string,
): OptimizerSettings | undefined {
  const lr = num(lrText);
  if ((!hasLayers && !trained) || lr === null) return undefined;
  const parsed = parseOptimizer(useOptimizer.getState(), lr);
  return parsed.ok ? parsed.value : undefined;
}

/** The settings as torch.optim's constructor reads, the fields that differ from torch's
 *  defaults only: `SGD(lr=0.1, momentum=0.9)`, `Adam(lr=0.01, betas=(0.8, 0.999))`. */
export function optimizerCall(s: OptimizerSettings): string {
  const args = [`lr=${s.lr}`];
  if (s.name === "sgd") {
    if (s.momentum !== 0) args.push(`momentum=${s.momentum}`);
    if (s.dampening !== 0) args.push(`dampening=${s.dampening}`);
    if (s.weight_decay !== 0) args.push(`weight_decay=${s.weight_decay}`);
    if (s.nesterov) args.push("nesterov=True");
    return `SGD(${args.join(", ")})`;
  }
  if (s.betas[0] !== 0.9 || s.betas[1] !== 0.999) args.push(`betas=(${s.betas.join(", ")})`);
  if (s.eps !== 1e-8) args.push(`eps=${s.eps}`);
  if (s.weight_decay !== 0) args.push(`weight_decay=${s.weight_decay}`);
  return `Adam(${args.join(", ")})`;
}
