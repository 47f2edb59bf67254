import "./nodes.css";
import { Fragment, memo, useCallback, useEffect, useState } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { getOp, type Json } from "../catalog/catalog";
import { setFlag, setLabel, setParam } from "../document/graph";
import type { DocNode, GraphDoc } from "../document/types";
import type { NodeResult } from "../engine/protocol";
import { commit, openNodeMenu, useStore } from "../store/store";
import { menuAt } from "../editor/NodeMenu";
import { ParamField } from "./ParamField";
import { TableButton } from "../data/TableButton";
import { TrainedNote } from "./TrainedNote";
import { MAX_LABEL_CHARS } from "../document/limits";
import { TensorCard } from "../canvas/TensorCard";
import { explainGradient } from "../explain/store";
import { OverviewNode } from "../canvas/OverviewNode";
import { useDetail } from "../canvas/lod";
import { useLang, useT } from "../i18n";
import { localized } from "../i18n/localized";
import { ErrorHelp } from "../messages/ErrorHelp";

export type OpNodeData = {
  node: DocNode;
  result: NodeResult | undefined;
  /** Names of connected input ports: a param of the same name is then unused. */
  connected: string[];
};
export type OpFlowNode = Node<OpNodeData, "op">;

function edit(f: (doc: GraphDoc) => GraphDoc, key?: string) {
  const doc = useStore.getState().doc;
  commit(f(doc), key);
}

/** Clicks on a node's controls edit it without selecting it: Backward acts on the selection,
 *  and ticking x's requires_grad must not quietly make x the node .backward() is called on. */
function stopSelect(e: React.MouseEvent) {
  e.stopPropagation();
}

function LabelInput({ node }: { node: DocNode }) {
  const t = useT();
  const locked = useStore((s) => s.link.readonly);
  const [text, setText] = useState(node.label ?? "");
  useEffect(() => setText(node.label ?? ""), [node.label]);
  return (
    <input
      className="nodrag node-label"
      onClick={stopSelect}
      aria-label={t("nodes.nameOf", { id: node.id })}
      value={text}
      readOnly={locked}
      placeholder={node.id}
      spellCheck={false}
      maxLength={MAX_LABEL_CHARS}
      size={Math.max(2, Math.min(14, (text || node.id).length + 1))}
      onChange={(e) => {
        setText(e.target.value);
        edit((d) => setLabel(d, node.id, e.target.value), `${node.id}:label`);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === "Escape") (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

interface FlagBoxProps {
  /** PyTorch's name for the switch, shown as its label. */
  name: "requires_grad" | "retain_grad" | "no_grad";
  title: string;
  checked: boolean;
  /** requires_grad is a leaf's param; the others are flags of the node itself. */
  kind: "param" | "flag";
  onChange: (checked: boolean) => void;
}

/** A non-leaf's own switches: tensor.retain_grad() and computing it under torch.no_grad(). */
const NODE_FLAGS = [
  { name: "retain_grad", title: "nodes.retainGradTitle" },
  { name: "no_grad", title: "nodes.noGradTitle" },
] as const;

/** One of a node's autograd switches. */
function FlagBox({ name, title, checked, kind, onChange }: FlagBoxProps) {
  return (
    <label className="flag" title={title}>
      <input
        type="checkbox"
        className="nodrag"
        {...{ [`data-${kind}`]: name }}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      {name}
    </label>
  );
}

function Pending() {
  const t = useT();
  const status = useStore((s) => s.engineStatus);
  const evalError = useStore((s) => s.evalError);
  if (status === "error") return <div className="node-pending">{t("nodes.engineDidNotLoad")}</div>;
  if (evalError)
    return (
      <div className="node-error" data-error role="note">
        {t("nodes.notComputed", { error: evalError })}
      </div>
    );
  const text = status === "loading" ? t("nodes.waiting") : t("nodes.computing");
  return <div className="node-pending">{text}</div>;
}

function OpNodeImpl({ data, selected, isConnectable }: NodeProps<OpFlowNode>) {
  const { node, result, connected } = data;
  const t = useT();
  const lang = useLang();
  const spec = getOp(node.op);
  const id = node.id;
  const onParam = useCallback(
    (name: string, value: Json) => edit((d) => setParam(d, id, name, value), `${id}:param:${name}`),
    [id],
  );
  const explainThis = useCallback(() => void explainGradient(id), [id]);
  const detail = useDetail();
  // A read-only link: every field shows its value and none takes an edit.
  const locked = useStore((s) => s.link.readonly);
  if (!spec) return <div className="op-node error">{t("nodes.unknownOp", { op: node.op })}</div>;
  if (detail !== "full")
    return (
      <OverviewNode
        id={id}
        name={node.label || id}
        op={node.op}
        t={result?.error ? undefined : result}
        leaf={!!spec.leaf}
        error={!!result?.error}
        selected={selected}
        detail={detail}
      >
        <Handle
          type="source"
          position={Position.Right}
          id="out"
          className="handle-out"
          isConnectable={isConnectable}
        />
        {spec.inputs.map((inp, i) => (
          <Handle
            isConnectable={isConnectable}
            key={inp.name}
            type="target"
            position={Position.Left}
            id={`in-${i}`}
            className={`handle-in${inp.optional ? " optional" : ""}`}
            style={{ top: `${((i + 1) * 100) / (spec.inputs.length + 1)}%` }}
          />
        ))}
      </OverviewNode>
    );

  const params = spec.params.filter((p) => !(spec.leaf && p.name === "requires_grad"));
  const rgSpec = spec.leaf ? spec.params.find((p) => p.name === "requires_grad") : undefined;
  const requiresGrad = rgSpec ? (node.params?.requires_grad ?? rgSpec.default) === true : false;
  const error = result?.error ?? null;

  return (
    <div
      className={`op-node${selected ? " selected" : ""}${error ? " has-error" : ""}${spec.leaf ? " leaf" : ""}`}
      data-node-id={id}
      data-op={node.op}
    >
      <div className="node-header" title={localized(spec, "doc", lang)}>
        <LabelInput node={node} />
        <span className="node-op">{node.op}</span>
        <button
          type="button"
          className="nodrag node-menu-button"
          aria-label={t("editor.nodeMenuButton", { name: node.label || id })}
          title={t("editor.nodeMenuButton", { name: node.label || id })}
          aria-haspopup="menu"
          onClick={(e) => {
            e.stopPropagation();
            const b = e.currentTarget.getBoundingClientRect();
            openNodeMenu({ node: id, at: menuAt(b.left, b.bottom + 4) });
          }}
        >
          ⋯
        </button>
        <Handle
          isConnectable={isConnectable}
          type="source"
          position={Position.Right}
          id="out"
          className="handle-out"
          title={t("nodes.outputHandle")}
        />
      </div>

      {spec.inputs.length > 0 && (
        <div className="node-ports">
          {spec.inputs.map((inp, i) => (
            <div className="node-port" key={inp.name}>
              <Handle
                isConnectable={isConnectable}
                type="target"
                position={Position.Left}
                id={`in-${i}`}
                className={`handle-in${inp.optional ? " optional" : ""}`}
                title={inp.optional ? t("nodes.optional", { name: inp.name }) : inp.name}
              />
              <span className="port-name">
                {inp.name}
                {inp.optional && <span className="optional-mark">?</span>}
              </span>
            </div>
          ))}
        </div>
      )}

      {(params.length > 0 || rgSpec || !spec.leaf) && (
        <div className="node-params" onClick={stopSelect}>
          <fieldset className="node-lock" disabled={locked}>
            {params.map((p) => (
              <Fragment key={p.name}>
                {p.kind === "text" ? (
                  <TableButton node={id} />
                ) : (
                  <ParamField
                    spec={p}
                    value={node.params?.[p.name]}
                    disabled={connected.includes(p.name)}
                    disabledReason={t("nodes.fromWire")}
                    onChange={(v) => onParam(p.name, v)}
                  />
                )}
                {p.name === "value" && requiresGrad && <TrainedNote />}
              </Fragment>
            ))}
            <div className="node-flags">
              {rgSpec && (
                <FlagBox
                  name="requires_grad"
                  kind="param"
                  title={rgSpec.doc ? localized(rgSpec, "doc", lang) : t("nodes.requiresGradTitle")}
                  checked={requiresGrad}
                  onChange={(on) => onParam("requires_grad", on)}
                />
              )}
              {!spec.leaf &&
                NODE_FLAGS.map(({ name, title }) => (
                  <FlagBox
                    key={name}
                    name={name}
                    kind="flag"
                    title={t(title)}
                    checked={!!node[name]}
                    onChange={(on) => edit((d) => setFlag(d, id, name, on))}
                  />
                ))}
            </div>
          </fieldset>
        </div>
      )}

      <div className="node-result">
        {error ? (
          <>
            <div className="node-error" data-error role="note">
              {error}
            </div>
            <ErrorHelp error={error} />
          </>
        ) : result ? (
          <TensorCard
            t={result}
            name={node.label || id}
            heatmapId={id}
            expandKey={id}
            hideRequiresGrad={spec.leaf}
            flash
            onExplainGrad={explainThis}
            explainTitle={t("explain.buttonTitle", { name: node.label || id })}
          />
        ) : (
          <Pending />
        )}
      </div>
    </div>
  );
}

export const OpNode = memo(OpNodeImpl);
export const nodeTypes = { op: OpNode };
