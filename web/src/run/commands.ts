// What the toolbar's Backward and Zero grad ask the engine, and the PyTorch script export:
// each builds a request for the engine client (engine/sync.ts), whose answer updates the
// engine slice of the store, from which the nodes redraw.
import { backwardTargetOf } from "../document/queries";
import { nodeLabel } from "../editor/commands";
import { engineReadyHint, runAction } from "../engine/sync";
import { rememberBackwardRoot } from "../explain/store";
import { say, showScript, useStore } from "../store/store";
import { useBackwardOptions } from "./options";
import { BACKWARD_WORDS, targetOrSay } from "./target";
import { t } from "../i18n";
import { useTraining } from "../training/store";
import { exportedOptimizer } from "../training/optimizer";

/** What a screen reader hears after Backward: every .grad there is now, as PyTorch prints it. */
function gradsSpoken(): string {
  const { doc, results } = useStore.getState();
  const grads = doc.nodes.flatMap((n) => {
    const grad = results.get(n.id)?.grad;
    return grad && grad !== "None" ? [`${nodeLabel(n.id)}.grad = ${grad}`] : [];
  });
  return grads.length ? t("a11y.backwardDone", { grads: grads.join("; ") }) : "";
}

export async function backward(fresh = true): Promise<void> {
  const node = targetOrSay(BACKWARD_WORDS);
  if (!node) return;
  engineReadyHint();
  const retain = useBackwardOptions.getState().retainGraph;
  const call = `${nodeLabel(node)}.backward(${retain ? "retain_graph=True" : ""})`;
  const ok = await runAction(
    {
      action: "backward",
      doc: useStore.getState().doc,
      node,
      ...(retain ? { retain_graph: true } : {}),
      ...(fresh ? {} : { fresh: false }),
    },
    call,
  );
  if (!ok) return;
  rememberBackwardRoot(node);
  say(t("run.backwardDone", { call }), 4000, gradsSpoken());
}

/** backward() through the graph of the last forward pass, as a second call in one cell. */
export function backwardAgain(): Promise<void> {
  return backward(false);
}

export async function zeroGrad(): Promise<void> {
  engineReadyHint();
  const ok = await runAction({ action: "zero_grad", doc: useStore.getState().doc }, "zero_grad");
  if (ok) say(t("run.zeroDone"), 3000);
}

/** The graph as the PyTorch script it stands for, calling .backward() where Backward would.
 *  Returns the script, also shown in its panel. */
export async function exportScript(): Promise<string | null> {
  const s = useStore.getState();
  const target = backwardTargetOf(s.doc, s.selectedNodes);
  engineReadyHint();
  const training = useTraining.getState();
  const hasData = s.doc.nodes.some((n) => n.op === "dataset");
  const optimizer = exportedOptimizer(
    hasData || s.doc.nodes.some((n) => n.op === "parameter"),
    training.lossNode !== null,
    training.lrText,
  );
  // A graph that reads a dataset exports the whole run: the toolbar's steps of its loop.
  const steps = Number(training.stepsText);
  const run = hasData && optimizer && Number.isInteger(steps) && steps >= 1 ? { steps } : {};
  const response = await runAction(
    {
      action: "export",
      doc: s.doc,
      ...("id" in target ? { node: target.id } : {}),
      ...(optimizer ? { optimizer } : {}),
      ...run,
    },
    t("run.exportWhat"),
  );
  if (response?.script === undefined) return null;
  showScript(response.script);
  return response.script;
}
