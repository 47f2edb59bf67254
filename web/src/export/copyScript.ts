// "Copy as PyTorch": the graph as the script it stands for (the engine's export action), shown
// in the PyTorch script panel and copied, since the clipboard alone can be denied.
import { exportScript } from "../run/commands";
import { say, useStore } from "../store/store";

export async function copyAsPyTorch(): Promise<void> {
  if (useStore.getState().doc.nodes.length === 0) {
    say("The graph is empty: there is nothing to write as PyTorch.");
    return;
  }
  const script = await exportScript();
  if (script === null) return;
  try {
    await navigator.clipboard.writeText(script);
    say("Copied the PyTorch script: run it with real torch, it prints the grads shown here.");
  } catch {
    say("The clipboard was not available: copy the script from its panel.");
  }
}
