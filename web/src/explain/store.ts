// Explain this gradient: which node's gradient the panel explains, and the trace it is
// built from. Three ways in: a node of the editable graph (the engine traces one backward
// pass on copies of the leaves, "explain", so asking never changes a .grad), a tensor of the
// code graph (the same on the code graph opened as a document, "explain_code"), and the
// current step of Step backward (the walk's own trace, cut at that step).
import { create } from "zustand";
import { engineKey } from "../document/graph";
import { backwardTargetOf } from "../document/queries";
import type { TraceStep } from "../engine/protocol";
import { engineReadyHint, runAction, send } from "../engine/sync";
import { nodeLabel } from "../editor/commands";
import { useCode } from "../notebook/store";
import { useStepper } from "../stepper/store";
import { say, useStore } from "../store/store";
import { t } from "../i18n";

export type ExplainSource = "graph" | "code" | "step";

export interface ExplainState {
  /** What the panel explains: a node of the graph, a tensor of the code graph, or the
   *  current step of Step backward (then node, root and trace are the stepper's). */
  source: ExplainSource | null;
  /** The node whose gradient is explained. */
  node: string | null;
  /** The node backward() was called on. */
  root: string | null;
  trace: TraceStep[] | null;
  /** engineKey of the document the trace was taken from. */
  key: string;
  /** The code graph's names for its tensors, as the trace writes them (source "code"). */
  labels: Record<string, string> | null;
  /** Ops the code graph's document cannot redo: the chain stops at them. */
  unsupported: string[];
}

const CLOSED = {
  source: null,
  node: null,
  root: null,
  trace: null,
  key: "",
  labels: null,
  unsupported: [],
} as const satisfies ExplainState;

export const useExplain = create<ExplainState>()(() => ({ ...CLOSED, unsupported: [] }));

// The node the last Backward ran from: the gradients on the canvas are its gradients.
let lastRoot: string | null = null;

export function rememberBackwardRoot(id: string): void {
  lastRoot = id;
}

function rootOf(): string | null {
  const doc = useStore.getState().doc;
  if (lastRoot !== null && doc.nodes.some((n) => n.id === lastRoot)) return lastRoot;
  const t = backwardTargetOf(doc, []);
  return "id" in t ? t.id : null;
}

/** Explains `node`'s gradient (else the one selected node's). */
export async function explainGradient(node?: string): Promise<void> {
  const s = useStore.getState();
  const target = node ?? (s.selectedNodes.length === 1 ? s.selectedNodes[0] : undefined);
  if (target === undefined) {
    say(t("explain.selectFirst"), 6000);
    return;
  }
  const root = rootOf();
  if (root === null) {
    say(t("explain.noRoot"), 8000);
    return;
  }
  engineReadyHint();
  const doc = s.doc;
  const response = await runAction(
    { action: "explain", doc, node: root },
    t("explain.explaining", { name: nodeLabel(target) }),
  );
  if (!response) return;
  useExplain.setState({
    ...CLOSED,
    source: "graph",
    node: target,
    root,
    trace: response.trace ?? [],
    key: engineKey(doc),
  });
}

/** Explains the gradient of a tensor of the code graph (`id` as the graph names it). */
export async function explainCodeTensor(id: string, name: string): Promise<void> {
  engineReadyHint();
  const graph = useCode.getState().graph;
  // After the cells that drew this graph, on their channel.
  const { response } = await send({ action: "explain_code", node: id }, "code");
  if (useCode.getState().graph !== graph) return; // the code ran again meanwhile
  if (!response.ok || !response.root) {
    say(
      `${t("explain.explainingCode", { name })}: ${response.error ?? t("explain.noTrace")}`,
      8000,
    );
    return;
  }
  useExplain.setState({
    ...CLOSED,
    source: "code",
    node: id,
    root: response.root,
    trace: response.trace ?? [],
    labels: response.labels ?? null,
    unsupported: response.unsupported ?? [],
  });
}

/** Explains the step Step backward is at, and follows the walk from step to step. */
export function explainCurrentStep(): void {
  if (useStepper.getState().trace === null) return;
  useExplain.setState({ ...CLOSED, source: "step" });
}

export function closeExplanation(): void {
  useExplain.setState({ ...CLOSED, unsupported: [] });
}

// An edit that changes what the engine computes makes the explanation stale: close it.
useStore.subscribe((s, prev) => {
  if (s.doc === prev.doc || useExplain.getState().source !== "graph") return;
  if (engineKey(s.doc) !== useExplain.getState().key) closeExplanation();
});

// New code (or none) draws a new code graph: its explanation spoke of the old one.
useCode.subscribe((s, prev) => {
  if (s.graph !== prev.graph && useExplain.getState().source === "code") closeExplanation();
});

// The step's explanation lives as long as the walk.
useStepper.subscribe((s, prev) => {
  if (s.trace !== prev.trace && useExplain.getState().source === "step") closeExplanation();
});
