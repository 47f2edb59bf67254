"""The editor, driven as a person would: real mouse drags from the palette, real wiring.

Builds y = 2·dot(x, x) from an empty canvas and checks PyTorch's numbers, gradient
accumulation, zero_grad, a non-scalar backward error, reload, undo/redo and refused wires.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Locator, Page, expect

if TYPE_CHECKING:
    from conftest import PageLog

X_GRAD_1 = "tensor([ 0.,  4.,  8., 12.])"
X_GRAD_2 = "tensor([ 0.,  8., 16., 24.])"
X_GRAD_0 = "tensor([0., 0., 0., 0.])"
NON_SCALAR = "grad can be implicitly created only for scalar outputs"
DOC_KEY = "autograd-playground:doc:v1"
LOCALES = Path(__file__).resolve().parent.parent / "web" / "src" / "i18n" / "locales"


@functools.cache
def _messages(lang: str) -> dict:
    return json.loads((LOCALES / f"{lang}.json").read_text("utf-8"))


def words(lang: str, key: str, **params: str) -> str:
    """The page's text for message `key` ("toolbar.onNode") in `lang`, placeholders filled:
    a test that presses buttons by name says the same in every language."""
    text = functools.reduce(lambda d, k: d[k], key.split("."), _messages(lang))
    return re.sub(r"\{\{(\w+)\}\}", lambda m: params[m.group(1)], text)


# --- helpers: what a person does with the mouse ----------------------------------------


def node(page: Page, node_id: str) -> Locator:
    return page.locator(f'[data-node-id="{node_id}"]')


def node_ids(page: Page) -> list[str]:
    return page.locator("[data-node-id]").evaluate_all("els => els.map(e => e.dataset.nodeId)")


def saved_doc(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{DOC_KEY}')"))


def settle_viewport(page: Page) -> None:
    """Waits for the canvas to stop panning or zooming (fit-view animates for 200 ms): a drop
    during the animation lands at flow coordinates that move under it."""
    last = None
    for _ in range(40):
        now = page.locator(".react-flow__viewport").evaluate("v => v.style.transform")
        if now == last:
            return
        last = now
        page.wait_for_timeout(120)


def tidy(page: Page) -> None:
    """Auto-layout, then wait for the view: the canvas re-centres after a drop, so dropped
    nodes can end up on top of each other; wiring needs every handle in sight."""
    page.get_by_role("button", name="Auto-layout", exact=True).click()
    page.wait_for_timeout(300)
    settle_viewport(page)


def drop_op(page: Page, op: str, x: float, y: float) -> str:
    """Drags the palette item `op` onto the canvas at page coordinates (x, y); returns its id."""
    before = set(node_ids(page))
    item = page.locator(f'.palette-item[data-op="{op}"]')
    expect(item).to_have_text(op)
    pane = page.locator(".react-flow__pane")
    settle_viewport(page)
    box = pane.bounding_box()
    assert box is not None
    item.drag_to(pane, target_position={"x": x - box["x"], "y": y - box["y"]})
    expect(page.locator("[data-node-id]")).to_have_count(len(before) + 1)
    (new,) = set(node_ids(page)) - before
    expect(node(page, new)).to_have_attribute("data-op", op)
    return new


def center(loc: Locator) -> tuple[float, float]:
    """The centre of `loc` once it stops moving: nodes resize when the engine's values arrive,
    and a person aims at where a handle is, not where it was a moment ago."""
    last = None
    for _ in range(50):
        box = loc.bounding_box()
        assert box is not None, f"{loc} is not visible"
        here = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        if here == last:
            return here
        last = here
        loc.page.wait_for_timeout(150)
    raise AssertionError(f"{loc} kept moving")


def settle(page: Page) -> None:
    """Waits until the engine has answered every edit (no request in flight)."""
    page.wait_for_function("document.documentElement.dataset.busy !== 'true'")


def out_handle(page: Page, node_id: str) -> Locator:
    return node(page, node_id).locator(".react-flow__handle.source")


def in_handle(page: Page, node_id: str, port: int) -> Locator:
    return node(page, node_id).locator(f'.react-flow__handle[data-handleid="in-{port}"]')


def aim(page: Page, handle: Locator) -> tuple[float, float]:
    """Where to press for `handle`: its centre, once nothing else is drawn on top of it."""
    for _ in range(40):
        x, y = center(handle)
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('.react-flow__handle') ?? null",
            [x, y],
        )
        if on_top is not None and handle.evaluate(
            "(h, [x, y]) => h === document.elementFromPoint(x, y).closest('.react-flow__handle')",
            [x, y],
        ):
            return x, y
        page.wait_for_timeout(100)
    raise AssertionError(f"{handle} stays covered")


def wire(page: Page, source: str, target: str, port: int) -> None:
    """Presses on the output handle of `source`, moves to input `port` of `target`, releases."""
    settle(page)
    sx, sy = aim(page, out_handle(page, source))
    tx, ty = aim(page, in_handle(page, target, port))
    page.mouse.move(sx, sy, steps=4)
    page.mouse.down()
    page.mouse.move((sx + tx) / 2, (sy + ty) / 2, steps=8)
    page.mouse.move(tx, ty, steps=8)
    page.mouse.up()


def click_edge(page: Page, index: int = 0) -> None:
    """Clicks a wire a third of the way along: its middle is where hovering shows the
    delete button (editor/WireEdge.tsx), which a click there would press."""
    x, y = (
        page.locator(".react-flow__edge path.react-flow__edge-path")
        .nth(index)
        .evaluate(
            """p => { const m = p.getPointAtLength(p.getTotalLength() / 3);
                  const pt = new DOMPoint(m.x, m.y).matrixTransform(p.getScreenCTM());
                  return [pt.x, pt.y]; }"""
        )
    )
    page.mouse.click(x, y)


def set_param(page: Page, node_id: str, name: str, text: str) -> None:
    field = node(page, node_id).locator(f'input[data-param="{name}"]')
    field.fill(text)
    field.press("Enter")


def grad_text(page: Page, node_id: str) -> str:
    return node(page, node_id).locator("[data-grad]").inner_text()


def expect_grad(page: Page, node_id: str, text: str) -> None:
    # inner_text keeps PyTorch's alignment spaces, which to_have_text would normalise away.
    page.wait_for_function(
        '([id, want]) => document.querySelector(`[data-node-id="${id}"] [data-grad]`)'
        "?.textContent === want",
        arg=[node_id, text],
    )
    assert grad_text(page, node_id) == text


def backward_count(page: Page) -> str:
    return page.locator("[data-backward-count]").inner_text()


def build_example(page: Page, lang: str = "en") -> dict[str, str]:
    """y = 2·dot(x, x) from an empty canvas, with the mouse, pressing the buttons of the page
    in `lang`. Returns role -> node id."""
    page.get_by_role("button", name=words(lang, "actions.newGraph.label"), exact=True).click()
    expect(page.locator("[data-node-id]")).to_have_count(0)
    ids = {
        "x": drop_op(page, "tensor", 380, 150),
        "two": drop_op(page, "tensor", 380, 500),
        "d": drop_op(page, "dot", 800, 170),
        "y": drop_op(page, "mul", 1060, 420),
    }
    wire(page, ids["x"], ids["d"], 0)
    wire(page, ids["x"], ids["d"], 1)
    wire(page, ids["two"], ids["y"], 0)
    wire(page, ids["d"], ids["y"], 1)
    expect(page.locator(".react-flow__edge")).to_have_count(4)

    set_param(page, ids["x"], "value", "[0, 1, 2, 3]")
    node(page, ids["x"]).locator('input[data-param="requires_grad"]').check()
    set_param(page, ids["two"], "value", "2")
    for role in ("x", "y"):
        name_field = words(lang, "nodes.nameOf", id=ids[role])
        node(page, ids[role]).get_by_label(name_field).fill(role)
    # What PyTorch prints stays English in every language.
    expect(node(page, ids["y"]).locator("[data-value]")).to_contain_text(
        "tensor(28., grad_fn=<MulBackward0>)"
    )
    # Editing x's fields did not select x: Backward will act on the output y.
    target = words(lang, "toolbar.onNode", name="y")
    expect(page.locator("[data-backward-target]")).to_have_text(target)
    page.get_by_role("button", name=words(lang, "actions.autoLayout.label"), exact=True).click()
    return ids


# --- tests ------------------------------------------------------------------------------


def test_build_backward_accumulate_zero_and_reload(
    engine_page: Page,
    screenshot: Callable[..., Path],
    wait_for_engine: Callable[..., None],
    page_log: PageLog,
) -> None:
    page = engine_page
    ids = build_example(page)
    x, y = ids["x"], ids["y"]
    expect(node(page, x).locator("[data-grad]")).to_have_text("None")

    page.get_by_role("button", name="Backward", exact=True).click()
    expect_grad(page, x, X_GRAD_1)
    expect(page.locator("[data-backward-count]")).to_have_text("1")

    page.get_by_role("button", name="Backward", exact=True).click()
    expect_grad(page, x, X_GRAD_2)
    expect(page.locator("[data-backward-count]")).to_have_text("2")

    page.get_by_role("button", name="Zero grad", exact=True).click()
    expect_grad(page, x, X_GRAD_0)
    expect(page.locator("[data-backward-count]")).to_have_text("0")

    # retain_grad on the non-leaf d keeps its .grad: dy/dd = 2.
    d = ids["d"]
    expect(node(page, d).locator("[data-grad]")).to_have_count(0)
    node(page, d).locator('input[data-flag="retain_grad"]').check()
    expect(node(page, d).locator("[data-grad]")).to_have_text("None")
    page.get_by_role("button", name="Backward", exact=True).click()
    expect_grad(page, d, "tensor(2.)")
    expect_grad(page, x, X_GRAD_1)
    page.get_by_role("button", name="Zero grad", exact=True).click()
    expect_grad(page, x, X_GRAD_0)
    screenshot(page, "built")

    # Reload: the autosaved graph comes back, wired and evaluated.
    page.reload()
    expect(page.locator("[data-node-id]")).to_have_count(4)
    expect(page.locator(".react-flow__edge")).to_have_count(4)
    wait_for_engine(page)
    expect(node(page, y).locator("[data-value]")).to_contain_text("tensor(28.")
    expect(node(page, x).get_by_label(f"name of node {x}")).to_have_value("x")
    page.get_by_role("button", name="Backward", exact=True).click()
    expect_grad(page, x, X_GRAD_1)
    screenshot(page, "reloaded")
    assert page_log.errors() == []


def test_non_scalar_backward_shows_pytorch_error(
    engine_page: Page, screenshot: Callable[..., Path]
) -> None:
    page = engine_page
    ids = build_example(page)
    sq = drop_op(page, "mul", 760, 560)
    wire(page, ids["x"], sq, 0)
    wire(page, ids["x"], sq, 1)
    expect(node(page, sq).locator("[data-value]")).to_contain_text("tensor([0., 1., 4., 9.]")

    # Two outputs now: Backward without a selection explains instead of guessing.
    page.locator(".react-flow__pane").click(position={"x": 60, "y": 60})
    page.get_by_role("button", name="Backward", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("outputs")

    node(page, sq).locator(".node-op").click()
    page.get_by_role("button", name="Backward", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(NON_SCALAR)
    expect(alert).to_contain_text("RuntimeError")
    # The graph is kept.
    expect(page.locator("[data-node-id]")).to_have_count(5)
    expect(node(page, ids["y"]).locator("[data-value]")).to_contain_text("tensor(28.")
    screenshot(page, "error")
    alert.get_by_role("button", name="Dismiss", exact=True).click()
    expect(page.get_by_role("alert")).to_have_count(0)


def test_undo_redo_and_keyboard(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    page = engine_page
    # First visit: the example is there.
    expect(page.locator("[data-node-id]")).to_have_count(4)
    assert sorted(node_ids(page)) == ["d", "two", "x", "y"]

    page.get_by_role("button", name="New", exact=True).click()
    expect(page.locator("[data-node-id]")).to_have_count(0)
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(page.locator("[data-node-id]")).to_have_count(4)
    page.get_by_role("button", name="Redo", exact=True).click()
    expect(page.locator("[data-node-id]")).to_have_count(0)
    page.keyboard.press("Control+z")
    expect(page.locator("[data-node-id]")).to_have_count(4)

    # Delete a node with the keyboard; its wires go too; undo brings both back.
    node(page, "d").locator(".node-op").click()
    page.keyboard.press("Delete")
    expect(page.locator("[data-node-id]")).to_have_count(3)
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    expect(node(page, "y").locator("[data-error]")).to_be_visible()
    page.keyboard.press("Control+z")
    expect(page.locator("[data-node-id]")).to_have_count(4)
    expect(page.locator(".react-flow__edge")).to_have_count(4)
    page.keyboard.press("Control+Shift+z")
    expect(page.locator("[data-node-id]")).to_have_count(3)
    page.keyboard.press("Control+z")
    expect(page.locator("[data-node-id]")).to_have_count(4)

    # Moving a node is one undo step.
    header = node(page, "two").locator(".node-op")
    before = header.bounding_box()
    assert before is not None
    page.mouse.move(before["x"] + 5, before["y"] + 5)
    page.mouse.down()
    page.mouse.move(before["x"] + 105, before["y"] + 65, steps=10)
    page.mouse.up()
    moved = header.bounding_box()
    assert moved is not None and moved["x"] > before["x"] + 50
    page.keyboard.press("Control+z")
    expect(page.get_by_role("button", name="Redo", exact=True)).to_be_enabled()
    back = header.bounding_box()
    assert (
        back is not None and abs(back["x"] - before["x"]) < 2 and abs(back["y"] - before["y"]) < 2
    )

    # Param edits are undoable too; a typo keeps the last good value.
    field = node(page, "x").locator('input[data-param="value"]')
    field.fill("[0, 1, 2")
    expect(node(page, "x").locator(".param-problem")).to_be_visible()
    expect(node(page, "y").locator("[data-value]")).to_contain_text("tensor(28.")
    field.fill("[1, 1, 1, 1]")
    expect(node(page, "y").locator("[data-value]")).to_contain_text("tensor(8.")
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(field).to_have_value("[0, 1, 2, 3]")
    expect(node(page, "y").locator("[data-value]")).to_contain_text("tensor(28.")
    page.keyboard.press("Control+y")
    expect(field).to_have_value("[1, 1, 1, 1]")

    # Copy and paste gives new ids, wires between the copies kept.
    node(page, "x").locator(".node-op").click()
    node(page, "d").locator(".node-op").click(modifiers=["Shift"])
    page.keyboard.press("Control+c")
    page.keyboard.press("Control+v")
    expect(page.locator("[data-node-id]")).to_have_count(6)
    assert len(set(node_ids(page))) == 6
    expect(page.locator(".react-flow__edge")).to_have_count(6)
    screenshot(page)
    assert page_log.errors() == []


def test_refused_wires_say_why(engine_page: Page, screenshot: Callable[..., Path]) -> None:
    page = engine_page
    page.get_by_role("button", name="New", exact=True).click()
    a = drop_op(page, "neg", 450, 250)
    b = drop_op(page, "exp", 800, 300)
    tidy(page)
    wire(page, a, b, 0)
    expect(page.locator(".react-flow__edge")).to_have_count(1)

    # b -> a would close a loop.
    wire(page, b, a, 0)
    status = page.get_by_role("status")
    expect(status).to_contain_text("cycle")
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    screenshot(page, "cycle")

    # A second wire into a fed input replaces the first, and says so (test_mouse_editing.py).
    c = drop_op(page, "tensor", 450, 520)
    tidy(page)
    wire(page, c, b, 0)
    expect(status).to_contain_text(f'Replaced the wire from {a} into input "input" of {b}')
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    assert saved_doc(page)["nodes"][1]["inputs"] == [c]
    screenshot(page, "occupied")

    # A selected wire goes with Delete, and comes back with Undo.
    click_edge(page)
    expect(page.locator(".react-flow__edge.selected")).to_have_count(1)
    page.keyboard.press("Delete")
    expect(page.locator(".react-flow__edge")).to_have_count(0)
    page.keyboard.press("Control+z")
    expect(page.locator(".react-flow__edge")).to_have_count(1)


def test_add_op_by_typing_and_palette_filter(
    engine_page: Page, screenshot: Callable[..., Path]
) -> None:
    page = engine_page
    page.get_by_role("button", name="New", exact=True).click()
    # the filter reads docs too: "tanh" finds tanh, and gelu, whose doc names its tanh form
    page.get_by_label("Filter operations").fill("sqrt")
    expect(page.locator(".palette-item")).to_have_count(1)
    expect(page.locator(".palette-item")).to_have_text("sqrt")
    page.get_by_label("Filter operations").fill("")

    page.locator(".react-flow__pane").dblclick(position={"x": 300, "y": 200})
    box = page.get_by_label("Add op by name")
    box.fill("tanh")
    box.press("Enter")
    expect(page.locator('[data-op="tanh"][data-node-id]')).to_have_count(1)
    expect(page.locator('[data-op="tanh"][data-node-id] [data-error]')).to_be_visible()
    screenshot(page)


def test_editor_usable_while_engine_loads(
    page: Page, base_url: str, wait_for_engine: Callable[..., None], screenshot: Callable[..., Path]
) -> None:
    page.goto(base_url)
    # The first visit shows the example and the hint at once, Python or not.
    expect(page.locator("[data-node-id]")).to_have_count(4)
    expect(page.get_by_role("note").filter(has_text="Drag ops from the left")).to_be_visible()
    if page.evaluate("document.documentElement.dataset.engine") == "loading":
        expect(page.get_by_text("Loading Python engine…")).to_be_visible()
    page.locator('.palette-item[data-op="tanh"]').click()
    expect(page.locator("[data-node-id]")).to_have_count(5)
    wait_for_engine(page)
    expect(page.get_by_text("Loading Python engine…")).to_have_count(0)
    expect(page.get_by_text("Python engine ready")).to_be_visible()
    expect(node(page, "y").locator("[data-value]")).to_contain_text("tensor(28.")
    screenshot(page)


def test_engine_failure_says_what_to_do(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    page.context.route("**/wheels/index.json", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(base_url)
    page.wait_for_function("document.documentElement.dataset.engine === 'error'", timeout=60_000)
    alert = page.get_by_role("alert").filter(has_text="Python engine could not load")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Reload")
    expect(alert).to_contain_text("pyodide/")
    # Editing still works without the engine.
    page.locator('.palette-item[data-op="exp"]').click()
    expect(page.locator("[data-node-id]")).to_have_count(5)
    screenshot(page)
