// The graph as a PyTorch script: shown in a panel, or copied.
import type { ActionDef } from "../actions/types";
import { exportScript } from "../run/commands";
import { copyAsPyTorch } from "./copyScript";
import { t } from "../i18n";

export const exportActions = [
  {
    name: "exportScript",
    get label() {
      return t("actions.exportScript.label");
    },
    get title() {
      return t("actions.exportScript.title");
    },
    keys: [],
    perform: async () => void (await exportScript()),
  },
  {
    name: "copyAsPyTorch",
    get label() {
      return t("actions.copyAsPyTorch.label");
    },
    get title() {
      return t("actions.copyAsPyTorch.title");
    },
    keys: [],
    perform: copyAsPyTorch,
  },
] as const satisfies readonly ActionDef[];
