// The words explainStep (chain.ts, pure) writes beside its maths, read from the message files
// when a step is explained, so they follow the page's language.
import { t } from "../i18n";
import type { StepWords } from "./chain";

export function stepWords(): StepWords {
  return {
    sentTitle: (gradFn, name) => t("explain.sentTitle", { gradFn, name }),
    part: (k, n, to) => t("explain.part", { k, n, to }),
    soFar: (to, toCome) =>
      toCome > 0 ? t("explain.soFar", { to, rest: toCome }) : t("explain.allArrived", { to }),
    leafWaits: (leaf) => t("explain.leafWaits", { leaf }),
    leafTitle: (leaf) => t("explain.leafTitle", { leaf }),
    leafWasNone: (leaf) => t("explain.leafWasNone", { leaf }),
    leafAdds: (leaf) => t("explain.leafAdds", { leaf }),
  };
}
