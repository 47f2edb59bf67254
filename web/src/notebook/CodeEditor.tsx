import { EditorView } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { setDraft, useCode } from "./store";
import { recallLastCell, runCell } from "./commands";
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
