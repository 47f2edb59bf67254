// Gradient check: autograd's gradient of a scalar against central finite differences,
// computed by the engine in float64 on copies of the leaves (nothing in the session changes).
import { create } from "zustand";
import type { GradcheckLeaf } from "../engine/protocol";
import { engineReadyHint, runAction } from "../engine/sync";
import { backwardTargetOf, nodeLabel } from "../editor/commands";
import { say, useStore } from "../store/store";

export interface GradcheckState {
  node: string | null;
  leaves: Record<string, GradcheckLeaf> | null;
}

export const useGradcheck = create<GradcheckState>()(() => ({ node: null, leaves: null }));

export async function gradientCheck(): Promise<void> {
  const s = useStore.getState();
  const t = backwardTargetOf(s.doc, s.selectedNodes);
  if (!("id" in t)) {
    say(t.reason.replace("Backward", "Gradient check"), 9000);
    return;
  }
  engineReadyHint();
  const response = await runAction(
    { action: "gradcheck", doc: s.doc, node: t.id },
    `Gradient check of ${nodeLabel(t.id)}`,
  );
  if (!response) return;
  useGradcheck.setState({ node: t.id, leaves: response.gradcheck ?? {} });
}

export function closeGradcheck(): void {
  useGradcheck.setState({ node: null, leaves: null });
}
