// The groups' edits as the person asks for them (the action table, the node menu, the
// frame's buttons), each one undo step through the store's named updaters.
import { defaultGroupLabel, groupByNode } from "../document/groups";
import { groupNodes, say, ungroup, useStore } from "../store/store";
import { groupFlowId } from "./flow";
import { t } from "../i18n";

/** Puts the cursor in a group's name field, once the canvas has drawn it. */
export function focusGroupLabel(groupId: string): void {
  setTimeout(() => {
    const input = document.querySelector<HTMLInputElement>(
      `.react-flow__node[data-id="${CSS.escape(groupFlowId(groupId))}"] input.group-label`,
    );
    input?.focus();
    input?.select();
  }, 50);
}

/** Groups the selected nodes under a first free name ("group 1") and puts the cursor in
 *  the name, so the person types theirs ("layer 1") and presses Enter. */
export function groupSelection(): void {
  const s = useStore.getState();
  if (s.selectedNodes.length < 2) {
    say(t("groups.selectTwo"));
    return;
  }
  const label = defaultGroupLabel(s.doc, t("groups.defaultName"));
  const id = groupNodes(s.selectedNodes, label);
  if (id === null) return;
  say(t("groups.grouped", { count: s.selectedNodes.length, label }), 8000);
  focusGroupLabel(id);
}

/** Removes every group a selected node is in, as one undo step. */
export function ungroupSelection(): void {
  const s = useStore.getState();
  const byNode = groupByNode(s.doc);
  const groups = [...new Set(s.selectedNodes.flatMap((id) => byNode.get(id) ?? []))];
  if (groups.length === 0) {
    say(t("groups.selectGrouped"));
    return;
  }
  ungroup(groups.map((g) => g.id));
  say(t("groups.ungrouped", { labels: groups.map((g) => `"${g.label}"`).join(", ") }), 6000);
}
