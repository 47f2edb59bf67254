import "./groups.css";
import { memo } from "react";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import type { TensorView } from "../engine/protocol";
import { useDetail, type Detail } from "../canvas/lod";
import { useStore } from "../store/store";
import type { BoxPort, GroupBoxNode } from "./flow";
import { ToggleButton } from "./GroupFrame";
import { GroupLabel } from "./GroupLabel";
import { useT } from "../i18n";

/** A tensor in a line or a few: the engine's preview of a large one, else its printout. */
function summary(t: string | null | undefined, preview: string | null | undefined): string | null {
  return preview ?? t ?? null;
}

function Value({ t }: { t: TensorView | undefined }) {
  const tr = useT();
  const shown = t && summary(t.value, t.preview);
  return <pre className="group-value">{shown ?? tr("groups.noValue")}</pre>;
}

function Grad({ name, t }: { name: string; t: TensorView | undefined }) {
  const g = t && summary(t.grad, t.grad_preview);
  if (!g) return null;
  return (
    <div className="group-grad" data-grad-of={name}>
      <span className="group-grad-name">{`${name}.grad`}</span>
      <pre className="group-grad-value">{g}</pre>
    </div>
  );
}

function Output({ port, k }: { port: BoxPort; k: number }) {
  const t = useStore((s) => s.results.get(port.node));
  return (
    <div
      className="group-port out"
      data-port={port.name}
      title={`${port.name} → ${port.peers.join(", ")}`}
    >
      <div className="group-port-name">{port.name}</div>
      <Value t={t} />
      <Grad name={port.name} t={t} />
      <Handle
        type="source"
        position={Position.Right}
        id={`gout-${k}`}
        className="handle-out"
        isConnectable={false}
      />
    </div>
  );
}

function LeafGrad({ id }: { id: string }) {
  const t = useStore((s) => s.results.get(id));
  const name = useStore((s) => s.doc.nodes.find((n) => n.id === id)?.label || id);
  return <Grad name={name} t={t} />;
}

/** The box zoomed out too far for its text (canvas/lod.ts): its name, size and port names
 *  in large type, the wire ends spread along its sides as a simplified node has them. */
function OverviewBox({
  data,
  detail,
}: {
  data: GroupBoxNode["data"];
  detail: Exclude<Detail, "full">;
}) {
  const tr = useT();
  const { group, inputs, outputs } = data;
  const spread = (k: number, n: number) => ({ top: `${((k + 1) * 100) / (n + 1)}%` });
  return (
    <div
      className={`group-box overview ${detail}`}
      data-group-id={group.id}
      data-collapsed="true"
      data-detail={detail}
      title={`${group.label} · ${tr("groups.count", { count: group.nodes.length })}`}
    >
      {inputs.map((p, k) => (
        <Handle
          key={p.node}
          type="target"
          position={Position.Left}
          id={`gin-${k}`}
          className="handle-in"
          isConnectable={false}
          style={spread(k, inputs.length)}
        />
      ))}
      {outputs.map((p, k) => (
        <Handle
          key={p.node}
          type="source"
          position={Position.Right}
          id={`gout-${k}`}
          className="handle-out"
          isConnectable={false}
          style={spread(k, outputs.length)}
        />
      ))}
      <div className="group-ov-head">
        <div className="ov-name">{group.label}</div>
        <ToggleButton id={group.id} label={group.label} collapsed />
      </div>
      {detail === "overview" && (
        <>
          <div className="ov-line">
            <span>{inputs.map((p) => p.name).join(", ")}</span>
            <span>→ {outputs.map((p) => p.name).join(", ")}</span>
          </div>
          <div className="ov-line">{tr("groups.count", { count: group.nodes.length })}</div>
        </>
      )}
    </div>
  );
}

/** A collapsed group: one box with the wires that cross its border as ports (inputs by the
 *  outside node that feeds them, outputs by the member read outside), the outputs' values
 *  and grads, and the grads its leaves hold. */
function GroupBoxImpl({ data }: NodeProps<GroupBoxNode>) {
  const tr = useT();
  const { group, inputs, outputs, leaves } = data;
  const anyGrad = useStore((s) => leaves.some((id) => s.results.get(id)?.grad));
  const detail = useDetail();
  if (detail !== "full") return <OverviewBox data={data} detail={detail} />;
  return (
    <div className="group-box" data-group-id={group.id} data-collapsed="true">
      <div className="group-head">
        <GroupLabel group={group} />
        <span className="group-count">{tr("groups.count", { count: group.nodes.length })}</span>
        <ToggleButton id={group.id} label={group.label} collapsed />
      </div>
      <div className="group-ports">
        <div className="group-ins">
          <div className="group-section">{tr("groups.inputs")}</div>
          {inputs.length === 0 && <div className="group-none">{tr("groups.noInputs")}</div>}
          {inputs.map((p, k) => (
            <div
              className="group-port in"
              key={p.node}
              data-port={p.name}
              title={`${p.name} → ${p.peers.join(", ")}`}
            >
              <Handle
                type="target"
                position={Position.Left}
                id={`gin-${k}`}
                className="handle-in"
                isConnectable={false}
              />
              <span className="group-port-name">{p.name}</span>
            </div>
          ))}
        </div>
        <div className="group-outs">
          <div className="group-section">{tr("groups.outputs")}</div>
          {outputs.map((p, k) => (
            <Output port={p} k={k} key={p.node} />
          ))}
        </div>
      </div>
      {anyGrad && (
        <div className="group-leaves">
          <div className="group-section">{tr("groups.grads")}</div>
          {leaves.map((id) => (
            <LeafGrad id={id} key={id} />
          ))}
        </div>
      )}
    </div>
  );
}

export const GroupBox = memo(GroupBoxImpl);
