// Share: a link that carries the graph (and the notebook's code) in its fragment.
import { codeForShare } from "../notebook/store";
import { showShare, useStore } from "../store/store";
import { encodeDoc, encodeText, linkFor } from "./codec";
import { CODE_PREFIX } from "./hash";

export async function share(): Promise<void> {
  const code = await encodeDoc(useStore.getState().doc);
  // The code panel's text travels too; opening the link shows it but never runs it.
  const text = codeForShare();
  const url = linkFor(code) + (text ? `${CODE_PREFIX}${await encodeText(text)}` : "");
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    copied = false;
  }
  showShare({ url, copied });
}
