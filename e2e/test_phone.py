"""Phones and tablets, with a touch screen: a share link read on a phone, ops added and wired
by finger, the code panel as a sheet, nothing wider than the screen, and a tablet's canvas
kept wide with the code panel open, a phone held sideways. Screenshots at 360, 390, 768,
1024 and 1920 px wide, and 844 × 390.

Playwright's touchscreen only taps; a finger that drags or rests goes through the Chrome
DevTools protocol (Input.dispatchTouchEvent), which the page receives as real touch and
pointer events (pointerType "touch").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from conftest import PHONE, TABLET
from links import encode, encode_text, wait_for_link
from playwright.sync_api import Locator, Page, expect

# sin(x) summed: x.grad = cos(x), which torch computes below. No positions: the page lays
# the graph out as it does any link's that has none.
DOC: dict[str, Any] = {
    "version": 1,
    "nodes": [
        {
            "id": "x",
            "op": "tensor",
            "label": "x",
            "params": {"value": [1.0, 2.0, 3.0], "requires_grad": True},
        },
        {"id": "s", "op": "sin", "inputs": ["x"]},
        {"id": "z", "op": "sum", "label": "z", "inputs": ["s"]},
    ],
}
CODE = (
    "import torch\nx = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\nx.sin().sum().backward()"
)


def torch_x_grad() -> str:
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    x.sin().sum().backward()
    return str(x.grad)


def rect(loc: Locator) -> dict[str, float]:
    box = loc.bounding_box()
    assert box is not None, f"{loc} is not drawn"
    return box


def assert_no_sideways_scroll(page: Page, where: str) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"{where}: the page is {width} px wide in a {inner} px window"


def assert_inside_screen(page: Page, loc: Locator, what: str) -> None:
    b = rect(loc)
    vp = page.viewport_size
    assert vp is not None
    assert b["x"] >= 0 and b["y"] >= 0, f"{what} starts off-screen: {b}"
    assert b["x"] + b["width"] <= vp["width"], f"{what} ends right of the screen: {b}"
    assert b["y"] + b["height"] <= vp["height"], f"{what} ends below the screen: {b}"


def centre(loc: Locator) -> tuple[float, float]:
    b = rect(loc)
    return b["x"] + b["width"] / 2, b["y"] + b["height"] / 2


class Finger:
    """One finger on the screen, through one DevTools session (a touch begun in one session
    cannot move in another)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cdp = page.context.new_cdp_session(page)

    def send(self, kind: str, at: tuple[float, float] | None = None) -> None:
        points = [] if at is None else [{"x": at[0], "y": at[1]}]
        self.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    def drag(self, start: tuple[float, float], end: tuple[float, float], steps: int = 10) -> None:
        self.send("touchStart", start)
        for i in range(1, steps + 1):
            f = i / steps
            self.send(
                "touchMove",
                (start[0] + (end[0] - start[0]) * f, start[1] + (end[1] - start[1]) * f),
            )
            self.page.wait_for_timeout(16)
        self.send("touchEnd")

    def long_press(self, at: tuple[float, float], ms: int = 800) -> None:
        self.send("touchStart", at)
        self.page.wait_for_timeout(ms)
        self.send("touchEnd")


def open_menu(page: Page) -> Locator:
    page.locator(".phone-menu-button").tap()
    menu = page.locator("#phone-menu")
    expect(menu).to_be_visible()
    return menu


@pytest.mark.device(PHONE)
def test_phone_share_link_shows_the_graph_and_its_grads(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    page.goto(f"{base_url}#g={encode(DOC)}&c={encode_text(CODE)}")
    wait_for_engine(page)
    assert wait_for_link(page) == "opened"
    # The graph fills the screen below a one-row toolbar; the link's code waits, one menu away.
    expect(page.locator(".nb-panel")).to_have_count(0)
    canvas = rect(page.locator(".canvas"))
    assert canvas["width"] == 390 and canvas["height"] >= 0.9 * 844, canvas
    assert rect(page.locator(".phone-toolbar"))["height"] <= 0.07 * 844
    assert_no_sideways_scroll(page, "a share link on a phone")

    page.get_by_role("button", name="Backward", exact=True).tap()
    grad = page.locator('[data-node-id="x"] [data-grad]')
    expect(grad).to_have_text(torch_x_grad())
    # Readable where it is: on screen, and drawn at a size a person can read (a line of text
    # at least 10 px tall, not a zoomed-out speck).
    assert_inside_screen(page, grad, "x.grad")
    assert rect(grad)["height"] >= 10, rect(grad)
    screenshot(page, "390")

    # The code opens as a sheet under the graph, which stays in view above it.
    open_menu(page).get_by_role("button", name="Code", exact=True).tap()
    code = page.get_by_role("textbox", name="Code", exact=True)
    expect(code).to_have_attribute("data-value", CODE)
    expect(page.locator("#phone-menu")).to_have_count(0)
    sheet = rect(page.locator(".nb-panel"))
    assert sheet["height"] <= 0.6 * 844 + 1, sheet
    assert rect(page.locator(".canvas"))["height"] >= 0.3 * 844
    expect(page.locator('[data-node-id="x"]')).to_be_in_viewport()
    assert_no_sideways_scroll(page, "the code sheet")
    screenshot(page, "390-code")
    page.get_by_role("button", name="Close the code panel").tap()
    expect(page.locator(".nb-panel")).to_have_count(0)
    assert rect(page.locator(".canvas"))["height"] >= 0.9 * 844


@pytest.mark.device(PHONE)
def test_phone_add_by_tap_wire_by_finger_long_press_menu(
    engine_page: Page, screenshot: Callable[..., Path]
) -> None:
    page = engine_page
    open_menu(page).get_by_role("button", name="New", exact=True).tap()
    expect(page.locator("[data-node-id]")).to_have_count(0)
    for op in ("tensor", "exp"):
        page.get_by_role("button", name="Ops", exact=True).tap()
        drawer = page.get_by_role("complementary", name="Operations")
        expect(drawer).to_be_visible()
        drawer.locator(f'.palette-item[data-op="{op}"]').tap()
        # The drawer closes so the new node is seen, inside the screen and below the toolbar.
        expect(drawer).to_be_hidden()
        node = page.locator(f'[data-op="{op}"].op-node')
        expect(node).to_have_count(1)
        assert_inside_screen(page, node, f"the new {op} node")
        assert rect(node)["y"] >= rect(page.locator(".canvas"))["y"]
    tensor = page.locator('[data-op="tensor"].op-node')
    exp = page.locator('[data-op="exp"].op-node')
    expect(exp.locator("[data-error]")).to_contain_text("not connected")

    # A finger from the tensor's output to exp's input wires them. It starts 12 px right of
    # and 9 px below the output's dot (11 px wide), where only the port's larger touch target
    # reaches, and ends beside the input's.
    ox, oy = centre(tensor.locator(".handle-out"))
    ix, iy = centre(exp.locator(".handle-in"))
    finger = Finger(page)
    finger.drag((ox + 12, oy + 9), (ix - 12, iy + 8))
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    expect(exp.locator("[data-value]")).to_contain_text("tensor(")

    # A finger resting on a node opens its menu, as a right-click does.
    finger.long_press(centre(exp.locator(".node-op")))
    menu = page.get_by_role("menu")
    expect(menu).to_be_visible()
    assert_inside_screen(page, menu, "the node menu")
    screenshot(page, "390-node-menu")
    menu.get_by_role("menuitem", name="Delete").tap()
    expect(exp).to_have_count(0)

    # A tensor's value takes brackets and commas (the text keyboard, nothing "corrected");
    # the learning rate, a number, gets the decimal pad.
    value = tensor.locator('[data-param="value"]')
    expect(value).to_have_attribute("autocapitalize", "off")
    expect(value).not_to_have_attribute("inputmode", "decimal")
    lr = open_menu(page).get_by_label("Learning rate", exact=True)
    expect(lr).to_have_attribute("inputmode", "decimal")


@pytest.mark.device({**PHONE, "viewport": {"width": 360, "height": 740}})
@pytest.mark.locale("zh-CN")
def test_phone_360_in_chinese_never_scrolls_sideways(
    engine_page: Page, screenshot: Callable[..., Path]
) -> None:
    page = engine_page
    # The getting-started note names the Ops button, not a palette at the left to drag from.
    expect(page.locator(".hint")).to_contain_text("点“运算”添加运算")
    assert_no_sideways_scroll(page, "the example graph")
    screenshot(page, "360")
    menu = open_menu(page)
    assert_inside_screen(page, menu, "the menu")
    assert_no_sideways_scroll(page, "the menu")
    screenshot(page, "360-menu")
    menu.get_by_role("button", name="单步反向传播").tap()
    expect(page.locator(".side-panels .side-card").first).to_be_visible()
    assert rect(page.locator(".side-panels"))["height"] <= 0.6 * 740 + 1
    assert_no_sideways_scroll(page, "the step card")
    screenshot(page, "360-step")
    page.get_by_role("button", name="退出").first.tap()
    page.get_by_role("button", name="运算", exact=True).tap()
    assert_no_sideways_scroll(page, "the ops drawer")
    screenshot(page, "360-ops")


@pytest.mark.device({**PHONE, "viewport": {"width": 844, "height": 390}})
def test_a_phone_held_sideways_gets_the_phone_layout(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    page.goto(f"{base_url}#g={encode(DOC)}")
    wait_for_engine(page)
    assert wait_for_link(page) == "opened"
    # 390 px tall: one toolbar row, the rest is canvas (the wide layout's two rows took 160 px).
    expect(page.locator(".phone-toolbar")).to_be_visible()
    assert rect(page.locator(".phone-toolbar"))["height"] <= 0.15 * 390
    assert rect(page.locator(".canvas"))["height"] >= 0.8 * 390
    expect(page.locator(".react-flow__minimap")).to_have_count(0)  # it would cover half of it
    assert_no_sideways_scroll(page, "a phone held sideways")
    page.get_by_role("button", name="Backward", exact=True).tap()
    grad = page.locator('[data-node-id="x"] [data-grad]')
    expect(grad).to_have_text(torch_x_grad())
    assert_inside_screen(page, grad, "x.grad")
    screenshot(page, "844x390")


def assert_no_overlaps(page: Page, where: str) -> None:
    """No two visible buttons over the canvas or in the toolbars cover one another."""
    boxes = page.evaluate(
        """() => [...document.querySelectorAll(
              '.toolbar button, .canvas-bar button, .canvas-tabs button,'
              + ' .react-flow__controls button, .nb-panel button')]
            .filter(b => b.offsetParent !== null)
            .map(b => { const r = b.getBoundingClientRect();
                        return [b.textContent.trim() || b.title, r.left, r.top, r.right, r.bottom] })"""
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a[3], b[3]) - max(a[1], b[1])
            overlap_y = min(a[4], b[4]) - max(a[2], b[2])
            assert overlap_x <= 0.5 or overlap_y <= 0.5, f"{where}: {a[0]!r} covers {b[0]!r}"


@pytest.mark.device(TABLET)
def test_tablet_keeps_the_canvas_wide_with_the_code_panel_open(
    engine_page: Page, screenshot: Callable[..., Path]
) -> None:
    page = engine_page
    for width, height in ((768, 1024), (1024, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.get_by_role("button", name="Code", exact=True).click()
        expect(page.locator(".nb-panel")).to_be_visible()
        assert rect(page.locator(".canvas"))["width"] >= 400
        assert_no_sideways_scroll(page, f"{width} px, code panel open")
        assert_no_overlaps(page, f"{width} px, code panel open")
        # The step card joins them as a sheet over the canvas's foot, not a third column.
        page.get_by_role("button", name="Step backward", exact=True).click()
        expect(page.locator(".side-panels .side-card").first).to_be_visible()
        assert rect(page.locator(".canvas"))["width"] >= 400
        assert_no_sideways_scroll(page, f"{width} px, code panel and step card open")
        # The step's node is brought into the part of the canvas the sheet leaves.
        page.wait_for_function(
            """() => {
              const node = document.querySelector('.react-flow__node.step-current');
              const sheet = document.querySelector('.side-panels');
              const canvas = document.querySelector('.canvas');
              if (!node || !sheet || !canvas) return false;
              const n = node.getBoundingClientRect();
              const c = canvas.getBoundingClientRect();
              return n.bottom <= sheet.getBoundingClientRect().top && n.right <= c.right
                && n.left >= c.left && n.top >= c.top;
            }"""
        )
        screenshot(page, f"{width}")
        page.get_by_role("button", name="Exit", exact=True).click()
        page.get_by_role("button", name="Close the code panel").click()
        expect(page.locator(".nb-panel")).to_have_count(0)
        assert_no_overlaps(page, f"{width} px")
    page.set_viewport_size({"width": 1920, "height": 1080})
    assert_no_sideways_scroll(page, "1920 px")
    # A desktop window keeps the palette as a column beside the canvas.
    expect(page.get_by_role("complementary", name="Operations")).to_be_visible()
    screenshot(page, "1920")
