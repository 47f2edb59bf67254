"""The page from the keyboard alone (issue 14): the skip link, the palette's arrow keys,
Connect… for wiring, Backward by its shortcut, and what a screen reader hears.

Builds y = 2·dot(x, x) with Tab, arrows, Enter and shortcuts only (page.keyboard, never
the mouse), then reads x.grad = 4x from the node and from the polite live region.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

X_GRAD = "tensor([ 0.,  4.,  8., 12.])"


def focused(page: Page) -> dict:
    """What has the focus: its tag, text, accessible bits and the node card it is in."""
    return page.evaluate(
        """() => { const a = document.activeElement;
          const card = a?.closest('.react-flow__node');
          return { tag: a?.tagName, text: (a?.innerText || '').trim(),
                   label: a?.getAttribute('aria-label'), cls: a?.className?.baseVal ?? a?.className,
                   param: a?.dataset?.param ?? null, node: card?.dataset.id ?? null,
                   isNode: !!a?.classList?.contains('react-flow__node') }; }"""
    )


def tab_until(page: Page, want: Callable[[dict], bool], limit: int = 120) -> int:
    """Presses Tab until `want(focused)`; returns how many presses it took."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if want(focused(page)):
            return n
    raise AssertionError(f"not reached in {limit} Tabs; focus on {focused(page)}")


def settle(page: Page) -> None:
    page.wait_for_function("document.documentElement.dataset.busy !== 'true'")


def add_op(page: Page, op: str) -> str:
    """`/` to the palette's filter, the op's name, Down to the first match, Enter: returns the
    new node's id, which has the focus."""
    before = page.locator("[data-node-id]").count()
    # "/" is the palette's shortcut everywhere but in a text field, the filter included.
    page.keyboard.press("Control+a" if focused(page)["cls"] == "palette-filter" else "/")
    expect(page.locator(".palette-filter")).to_be_focused()
    page.keyboard.type(op)
    page.keyboard.press("ArrowDown")
    f = focused(page)
    assert f["text"] == op, f
    page.keyboard.press("Enter")
    expect(page.locator("[data-node-id]")).to_have_count(before + 1)
    page.wait_for_function("document.activeElement?.classList.contains('react-flow__node')")
    node = focused(page)["node"]
    card = page.locator(f'[data-node-id="{node}"]')
    expect(card).to_have_attribute("data-op", op)
    # Added where it can be seen: inside the canvas's visible part.
    expect(card).to_be_in_viewport(ratio=1)
    return node


def fill_field(page: Page, node: str, want: Callable[[dict], bool], text: str) -> None:
    """Tabs from the focused node to one of its fields and types into it."""
    tab_until(page, lambda f: f["node"] == node and want(f), limit=12)
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def name_node(page: Page, node: str, name: str) -> None:
    fill_field(page, node, lambda f: f["label"] == f"name of node {node}", name)


def connect(page: Page, choice: str) -> None:
    """C on the focused node, arrows to the choice named `choice`, Enter."""
    page.keyboard.press("c")
    dialog = page.get_by_role("dialog", name="Connect", exact=False)
    expect(dialog).to_be_visible()
    for _ in range(30):
        if focused(page)["text"] == choice:
            break
        page.keyboard.press("ArrowDown")
    else:
        raise AssertionError(f"{choice!r} not in {dialog.inner_text()!r}")
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    # The focus is back on the node Connect… was opened on.
    page.wait_for_function("document.activeElement?.classList.contains('react-flow__node')")


def shot(page: Page, screenshot: Callable[..., Path], name: str) -> None:
    print(f"screenshot: {screenshot(page, name)}")


def test_keyboard_only_build_backward_and_delete_a_wire(
    engine_page: Page, screenshot: Callable[..., Path]
) -> None:
    page = engine_page
    # The skip link is the first tab stop, shown when focused; it lands on the canvas, and the
    # next Tab is the first node.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to canvas")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    shot(page, screenshot, "skip-link")
    page.keyboard.press("Enter")
    expect(page.locator("#canvas")).to_be_focused()
    # React Flow puts the wires before the nodes: the first Tab reaches a wire, named.
    page.keyboard.press("Tab")
    assert focused(page)["label"].startswith("Edge from x to d."), focused(page)
    tabs = 1 + tab_until(page, lambda f: f["isNode"])
    edges = page.locator(".react-flow__edge").count()
    assert tabs == edges + 1, (tabs, edges)
    print(f"Tabs from the skip link's target to the first node: {tabs}")
    # Without the skip link, through the toolbar and the palette (one tab stop now).
    skip.focus()
    print(
        f"Tabs from the page's top to the first node: {1 + tab_until(page, lambda f: f['isNode'])}"
    )

    # The palette is one tab stop: Tab from its filter leaves it (the Linear layer entry and
    # the scrolling list were stops of their own), and the arrows reach that entry instead.
    page.locator(".palette-filter").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#palette')") is None, focused(page)
    page.locator(".palette-filter").fill("nn.linear")
    page.locator(".palette-filter").press("ArrowDown")
    assert focused(page)["label"] == "Linear layer", focused(page)
    page.locator(".palette-filter").fill("")

    # New, from the toolbar by Tab and Enter.
    page.evaluate("document.activeElement.blur()")
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "New")
    page.keyboard.press("Enter")
    expect(page.locator("[data-node-id]")).to_have_count(0)

    x = add_op(page, "tensor")
    name_node(page, x, "x")
    fill_field(page, x, lambda f: f["param"] == "value", "[0, 1, 2, 3]")
    tab_until(page, lambda f: f["param"] == "requires_grad", limit=6)
    page.keyboard.press("Space")
    expect(page.locator(f'[data-node-id="{x}"] input[data-param="requires_grad"]')).to_be_checked()

    # The palette keeps its keyboard focus for the screenshot: Home/End/Up/Down inside.
    page.keyboard.press("/")
    page.keyboard.type("m")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("End")
    last = focused(page)["text"]
    page.keyboard.press("Home")
    first = focused(page)["text"]
    page.keyboard.press("ArrowDown")
    assert focused(page)["text"] not in (first, "") and last != first
    shot(page, screenshot, "palette-focus")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator(".palette-filter")).to_be_focused()

    d = add_op(page, "dot")
    # Into the focused node's inputs, from another node's output.
    connect(page, "x → dot1.input")
    connect(page, "x → dot1.tensor")

    y = add_op(page, "mul")
    name_node(page, y, "y")
    connect(page, "dot1 → y.other")

    two = add_op(page, "tensor")
    fill_field(page, two, lambda f: f["param"] == "value", "2")
    # From the focused node's output into another node's free input; the list first.
    page.keyboard.press("c")
    expect(page.locator("[data-connect-list]")).to_contain_text("y.input")
    shot(page, screenshot, "connect-list")
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement?.classList.contains('react-flow__node')")
    connect(page, "y.input")
    expect(page.locator(".react-flow__edge")).to_have_count(4)

    # Wires and nodes are named by the names people gave.
    expect(page.get_by_role("group", name="Edge from x to dot1.input")).to_have_count(1)
    expect(page.get_by_role("group", name="Edge from tensor2 to y.input")).to_have_count(1)
    expect(page.get_by_role("group", name="x, tensor, requires grad")).to_have_count(1)

    # Escape unselects the new node, so Backward acts on the graph's only output, y.
    page.keyboard.press("Escape")
    settle(page)
    expect(page.locator("[data-backward-target]")).to_have_text("on y")
    # React Flow blurs what Escape unselects; the page keeps the focus there.
    page.wait_for_function("document.activeElement?.classList.contains('react-flow__node')")
    page.keyboard.press("b")
    page.wait_for_function(
        '([id, want]) => document.querySelector(`[data-node-id="${id}"] [data-grad]`)'
        "?.textContent === want",
        arg=[x, X_GRAD],
    )
    # One polite live region says so, with PyTorch's printout verbatim.
    live = page.locator('[role="status"][aria-live="polite"]')
    expect(live).to_have_count(1)
    expect(live).to_contain_text(f"Backward done: x.grad = {X_GRAD}")
    assert d == "dot1"

    # Delete a wire from the keyboard: Connect… lists the node's wires.
    page.keyboard.press("c")
    dialog = page.get_by_role("dialog", name="Connect", exact=False)
    delete = dialog.get_by_role("button", name="Delete the wire from tensor2 to y.input")
    for _ in range(30):
        if focused(page)["label"] == "Delete the wire from tensor2 to y.input":
            break
        page.keyboard.press("ArrowDown")
    expect(delete).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".react-flow__edge")).to_have_count(3)
    # Or a wire's own tab stop: Enter selects it, Delete removes it.
    page.evaluate("document.activeElement.blur()")
    tab_until(page, lambda f: f["label"] == "Edge from x to dot1.input")
    page.keyboard.press("Enter")
    page.keyboard.press("Delete")
    expect(page.locator(".react-flow__edge")).to_have_count(2)

    # Deleting the focused node hands the focus to a neighbour, not to the page's body.
    page.evaluate("document.activeElement.blur()")
    tab_until(page, lambda f: f["isNode"] and f["node"] == y)
    page.keyboard.press("Enter")
    page.keyboard.press("Delete")
    expect(page.locator("[data-node-id]")).to_have_count(3)
    page.wait_for_function("document.activeElement?.classList.contains('react-flow__node')")
    assert focused(page)["node"] == d


def test_shortcut_sheet_lists_connect_and_gives_focus_back(engine_page: Page) -> None:
    page = engine_page
    # Its label is "?": its accessible name is its title.
    opener = page.get_by_role("button", name="List every action and its keyboard shortcut")
    opener.focus()
    page.keyboard.press("Enter")
    sheet = page.get_by_role("dialog")
    expect(sheet.locator('[data-shortcut-action="connect"]')).to_contain_text("C")
    expect(sheet.locator('[data-shortcut-action="findOp"]')).to_contain_text("/")
    page.keyboard.press("Escape")
    expect(sheet).to_have_count(0)
    expect(opener).to_be_focused()


@pytest.mark.locale("zh-CN")
def test_chinese_names_and_connect(engine_page: Page) -> None:
    page = engine_page
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="跳到画布")).to_be_focused()
    # The example graph: x feeds dot's both inputs.
    expect(page.get_by_role("group", name="从 x 到 ", exact=False).first).to_be_attached()
    node = page.get_by_role("group", name="x, tensor, 需要梯度")
    node.focus()
    page.keyboard.press("c")
    dialog = page.get_by_role("dialog", name="连接 x")
    expect(dialog).to_contain_text("删除连线")
    page.keyboard.press("Escape")
    expect(node).to_be_focused()
    page.keyboard.press("b")
    live = page.locator('[role="status"][aria-live="polite"]')
    expect(live).to_contain_text(f"反向传播完成：x.grad = {X_GRAD}")


def test_tab_to_a_node_out_of_view_brings_it_into_view(engine_page: Page) -> None:
    page = engine_page
    pane = page.locator(".react-flow__pane")
    box = pane.bounding_box()
    assert box is not None
    # The graph far off to the left: no node in view.
    y = box["y"] + box["height"] - 30
    for _ in range(2):
        page.mouse.move(box["x"] + box["width"] - 10, y)
        page.mouse.down()
        page.mouse.move(box["x"] + 10, y, steps=10)
        page.mouse.up()
    expect(page.locator(".react-flow__node").first).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["isNode"])
    card = page.locator(".react-flow__node:focus")
    expect(card).to_be_in_viewport()
