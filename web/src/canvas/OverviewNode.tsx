// A node zoomed out too far for its text (canvas/lod.ts): its name, op and shape in large
// type, and a band whose colour says how large its .grad is; at the least zooms only the box
// and the band. Both canvases draw it in place of their full nodes.
import "./overview.css";
import { memo, type ReactNode } from "react";
import type { TensorView } from "../engine/protocol";
import { gradSize, type Detail } from "./lod";

import { t as i18nT, useT } from "../i18n";

interface Props {
  id: string;
  name: string;
  op: string;
  t: TensorView | undefined;
  leaf: boolean;
  error: boolean;
  selected?: boolean;
  detail: Exclude<Detail, "full">;
  /** The node's wire ends, where its full view has them. */
  children: ReactNode;
}

function shapeText(t: TensorView | undefined): string {
  if (!t?.shape) return i18nT("canvas.noTensor");
  return t.shape.length === 0 ? i18nT("canvas.scalar") : t.shape.join("×");
}

function OverviewNodeImpl({ id, name, op, t, leaf, error, selected, detail, children }: Props) {
  useT(); // re-render on a language change: the words below come from i18nT
  const size = t?.has_grad && t.grad != null ? gradSize(t.grad_data) : null;
  const gradTitle = !t?.has_grad
    ? null
    : t.grad == null
      ? i18nT("canvas.gradNone")
      : size
        ? i18nT("canvas.gradSize", { rms: Number(size.rms.toPrecision(3)) })
        : i18nT("canvas.gradUnknown");
  const shape = shapeText(t);
  return (
    <div
      className={`op-node overview-node ${detail}${leaf ? " leaf" : ""}${error ? " has-error" : ""}${selected ? " selected" : ""}`}
      data-node-id={id}
      data-op={op}
      data-detail={detail}
      title={`${name} · ${op} · ${shape}${gradTitle ? ` · ${gradTitle}` : ""}`}
    >
      {children}
      {detail === "overview" && (
        <>
          <div className="ov-name">{name}</div>
          <div className="ov-line">
            <span className="ov-op">{op}</span>
            <span className="ov-shape">{shape}</span>
          </div>
        </>
      )}
      {gradTitle && (
        <div
          className={`ov-grad${t?.grad == null ? " none" : ""}`}
          role="img"
          aria-label={gradTitle}
          style={
            size ? { ["--grad-level" as string]: `${(size.level * 100).toFixed(1)}%` } : undefined
          }
        />
      )}
    </div>
  );
}

export const OverviewNode = memo(OverviewNodeImpl);
