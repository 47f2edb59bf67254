// What the page opens with: a share link if there is one, else this browser's autosave,
// else the example graph. A link never silently destroys the saved graph.
import { EXAMPLE_DOC, type GraphDoc } from "./document/types";
import { loadSaved, save } from "./document/persist";
import { ensurePositions } from "./editor/layout";
import { CODE_PREFIX, decodeCode, decodeDoc, HASH_PREFIX, LinkError } from "./share/codec";
import { useCode } from "./code/codeStore";
import { LESSON_PREFIX, lessonById } from "./lessons/lessons";
import { openLesson } from "./lessons/openLesson";
import { clearAlerts, commit, pushAlert, say, useStore } from "./store/store";
import { fitView } from "./editor/commands";

function sameDoc(a: GraphDoc, b: GraphDoc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Opens the graph of a #g= link, if the address has one. `here` is what the page shows now:
 * the browser's saved graph, the example (nothing saved) or, once running, the current graph.
 * Whatever was shown stays one Undo away; a broken link changes nothing.
 */
async function openLinkFromHash(here: "saved" | "example" | "current"): Promise<boolean> {
  const hash = window.location.hash;
  const lessonId = hash.startsWith(LESSON_PREFIX)
    ? decodeURIComponent(hash.slice(LESSON_PREFIX.length))
    : null;
  // Lessons not in the menu's list (#lesson=regression) have their own link handler.
  if (lessonId !== null && lessonById(lessonId)) {
    history.replaceState(null, "", window.location.pathname + window.location.search);
    const opened = openLesson(lessonId);
    // Opened over the example, there is nothing worth undoing back to.
    if (opened && here === "example") useStore.setState({ past: [], future: [] });
    return opened;
  }
  if (!hash.startsWith(HASH_PREFIX)) return false;
  // Drop the hash first, so a reload restores the autosave and not the link again.
  history.replaceState(null, "", window.location.pathname + window.location.search);
  const [docPart = "", codePart] = hash.slice(HASH_PREFIX.length).split(CODE_PREFIX);
  try {
    // The code only fills the Code box: nothing from a link runs until the person presses Run.
    if (codePart !== undefined) {
      const code = await decodeCode(codePart);
      useCode.setState({ open: true, draft: code, view: "graph" });
    }
    const placed = ensurePositions(await decodeDoc(docPart));
    const linked = placed.doc;
    const current = useStore.getState().doc;
    useStore.setState({ relayout: placed.guessed ? linked : null, hint: false, share: null });
    if (here === "example") useStore.setState({ doc: linked, past: [], future: [] });
    else if (!sameDoc(current, linked)) {
      commit(linked);
      say("Opened the shared graph. Your previous graph is one Undo away.", 9000);
    }
    clearAlerts("link");
    return true;
  } catch (e) {
    const text = e instanceof LinkError ? e.message : `Unexpected problem: ${String(e)}`;
    pushAlert({
      source: "link",
      title: "This share link could not be opened",
      text: `${text} ${here === "example" ? "The example graph is shown instead." : "Your saved graph is shown and was not changed."}`,
    });
    return false;
  }
}

export async function boot(): Promise<void> {
  const saved = loadSaved();
  if (saved.kind === "bad")
    pushAlert({
      source: "storage",
      title: "The graph saved in this browser could not be read",
      text: `${saved.message}. The example graph is shown instead.`,
    });
  const example = ensurePositions(EXAMPLE_DOC);
  const base = saved.kind === "ok" ? saved.doc : example.doc;
  useStore.setState({
    doc: base,
    hint: saved.kind !== "ok",
    relayout: saved.kind !== "ok" ? base : null,
  });

  await openLinkFromHash(saved.kind === "ok" ? "saved" : "example");
  // A link pasted into the address bar of an open tab changes only the hash: no reload.
  window.addEventListener("hashchange", () => {
    void openLinkFromHash("current").then((opened) => {
      if (opened) setTimeout(fitView, 150);
    });
  });

  save(useStore.getState().doc);
  let warned = false;
  useStore.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    if (!save(s.doc) && !warned) {
      warned = true;
      say(
        "This browser refused to save the graph (storage full or blocked): use Share to keep it.",
      );
    }
  });
}
