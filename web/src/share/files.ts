// Saving and opening the document as a .json file (the same format as links and autosave).
import { MAX_FILE_BYTES } from "../document/limits";
import { excerpt, quoted } from "../document/excerpt";
import { InvalidDocument } from "../document/validate";
import { fitView } from "../editor/viewport";
import { resetPage } from "../reset";
import { clearAlerts, pushAlert, say, useStore } from "../store/store";
import { downloadBlob } from "./download";
import { loadDoc } from "./load";
import { t } from "../i18n";

export function saveFile(): void {
  const doc = useStore.getState().doc;
  const blob = new Blob([JSON.stringify(doc, null, 1)], { type: "application/json" });
  downloadBlob(blob, "autograd-graph.json");
  say(t("share.saved"), 3000);
}

/** Opens a .json graph file; the graph it replaces stays one Undo away. */
export function openFile(): void {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".json,application/json";
  input.onchange = () => {
    const file = input.files?.[0];
    if (file) void openGraphFile(file);
  };
  input.click();
}

/** A chosen or dropped .json file as the graph; the size is checked before it is read. */
export async function openGraphFile(file: File): Promise<void> {
  const fail = (text: string) =>
    pushAlert({
      source: "file",
      title: t("share.fileFailed", { name: quoted(file.name) }),
      text,
    });
  if (file.size > MAX_FILE_BYTES) return fail(t("share.tooLarge", { mb: MAX_FILE_BYTES / 1e6 }));
  let raw: unknown;
  try {
    raw = JSON.parse(await file.text());
  } catch {
    return fail(t("share.notJson"));
  }
  try {
    const placed = loadDoc(raw);
    resetPage({ doc: placed.doc, hint: false });
    clearAlerts("file");
    say(t("share.openedFile", { name: file.name }));
    setTimeout(fitView, 100);
  } catch (e) {
    fail(
      e instanceof InvalidDocument
        ? `${e.message}.`
        : t("share.unexpected", { problem: excerpt(String(e)) }),
    );
  }
}
