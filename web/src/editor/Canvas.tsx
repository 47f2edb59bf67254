import "./editor.css";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import {
  MarkerType,
  MiniMap,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type NodeMouseHandler,
  type OnConnectEnd,
  type OnInit,
  type OnMoveStart,
  type ReactFlowInstance,
} from "@xyflow/react";
import { getOp } from "../catalog/catalog";
import { connectionProblem, edgeId, nodeInputs, setPositions } from "../document/graph";
import type { GraphDoc } from "../document/types";
import { nodeTypes, type OpFlowNode } from "../nodes/OpNode";
import {
  openAddBox,
  openNodeMenu,
  pushHistory,
  say,
  setRelayout,
  setSelection,
  setTransient,
  useStore,
} from "../store/store";
import { addOp, connectWire } from "./commands";
import { fitView, keepCentre, setFlowInstance } from "./viewport";
import { isPhone } from "../layout/media";
import { layoutDoc } from "./layout";
import { AddOpBox } from "./AddOpBox";
import { fromFlowId, toFlowId } from "./flowIds";
import { GUESSED_SIZE, LARGE_GRAPH_NODES, nodesNear, useRevealed, type Rect } from "./largeGraph";
import { useStepper } from "../stepper/store";
import { leafGradsAt, stepView } from "../stepper/view";
import { edgeTypes as stepEdgeTypes } from "../stepper/GradEdge";
import { WireEdgeView } from "./WireEdge";
import { NodeMenu, menuAt } from "./NodeMenu";
import { startPress, stillPressing, type Press } from "./longPress";
import { Backdrop, framing } from "../canvas/flow";
import { ActionButton } from "../actions/ActionButton";
import { detailAt, OVERVIEW_SIZE, useDetail } from "../canvas/lod";
import { groupsOf, membersRect, moveGroup } from "../document/groups";
import {
  drawnWires,
  frameRect,
  groupFlowId,
  groupIdOf,
  groupLayout,
  type GroupBoxNode,
  frameFlowId,
  type GroupFrameNode,
  type GroupHeadNode,
  type GroupLayout,
} from "../groups/flow";
import { GroupFrame, GroupHead } from "../groups/GroupFrame";
import { GroupBox } from "../groups/GroupBox";
import { t, useLang, useT } from "../i18n";
import { edgeName, flowWords, nodeName } from "../a11y/names";
import { CANVAS_ID, keepFocusOnEscape, revealFocusedNode } from "../a11y/focus";
import { portLabel } from "../a11y/ports";
import { labelOf } from "../document/queries";
import { dropFile } from "../data/drop";
import { keepSame } from "./sameObjects";

/** What the editable canvas draws: the document's nodes, and its groups' frames and boxes. */
type CanvasNode = OpFlowNode | GroupFrameNode | GroupHeadNode | GroupBoxNode;
const canvasNodeTypes = {
  ...nodeTypes,
  groupFrame: GroupFrame,
  groupHead: GroupHead,
  groupBox: GroupBox,
};
// A group's title bar stays above the nodes, a selected one (z 1000) included, so that a node
// placed close by never covers its name and buttons.
const HEAD_Z = 1002;

const isLeafOp = (op: string) => !!getOp(op)?.leaf;

/** Where a group's frame or box is drawn now, from its members' positions and sizes. */
function groupCorner(
  doc: GraphDoc,
  groupId: string,
  sizeOf: (id: string) => { width: number; height: number } | undefined,
): [number, number] | null {
  const g = groupsOf(doc).find((x) => x.id === groupId);
  const r = g && membersRect(doc, g, sizeOf, GUESSED_SIZE);
  if (!g || !r) return null;
  if (g.collapsed) return [r.x, r.y];
  const f = frameRect(r);
  return [f.x, f.y];
}

export const DND_TYPE = "application/x-autograd-op";

const FRAMING = framing(0.2);
const edgeTypes = { ...stepEdgeTypes, wire: WireEdgeView };
// Above every node, a selected one (z 1000) included: no wire hides behind a node.
const WIRE_Z = 1001;
// Props given to React Flow are module constants or kept callbacks: a new function or object
// on each render of the canvas re-renders every node's and wire's wrapper inside React Flow.
const DEFAULT_EDGE_OPTIONS = { type: "default" };
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];

function minimapColour(n: Node): string {
  return n.type === "groupFrame" || n.type === "groupHead"
    ? "transparent"
    : n.type === "groupBox"
      ? "var(--color-minimap-group)"
      : getOp((n as OpFlowNode).data.node.op)?.leaf
        ? "var(--color-minimap-leaf)"
        : "var(--color-minimap-op)";
}

function portIndex(handle: string | null | undefined): number | null {
  const m = /^in-(\d+)$/.exec(handle ?? "");
  return m ? Number(m[1]) : null;
}

function portLabelOf(doc: GraphDoc, id: string, port: number): string {
  const n = doc.nodes.find((x) => x.id === id);
  return n ? portLabel(doc, n, port) : id;
}

function problemOf(doc: GraphDoc, c: Connection | Edge): string | null {
  const port = portIndex(c.targetHandle);
  if (port === null || !c.source || !c.target) return t("editor.wireDirection");
  return connectionProblem(doc, fromFlowId(c.source), fromFlowId(c.target), port);
}

export function Canvas() {
  useT(); // the minimap's name follows the language
  const lang = useLang();
  // React Flow's descriptions of a focused node or wire, in the page's language.
  const ariaLabelConfig = useMemo(() => flowWords(), [lang]);
  const doc = useStore((s) => s.doc);
  const results = useStore((s) => s.results);
  const selectedNodes = useStore((s) => s.selectedNodes);
  const selectedEdges = useStore((s) => s.selectedEdges);
  const addBox = useStore((s) => s.addBox);
  const nodeMenu = useStore((s) => s.nodeMenu);
  const minimap = useStore((s) => s.minimap);
  const locked = useStore((s) => s.link.readonly);
  const hidden = useStore((s) => s.link.hidden);
  const trace = useStepper((s) => s.trace);
  const stepIndex = useStepper((s) => s.index);
  // While stepping through backward: the running node, and the wires its gradients take.
  const step = useMemo(
    () => (trace ? stepView(doc, trace, stepIndex) : null),
    [doc, trace, stepIndex],
  );
  // While stepping, a leaf's .grad shows what the walk has added so far, not the pass's end.
  const stepResults = useMemo(() => {
    if (!trace) return results;
    const shown = new Map(results);
    for (const [id, g] of leafGradsAt(trace, stepIndex)) {
      const r = results.get(id);
      if (r) shown.set(id, { ...r, grad: g.grad, grad_data: null, has_grad: true });
    }
    return shown;
  }, [results, trace, stepIndex]);
  const revealed = useRevealed(doc.nodes.length);
  const dragOrigin = useRef<GraphDoc | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const flowRef = useRef<ReactFlowInstance<CanvasNode, Edge> | null>(null);
  // What the canvas shows, in flow coordinates, once a pan or zoom ends (large graphs only).
  const [view, setView] = useState<Rect | null>(null);
  const updateView = useCallback(() => {
    const rf = flowRef.current;
    const box = wrapper.current?.getBoundingClientRect();
    if (!rf || !box) return;
    const a = rf.screenToFlowPosition({ x: box.left, y: box.top });
    const b = rf.screenToFlowPosition({ x: box.right, y: box.bottom });
    setView({ x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y });
  }, []);
  // Node sizes measured by React Flow: controlled nodes must carry them back, or the
  // minimap and fit-view see zero-sized nodes.
  const measured = useRef(new Map<string, { width: number; height: number }>());
  // Collapsed groups' boxes, measured the same way, by group id (layout reads them).
  const boxSizes = useRef(new Map<string, { width: number; height: number }>());
  const [sizeEpoch, setSizeEpoch] = useState(0);
  // Zoomed out, nodes are drawn simplified (canvas/lod.ts) at a fixed size: frames fit that.
  const detail = useDetail();
  const groups = useMemo<GroupLayout>(
    () =>
      groupLayout(
        doc,
        detail === "full" ? (id) => measured.current.get(id) : () => OVERVIEW_SIZE[detail],
        GUESSED_SIZE,
        isLeafOp,
      ),
    // sizeEpoch: a member that grew makes its frame grow.
    [doc, sizeEpoch, detail],
  );

  // Reuse each node's data object while its inputs are unchanged, so the memoised node
  // components skip re-rendering when something elsewhere in the graph changes.
  const dataCache = useRef(new Map<string, OpFlowNode["data"]>());
  const flowNodes = useRef(new Map<string, OpFlowNode>());
  const nodes = useMemo<CanvasNode[]>(() => {
    const sel = new Set(selectedNodes);
    const large = doc.nodes.length > LARGE_GRAPH_NODES;
    const cache = dataCache.current;
    const next = new Map<string, OpFlowNode["data"]>();
    const nodeCache = flowNodes.current;
    const nextNodes = new Map<string, OpFlowNode>();
    const drawn = doc.nodes.slice(0, revealed).filter((n) => !groups.hiddenBy.has(n.id));
    const out = drawn.map((n): OpFlowNode => {
      const spec = getOp(n.op);
      const ins = nodeInputs(n);
      const connected = spec ? spec.inputs.filter((_, i) => ins[i] != null).map((p) => p.name) : [];
      const old = cache.get(n.id);
      const data =
        old &&
        old.node === n &&
        old.result === stepResults.get(n.id) &&
        old.connected.join() === connected.join()
          ? old
          : { node: n, result: stepResults.get(n.id), connected };
      next.set(n.id, data);
      const x = n.pos?.[0] ?? 0;
      const y = n.pos?.[1] ?? 0;
      const selected = sel.has(n.id);
      const className =
        step?.step.node === n.id
          ? "step-current"
          : step?.targets.has(n.id)
            ? "step-target"
            : undefined;
      const size = measured.current.get(n.id);
      const ariaLabel = nodeName(n, !!stepResults.get(n.id)?.error);
      // The same object as last time when nothing in it changed: React Flow then skips the
      // node outright (it compares by identity) instead of rebuilding its internal copy.
      const last = nodeCache.get(n.id);
      const kept =
        last &&
        last.data === data &&
        last.selected === selected &&
        last.className === className &&
        last.ariaLabel === ariaLabel &&
        last.measured === size &&
        last.position.x === x &&
        last.position.y === y &&
        (last.initialWidth !== undefined) === large
          ? last
          : {
              id: toFlowId(n.id),
              type: "op" as const,
              ariaLabel,
              position: { x, y },
              selected,
              className,
              measured: size,
              // Off-screen nodes of a large graph are not drawn, so never measured: this size
              // stands in for fit-view and for deciding what is on screen.
              ...(large
                ? { initialWidth: GUESSED_SIZE.width, initialHeight: GUESSED_SIZE.height }
                : {}),
              data,
            };
      nextNodes.set(n.id, kept);
      return kept;
    });
    dataCache.current = next;
    flowNodes.current = nextNodes;
    // Frames first and beneath: React Flow stacks nodes in array order within a z level.
    const frames = groups.frames.map(({ group, rect }): GroupFrameNode => {
      const f = frameRect(rect);
      return {
        id: frameFlowId(group.id),
        type: "groupFrame",
        position: { x: f.x, y: f.y },
        width: f.width,
        height: f.height,
        measured: { width: f.width, height: f.height },
        zIndex: -1,
        selectable: false,
        draggable: false,
        focusable: false,
        data: { group },
      };
    });
    const heads = groups.frames.map(({ group, rect }): GroupHeadNode => {
      const f = frameRect(rect);
      return {
        id: groupFlowId(group.id),
        type: "groupHead",
        position: { x: f.x, y: f.y },
        zIndex: HEAD_Z,
        selectable: false,
        ariaLabel: group.label,
        data: { group },
      };
    });
    const running = step?.step.node;
    const boxes = groups.boxes.map(({ group, at, data }): GroupBoxNode => ({
      id: groupFlowId(group.id),
      type: "groupBox",
      position: { x: at[0], y: at[1] },
      selectable: false,
      ariaLabel: group.label,
      dragHandle: ".group-head",
      className:
        running != null && groups.hiddenBy.get(running) === group ? "step-current" : undefined,
      measured: boxSizes.current.get(group.id),
      data,
    }));
    return [...frames, ...out, ...boxes, ...heads];
    // lang: the nodes' names for screen readers are worded in it.
  }, [doc, stepResults, selectedNodes, sizeEpoch, step, revealed, groups, lang]);

  // Wires change with the nodes that failed, not with every new value: a Backward that only
  // changes .grad texts does not rebuild a large graph's wires.
  const failedKey = useMemo(
    () => [...results].flatMap(([id, r]) => (r.error ? [id] : [])).join("\n"),
    [results],
  );
  const failed = useMemo(() => new Set(failedKey ? failedKey.split("\n") : []), [failedKey]);

  const lastEdges = useRef(new Map<string, Edge>());
  const edges = useMemo<Edge[]>(() => {
    const sel = new Set(selectedEdges);
    const out: Edge[] = [];
    const shown = doc.nodes.slice(0, revealed);
    const ids = new Set(shown.map((n) => n.id));
    const near =
      view && doc.nodes.length > LARGE_GRAPH_NODES
        ? nodesNear(doc, view, (id) => measured.current.get(id))
        : null;
    for (const d of drawnWires(doc, groups, ids)) {
      if (d.wire === null) {
        // A wire re-attached to a collapsed group's box: drawn, but edited on the nodes it
        // really joins once the group is expanded.
        out.push({
          id: JSON.stringify(["group", d.source, d.sourceHandle, d.target, d.targetHandle]),
          source: d.source,
          target: d.target,
          sourceHandle: d.sourceHandle,
          targetHandle: d.targetHandle,
          selectable: false,
          deletable: false,
          // Drawn for the eye only: the wires it stands for are the ones to reach.
          focusable: false,
          className: "group-wire",
          zIndex: WIRE_Z,
        });
        continue;
      }
      const { source: src, target, port: i } = d.wire;
      if (near && !near.has(src) && !near.has(target)) continue;
      const id = edgeId(src, target, i);
      const wire: Edge = {
        id,
        source: d.source,
        target: d.target,
        sourceHandle: d.sourceHandle,
        targetHandle: d.targetHandle,
        selected: sel.has(id),
        ariaLabel: edgeName(labelOf(doc, src), portLabelOf(doc, target, i)),
        type: "wire",
        zIndex: WIRE_Z,
      };
      const flow = step?.edges.get(id);
      if (!flow) {
        out.push(failed.has(target) ? { ...wire, className: "edge-error" } : wire);
        continue;
      }
      // Several gradients leaving one node for the same input (dot(x, x)) take parallel
      // wires; their labels are spread apart so both stay readable.
      const siblings = [...step!.edges.values()].filter((f) => f.edge.to === src);
      const k = siblings.indexOf(flow);
      out.push({
        ...wire,
        type: "grad",
        data: { flow, offset: (k - (siblings.length - 1) / 2) * 124 },
        className: "edge-flow",
        markerStart: {
          type: MarkerType.ArrowClosed,
          color: "var(--color-grad)",
          width: 18,
          height: 18,
        },
        zIndex: 10,
      });
    }
    return keepSame(lastEdges.current, out);
  }, [doc, failed, selectedEdges, step, revealed, view, groups, lang]);

  // Nodes grow when the engine's first values arrive. Once they have, lay out again with the
  // real sizes if the layout was guessed, and fit the view, unless the person already moved
  // or edited something.
  const settled = useRef(false);
  const touched = useRef(false);
  useEffect(() => {
    if (settled.current || results.size === 0) return;
    // Members of a collapsed group are not drawn, so never measured: their box stands in.
    const drawn = doc.nodes.filter((n) => !groups.hiddenBy.has(n.id));
    if (!drawn.every((n) => measured.current.has(n.id) && results.get(n.id))) return;
    const t = setTimeout(() => {
      settled.current = true;
      const s = useStore.getState();
      const untouched = s.relayout === s.doc;
      if (untouched) setTransient(layoutDoc(s.doc, measured.current, false, boxSizes.current));
      setRelayout(null);
      if (!touched.current && (untouched || s.past.length === 0)) setTimeout(fitView, 30);
    }, 60);
    return () => clearTimeout(t);
  }, [doc, results, sizeEpoch, groups]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const s = useStore.getState();
    const pos = new Map<string, [number, number]>();
    let selNodes: Set<string> | null = null;
    let resized = false;
    // A zoomed-out node is drawn simplified (canvas/lod.ts): its size then is not the one to
    // lay out and fit by, so sizes are kept from the full view.
    const full = detailAt(flowRef.current?.getZoom() ?? 1) === "full";
    for (const c of changes) {
      const groupId = "id" in c ? groupIdOf(c.id) : null;
      if (groupId !== null) {
        const collapsed = groupsOf(s.doc).find((g) => g.id === groupId)?.collapsed;
        if (c.type === "dimensions" && c.dimensions && full && collapsed) {
          const old = boxSizes.current.get(groupId);
          const { width, height } = c.dimensions;
          if (!old || old.width !== width || old.height !== height) {
            boxSizes.current.set(groupId, { width, height });
            resized = true;
          }
        } else if (c.type === "position" && c.position) {
          // Dragging a frame or a box moves the group's members with it.
          const doc = setPositions(s.doc, pos);
          const at = groupCorner(doc, groupId, (id) =>
            full
              ? measured.current.get(id)
              : OVERVIEW_SIZE[
                  detailAt(flowRef.current?.getZoom() ?? 1) === "box" ? "box" : "overview"
                ],
          );
          const g = groupsOf(doc).find((x) => x.id === groupId);
          if (at && g)
            for (const [id, p] of moveGroup(doc, g, c.position.x - at[0], c.position.y - at[1]))
              pos.set(id, p);
        }
        continue;
      }
      if (c.type === "dimensions" && c.dimensions) {
        if (!full) continue;
        const id = fromFlowId(c.id);
        const old = measured.current.get(id);
        if (!old || old.width !== c.dimensions.width || old.height !== c.dimensions.height) {
          measured.current.set(id, c.dimensions);
          resized = true;
        }
      } else if (c.type === "position" && c.position)
        pos.set(fromFlowId(c.id), [c.position.x, c.position.y]);
      else if (c.type === "select") {
        selNodes ??= new Set(s.selectedNodes);
        if (c.selected) selNodes.add(fromFlowId(c.id));
        else selNodes.delete(fromFlowId(c.id));
      }
    }
    if (pos.size) setTransient(setPositions(useStore.getState().doc, pos));
    if (selNodes) setSelection([...selNodes], useStore.getState().selectedEdges);
    if (resized) setSizeEpoch((e) => e + 1);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    let sel: Set<string> | null = null;
    for (const c of changes)
      if (c.type === "select") {
        sel ??= new Set(useStore.getState().selectedEdges);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
    if (sel) setSelection(useStore.getState().selectedNodes, [...sel]);
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => problemOf(useStore.getState().doc, c) === null,
    [],
  );

  const onConnect = useCallback((c: Connection) => {
    const doc = useStore.getState().doc;
    const problem = problemOf(doc, c);
    if (problem) {
      say(problem);
      return;
    }
    connectWire(fromFlowId(c.source), fromFlowId(c.target), portIndex(c.targetHandle)!);
  }, []);

  // React Flow refuses invalid drops silently; tell the person why the wire did not stick.
  const onConnectEnd: OnConnectEnd = useCallback((_e, state: FinalConnectionState) => {
    if (state.isValid || !state.toHandle || !state.fromHandle) return;
    const from = state.fromHandle;
    const to = state.toHandle;
    const [src, tgt] = from.type === "source" ? [from, to] : [to, from];
    if (src.type !== "source" || tgt.type !== "target") {
      say(t("editor.wireDirection"));
      return;
    }
    const problem = problemOf(useStore.getState().doc, {
      source: src.nodeId,
      target: tgt.nodeId,
      sourceHandle: src.id ?? null,
      targetHandle: tgt.id ?? null,
    });
    if (problem) say(problem, 8000);
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    const types = e.dataTransfer.types;
    if (
      (types.includes(DND_TYPE) || types.includes("Files")) &&
      !useStore.getState().link.readonly
    ) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    }
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    if (!flowRef.current || useStore.getState().link.readonly) return;
    const op = e.dataTransfer.getData(DND_TYPE);
    const file = e.dataTransfer.files[0];
    if (!op && !file) return;
    // Else the browser opens a dropped file in place of the page.
    e.preventDefault();
    const p = flowRef.current.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    // Center the node's header under the pointer, where the person let go.
    const at: [number, number] = [p.x - 100, p.y - 20];
    if (op) addOp(op, at);
    else if (file) void dropFile(file, at);
  }, []);

  const onDoubleClick = useCallback((e: React.MouseEvent) => {
    const target = e.target as HTMLElement;
    if (!target.classList.contains("react-flow__pane") || !flowRef.current) return;
    if (useStore.getState().link.readonly) return;
    const p = flowRef.current.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const r = wrapper.current!.getBoundingClientRect();
    openAddBox({ screen: [e.clientX - r.left, e.clientY - r.top], flow: [p.x, p.y] });
  }, []);

  // Phones: a sheet opening or closing below the canvas changes its height (layout.css).
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    let height = el.clientHeight;
    const ro = new ResizeObserver(() => {
      const now = el.clientHeight;
      if (now !== height && height > 0 && now > 0 && isPhone()) keepCentre(height, now);
      height = now;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const press = useRef<Press | null>(null);
  // The finger that opened a menu by resting lifts with a click, which would land on the
  // menu it just opened and close it.
  const swallowClick = useRef(false);
  const endPress = useCallback(() => {
    press.current?.cancel();
    press.current = null;
  }, []);
  const onPointerDown = useCallback(
    (e: React.PointerEvent) => {
      endPress();
      swallowClick.current = false;
      press.current = startPress(e, (id, x, y) => {
        press.current = null;
        swallowClick.current = true;
        // Just below the finger, which would cover its first item.
        openNodeMenu({ node: fromFlowId(id), at: menuAt(x, y + 16) });
      });
    },
    [endPress],
  );
  const onClickCapture = useCallback((e: React.MouseEvent) => {
    if (!swallowClick.current) return;
    swallowClick.current = false;
    e.stopPropagation();
  }, []);
  const onPointerMove = useCallback(
    (e: React.PointerEvent) => {
      // A finger that moves drags the node or pans: no menu.
      if (press.current && !stillPressing(press.current, { x: e.clientX, y: e.clientY }))
        endPress();
    },
    [endPress],
  );

  const onMoveStart: OnMoveStart = useCallback((e) => {
    // Only a person's pan or zoom has an event; fitView's own moves have none.
    if (e) touched.current = true;
  }, []);
  const onNodeDragStart = useCallback(() => {
    dragOrigin.current = useStore.getState().doc;
  }, []);
  const onNodeDragStop = useCallback(() => {
    if (dragOrigin.current) pushHistory(dragOrigin.current);
    dragOrigin.current = null;
  }, []);
  const onNodeContextMenu: NodeMouseHandler<CanvasNode> = useCallback((e, n) => {
    e.preventDefault();
    if (n.type !== "op") return;
    openNodeMenu({ node: fromFlowId(n.id), at: menuAt(e.clientX, e.clientY) });
  }, []);
  const onInit: OnInit<CanvasNode, Edge> = useCallback(
    (rf) => {
      flowRef.current = rf;
      updateView();
      setFlowInstance(rf as unknown as ReactFlowInstance);
      requestAnimationFrame(fitView);
    },
    [updateView],
  );

  return (
    <div
      className="canvas"
      id={CANVAS_ID}
      // The skip link's target: focusable from script only, so it is no extra tab stop.
      tabIndex={-1}
      role="region"
      aria-label={t("a11y.canvas")}
      onKeyDown={keepFocusOnEscape}
      onFocus={revealFocusedNode}
      ref={wrapper}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDoubleClick={onDoubleClick}
      onPointerDownCapture={onPointerDown}
      onPointerMoveCapture={onPointerMove}
      onPointerUpCapture={endPress}
      onPointerCancelCapture={endPress}
      onClickCapture={onClickCapture}
    >
      <ReactFlow<CanvasNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={canvasNodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        nodesConnectable={!locked}
        onMoveStart={onMoveStart}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onMoveEnd={updateView}
        onNodeContextMenu={onNodeContextMenu}
        onInit={onInit}
        ariaLabelConfig={ariaLabelConfig}
        autoPanOnNodeFocus={false}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        onlyRenderVisibleElements={doc.nodes.length > LARGE_GRAPH_NODES}
        {...FRAMING}
        // viewport.ts frames the graph (onInit, then once values arrive): React Flow's own fit
        // would centre a wide graph, and whichever ran last would win.
        fitView={false}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      >
        <Backdrop interactive controls={!hidden.has("controls")}>
          {!hidden.has("minimap") && (
            <ActionButton
              name="toggleMinimap"
              className="react-flow__controls-button minimap-toggle"
              pressed={minimap}
            />
          )}
        </Backdrop>
        {minimap && !hidden.has("minimap") && (
          <MiniMap
            pannable
            zoomable
            ariaLabel={t("editor.overview")}
            nodeColor={minimapColour}
            nodeStrokeWidth={2}
          />
        )}
      </ReactFlow>
      {addBox && <AddOpBox box={addBox} />}
      {nodeMenu && <NodeMenu menu={nodeMenu} />}
    </div>
  );
}
