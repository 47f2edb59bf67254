// What groups put on the canvas, worked out from the document alone: a frame behind an
// expanded group's nodes, one box in place of a collapsed group's, and the wires that cross
// a collapsed group's border re-attached to its box.
//
// React Flow's documented grouping (sub flows: a `group` node and children with `parentId`)
// positions each child relative to its parent and sizes the parent by hand. Our document
// keeps absolute positions, which placement, layout, the large-graph culling and the step
// view all read; so the frame is derived instead: an ordinary node behind the others whose
// rectangle is the members' bounds, recomputed on every change. It always fits its nodes,
// a member dragged out grows it, and dragging the frame moves its members.
import type { Node } from "@xyflow/react";
import { crossings, groupsOf, membersRect, type Rect } from "../document/groups";
import { nodeInputs } from "../document/graph";
import type { DocGroup, GraphDoc } from "../document/types";
import { fromFlowId, toFlowId } from "../editor/flowIds";

/** Room around the members, and the frame's title bar above them. */
export const FRAME_PAD = 16;
export const FRAME_HEAD = 44;

/** A group's id on the canvas. toFlowId writes `~` only before two hex digits, so `~g:`
 *  starts no node's id there. */
export function groupFlowId(groupId: string): string {
  return `~g:${toFlowId(groupId)}`;
}

/** The id of an expanded group's frame, which takes no pointer and never moves by itself. */
export function frameFlowId(groupId: string): string {
  return `~f:${toFlowId(groupId)}`;
}

/** The group a canvas id stands for: its title bar or box (`~g:`), or its frame (`~f:`). */
export function groupIdOf(flowId: string): string | null {
  return flowId.startsWith("~g:") || flowId.startsWith("~f:") ? fromFlowId(flowId.slice(3)) : null;
}

export interface BoxPort {
  /** The outside node that feeds this input, or the member read outside. */
  node: string;
  name: string;
  /** Input: the members it feeds (their names). Output: the outside nodes it feeds. */
  peers: string[];
}

export type GroupFrameData = { group: DocGroup };
export type GroupBoxData = {
  group: DocGroup;
  inputs: BoxPort[];
  outputs: BoxPort[];
  /** Members that are leaves: their grads are shown on the box. */
  leaves: string[];
};
export type GroupFrameNode = Node<GroupFrameData, "groupFrame">;
export type GroupHeadNode = Node<GroupFrameData, "groupHead">;
export type GroupBoxNode = Node<GroupBoxData, "groupBox">;

type Size = { width: number; height: number };

function nameOf(doc: GraphDoc, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  return n?.label || id;
}

/** The collapsed groups' boxes and ports, and which group hides which node. */
export interface GroupLayout {
  frames: { group: DocGroup; rect: Rect }[];
  boxes: { group: DocGroup; at: [number, number]; data: GroupBoxData }[];
  /** Members of collapsed groups: not drawn, their box stands in. */
  hiddenBy: Map<string, DocGroup>;
}

export function groupLayout(
  doc: GraphDoc,
  sizeOf: (id: string) => Size | undefined,
  guess: Size,
  isLeaf: (op: string) => boolean,
): GroupLayout {
  const out: GroupLayout = { frames: [], boxes: [], hiddenBy: new Map() };
  const ops = new Map(doc.nodes.map((n) => [n.id, n.op]));
  for (const group of groupsOf(doc)) {
    const rect = membersRect(doc, group, sizeOf, guess);
    if (!rect) continue;
    if (!group.collapsed) {
      out.frames.push({ group, rect });
      continue;
    }
    for (const id of group.nodes) out.hiddenBy.set(id, group);
    const { inputs, outputs } = crossings(doc, group);
    out.boxes.push({
      group,
      at: [rect.x, rect.y],
      data: {
        group,
        inputs: inputs.map((i) => ({
          node: i.source,
          name: nameOf(doc, i.source),
          peers: [...new Set(i.targets.map((t) => nameOf(doc, t.node)))],
        })),
        outputs: outputs.map((o) => ({
          node: o.node,
          name: nameOf(doc, o.node),
          peers: [...new Set(o.consumers.map((c) => nameOf(doc, c.node)))],
        })),
        leaves: group.nodes.filter((id) => isLeaf(ops.get(id) ?? "")),
      },
    });
  }
  return out;
}

/** The frame's rectangle on the canvas around its members' bounds. */
export function frameRect(r: Rect): Rect {
  return {
    x: r.x - FRAME_PAD,
    y: r.y - FRAME_PAD - FRAME_HEAD,
    width: r.width + 2 * FRAME_PAD,
    height: r.height + 2 * FRAME_PAD + FRAME_HEAD,
  };
}

/** One wire as drawn: a document wire, or one re-attached to a collapsed group's box. */
export interface DrawnWire {
  /** The document wire's own id when no end is in a collapsed group, else null. */
  wire: { source: string; target: string; port: number } | null;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

/** The wires to draw. A wire inside one collapsed group is not drawn; one crossing a
 *  collapsed group's border goes to the box's port (one per outside source, so a source
 *  feeding several members is one wire). */
export function drawnWires(
  doc: GraphDoc,
  layout: GroupLayout,
  shown: ReadonlySet<string>,
): DrawnWire[] {
  const box = new Map(layout.boxes.map((b) => [b.group.id, b.data]));
  const out: DrawnWire[] = [];
  const seen = new Set<string>();
  for (const n of doc.nodes)
    nodeInputs(n).forEach((src, port) => {
      if (src === null) return;
      const gs = layout.hiddenBy.get(src);
      const gt = layout.hiddenBy.get(n.id);
      if (!gs && !gt) {
        if (shown.has(src) && shown.has(n.id))
          out.push({
            wire: { source: src, target: n.id, port },
            source: toFlowId(src),
            sourceHandle: "out",
            target: toFlowId(n.id),
            targetHandle: `in-${port}`,
          });
        return;
      }
      if (gs && gs === gt) return;
      const source = gs ? groupFlowId(gs.id) : toFlowId(src);
      const sourceHandle = gs
        ? `gout-${box.get(gs.id)!.outputs.findIndex((o) => o.node === src)}`
        : "out";
      const target = gt ? groupFlowId(gt.id) : toFlowId(n.id);
      const targetHandle = gt
        ? `gin-${box.get(gt.id)!.inputs.findIndex((i) => i.node === src)}`
        : `in-${port}`;
      const key = JSON.stringify([source, sourceHandle, target, targetHandle]);
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ wire: null, source, sourceHandle, target, targetHandle });
    });
  return out;
}
