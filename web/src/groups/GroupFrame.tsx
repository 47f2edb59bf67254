import "./groups.css";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import { useDetail } from "../canvas/lod";
import { toggleGroupCollapsed, ungroup } from "../store/store";
import type { GroupFrameNode, GroupHeadNode } from "./flow";
import { GroupLabel } from "./GroupLabel";
import { useT } from "../i18n";

/** Collapses an expanded group, or expands a collapsed one. */
export function ToggleButton({
  id,
  label,
  collapsed,
}: {
  id: string;
  label: string;
  collapsed: boolean;
}) {
  const t = useT();
  const name = t(collapsed ? "groups.expand" : "groups.collapse", { label });
  return (
    <button
      type="button"
      className="nodrag group-button"
      data-group-toggle
      aria-label={name}
      title={name}
      onClick={() => toggleGroupCollapsed(id)}
    >
      {collapsed ? "▸" : "▾"}
    </button>
  );
}

/** An expanded group's frame behind its nodes. It lets clicks and box-selection through
 *  to the canvas; its title bar (GroupHead) is a node of its own, above the others, so that
 *  no node placed close by covers the group's name and buttons. */
function GroupFrameImpl({ data }: NodeProps<GroupFrameNode>) {
  const detail = useDetail();
  return (
    <div
      className={`group-frame${detail === "full" ? "" : " overview"}`}
      data-group-id={data.group.id}
    />
  );
}

export const GroupFrame = memo(GroupFrameImpl);

/** An expanded group's title bar: its name (edited in place), size, collapse and ungroup.
 *  Dragging it moves the members. */
function GroupHeadImpl({ data }: NodeProps<GroupHeadNode>) {
  const t = useT();
  const { group } = data;
  const detail = useDetail();
  if (detail !== "full")
    // Zoomed out: the name in large type, as simplified nodes show theirs.
    return (
      <div
        className="group-head overview"
        data-group-id={group.id}
        data-collapsed="false"
        title={t("groups.count", { count: group.nodes.length })}
      >
        <span className="group-name">{group.label}</span>
        <ToggleButton label={group.label} id={group.id} collapsed={false} />
      </div>
    );
  return (
    <div className="group-head frame-head" data-group-id={group.id} data-collapsed="false">
      <GroupLabel group={group} />
      <span className="group-count">{t("groups.count", { count: group.nodes.length })}</span>
      <ToggleButton label={group.label} id={group.id} collapsed={false} />
      <button
        type="button"
        className="nodrag group-button"
        data-group-ungroup
        aria-label={t("groups.ungroupButton", { label: group.label })}
        title={t("groups.ungroupButton", { label: group.label })}
        onClick={() => ungroup([group.id])}
      >
        ✕
      </button>
    </div>
  );
}

export const GroupHead = memo(GroupHeadImpl);
