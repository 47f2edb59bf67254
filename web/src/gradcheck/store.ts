// Gradient check: autograd's gradient of a scalar against central finite differences,
// computed by the engine in float64 on copies of the leaves (nothing in the session changes).
import { create } from "zustand";
import type { GradcheckLeaf } from "../engine/protocol";
import { engineReadyHint, runAction } from "../engine/sync";
import { nodeLabel } from "../editor/commands";
import { BACKWARD_WORDS, targetOrSay } from "../run/target";
import { useStore } from "../store/store";
import { t } from "../i18n";

export interface GradcheckState {
  node: string | null;
  leaves: Record<string, GradcheckLeaf> | null;
}

export const useGradcheck = create<GradcheckState>()(() => ({ node: null, leaves: null }));

export async function gradientCheck(): Promise<void> {
  const node = targetOrSay({ verb: BACKWARD_WORDS.verb, button: t("actions.gradientCheck.label") });
  if (!node) return;
  engineReadyHint();
  const response = await runAction(
    { action: "gradcheck", doc: useStore.getState().doc, node },
    t("gradcheck.title", { name: nodeLabel(node) }),
  );
  if (!response) return;
  useGradcheck.setState({ node, leaves: response.gradcheck ?? {} });
}

export function closeGradcheck(): void {
  useGradcheck.setState({ node: null, leaves: null });
}
