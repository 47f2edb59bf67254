import type { ActionDef } from "../actions/types";
import { openGallery, startTour, toggleSheet } from "./store";

export const firstRunActions = [
  {
    name: "shortcuts",
    label: "?",
    title: "List every action and its keyboard shortcut",
    // "?" is Shift+/ on most layouts, a plain key on others: both are the same press to a person.
    keys: [{ key: "?" }, { key: "?", shift: true }],
    perform: toggleSheet,
  },
  {
    name: "starters",
    label: "Starters",
    title: "Open a small starter graph: a linear model, an MLP, softmax, broadcasting",
    keys: [],
    perform: openGallery,
  },
  {
    name: "tour",
    label: "Tour",
    title: "Show the welcome tour again",
    keys: [],
    perform: startTour,
  },
] as const satisfies readonly ActionDef[];
