import { EditorView } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { setDraft, useCode } from "./store";
import { openNotebookText, recallLastCell, runCell } from "./commands";
import { looksLikeNotebook } from "./ipynb";
import { t } from "../i18n";
import { codeExtensions } from "./editorSetup";

/** The notebook's input, a CodeMirror editor kept in step with the store's `draft`. */
export function CodeEditor() {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      doc: useCode.getState().draft,
      extensions: [
        codeExtensions(() => void runCell(), recallLastCell),
        // A pasted notebook (its JSON text) opens as cells rather than landing in the box.
        EditorView.domEventHandlers({
          paste(e) {
            const text = e.clipboardData?.getData("text/plain") ?? "";
            if (!looksLikeNotebook(text)) return false;
            e.preventDefault();
            void openNotebookText(text, t("notebook.ipynb.pasted"));
            return true;
          },
          // A dropped file is the panel's to open (a notebook), not text for the box.
          drop(e) {
            return (e.dataTransfer?.files.length ?? 0) > 0;
          },
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) setDraft(u.state.doc.toString());
        }),
      ],
    });
    // The draft also changes from outside: a run clears it, a lesson or a share link fills it.
    const unsubscribe = useCode.subscribe((s) => {
      const text = view.state.doc.toString();
      if (s.draft !== text)
        view.dispatch({ changes: { from: 0, to: text.length, insert: s.draft } });
    });
    return () => {
      unsubscribe();
      view.destroy();
    };
  }, []);
  return <div ref={host} className="code-input" />;
}
