import { memo, useCallback, useEffect, useRef, useState } from "react";
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useStore as useFlowStore,
  type Edge,
  type EdgeProps,
} from "@xyflow/react";
import { deleteWire, wireWords } from "./commands";
import { useT } from "../i18n";
import { besideMiddle, BUTTON_GAP_PX } from "./wireButton";
import { useStore } from "../store/store";

export type WireEdge = Edge<Record<string, never>, "wire">;

// Long enough to move the pointer from the wire onto its button.
const LINGER_MS = 400;

/** A wire with a delete button beside its middle while it is hovered or selected (React
 *  Flow's "edge with button"), so a wire goes with the mouse alone; beside, not on it, so a
 *  click on the wire selects it and only a click on the button deletes it. */
function WireEdgeImpl(props: EdgeProps<WireEdge>) {
  const { id, selected, markerEnd, style } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const [hovered, setHovered] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const enter = useCallback(() => {
    clearTimeout(timer.current);
    setHovered(true);
  }, []);
  const leave = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setHovered(false), LINGER_MS);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  const locked = useStore((s) => s.link.readonly);
  const shown = !locked && (hovered || !!selected);
  const words = shown ? wireWords(id) : null;
  return (
    <>
      <g onMouseEnter={enter} onMouseLeave={leave}>
        <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={16} />
      </g>
      {words && (
        <WireButton
          id={id}
          words={words}
          path={path}
          middle={[labelX, labelY]}
          onMouseEnter={enter}
          onMouseLeave={leave}
        />
      )}
    </>
  );
}

interface ButtonProps {
  id: string;
  words: [string, string, string];
  path: string;
  middle: [number, number];
  onMouseEnter: () => void;
  onMouseLeave: () => void;
}

/** Apart from the wire, so that only a shown button follows the zoom: it keeps its size on
 *  screen however far the graph is zoomed out, where a wire is still worth clicking. */
function WireButton({ id, words, path, middle, onMouseEnter, onMouseLeave }: ButtonProps) {
  const grow = useFlowStore((s) => Math.max(1, 1 / s.transform[2]));
  const t = useT();
  const name = t("editor.deleteWireButton", { from: words[0], port: words[1], to: words[2] });
  // The gap grows with the button, so it stays BUTTON_GAP_PX off the wire on screen when
  // zoomed out, and scales with the wire when zoomed in.
  const at = besideMiddle(path, BUTTON_GAP_PX * grow) ?? middle;
  return (
    <EdgeLabelRenderer>
      <button
        type="button"
        className="wire-delete nodrag nopan"
        style={{
          transform: `translate(-50%, -50%) translate(${at[0]}px, ${at[1]}px) scale(${grow})`,
        }}
        data-wire={id}
        aria-label={name}
        title={name}
        onMouseEnter={onMouseEnter}
        onMouseLeave={onMouseLeave}
        onClick={(e) => {
          e.stopPropagation();
          deleteWire(id);
        }}
      >
        ×
      </button>
    </EdgeLabelRenderer>
  );
}

export const WireEdgeView = memo(WireEdgeImpl);
