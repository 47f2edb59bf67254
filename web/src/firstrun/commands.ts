// Opening a starter graph: an ordinary document change, one Undo away, with fresh leaves.
import { validateDoc } from "../document/validate";
import { ensurePositions } from "../editor/layout";
import { fitView } from "../editor/viewport";
import { closeLesson } from "../lessons/store";
import { resetPage } from "../reset";
import { say } from "../store/store";
import type { Starter } from "./gallery";
import { t } from "../i18n";
import { closeFirstRun } from "./store";

export function openStarter(s: Starter): void {
  const doc = ensurePositions(validateDoc(s.doc)).doc;
  closeFirstRun();
  closeLesson();
  // Leaves are kept by id: a starter's numbers assume fresh ones, not an earlier graph's w.
  resetPage({ doc, hint: false, engine: "forget" });
  say(t("firstrun.gallery.opened", { title: s.title }), 8000);
  setTimeout(fitView, 150);
}
