// The graph as a picture: html-to-image redraws React Flow's viewport (nodes as HTML, wires as
// SVG) into an SVG or a PNG, framed on the whole graph rather than the part in view (React
// Flow's "download image" example). The canvas's controls, minimap and panels sit outside the
// viewport, so they are never in it; the background is the theme's canvas colour.
import { toBlob, toSvg } from "html-to-image";
import { say } from "../store/store";
import { downloadBlob } from "../share/download";
import { t } from "../i18n";
import { frameTransform, graphFrame, pictureSize, PNG_PIXEL_RATIO, type ScreenBox } from "./frame";

export type PictureKind = "png" | "svg";

export const PICTURE_NAME = "autograd-graph";

function viewportElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>(".canvas-area .react-flow__viewport");
}

/** What the picture holds: nodes, wires and the labels on wires. */
const DRAWN = ".react-flow__node, .react-flow__edge-path, .react-flow__edgelabel-renderer > *";
/** Buttons that float over a node or wire while the pointer is there are not the graph. */
const LEFT_OUT = ["wire-delete", "node-menu-button"];

function keep(node: Node): boolean {
  return !(node instanceof Element && LEFT_OUT.some((c) => node.classList.contains(c)));
}

/** html-to-image 1.11.13 copies an <svg> whole without the sheet's styles of what is inside
 *  it (bubkoo/html-to-image#516), so the wires would lose their stroke and come out black or
 *  not at all. The computed styles are written onto the wires' own elements while the copy is
 *  made, and the elements are given back as they were. */
const SVG_STYLES = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "stroke-linecap",
  "opacity",
  "visibility",
] as const;

function inlineSvgStyles(root: Element): () => void {
  const undo: (() => void)[] = [];
  for (const el of root.querySelectorAll<SVGElement>("svg *")) {
    const before = el.getAttribute("style");
    const css = getComputedStyle(el);
    for (const p of SVG_STYLES) el.style.setProperty(p, css.getPropertyValue(p));
    undo.push(() =>
      before === null ? el.removeAttribute("style") : el.setAttribute("style", before),
    );
  }
  return () => undo.forEach((f) => f());
}

function zoomOf(el: HTMLElement): number {
  const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
  return m.a || 1;
}

/** Saves the graph on the canvas, as shown (values, grads, a step's labels), as a file. */
export async function downloadPicture(kind: PictureKind): Promise<void> {
  const vp = viewportElement();
  const pane = vp?.parentElement;
  if (!vp || !pane) return;
  const zoom = zoomOf(vp);
  const m = new DOMMatrixReadOnly(getComputedStyle(vp).transform);
  const paneBox = pane.getBoundingClientRect();
  const boxes: ScreenBox[] = [...vp.querySelectorAll(DRAWN)].map((e) => e.getBoundingClientRect());
  const frame = graphFrame(boxes, { x: paneBox.left + m.e, y: paneBox.top + m.f }, zoom);
  if (!frame) {
    say(t("picture.empty"), 4000);
    return;
  }
  const size = pictureSize(frame, zoom, PNG_PIXEL_RATIO);
  const options = {
    width: size.width,
    height: size.height,
    backgroundColor: getComputedStyle(vp).getPropertyValue("--color-canvas").trim(),
    style: {
      width: `${size.width}px`,
      height: `${size.height}px`,
      transform: frameTransform(frame, size.scale),
    },
    filter: keep,
    // Every element's computed style is copied; the page's design tokens (custom properties)
    // would be copied onto each one too, several hundred times over, for nothing: the
    // computed values already hold what they resolve to.
    includeStyleProperties: [...getComputedStyle(document.documentElement)].filter(
      (p) => !p.startsWith("--"),
    ),
    // The page uses the system's fonts: there are no web fonts to fetch and embed.
    skipFonts: true,
  };
  const restore = inlineSvgStyles(vp);
  try {
    if (kind === "png") {
      const blob = await toBlob(vp, { ...options, pixelRatio: size.pixelRatio });
      if (!blob) throw new Error("no image");
      downloadBlob(blob, `${PICTURE_NAME}.png`);
    } else {
      const url = await toSvg(vp, options);
      const text = decodeURIComponent(url.slice(url.indexOf(",") + 1));
      downloadBlob(new Blob([text], { type: "image/svg+xml" }), `${PICTURE_NAME}.svg`);
    }
    say(t("picture.saved", { name: `${PICTURE_NAME}.${kind}` }), 3000);
  } catch (e) {
    say(t("picture.failed", { problem: String(e) }), 8000);
  } finally {
    restore();
  }
}
