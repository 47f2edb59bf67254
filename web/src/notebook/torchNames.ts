// The names the code box completes after `torch.`, `F.` and a tensor's `.`, derived from the
// op catalog so a new op is offered as soon as the engine has it. The catalog lists node
// types, not the engine's whole `torch` namespace: the few autograd names below are not ops
// and are written out here until the engine generates a list of what it exports.
import { catalog, type OpSpec } from "../catalog/catalog";

export type NameKind = "function" | "method" | "property" | "namespace" | "constant";

export interface TorchName {
  label: string;
  kind: NameKind;
  info: string;
}

/** Losses live in torch.nn.functional, not in torch itself (torch.nn.functional.mse_loss). */
const FUNCTIONAL_GROUPS = new Set(["losses"]);

const TORCH_EXTRAS: TorchName[] = [
  { label: "no_grad", kind: "function", info: "with torch.no_grad(): nothing inside is recorded." },
  { label: "enable_grad", kind: "function", info: "Records again inside no_grad." },
  {
    label: "manual_seed",
    kind: "function",
    info: "Seeds torch.randn: the same seed, the same numbers.",
  },
  { label: "nn", kind: "namespace", info: "torch.nn.functional holds the losses." },
];

const TENSOR_EXTRAS: TorchName[] = [
  {
    label: "backward",
    kind: "method",
    info: "Computes gradients into the leaves' .grad (adds to it).",
  },
  { label: "grad", kind: "property", info: "The gradient accumulated by backward(), or None." },
  { label: "grad_fn", kind: "property", info: "The node that made this tensor (None for a leaf)." },
  { label: "requires_grad", kind: "property", info: "Whether autograd records operations on it." },
  { label: "requires_grad_", kind: "method", info: "Sets requires_grad in place." },
  {
    label: "is_leaf",
    kind: "property",
    info: "Made by you, not by an operation on tracked tensors.",
  },
  { label: "retain_grad", kind: "method", info: "Keeps .grad on a non-leaf too." },
  { label: "zero_", kind: "method", info: "Fills with zeros in place (x.grad.zero_())." },
  { label: "item", kind: "method", info: "The one element as a Python number." },
  { label: "tolist", kind: "method", info: "The elements as nested Python lists." },
  { label: "shape", kind: "property", info: "The size of each dimension." },
  { label: "dtype", kind: "property", info: "The element type." },
];

function fromOp(op: OpSpec, kind: NameKind): TorchName {
  return { label: op.op, kind, info: op.doc };
}

/** dtypes the catalog's params offer (torch.float32, ...). */
function dtypes(): TorchName[] {
  const names = new Set<string>();
  for (const op of catalog.ops)
    for (const p of op.params)
      if (p.name === "dtype") for (const c of p.choices ?? []) names.add(c);
  return [...names].map((label) => ({ label, kind: "constant", info: `torch.${label}: a dtype.` }));
}

function byLabel(names: TorchName[]): TorchName[] {
  const seen = new Map<string, TorchName>();
  for (const n of names) if (!seen.has(n.label)) seen.set(n.label, n);
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label));
}

const functional = catalog.ops.filter((o) => FUNCTIONAL_GROUPS.has(o.group));
const inTorch = catalog.ops.filter((o) => !FUNCTIONAL_GROUPS.has(o.group));

export const torchMembers: readonly TorchName[] = byLabel([
  ...inTorch.map((o) => fromOp(o, "function")),
  ...dtypes(),
  ...TORCH_EXTRAS,
]);

export const functionalMembers: readonly TorchName[] = byLabel(
  functional.map((o) => fromOp(o, "function")),
);

/** Ops that take a tensor as their first input are also its methods: x.exp(), x.sum(dim=0). */
export const tensorMembers: readonly TorchName[] = byLabel([
  ...inTorch.filter((o) => o.inputs[0]?.name === "input").map((o) => fromOp(o, "method")),
  ...TENSOR_EXTRAS,
]);

const NAMESPACES: Record<string, readonly TorchName[]> = {
  torch: torchMembers,
  "torch.nn": [
    { label: "functional", kind: "namespace", info: "Losses: F.mse_loss(input, target)." },
  ],
  "torch.nn.functional": functionalMembers,
  F: functionalMembers,
};

/** What may follow `receiver.`: a torch namespace's members, else a tensor's. Null after a
 *  number (`1.` starts a float, not an attribute). */
export function membersOf(receiver: string): readonly TorchName[] | null {
  if (/^\d/.test(receiver)) return null;
  return NAMESPACES[receiver] ?? tensorMembers;
}
