// Every string the groups feature shows, in one place for translation; names are the
// person's own (a group's label; a node's label, else its id).

export const text = {
  groupAction: "Group…",
  groupTitle: "Group the selected nodes under one name, to collapse them into one box",
  ungroupAction: "Ungroup",
  ungroupTitle: "Remove the group of the selected nodes (the nodes stay)",
  selectTwo: "Select two or more nodes to group (shift-click them, or shift-drag a box).",
  selectGrouped: "Select a node of a group to ungroup it.",
  grouped: (n: number, label: string) =>
    `Grouped ${n} nodes as "${label}": type a name, then press Enter. Undo takes the group away.`,
  ungrouped: (labels: string[]) =>
    `Ungrouped ${labels.map((l) => `"${l}"`).join(", ")}. The nodes stay; Undo brings the group back.`,
  count: (n: number) => `${n} node${n === 1 ? "" : "s"}`,
  labelField: (label: string) => `name of group ${label}`,
  collapse: (label: string) => `Collapse ${label} into one box`,
  expand: (label: string) => `Expand ${label} to show its nodes`,
  ungroupButton: (label: string) => `Ungroup ${label} (the nodes stay)`,
  inputs: "inputs",
  outputs: "outputs",
  noInputs: "no wires in",
  grads: "grads inside",
  gradOf: (name: string) => `${name}.grad`,
  noValue: "not computed yet",
  port: (name: string, members: string[]) => `${name} → ${members.join(", ")}`,
} as const;
