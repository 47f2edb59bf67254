// Step backward and the keys of its step-by-step view (which take no key outside it).
import { idleOnEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import * as stepper from "./store";

export const stepperActions = [
  {
    name: "stepBackward",
    label: "Step backward",
    title:
      "Run .backward() on the selected node (or the only output) and walk through it step by step",
    keys: [{ key: "b", shift: true }],
    perform: stepper.startStepping,
    // While training runs, the leaves change under any trace: wait for it.
    predicate: idleOnEditableGraph,
  },
  {
    name: "nextStep",
    label: "Next step",
    title: "Show the next step of the backward pass",
    keys: [{ key: "ArrowRight" }, { key: "." }],
    perform: stepper.nextStep,
    predicate: (m) => m.stepping,
  },
  {
    name: "previousStep",
    label: "Previous step",
    title: "Show the previous step of the backward pass",
    keys: [{ key: "ArrowLeft" }, { key: "," }],
    perform: stepper.previousStep,
    predicate: (m) => m.stepping,
  },
  {
    name: "togglePlay",
    label: "Play",
    title: "Play or pause: advance one step at the chosen speed",
    keys: [{ key: "p" }],
    perform: stepper.togglePlay,
    predicate: (m) => m.stepping,
  },
  {
    name: "exitStepping",
    label: "Exit",
    title: "Leave the step-by-step view",
    keys: [{ key: "Escape" }],
    perform: stepper.exitStepping,
    predicate: (m) => m.stepping,
  },
] as const satisfies readonly ActionDef[];
