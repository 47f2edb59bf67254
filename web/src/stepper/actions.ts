// Step backward and the keys of its step-by-step view (which take no key outside it).
import { idleOnEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import * as stepper from "./store";
import { t } from "../i18n";

export const stepperActions = [
  {
    name: "stepBackward",
    get label() {
      return t("actions.stepBackward.label");
    },
    get title() {
      return t("actions.stepBackward.title");
    },
    keys: [{ key: "b", shift: true }],
    perform: stepper.startStepping,
    // While training runs, the leaves change under any trace: wait for it.
    predicate: idleOnEditableGraph,
  },
  {
    name: "nextStep",
    get label() {
      return t("actions.nextStep.label");
    },
    get title() {
      return t("actions.nextStep.title");
    },
    keys: [{ key: "ArrowRight" }, { key: "." }],
    perform: stepper.nextStep,
    predicate: (m) => m.stepping,
  },
  {
    name: "previousStep",
    get label() {
      return t("actions.previousStep.label");
    },
    get title() {
      return t("actions.previousStep.title");
    },
    keys: [{ key: "ArrowLeft" }, { key: "," }],
    perform: stepper.previousStep,
    predicate: (m) => m.stepping,
  },
  {
    name: "togglePlay",
    get label() {
      return t("actions.togglePlay.label");
    },
    get title() {
      return t("actions.togglePlay.title");
    },
    keys: [{ key: "p" }],
    perform: stepper.togglePlay,
    predicate: (m) => m.stepping,
  },
  {
    name: "exitStepping",
    get label() {
      return t("actions.exitStepping.label");
    },
    get title() {
      return t("actions.exitStepping.title");
    },
    keys: [{ key: "Escape" }],
    perform: stepper.exitStepping,
    predicate: (m) => m.stepping,
  },
] as const satisfies readonly ActionDef[];
