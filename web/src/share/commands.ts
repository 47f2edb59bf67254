// Share: a link that carries the graph (and the notebook's code) in its fragment.
import { codeForShare } from "../notebook/store";
import { showShare, useStore } from "../store/store";
import { MAX_ENCODED_CHARS } from "../document/limits";
import { encodeDoc, encodeText, linkFor } from "./codec";
import { CODE_PREFIX } from "./hash";

export async function share(): Promise<void> {
  const code = await encodeDoc(useStore.getState().doc);
  // A pasted table can make the link longer than any link opens: the panel says so in place
  // of the link, next to Save .json, which it offers instead.
  if (code.length > MAX_ENCODED_CHARS) {
    showShare({
      url: null,
      copied: false,
      tooLong: { length: code.length, max: MAX_ENCODED_CHARS },
    });
    return;
  }
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
