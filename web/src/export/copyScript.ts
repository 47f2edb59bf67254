// "Copy as PyTorch": the graph as the script it stands for (the engine's export action), shown
// in the PyTorch script panel and copied, since the clipboard alone can be denied.
import { exportScript } from "../run/commands";
import { say, useStore } from "../store/store";
import { t } from "../i18n";

export async function copyAsPyTorch(): Promise<void> {
  if (useStore.getState().doc.nodes.length === 0) {
    say(t("export.empty"));
    return;
  }
  const script = await exportScript();
  if (script === null) return;
  try {
    await navigator.clipboard.writeText(script);
    say(t("export.copiedScript"));
  } catch {
    say(t("export.noClipboard"));
  }
}
