// Explain this gradient: which node's gradient the panel explains, and the trace it is
// built from. The engine traces one backward pass on copies of the leaves ("explain"), so
// asking never changes a .grad.
import { create } from "zustand";
import { engineKey } from "../document/graph";
import { backwardTargetOf } from "../document/queries";
import type { TraceStep } from "../engine/protocol";
import { engineReadyHint, runAction } from "../engine/sync";
import { nodeLabel } from "../editor/commands";
import { say, useStore } from "../store/store";
import { t } from "../i18n";

export interface ExplainState {
  /** The node whose gradient is explained. */
  node: string | null;
  /** The node backward() was called on. */
  root: string | null;
  trace: TraceStep[] | null;
  /** engineKey of the document the trace was taken from. */
  key: string;
}

export const useExplain = create<ExplainState>()(() => ({
  node: null,
  root: null,
  trace: null,
  key: "",
}));

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
  useExplain.setState({ node: target, root, trace: response.trace ?? [], key: engineKey(doc) });
}

export function closeExplanation(): void {
  useExplain.setState({ node: null, root: null, trace: null, key: "" });
}

// An edit that changes what the engine computes makes the explanation stale: close it.
useStore.subscribe((s, prev) => {
  if (s.doc === prev.doc || useExplain.getState().trace === null) return;
  if (engineKey(s.doc) !== useExplain.getState().key) closeExplanation();
});
