"""Groups of nodes (issue 12): select nodes with the mouse, group them from the node menu or
with Ctrl+G, name the group, collapse it to one box whose ports are the wires crossing its
border, run Backward while it is collapsed, expand, undo and redo, and keep the group through
a share link; a link made before groups (document version 1) still opens.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from links import encode
from playwright.sync_api import Browser, Locator, Page, expect
from test_editor import node, saved_doc, settle, settle_viewport

from conftest import engine_ready

SHOTS = Path("/tmp/shots-i12-groups")


def tensor(nid: str, pos: list[int], value: Any, grad: bool = False) -> dict[str, Any]:
    params: dict[str, Any] = {"value": value}
    if grad:
        params["requires_grad"] = True
    return {"id": nid, "op": "tensor", "label": nid, "pos": pos, "params": params}


# A two-layer net on one sample: a1 = tanh(x W1ᵀ + b1), out = a1 W2ᵀ, loss = sum(out).
MLP: dict[str, Any] = {
    "version": 2,
    "nodes": [
        tensor("x", [0, 0], [[1.0, -2.0]]),
        tensor("W1", [0, 300], [[0.5, -1.0], [0.25, 2.0], [1.0, 0.0]], grad=True),
        tensor("b1", [0, 640], [0.1, -0.2, 0.3], grad=True),
        {"id": "lin1", "op": "linear", "label": "h1", "pos": [400, 260],
         "inputs": ["x", "W1", "b1"]},
        {"id": "act", "op": "tanh", "label": "a1", "pos": [780, 260], "inputs": ["lin1"]},
        tensor("W2", [780, 640], [[1.0, -1.0, 0.5]], grad=True),
        {"id": "lin2", "op": "linear", "label": "out", "pos": [1160, 360],
         "inputs": ["act", "W2"]},
        {"id": "loss", "op": "sum", "label": "loss", "pos": [1520, 360], "inputs": ["lin2"]},
    ],
}  # fmt: skip

# The same kind of graph as the version-1 page wrote it into a share link (before groups),
# kept literally: web/src/share/codec.test.ts decodes the same text.
V1_LINK = (
    "hdDdasMgFMDxdznXJ3K061p8kV2IDENkERLNNJZByLuPpK0JdGGXfvD765ngZmNywYPkCD40NoFUE7gGJPwAQh"
    "hAwmh9ChEQOlPb7nEyhOUqIWmEwUTTJ5AT3EyXLUilOFZC63nGB_bBD7X16MkJcQASO2PFNSpi4oxCo-JIWiNE"
    "-51dtOnzK5oG5Biz3bL1cbbeZ98uf2eJcayICSR2-q_VOW9NLMH7chdsS-90JeTXpej8kMdla53pOomagy7maH"
    "y7fcH4dueZ4l3eX73nazYr5b5QKfc7qQspFYxzetXu79Cznn8B"
)


def open_link(page: Page, base_url: str, encoded: str, count: int) -> None:
    page.goto("about:blank")
    page.goto(f"{base_url}#g={encoded}")
    engine_ready(page)
    expect(page.locator("[data-node-id]")).to_have_count(count)
    settle(page)
    settle_viewport(page)


def shot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    path = SHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(path))
    return path


def frame(page: Page, group_id: str) -> Locator:
    return page.locator(f'.group-frame[data-group-id="{group_id}"]')


def head(page: Page, group_id: str) -> Locator:
    """An expanded group's title bar: its name, size and buttons."""
    return page.locator(f'.group-head[data-group-id="{group_id}"]')


def group_box(page: Page, group_id: str) -> Locator:
    return page.locator(f'.group-box[data-group-id="{group_id}"]')


def pick(page: Page, node_id: str, add: bool) -> None:
    """Clicks a node on its op chip (its name field would take the click as text editing)."""
    node(page, node_id).locator(".node-op").click(modifiers=["Shift"] if add else [])


def selected(page: Page) -> set[str]:
    ids = page.locator(".react-flow__node.selected [data-node-id]").evaluate_all(
        "els => els.map(e => e.dataset.nodeId)"
    )
    return set(ids)


def wires(page: Page) -> set[tuple[str, ...]]:
    """The drawn wires as (source, source handle, target, target handle), from React Flow's
    test ids: a re-attached wire's id names the group box's ports."""
    ids = page.locator(".react-flow__edge").evaluate_all(
        "els => els.map(e => e.getAttribute('data-testid'))"
    )
    out: set[tuple[str, ...]] = set()
    for test_id in ids:
        parsed = json.loads(test_id.removeprefix("rf__edge-"))
        if parsed[0] == "group":
            out.add(tuple(parsed[1:]))
        else:
            source, target, port = parsed
            out.add((source, "out", target, f"in-{port}"))
    return out


def name_group(page: Page, label: str) -> None:
    """Types a name into the new group's name field, which grouping put the cursor in."""
    field = page.locator("input.group-label:focus")
    expect(field).to_have_count(1)
    page.keyboard.type(label)
    page.keyboard.press("Enter")


def zoom_to_full(page: Page, node_id: str) -> None:
    """Zooms in until the node is drawn in full rather than simplified (canvas/lod.ts)."""
    for _ in range(8):
        if node(page, node_id).get_attribute("data-detail") is None:
            return
        page.get_by_role("button", name="Zoom In").click()
        settle_viewport(page)
    raise AssertionError(f"{node_id} is still drawn simplified")


def undo(page: Page) -> None:
    page.get_by_role("button", name="Undo", exact=True).click()


def redo(page: Page) -> None:
    page.get_by_role("button", name="Redo", exact=True).click()


def test_group_from_the_menu_collapse_backward_expand_undo(page: Page, base_url: str) -> None:
    open_link(page, base_url, encode(MLP), 8)
    # Three nodes by shift-click; the menu of one of them groups all three.
    pick(page, "W1", add=False)
    pick(page, "lin1", add=True)
    pick(page, "act", add=True)
    assert selected(page) == {"W1", "lin1", "act"}
    node(page, "lin1").locator(".node-op").click(button="right")
    menu = page.get_by_role("menu")
    expect(menu.get_by_role("menuitem", name="Group…")).to_be_enabled()
    menu.get_by_role("menuitem", name="Group…").click()
    name_group(page, "layer 1")
    expect(head(page, "g1").locator("input.group-label")).to_have_value("layer 1")
    expect(head(page, "g1")).to_contain_text("3 nodes")
    assert saved_doc(page)["groups"] == [
        {"id": "g1", "label": "layer 1", "nodes": ["W1", "lin1", "act"]}
    ]
    # The frame is behind its nodes and around them.
    fb = frame(page, "g1").bounding_box()
    assert fb is not None
    for member in ("W1", "lin1", "act"):
        nb = node(page, member).bounding_box()
        assert nb is not None
        assert fb["x"] <= nb["x"] and nb["x"] + nb["width"] <= fb["x"] + fb["width"], member
        assert fb["y"] <= nb["y"] and nb["y"] + nb["height"] <= fb["y"] + fb["height"], member
    expanded_wires = wires(page)
    assert len(expanded_wires) == 7
    # At the zoom the link opened at, nodes are drawn in full (canvas/lod.ts).
    shot(page, "expanded")

    # Collapsed: one box, its inputs named after the outside nodes that feed it (x, b1), its
    # output after the member read outside (a1); the outside wires end on the box.
    head(page, "g1").get_by_role("button", name="Collapse layer 1 into one box").click()
    box = group_box(page, "g1")
    expect(box).to_be_visible()
    for member in ("W1", "lin1", "act"):
        expect(node(page, member)).to_have_count(0)
    expect(box.locator(".group-port.in")).to_have_count(2)
    expect(box.locator(".group-port.in .group-port-name")).to_have_text(["x", "b1"])
    expect(box.locator(".group-port.out .group-port-name")).to_have_text(["a1"])
    expect(box.locator(".group-port.out")).to_contain_text("tensor([[")
    assert wires(page) == {
        ("x", "out", "~g:g1", "gin-0"),
        ("b1", "out", "~g:g1", "gin-1"),
        ("~g:g1", "gout-0", "lin2", "in-0"),
        ("W2", "out", "lin2", "in-1"),
        ("lin2", "out", "loss", "in-0"),
    }
    assert saved_doc(page)["groups"][0]["collapsed"] is True

    # Backward while collapsed: the same grads arrive, shown on the box for the leaves inside.
    page.get_by_role("button", name="Backward", exact=True).click()
    settle(page)
    expect(box.locator('[data-grad-of="W1"]')).to_contain_text("tensor([[")
    expect(node(page, "b1")).to_contain_text(".grad")
    first_grad = box.locator('[data-grad-of="W1"] .group-grad-value').inner_text()
    shot(page, "collapsed")

    # Step backward while collapsed: the box lights up while a node inside it runs.
    page.get_by_role("button", name="Step backward", exact=True).click()
    panel = page.get_by_role("region", name="Backward, step by step")
    expect(panel).to_be_visible()
    running = page.locator('.react-flow__node.step-current[data-id="~g:g1"]')
    for _ in range(12):
        if running.count():
            break
        page.get_by_role("button", name="Next step", exact=True).click()
        page.wait_for_timeout(150)
    expect(running).to_have_count(1)
    page.get_by_role("button", name="Exit", exact=True).click()
    expect(panel).to_have_count(0)
    # Step backward ran a second pass: W1.grad on the box accumulated, as in PyTorch.
    grad_on_box = box.locator('[data-grad-of="W1"] .group-grad-value')
    expect(grad_on_box).not_to_have_text(first_grad)
    w1_grad = grad_on_box.inner_text()
    # On a phone, Fit view zooms out to the box's simplified view, its ports still wired.
    page.set_viewport_size({"width": 390, "height": 800})
    page.keyboard.press("f")
    settle_viewport(page)
    shot(page, "collapsed")

    # Expanded again: the nodes are back where they were, W1's node holds the same grad.
    group_box(page, "g1").get_by_role("button", name="Expand layer 1 to show its nodes").click()
    expect(node(page, "W1")).to_have_count(1)
    page.keyboard.press("f")
    settle_viewport(page)
    shot(page, "expanded")
    page.set_viewport_size({"width": 1280, "height": 800})
    zoom_to_full(page, "W1")
    expect(node(page, "W1").locator("[data-grad]")).to_contain_text(w1_grad.split("\n")[0])
    assert wires(page) == expanded_wires

    # Each group edit was one undo step: expand, collapse, the name, the group itself.
    undo(page)
    expect(group_box(page, "g1")).to_be_visible()
    undo(page)
    expect(frame(page, "g1")).to_be_visible()
    undo(page)
    expect(head(page, "g1").locator("input.group-label")).to_have_value("group 1")
    undo(page)
    expect(page.locator(".group-frame, .group-box")).to_have_count(0)
    assert "groups" not in saved_doc(page)
    for _ in range(3):
        redo(page)
    expect(group_box(page, "g1")).to_be_visible()
    expect(group_box(page, "g1").locator("input.group-label")).to_have_value("layer 1")


def test_box_select_ctrl_g_and_a_share_link_keep_the_collapsed_group(
    page: Page, browser: Browser, base_url: str
) -> None:
    open_link(page, base_url, encode(MLP), 8)
    # One node alone cannot be grouped: the menu's entry is disabled and says how.
    node(page, "loss").locator(".node-op").click(button="right")
    item = page.get_by_role("menu").get_by_role("menuitem", name="Group…")
    expect(item).to_be_disabled()
    expect(item).to_have_attribute("title", re.compile("^Select two or more nodes to group"))
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu")).to_have_count(0)

    # Shift-drag a box around W2, out and loss.
    boxes = [node(page, n).bounding_box() for n in ("W2", "lin2", "loss")]
    assert all(boxes)
    x0 = min(b["x"] for b in boxes if b) - 8
    y0 = min(b["y"] for b in boxes if b) - 8
    x1 = max(b["x"] + b["width"] for b in boxes if b) + 8
    y1 = max(b["y"] + b["height"] for b in boxes if b) + 8
    page.keyboard.down("Shift")
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=6)
    page.mouse.move(x1, y1, steps=6)
    page.mouse.up()
    page.keyboard.up("Shift")
    assert selected(page) == {"W2", "lin2", "loss"}
    page.keyboard.press("Control+g")
    name_group(page, "head")
    head(page, "g1").get_by_role("button", name="Collapse head into one box").click()
    expect(group_box(page, "g1").locator(".group-port.in .group-port-name")).to_have_text(["a1"])
    # Nothing reads loss: it is the group's output, as the graph's.
    expect(group_box(page, "g1").locator(".group-port.out .group-port-name")).to_have_text(["loss"])
    want = saved_doc(page)
    assert want["groups"] == [
        {"id": "g1", "label": "head", "nodes": ["W2", "lin2", "loss"], "collapsed": True}
    ]

    page.get_by_role("button", name="Share", exact=True).click()
    link = page.get_by_label("Share link").last.input_value()
    ctx = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 800})
    try:
        other = ctx.new_page()
        other.goto(link)
        engine_ready(other)
        expect(group_box(other, "g1")).to_be_visible()
        expect(group_box(other, "g1").locator("input.group-label")).to_have_value("head")
        expect(other.locator("[data-node-id]")).to_have_count(5)
        settle(other)
        assert saved_doc(other) == want
        expect(other.get_by_role("alert")).to_have_count(0)
    finally:
        ctx.close()


def test_a_version_1_link_opens_and_can_be_grouped(page: Page, base_url: str) -> None:
    open_link(page, base_url, V1_LINK, 6)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(node(page, "sum1")).to_contain_text("tensor(")
    doc = saved_doc(page)
    assert doc["version"] == 2 and "groups" not in doc
    assert [n["id"] for n in doc["nodes"]] == ["x", "W1", "b1", "linear1", "tanh1", "sum1"]
    pick(page, "linear1", add=False)
    pick(page, "tanh1", add=True)
    page.keyboard.press("Control+g")
    name_group(page, "layer 1")
    assert saved_doc(page)["groups"] == [
        {"id": "g1", "label": "layer 1", "nodes": ["linear1", "tanh1"]}
    ]
    # Ungroup with its shortcut: the nodes stay.
    pick(page, "tanh1", add=False)
    page.keyboard.press("Control+Shift+g")
    expect(page.locator(".group-frame")).to_have_count(0)
    expect(page.locator("[data-node-id]")).to_have_count(6)
