// The code's autograd graph, drawn read-only with the editor's node look and tensor card
// (canvas/TensorCard.tsx) and laid out by the editor's layout (canvas/layout.ts). It has its
// own React Flow provider, so it never touches the editor's viewport or selection.
import "../nodes/nodes.css";
import "./code.css";
import { memo, useMemo } from "react";
import { useStore } from "../store/store";
import { OverviewNode } from "../canvas/OverviewNode";
import { useDetail } from "../canvas/lod";
import {
  Handle,
  Position,
  ReactFlow,
  ReactFlowProvider,
  type Edge,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import type { CodeGraph, CodeGraphNode } from "../engine/protocol";
import { showCanvas, useCode } from "./store";
import { layoutNodes, type Size } from "../canvas/layout";
import { TensorCard } from "../canvas/TensorCard";
import { Backdrop, ComfortableFit, framing } from "../canvas/flow";
import { useLang, useT } from "../i18n";
import { flowWords } from "../a11y/names";
import { explainCodeTensor } from "../explain/store";

type TensorFlowNode = Node<{ t: CodeGraphNode; vertical: boolean }, "tensor">;

const FRAMING = framing(0.15);

/** The key under which a code graph's tensor is remembered as expanded (the store's). */
const expandKey = (id: string) => `code:${id}`;

function TensorNodeImpl({ data }: NodeProps<TensorFlowNode>) {
  const t = data.t;
  const tr = useT();
  const detail = useDetail();
  if (detail !== "full")
    return (
      <OverviewNode
        id={t.id}
        name={t.name ?? ""}
        op={t.grad_fn ?? (t.is_leaf ? tr("notebook.leaf") : tr("notebook.tensor"))}
        t={t}
        leaf={!!t.is_leaf}
        error={false}
        detail={detail}
      >
        <Ends vertical={data.vertical} />
      </OverviewNode>
    );
  if (!t.name) return <UnnamedNode t={t} vertical={data.vertical} />;
  const name = t.name;
  return (
    <div className={`op-node code-node${t.is_leaf ? " leaf" : ""}`} data-node-id={t.id}>
      <div className="node-header">
        <Ends vertical={data.vertical} />
        <span className="node-label code-name">{name}</span>
        <span className="node-op">{t.grad_fn ?? (t.is_leaf ? tr("notebook.leaf") : "")}</span>
        <ExplainButton t={t} name={name} />
      </div>
      <div className="node-result">
        <TensorCard
          t={t}
          name={name}
          expandKey={expandKey(t.id)}
          onExplainGrad={() => void explainCodeTensor(t.id, name)}
          explainTitle={tr("explain.codeButtonTitle", { name })}
        />
      </div>
    </div>
  );
}

/** Explain the gradient that reaches this tensor, for any tensor a gradient can reach
 *  (a named one's .grad label does the same). */
function ExplainButton({ t, name }: { t: CodeGraphNode; name: string }) {
  const tr = useT();
  if (!t.requires_grad) return null;
  return (
    <button
      type="button"
      className="code-explain nodrag"
      aria-label={tr("explain.codeButtonTitle", { name })}
      title={tr("explain.codeButtonTitle", { name })}
      data-explain-code={t.id}
      onClick={() => void explainCodeTensor(t.id, name)}
    >
      ∂
    </button>
  );
}

/** Where wires attach: left/right in a left-to-right layout, top/bottom in a top-down one. */
function Ends({ vertical }: { vertical: boolean }) {
  return (
    <>
      <Handle
        type="target"
        position={vertical ? Position.Top : Position.Left}
        isConnectable={false}
      />
      <Handle
        type="source"
        position={vertical ? Position.Bottom : Position.Right}
        isConnectable={false}
      />
    </>
  );
}

/** A tensor only reachable through grad_fn (e.g. b inside a loop): its op and its value. */
function UnnamedNode({ t, vertical }: { t: CodeGraphNode; vertical: boolean }) {
  const tr = useT();
  return (
    <div className="op-node code-node unnamed" data-node-id={t.id} title={t.value ?? ""}>
      <div className="node-header">
        <span className="node-op">{t.grad_fn ?? tr("notebook.tensor")}</span>
        <Ends vertical={vertical} />
        <ExplainButton
          t={t}
          name={tr("explain.unnamed", { gradFn: t.grad_fn ?? tr("notebook.tensor") })}
        />
      </div>
      <div className="node-result">
        <pre className="tensor-text" data-value>
          {(t.value ?? "").split("\n")[0]}
        </pre>
      </div>
    </div>
  );
}

const nodeTypes = { tensor: memo(TensorNodeImpl) };

/** A node's size from its text, good enough for the layout: the page's font is monospace. */
function sizeOf(t: CodeGraphNode, expanded: ReadonlySet<string>): Size {
  if (!t.name) return { width: 240, height: 64 };
  if (t.preview != null && !expanded.has(expandKey(t.id))) {
    // The summary: a few values and a small heat map, for the value and for the .grad.
    const longest = Math.max(24, (t.preview ?? "").length, (t.grad_preview ?? "").length);
    return { width: Math.min(640, 60 + longest * 7.3), height: t.has_grad ? 330 : 220 };
  }
  const lines = [...(t.value ?? "").split("\n"), ...(t.has_grad ? (t.grad ?? "").split("\n") : [])];
  const longest = Math.max(24, ...lines.map((l) => l.length));
  return { width: Math.min(640, 60 + longest * 7.3), height: 96 + lines.length * 17 };
}

function layout(
  graph: CodeGraph,
  expanded: ReadonlySet<string>,
): { nodes: TensorFlowNode[]; edges: Edge[] } {
  const ids = graph.nodes.map((t) => t.id);
  const sizes = graph.nodes.map((t) => sizeOf(t, expanded));
  const wires = graph.edges.map((e) => [e.source, e.target] as const);
  const place = (rankdir: "LR" | "TB") =>
    layoutNodes(ids, sizes, wires, {
      rankdir,
      nodesep: 24,
      ranksep: rankdir === "LR" ? 56 : 36,
      margin: 20,
    });
  let g = place("LR");
  // A long chain (a loop's steps) left to right would shrink to nothing: stack it instead.
  const vertical = g.width > 5 * Math.max(g.height, 300);
  if (vertical) g = place("TB");
  const nodes = graph.nodes.map((t, i): TensorFlowNode => {
    const [x, y] = g.corners[i]!;
    return {
      id: t.id,
      type: "tensor",
      position: { x, y },
      data: { t, vertical },
      draggable: false,
      connectable: false,
      selectable: false,
    };
  });
  const edges = graph.edges.map((e): Edge => ({
    id: `${e.source}->${e.target}:${e.port}`,
    source: e.source,
    target: e.target,
    selectable: false,
  }));
  return { nodes, edges };
}

export function CodeCanvas() {
  const t = useT();
  const graph = useCode((s) => s.graph);
  const expanded = useStore((s) => s.expanded);
  const { nodes, edges } = useMemo(
    () => (graph ? layout(graph, expanded) : { nodes: [], edges: [] }),
    [graph, expanded],
  );
  const lang = useLang();
  const ariaLabelConfig = useMemo(() => flowWords(), [lang]);
  return (
    <div className="canvas code-canvas" data-code-graph>
      <ReactFlowProvider>
        <ReactFlow<TensorFlowNode, Edge>
          // A new graph gets a new instance, so fitView frames it.
          key={nodes.map((n) => n.id).join(",")}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          ariaLabelConfig={ariaLabelConfig}
          {...FRAMING}
          // ComfortableFit frames it: React Flow's own fit would centre a tall graph.
          fitView={false}
        >
          <Backdrop interactive={false} />
          <ComfortableFit />
        </ReactFlow>
      </ReactFlowProvider>
      {nodes.length === 0 && (
        <div className="code-canvas-empty" role="note">
          {t("notebook.noTensors")}
        </div>
      )}
      {graph?.truncated && (
        <div className="code-canvas-empty" role="note">
          {t("notebook.truncated")}
        </div>
      )}
    </div>
  );
}

/** Which graph the canvas shows, once there is code: the editable one or the code's. */
export function CanvasTabs() {
  const t = useT();
  const view = useCode((s) => s.view);
  const show = useCode((s) => s.open || s.graph !== null);
  if (!show) return null;
  const tab = (v: "graph" | "code", label: string, title: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view === v}
      className={`canvas-tab${view === v ? " active" : ""}`}
      title={title}
      onClick={() => showCanvas(v)}
    >
      {label}
    </button>
  );
  return (
    <div className="canvas-tabs" role="tablist" aria-label={t("notebook.tabsLabel")}>
      {tab("graph", t("notebook.tabGraph"), t("notebook.tabGraphTitle"))}
      {tab("code", t("notebook.tabCode"), t("notebook.tabCodeTitle"))}
    </div>
  );
}
