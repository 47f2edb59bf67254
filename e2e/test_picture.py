"""The graph as a picture: Share's panel downloads it as a PNG (twice the screen's resolution,
the whole graph) and as an SVG that still holds the nodes' names and printed values."""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

X_GRAD = "tensor([ 0.,  4.,  8., 12.])"

# The union of the nodes' boxes on screen, in CSS pixels.
GRAPH_ON_SCREEN = """() => {
  const rs = [...document.querySelectorAll('.canvas .react-flow__node')]
    .map(e => e.getBoundingClientRect());
  const l = Math.min(...rs.map(r => r.left)), t = Math.min(...rs.map(r => r.top));
  const r = Math.max(...rs.map(r => r.right)), b = Math.max(...rs.map(r => r.bottom));
  return [r - l, b - t];
}"""


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def backward_and_open_share(page: Page) -> None:
    page.get_by_role("button", name="Backward", exact=True).click()
    expect(page.locator('[data-node-id="x"] [data-grad]')).to_have_text(X_GRAD)
    page.get_by_role("button", name="Share", exact=True).click()


def download(page: Page, name: str, tmp_path: Path) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(f'.share-panel [data-action="{name}"]').click()
    d = info.value
    path = tmp_path / d.suggested_filename
    d.save_as(path)
    return d.suggested_filename, path.read_bytes()


def test_png_is_the_whole_graph_at_twice_the_screen_resolution(
    engine_page: Page, tmp_path: Path, artifacts: Path
) -> None:
    page = engine_page
    backward_and_open_share(page)
    on_screen = page.evaluate(GRAPH_ON_SCREEN)
    name, data = download(page, "downloadPng", tmp_path)
    assert name == "autograd-graph.png"
    (artifacts / "picture-default-graph.png").write_bytes(data)
    width, height = png_size(data)
    assert width >= 2 * on_screen[0] and height >= 2 * on_screen[1], (width, height, on_screen)
    # Framed on the graph, not the whole canvas: about the graph's size plus a margin.
    assert (
        width
        <= 2
        * on_screen[0]
        / page.evaluate(
            "new DOMMatrixReadOnly(getComputedStyle(document.querySelector("
            "'.canvas .react-flow__viewport')).transform).a"
        )
        + 200
    )


def test_svg_holds_names_values_grads_and_stroked_wires(
    engine_page: Page, tmp_path: Path, artifacts: Path
) -> None:
    page = engine_page
    backward_and_open_share(page)
    name, data = download(page, "downloadSvg", tmp_path)
    assert name == "autograd-graph.svg"
    (artifacts / "picture-default-graph.svg").write_bytes(data)
    svg = data.decode()
    assert svg.startswith("<svg")
    assert X_GRAD in svg
    assert "grad_fn=&lt;MulBackward0&gt;" in svg
    # The names: inputs carry them as value attributes.
    for label in ("x", "y"):
        assert f'value="{label}"' in svg, label
    # Every wire is drawn with a stroke (html-to-image 1.11.13 drops the sheet's styles inside
    # an <svg>; capture.ts writes them on the wires while the copy is made).
    paths = re.findall(r'<path[^>]*class="[^"]*react-flow__edge-path[^"]*"[^>]*>', svg)
    # Four wires: x twice into dot(x, x), then d and two into y.
    assert len(paths) == page.locator(".canvas .react-flow__edge-path").count() == 4, paths
    for p in paths:
        stroke = re.search(r"stroke:\s*([^;\"]+)", p)
        assert stroke and stroke.group(1).strip() not in ("none", ""), p
    # Nothing of the canvas's controls or minimap is in the picture.
    assert "react-flow__minimap" not in svg and "react-flow__controls" not in svg
    # The page's own styles were given back after the copy.
    inline = page.locator(".canvas .react-flow__edge-path").first.get_attribute("style")
    assert not inline or "stroke-linecap" not in inline


def test_picture_takes_the_dark_background(
    engine_page: Page, tmp_path: Path, screenshot: Callable[..., Path]
) -> None:
    page = engine_page
    page.locator("[data-theme-switcher]").select_option("dark")
    backward_and_open_share(page)
    _, data = download(page, "downloadSvg", tmp_path)
    canvas = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--color-canvas').trim()"
    )
    bg = page.evaluate(
        "c => { const e = document.createElement('div'); e.style.color = c;"
        " document.body.append(e); const v = getComputedStyle(e).color; e.remove(); return v; }",
        canvas,
    )
    svg = data.decode()
    # On the picture's root: the first element of its foreignObject.
    root_style = svg.split("<foreignObject", 1)[1].split('style="', 1)[1].split('"', 1)[0]
    assert re.search(rf"background(-color)?:[^;]*{re.escape(bg)}", root_style), bg
    # Without the page's design tokens repeated on every element.
    assert "--color-" not in svg
    assert len(data) < 2_000_000, len(data)
