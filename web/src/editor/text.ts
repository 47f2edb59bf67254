// The editor's messages about wires and node menus, in one place for translation; names are
// the person's own (a node's label, else its id; a port's name from the catalog).

export const text = {
  wireDeleted: (from: string, port: string, to: string) =>
    `Deleted the wire from ${from} into ${port} of ${to}. Undo brings it back.`,
  wireReplaced: (old: string, port: string, to: string, from: string) =>
    `Replaced the wire from ${old} into ${port} of ${to} with one from ${from}. Undo brings the old one back.`,
  deleteWireButton: (from: string, port: string, to: string) =>
    `Delete the wire from ${from} into ${port} of ${to}`,
  selectFirst: (what: string) => `Select a node first (click it), or use its ⋯ menu, to ${what}.`,
  renameOne: "Rename works on one node: select just the one to rename.",
  nodeMenu: (name: string) => `Menu of node ${name}`,
  nodeMenuButton: (name: string) => `Open the menu of ${name} (delete, duplicate, rename, group)`,
  duplicated: (n: number) => `Duplicated ${n} node${n > 1 ? "s" : ""}.`,
} as const;
