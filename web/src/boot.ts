// What the page opens with: a share link or a lesson link if there is one, else this
// browser's autosave, else the example graph. A link never silently destroys the saved graph,
// and a link that cannot be opened says so and changes nothing.
import { EXAMPLE_DOC } from "./document/types";
import { BACKUP_KEY, loadSaved, save } from "./document/persist";
import { ensurePositions } from "./editor/layout";
import { decodeCode, decodeDoc, LinkError } from "./share/codec";
import { flagsOf, parseHash, type HashRoute } from "./share/hash";
import { excerpt } from "./document/excerpt";
import { openNotebookWith, setDraft } from "./notebook/store";
import { isPhone } from "./layout/media";
import { findLesson, lessonNames } from "./lessons/lessons";
import { openLesson } from "./lessons/openLesson";
import { clearAlerts, pushAlert, say, setLinkFlags, useStore } from "./store/store";
import { fitView } from "./editor/viewport";
import { resetPage } from "./reset";
import { maybeStartTour } from "./firstrun/store";
import { t } from "./i18n";
import { setThemeChoice } from "./theme/theme";
import { NO_FLAGS } from "./embed/flags";

/** What the page shows when a link arrives: the browser's saved graph, the example (nothing
 *  saved) or, once running, the current graph. Whatever was shown stays one Undo away. */
type Here = "saved" | "example" | "current";

/** <html data-link>: how the last link ended, for people debugging and for the tests. */
function mark(outcome: "opened" | "refused" | "ignored"): void {
  document.documentElement.dataset.link = outcome;
}

function refuse(title: string, text: string, here: Here): false {
  pushAlert({
    source: "link",
    title,
    text: here === "example" ? t("share.exampleShown", { text }) : t("share.savedShown", { text }),
  });
  return false;
}

async function openGraph(route: { doc: string; code: string | null }, here: Here) {
  // Both parts are read before anything changes, so a bad half changes nothing at all. The
  // code only fills the Code box: nothing from a link runs until the person presses Run.
  const code = route.code === null ? null : await decodeCode(route.code);
  const placed = await decodeDoc(route.doc);
  // On a phone the code panel would cover most of the graph the link is about: the code
  // waits in the Code box, and the person is told where to find it.
  const codeWaits = code !== null && isPhone();
  if (code !== null) {
    if (codeWaits) setDraft(code);
    else openNotebookWith(code);
  }
  const reset = { doc: placed.doc, hint: false, guessedLayout: placed.guessed } as const;
  const told: string[] = [];
  if (here === "example") resetPage({ ...reset, history: "fresh" });
  else if (resetPage(reset)) told.push(t("share.openedShared"));
  if (codeWaits) told.push(t("layout.codeInLink"));
  if (told.length) say(told.join(" "), 9000);
  return true;
}

function openLessonRoute(id: string, here: Here): boolean {
  const found = findLesson(id);
  if ("problem" in found) return refuse(t("share.lessonRefused"), found.problem, here);
  // Opened over the example, there is nothing worth undoing back to.
  openLesson(found.lesson, here === "example" ? "fresh" : "undo");
  return true;
}

async function openRoute(route: HashRoute, here: Here): Promise<boolean> {
  switch (route.kind) {
    case "none":
      return false;
    case "bad":
      return route.what === "lesson"
        ? refuse(
            t("share.lessonRefused"),
            t("share.lessonsAre", { message: route.message, names: lessonNames() }),
            here,
          )
        : refuse(t("share.linkRefused"), route.message, here);
    case "lesson":
      return openLessonRoute(route.id, here);
    case "graph":
      return openGraph(route, here);
  }
}

/** Reads the address's fragment and drops it at once, so that a reload shows the autosave
 *  (not the link again, nor a link that broke the page). An embed keeps its fragment: it has
 *  no autosave, and a reload of the frame shows the same graph again. */
function takeRoute(): HashRoute {
  const route = parseHash(window.location.hash);
  if (route.kind !== "none" && !flagsOf(route).embed)
    history.replaceState(null, "", window.location.pathname + window.location.search);
  return route;
}

/** Follows a link with its flags: the lock comes after the graph is in (opening it is an
 *  edit), and a link that cannot be opened leaves no flag behind. */
async function followWithFlags(route: HashRoute, here: Here): Promise<boolean> {
  const flags = flagsOf(route);
  // Only an embed's look is kept while its next link opens: the page's layout never flips.
  setLinkFlags({ ...NO_FLAGS, embed: useStore.getState().link.embed || flags.embed });
  const opened = await follow(route, here);
  if (opened || flags.embed) setLinkFlags(flags);
  // An embed takes the embedding page's colours for this visit, never remembered.
  if (flags.embed && flags.theme) setThemeChoice(flags.theme, false);
  return opened;
}

/** Opens what the route asks for; never throws (every failure is an alert). */
async function follow(route: HashRoute, here: Here): Promise<boolean> {
  try {
    const opened = await openRoute(route, here);
    if (opened) clearAlerts("link");
    mark(route.kind === "none" ? "ignored" : opened ? "opened" : "refused");
    return opened;
  } catch (e) {
    const text =
      e instanceof LinkError ? e.message : t("share.unexpected", { problem: excerpt(String(e)) });
    refuse(t("share.linkRefused"), text, here);
    mark("refused");
    return false;
  }
}

function reportUnreadableSave(message: string, backedUp: boolean): void {
  pushAlert({
    source: "storage",
    title: t("share.saveUnreadable"),
    text: backedUp
      ? t("share.saveBackedUp", { message, key: BACKUP_KEY })
      : t("share.saveNotBackedUp", { message }),
  });
}

export async function boot(): Promise<void> {
  const first = parseHash(window.location.hash);
  // An embed sits in someone else's page on this origin: it never reads nor writes the
  // reader's own saved graph.
  const embed = flagsOf(first).embed;
  const saved = embed ? ({ kind: "none" } as const) : loadSaved();
  if (saved.kind === "bad") reportUnreadableSave(saved.message, saved.backedUp);
  // Saved work that the page could neither read nor copy is never overwritten.
  const autosave = saved.kind !== "bad" || saved.backedUp;
  const example = ensurePositions(EXAMPLE_DOC);
  const base = saved.kind === "ok" ? ensurePositions(saved.doc).doc : example.doc;
  resetPage({
    doc: base,
    history: "fresh",
    hint: saved.kind !== "ok",
    guessedLayout: saved.kind !== "ok",
  });

  const route = takeRoute();
  await followWithFlags(route, saved.kind === "ok" ? "saved" : "example");
  if (!embed) maybeStartTour(route.kind !== "none");
  // A link pasted into the address bar of an open tab changes only the hash: no reload. The
  // fragment is read when it changes, and links are opened one after the other.
  let queue = Promise.resolve();
  window.addEventListener("hashchange", () => {
    const route = takeRoute();
    queue = queue.then(async () => {
      if ((await followWithFlags(route, "current")) && route.kind === "graph")
        setTimeout(fitView, 150);
    });
  });

  if (!autosave || embed) return;
  save(useStore.getState().doc);
  let warned = false;
  useStore.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    if (!save(s.doc) && !warned) {
      warned = true;
      say(t("share.saveRefused"));
    }
  });
}
