// The words for a run that stopped at a nan or inf loss (the engine's `nonfinite`).
import type { NonFinite } from "../engine/protocol";
import { t } from "../i18n";

/** What likely happened and where the first non-finite value appeared, in the page's
 *  language; `name` turns a node id into the label the canvas shows. */
export function nonfiniteText(nf: NonFinite, name: (id: string) => string): string {
  const node = nf.node ? name(nf.node) : "?";
  const where = t(`optimizer.where.${nf.where}`, { node });
  const cause = t(`optimizer.cause.${nf.cause}`);
  return t("optimizer.nonfinite", { loss: nf.loss, where, cause });
}
