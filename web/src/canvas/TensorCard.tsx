// A tensor as both canvases draw it, from the engine's one description of it (TensorView):
// the printed value, shape, dtype, autograd state and .grad, as PyTorch prints them.
import { useScrollFocus } from "../a11y/useScrollFocus";
import "./tensor.css";
import { memo } from "react";
import type { TensorView } from "../engine/protocol";
import { canShowHeatmap, HeatMap, HeatMapToggle, MiniHeatMap } from "../heatmap/HeatMap";
import { useHeatmaps } from "../heatmap/store";
import { toggleExpanded, useStore } from "../store/store";
import { useT } from "../i18n";

/** grad_fn as PyTorch prints it in a repr: `<MulBackward0>`. */
export function gradFnText(name: string): string {
  return name.startsWith("<") ? name : `<${name}>`;
}

interface Props {
  t: TensorView;
  /** The name the tensor goes by on the canvas (its label, else its id). */
  name: string;
  /** Offers a heat map of the numbers, remembered under this id (the editable graph's nodes). */
  heatmapId?: string;
  /** Leaves of the editable graph show requires_grad as their own checkbox instead. */
  hideRequiresGrad?: boolean;
  /** Replays a flash whenever the .grad text changes, so gradients visibly arrive. */
  flash?: boolean;
  /** Makes the .grad label a button that explains the gradient (the editable graph). */
  onExplainGrad?: () => void;
  explainTitle?: string;
  /** Where the choice to show this tensor whole is remembered (the store's `expanded`). */
  expandKey: string;
}

function shapeText(shape: number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}

/** The switch between a large tensor's summary and its whole text. */
function ExpandToggle({
  expandKey,
  name,
  expanded,
}: {
  expandKey: string;
  name: string;
  expanded: boolean;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className="expand-toggle nodrag"
      aria-expanded={expanded}
      aria-label={t("canvas.expandLabel", { name })}
      title={expanded ? t("canvas.collapseTitle") : t("canvas.expandTitle")}
      onClick={(e) => {
        e.stopPropagation();
        toggleExpanded(expandKey);
      }}
    >
      {expanded ? `▾ ${t("canvas.collapse")}` : `▸ ${t("canvas.expand")}`}
    </button>
  );
}

/** The .grad label: a button that explains the gradient where the canvas offers that. */
function GradLabel({ t, onExplainGrad, explainTitle }: Props) {
  if (!onExplainGrad || !t.grad) return <span className="grad-label">.grad</span>;
  return (
    <button
      type="button"
      className="grad-label grad-explain nodrag"
      onClick={onExplainGrad}
      title={explainTitle}
      data-explain-grad
    >
      .grad
    </button>
  );
}

/** shape, dtype, requires_grad and grad_fn, as the meta line of both views prints them. */
function MetaFacts({ t, hideRequiresGrad }: Props) {
  const tr = useT();
  return (
    <>
      {t.shape && <span title={tr("canvas.shapeTitle")}>{shapeText(t.shape)}</span>}
      {t.dtype && <span title={tr("canvas.dtypeTitle")}>{t.dtype}</span>}
      {!hideRequiresGrad && t.requires_grad !== null && (
        <span title="requires_grad">requires_grad={t.requires_grad ? "True" : "False"}</span>
      )}
      {t.grad_fn && <span title="grad_fn">grad_fn={gradFnText(t.grad_fn)}</span>}
    </>
  );
}

/** A large tensor by default: a few values, a small heat map, and the same meta line. */
function Summary(props: Props) {
  const { t, name, flash, expandKey } = props;
  return (
    <>
      <div className="tensor-summary" data-summary>
        <code className="summary-values">{t.preview}</code>
        {t.data != null && <MiniHeatMap data={t.data} label={name} />}
      </div>
      <div className="node-meta">
        <ExpandToggle expandKey={expandKey} name={name} expanded={false} />
        <MetaFacts {...props} />
      </div>
      {t.has_grad && (
        <div className="node-grad">
          <GradLabel {...props} />
          <div
            key={flash ? (t.grad ?? "None") : undefined}
            className={`tensor-summary${t.grad ? (flash ? " flash" : "") : " none"}`}
            data-grad-summary
          >
            <code className="summary-values">{t.grad_preview ?? t.grad ?? "None"}</code>
            {t.grad_data != null && <MiniHeatMap data={t.grad_data} label={`${name}.grad`} />}
          </div>
        </div>
      )}
    </>
  );
}

function TensorCardImpl(props: Props) {
  const { t, name, heatmapId, flash, expandKey } = props;
  const expanded = useStore((s) => s.expanded.has(expandKey));
  const heatmapOn = useHeatmaps((s) => heatmapId !== undefined && s.on.has(heatmapId));
  const heatmapable = heatmapId !== undefined && canShowHeatmap(t.shape, t.data);
  const summarised = t.preview != null;
  const valueBox = useScrollFocus<HTMLPreElement>();
  const gradBox = useScrollFocus<HTMLPreElement>();
  if (summarised && !expanded) return <Summary {...props} />;
  return (
    <>
      {heatmapOn && heatmapable ? (
        <HeatMap data={t.data!} label={name} />
      ) : (
        <pre className="tensor-text" data-value ref={valueBox}>
          {t.value}
        </pre>
      )}
      <div className="node-meta">
        {summarised && <ExpandToggle expandKey={expandKey} name={name} expanded />}
        {heatmapable && <HeatMapToggle id={heatmapId} name={name} />}
        <MetaFacts {...props} />
      </div>
      {t.has_grad && (
        <div className="node-grad">
          <GradLabel {...props} />
          {heatmapOn && t.grad_data != null ? (
            <HeatMap data={t.grad_data} label={`${name}.grad`} />
          ) : (
            <pre
              // Keyed on the text so that every change replays the flash.
              key={flash ? (t.grad ?? "None") : undefined}
              className={`tensor-text${t.grad ? (flash ? " flash" : "") : " none"}`}
              data-grad
              ref={gradBox}
            >
              {t.grad ?? "None"}
            </pre>
          )}
        </div>
      )}
    </>
  );
}

export const TensorCard = memo(TensorCardImpl);
