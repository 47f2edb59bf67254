// The names the code box completes after `torch.`, `F.` and a tensor's `.`, derived from the
// op catalog so a new op is offered as soon as the engine has it. The catalog lists node
// types, not the engine's whole `torch` namespace: the few autograd names below are not ops
// and are written out here until the engine generates a list of what it exports.
import { catalog, type OpSpec } from "../catalog/catalog";
import { currentLang, t } from "../i18n";
import { localized } from "../i18n/localized";

export type NameKind = "function" | "method" | "property" | "namespace" | "constant";

export interface TorchName {
  label: string;
  kind: NameKind;
  /** Read when the completion list opens, in the page's language at that moment. */
  info: () => string;
}

/** Losses live in torch.nn.functional, not in torch itself (torch.nn.functional.mse_loss). */
const FUNCTIONAL_GROUPS = new Set(["losses"]);

const TORCH_EXTRAS: TorchName[] = [
  { label: "no_grad", kind: "function", info: () => t("notebook.names.nograd") },
  { label: "enable_grad", kind: "function", info: () => t("notebook.names.enablegrad") },
  { label: "manual_seed", kind: "function", info: () => t("notebook.names.manualseed") },
  { label: "nn", kind: "namespace", info: () => t("notebook.names.nn") },
];

const TENSOR_EXTRAS: TorchName[] = [
  { label: "backward", kind: "method", info: () => t("notebook.names.backward") },
  { label: "grad", kind: "property", info: () => t("notebook.names.grad") },
  { label: "grad_fn", kind: "property", info: () => t("notebook.names.gradfn") },
  { label: "requires_grad", kind: "property", info: () => t("notebook.names.requiresgrad") },
  { label: "requires_grad_", kind: "method", info: () => t("notebook.names.requiresGradInPlace") },
  { label: "is_leaf", kind: "property", info: () => t("notebook.names.isleaf") },
  { label: "retain_grad", kind: "method", info: () => t("notebook.names.retaingrad") },
  { label: "zero_", kind: "method", info: () => t("notebook.names.zeroInPlace") },
  { label: "item", kind: "method", info: () => t("notebook.names.item") },
  { label: "tolist", kind: "method", info: () => t("notebook.names.tolist") },
  { label: "shape", kind: "property", info: () => t("notebook.names.shape") },
  { label: "dtype", kind: "property", info: () => t("notebook.names.dtype") },
];

function fromOp(op: OpSpec, kind: NameKind): TorchName {
  return { label: op.op, kind, info: () => localized(op, "doc", currentLang()) };
}

/** dtypes the catalog's params offer (torch.float32, ...). */
function dtypes(): TorchName[] {
  const names = new Set<string>();
  for (const op of catalog.ops)
    for (const p of op.params)
      if (p.name === "dtype") for (const c of p.choices ?? []) names.add(c);
  return [...names].map((label) => ({
    label,
    kind: "constant",
    info: () => t("notebook.names.dtypeConstant", { label }),
  }));
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
    { label: "functional", kind: "namespace", info: () => t("notebook.names.functional") },
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
