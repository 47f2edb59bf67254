"""Level of detail: graphs past six nodes stay readable. Nodes summarise large tensors until
expanded, text on the canvas is never below 10 px on screen (zoomed out, nodes simplify
instead), the code graph of D2L's linear regression stays a few screens tall, and a panel
opening beside the canvas does not shrink it."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
from playwright.sync_api import Browser, Page, expect

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path("/tmp/shots-i12-lod")


def leaf(nid: str, value: Any, rg: bool = False) -> dict[str, Any]:
    return {
        "id": nid,
        "op": "tensor",
        "label": nid,
        "params": {"value": value, "requires_grad": rg},
    }


# A 2-layer tanh MLP as a learner builds it: 12 nodes, a 6×2 batch, 4 hidden units.
MLP_DOC: dict[str, Any] = {
    "version": 1,
    "nodes": [
        leaf("X", [[0.1 * i, -0.2 * i + 1] for i in range(6)]),
        leaf("W1", [[0.5, -0.3, 0.8, 0.1], [-0.6, 0.2, 0.4, -0.9]], True),
        leaf("b1", [0.1, -0.1, 0.2, 0.0], True),
        {"id": "mm1", "op": "matmul", "label": "mm1", "inputs": ["X", "W1"]},
        {"id": "h1", "op": "add", "label": "h1", "inputs": ["mm1", "b1"]},
        {"id": "a1", "op": "tanh", "label": "a1", "inputs": ["h1"]},
        leaf("W2", [[0.3], [-0.7], [0.5], [0.2]], True),
        {"id": "mm2", "op": "matmul", "label": "mm2", "inputs": ["a1", "W2"]},
        leaf("b2", 0.05, True),
        {"id": "out", "op": "add", "label": "out", "inputs": ["mm2", "b2"]},
        leaf("Y", [[1.0], [0.5], [0.0], [-0.5], [-1.0], [0.25]]),
        {"id": "loss", "op": "mse_loss", "label": "loss", "inputs": ["out", "Y"]},
    ],
}  # fmt: skip


def w1_grad_rms() -> float:
    """The size the overview colours W1's .grad by, from torch: its root mean square."""
    t = {n["id"]: torch.tensor(n["params"]["value"], requires_grad=n["params"]["requires_grad"])
         for n in MLP_DOC["nodes"] if n["op"] == "tensor"}  # fmt: skip
    out = torch.tanh(t["X"] @ t["W1"] + t["b1"]) @ t["W2"] + t["b2"]
    torch.nn.functional.mse_loss(out, t["Y"]).backward()
    assert t["W1"].grad is not None
    return float(t["W1"].grad.pow(2).mean().sqrt())


def link(base_url: str, doc: object) -> str:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = c.compress(json.dumps(doc).encode()) + c.flush()
    return f"{base_url}#g={base64.urlsafe_b64encode(raw).decode().rstrip('=')}"


def node(page: Page, node_id: str):
    return page.locator(f'.canvas [data-node-id="{node_id}"]')


# Every element on the canvas's nodes that draws text of its own: its font size on screen
# (computed font-size × the canvas's zoom), the smallest first.
TEXT_SIZES = """
(canvasSel) => {
  const canvas = document.querySelector(canvasSel);
  const vp = canvas.querySelector('.react-flow__viewport');
  const zoom = new DOMMatrix(getComputedStyle(vp).transform).a;
  const sizes = [];
  for (const el of canvas.querySelectorAll('.react-flow__node *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== '');
    const field = el.tagName === 'INPUT' && el.type !== 'checkbox' || el.tagName === 'SELECT';
    if (!own && !field) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
    sizes.push([Math.round(px * 100) / 100, el.className || el.tagName, (el.textContent || '').slice(0, 20)]);
  }
  sizes.sort((a, b) => a[0] - b[0]);
  return {zoom, count: sizes.length, smallest: sizes.slice(0, 3)};
}
"""


def text_sizes(page: Page, canvas: str = ".canvas") -> dict[str, Any]:
    return page.evaluate(TEXT_SIZES, canvas)


def zoom(page: Page, canvas: str = ".canvas") -> float:
    return page.evaluate(
        """(sel) => new DOMMatrix(getComputedStyle(
             document.querySelector(sel + ' .react-flow__viewport')).transform).a""",
        canvas,
    )


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(400)  # the fit's animation
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def open_mlp(page: Page, base_url: str, wait_for_engine: Callable[..., None]) -> None:
    page.goto(link(base_url, MLP_DOC))
    wait_for_engine(page)
    expect(node(page, "loss").locator("[data-value]")).to_contain_text("tensor(", timeout=60_000)
    page.wait_for_timeout(700)  # the layout with real sizes, then the fit


def assert_readable(page: Page, where: str) -> dict[str, Any]:
    sizes = text_sizes(page)
    assert sizes["smallest"] and sizes["smallest"][0][0] >= 10, (where, sizes)
    return sizes


def test_mlp_text_is_never_below_10px(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    open_mlp(page, base_url, wait_for_engine)
    # Fitted at 1280×800: the whole graph at a readable zoom, its start if it is wider.
    sizes = assert_readable(page, "fitted")
    assert sizes["zoom"] >= 0.8, sizes
    assert page.locator(".canvas [data-detail]").count() == 0
    # Large tensors show a summary (a few values, a small heat map) until expanded.
    mm1 = node(page, "mm1")
    expect(mm1.locator("[data-summary]")).to_contain_text("…")
    expect(mm1.locator("[data-mini-heatmap]")).to_have_count(1)
    expect(mm1.locator("[data-value]")).to_have_count(0)
    page.get_by_role("button", name="Backward", exact=True).click()
    expect(node(page, "W1").locator("[data-grad]")).to_contain_text("tensor([[")
    shot(page, "mlp-1280-fitted")
    page.get_by_role("button", name="Show all of mm1").click()
    expect(mm1.locator("[data-value]")).to_contain_text("grad_fn=<MmBackward0>")
    page.get_by_role("button", name="Show all of mm1").click()
    expect(mm1.locator("[data-value]")).to_have_count(0)

    # Fit view shows everything: zoomed out, nodes simplify rather than shrink their text.
    page.get_by_role("button", name="Fit view", exact=True).click()
    page.wait_for_timeout(500)
    sizes = assert_readable(page, "fit view")
    if sizes["zoom"] < 0.83:
        expect(page.locator('.canvas [data-detail="overview"]')).to_have_count(12)
        expect(node(page, "W1").locator(".ov-name")).to_have_text("W1")
        rms = f"{w1_grad_rms():.3g}"
        expect(node(page, "W1").get_by_role("img")).to_have_attribute(
            "aria-label", f".grad size (root mean square) {rms}"
        )
    shot(page, "mlp-1280-fit-view")

    # Further out still: plain boxes, no text at all.
    for _ in range(6):
        page.locator(".react-flow__controls-zoomout").click()
    page.wait_for_timeout(400)
    assert zoom(page) < 0.38
    expect(page.locator('.canvas [data-detail="box"]')).to_have_count(12)
    assert text_sizes(page)["count"] == 0
    shot(page, "mlp-1280-zoomed-out")
    # And back: the full nodes, with the values as they were.
    page.get_by_role("button", name="Fit view", exact=True).click()
    page.wait_for_timeout(400)
    for _ in range(5):
        page.locator(".react-flow__controls-zoomin").click()
        page.wait_for_timeout(100)
    page.wait_for_timeout(400)
    assert zoom(page) >= 0.84, zoom(page)
    expect(node(page, "W1").locator("[data-grad]")).to_contain_text("tensor([[")
    assert_readable(page, "zoomed in again")

    # New starts at full size, not at the zoom the old graph was left at.
    page.get_by_role("button", name="Fit view", exact=True).click()
    page.wait_for_timeout(400)
    assert zoom(page) < 0.83
    page.get_by_role("button", name="New", exact=True).click()
    page.wait_for_timeout(400)
    assert zoom(page) == 1


def test_mlp_at_390px(
    browser: Browser, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    ctx = browser.new_context(service_workers="block", viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        open_mlp(page, base_url, wait_for_engine)
        assert_readable(page, "390 fitted")
        shot(page, "mlp-390-fitted")
        # A phone's toolbar keeps Fit view in its More menu.
        page.get_by_role("button", name="More", exact=True).click()
        page.locator("#phone-menu").get_by_role("button", name="Fit view", exact=True).click()
        page.wait_for_timeout(500)
        assert_readable(page, "390 fit view")
        shot(page, "mlp-390-fit-view")
    finally:
        ctx.close()


def test_train_panel_does_not_shrink_the_graph(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    open_mlp(page, base_url, wait_for_engine)
    before = zoom(page)
    node(page, "loss").locator(".node-header").click()
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator(".side-panels")).not_to_be_empty()
    page.wait_for_timeout(800)
    assert page.locator(".side-panels").evaluate("e => e.offsetWidth") > 0
    assert zoom(page) >= before - 1e-6, (before, zoom(page))
    assert_readable(page, "train panel open")
    shot(page, "mlp-1280-train-panel")


def test_d2l_linear_regression_code_graph_is_bounded(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    page.goto(base_url)
    wait_for_engine(page)
    code = (ROOT / "tests" / "programs" / "d2l_linreg_scratch.py").read_text("utf-8")
    page.get_by_role("button", name="Code", exact=True).click()
    box = page.get_by_role("textbox", name="Code", exact=True)
    box.fill(code)
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator("[data-cell-output]")).to_have_count(1, timeout=120_000)
    canvas = page.locator("[data-code-graph]")
    expect(canvas.locator("[data-node-id]").first).to_be_visible(timeout=30_000)
    page.wait_for_timeout(600)
    # The graph's height in flow pixels: every node's box, unscaled by the zoom.
    height = page.evaluate(
        """() => {
          const c = document.querySelector('[data-code-graph]');
          const z = new DOMMatrix(getComputedStyle(c.querySelector('.react-flow__viewport')).transform).a;
          const boxes = [...c.querySelectorAll('.react-flow__node')].map(n => n.getBoundingClientRect());
          return (Math.max(...boxes.map(b => b.bottom)) - Math.min(...boxes.map(b => b.top))) / z;
        }"""
    )
    assert height < 3000, height
    # Nothing on the canvas covers the graph's start or another button: the framing starts
    # below the tabs and the canvas bar, and the two do not overlap on this narrower canvas.
    covers = page.evaluate(
        """() => {
          const r = s => document.querySelector('.canvas-area > ' + s).getBoundingClientRect();
          const tabs = r('.canvas-tabs'), bar = r('.canvas-bar');
          const nodes = [...document.querySelectorAll('[data-code-graph] .react-flow__node')]
            .map(n => n.getBoundingClientRect());
          const overlap = !(tabs.right <= bar.left || bar.right <= tabs.left ||
                            tabs.bottom <= bar.top || bar.bottom <= tabs.top);
          return {overlap, barsBottom: Math.max(tabs.bottom, bar.bottom),
                  firstTop: Math.min(...nodes.map(b => b.top))};
        }"""
    )
    assert not covers["overlap"], covers
    assert covers["firstTop"] >= covers["barsBottom"], covers
    sizes = text_sizes(page, "[data-code-graph]")
    assert sizes["smallest"][0][0] >= 10, sizes
    features = canvas.locator('[data-node-id]:has(.code-name:text-is("features"))')
    expect(features.locator("[data-summary]")).to_contain_text("…")
    shot(page, "code-graph-1280")
    # Off screen at a readable zoom (the graph extends past the view): clicked where it is.
    page.get_by_role("button", name="Show all of labels").dispatch_event("click")
    labels = canvas.locator('[data-node-id]:has(.code-name:text-is("labels"))')
    expect(labels.locator("[data-value]")).to_contain_text("...")
    assert (labels.locator("[data-value]").text_content() or "").count("\n") < 12
    shot(page, "code-graph-1280-labels-expanded")
