"""Editing with the mouse alone, and messages that cover nothing that matters (issue 12).

A wire is deleted with its own button and replaced by dropping another on its input, a node
is deleted, duplicated and renamed from its menu, nodes added by click land in free space in
view, no wire hides behind a node, toasts and alerts keep clear of the canvas's tabs and
buttons, the code panel's close button and the lesson card, and the minimap can be hidden.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from links import encode
from playwright.sync_api import Locator, Page, expect
from test_editor import node, node_ids, saved_doc, settle, settle_viewport, wire

from conftest import engine_ready

SHOTS = Path("/tmp/shots-i12-mouse")

Box = dict[str, float]


def tensor(nid: str, pos: list[int], value: list[float]) -> dict[str, Any]:
    return {"id": nid, "op": "tensor", "label": nid, "pos": pos, "params": {"value": value}}


# out = x * y, with a spare z to rewire from.
PRODUCT = {
    "version": 1,
    "nodes": [
        tensor("x", [0, 0], [1.0, 2.0]),
        tensor("y", [0, 260], [3.0, 4.0]),
        tensor("z", [0, 520], [5.0, 6.0]),
        {"id": "mul1", "op": "mul", "label": "out", "pos": [380, 120], "inputs": ["x", "y"]},
    ],
}


def open_doc(page: Page, base_url: str, doc: object) -> None:
    page.goto("about:blank")
    page.goto(f"{base_url}#g={encode(doc)}")
    engine_ready(page)
    expect(page.locator("[data-node-id]")).to_have_count(len(doc["nodes"]))  # type: ignore[index]
    settle(page)
    settle_viewport(page)


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))


def box(loc: Locator) -> Box:
    b = loc.bounding_box()
    assert b is not None, f"{loc} is not visible"
    return b


def overlap(a: Box, b: Box) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def inside(a: Box, b: Box) -> bool:
    return (
        a["x"] >= b["x"]
        and a["y"] >= b["y"]
        and a["x"] + a["width"] <= b["x"] + b["width"]
        and a["y"] + a["height"] <= b["y"] + b["height"]
    )


def inputs_of(page: Page, node_id: str) -> list[str | None]:
    return next(n for n in saved_doc(page)["nodes"] if n["id"] == node_id)["inputs"]


def undo_button(page: Page) -> Locator:
    return page.get_by_role("button", name="Undo", exact=True)


def present(page: Page, *selectors: str) -> list[tuple[str, Box]]:
    """The boxes of those of `selectors` on the page now (the tabs show only with code)."""
    return [(sel, box(page.locator(sel))) for sel in selectors if page.locator(sel).count()]


CANVAS_BUTTONS = (".canvas-tabs", ".canvas-bar", ".react-flow__controls", ".react-flow__minimap")


def inside_point(p: tuple[float, float], b: dict[str, float]) -> bool:
    return b["x"] <= p[0] <= b["x"] + b["width"] and b["y"] <= p[1] <= b["y"] + b["height"]


def edge_middles(page: Page, at: float = 0.5) -> list[tuple[float, float]]:
    return page.locator(".react-flow__edge path.react-flow__edge-path").evaluate_all(
        f"""ps => ps.map(p => {{ const m = p.getPointAtLength(p.getTotalLength() * {at});
              const pt = new DOMPoint(m.x, m.y).matrixTransform(p.getScreenCTM());
              return [pt.x, pt.y]; }})"""
    )


def hover_wire_from(page: Page, label: str) -> Locator:
    """Moves the pointer onto the middle of the wire whose button names `label` as its source;
    returns that button."""
    for x, y in edge_middles(page):
        page.mouse.move(x - 30, y, steps=2)
        page.mouse.move(x, y, steps=3)
        button = page.locator(".wire-delete")
        if button.count() == 1 and f"from {label} " in (button.get_attribute("aria-label") or ""):
            return button
        page.mouse.move(5, 5)
        expect(page.locator(".wire-delete")).to_have_count(0)
    raise AssertionError(f"no wire from {label} shows a delete button")


def test_wire_delete_button_then_undo(page: Page, base_url: str) -> None:
    open_doc(page, base_url, PRODUCT)
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    # No button until the pointer is on a wire: the canvas stays clean.
    expect(page.locator(".wire-delete")).to_have_count(0)
    button = hover_wire_from(page, "x")
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name('Delete the wire from x into input "input" of out')
    shot(page, "wire-button")
    button.click()
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    expect(page.get_by_role("status")).to_contain_text(
        'Deleted the wire from x into input "input" of out'
    )
    assert inputs_of(page, "mul1") == [None, "y"]
    undo_button(page).click()
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    assert inputs_of(page, "mul1") == ["x", "y"]
    expect(undo_button(page)).to_be_disabled()

    # A selected wire (clicked, as on a touch screen) shows its button too.
    x, y = edge_middles(page, 0.3)[0]
    page.mouse.click(x, y)
    expect(page.locator(".react-flow__edge.selected")).to_have_count(1)
    page.mouse.move(5, 400)
    page.wait_for_timeout(600)  # past the hover's linger
    expect(page.locator(".wire-delete")).to_have_count(1)


def test_clicking_a_hovered_wire_selects_it_and_only_its_button_deletes(
    page: Page, base_url: str
) -> None:
    """Hovering shows the delete button, beside the wire's middle: a click on the middle,
    where the pointer already is, selects the wire (it deleted it when the button sat
    there); a second, deliberate click on the button deletes it."""
    open_doc(page, base_url, PRODUCT)
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    for x, y in edge_middles(page):
        page.mouse.move(x - 30, y, steps=2)
        page.mouse.move(x, y, steps=3)
        if page.locator(".wire-delete").count() == 1:
            break
    expect(page.locator(".wire-delete")).to_be_visible()
    page.mouse.click(x, y)
    expect(page.locator(".react-flow__edge.selected")).to_have_count(1)
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    assert inputs_of(page, "mul1") == ["x", "y"]
    # The button is off the wire, not on the point just clicked.
    b = box(page.locator(".wire-delete"))
    assert not inside_point((x, y), b), (x, y, b)
    shot(page, "wire-selected-button-beside")
    page.locator(".wire-delete").click()
    expect(page.locator(".react-flow__edge")).to_have_count(1)


def test_drop_on_a_fed_input_replaces_the_wire_in_one_undo(page: Page, base_url: str) -> None:
    open_doc(page, base_url, PRODUCT)
    wire(page, "z", "mul1", 0)
    expect(page.get_by_role("status")).to_contain_text(
        'Replaced the wire from x into input "input" of out with one from z.'
    )
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    assert inputs_of(page, "mul1") == ["z", "y"]
    expect(node(page, "mul1")).to_contain_text("15.")
    toast = page.get_by_role("status")
    shot(page, "wire-replaced-toast")
    # The toast sits under the tab row, clear of the canvas's own buttons.
    for covered, b in present(page, *CANVAS_BUTTONS):
        assert not overlap(box(toast), b), covered

    undo_button(page).click()
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    assert inputs_of(page, "mul1") == ["x", "y"]
    # One step: nothing older to undo (the link opened with no history).
    expect(undo_button(page)).to_be_disabled()


def menu(page: Page) -> Locator:
    return page.get_by_role("menu")


def test_node_menu_delete_duplicate_rename(page: Page, base_url: str) -> None:
    open_doc(page, base_url, PRODUCT)
    # Right-click opens the menu.
    node(page, "x").locator(".node-header").click(button="right")
    expect(menu(page)).to_be_visible()
    expect(menu(page).get_by_role("menuitem")).to_contain_text(["Delete", "Duplicate", "Rename"])
    shot(page, "node-menu")
    menu(page).get_by_role("menuitem", name="Duplicate").click()
    expect(menu(page)).to_have_count(0)
    expect(page.locator("[data-node-id]")).to_have_count(5)
    (copy,) = set(node_ids(page)) - {"x", "y", "z", "mul1"}
    settle(page)
    copy_box = box(node(page, copy))
    for other in ("x", "y", "z", "mul1"):
        assert not overlap(copy_box, box(node(page, other))), f"the copy covers {other}"
    assert inside(copy_box, box(page.locator(".canvas .react-flow")))

    # The visible ⋯ button opens the same menu: Rename puts the cursor in the name.
    node(page, "y").get_by_role("button", name="Open the menu of y").click()
    menu(page).get_by_role("menuitem", name="Rename").click()
    name = node(page, "y").locator("input.node-label")
    expect(name).to_be_focused()
    page.keyboard.type("bias")
    page.keyboard.press("Enter")
    expect(name).to_have_value("bias")
    assert next(n for n in saved_doc(page)["nodes"] if n["id"] == "y")["label"] == "bias"

    # Delete, from the menu, and Undo brings the node and its wire back.
    node(page, "x").get_by_role("button", name="Open the menu of x").click()
    menu(page).get_by_role("menuitem", name="Delete").click()
    expect(node(page, "x")).to_have_count(0)
    assert inputs_of(page, "mul1") == [None, "y"]
    undo_button(page).click()
    expect(node(page, "x")).to_have_count(1)
    assert inputs_of(page, "mul1") == ["x", "y"]


def test_click_added_nodes_land_in_view_on_free_space(page: Page, base_url: str) -> None:
    open_doc(page, base_url, PRODUCT)
    canvas = box(page.locator(".canvas .react-flow"))
    for k in range(3):
        page.locator('.palette-item[data-op="tanh"]').click()
        expect(page.locator("[data-node-id]")).to_have_count(5 + k)
        settle(page)
        page.wait_for_timeout(300)
    boxes = {i: box(node(page, i)) for i in node_ids(page)}
    overlays = [b for _, b in present(page, *CANVAS_BUTTONS)]
    for i in set(boxes) - {"x", "y", "z", "mul1"}:
        assert inside(boxes[i], canvas), f"{i} is not inside the view"
        for j, other in boxes.items():
            assert i == j or not overlap(boxes[i], other), f"{i} covers {j}"
        for o in overlays:
            assert not overlap(boxes[i], o), f"{i} is under the canvas's buttons"
    shot(page, "added-nodes")


def test_wires_are_drawn_above_nodes(page: Page, base_url: str) -> None:
    # A node in the way of x -> out: its wire must still be seen (and clicked) over it.
    doc = {
        "version": 1,
        "nodes": [
            tensor("x", [0, 0], [1.0, 2.0]),
            tensor("blocker", [330, -40], [0.0]),
            {"id": "e", "op": "exp", "label": "out", "pos": [700, 0], "inputs": ["x"]},
        ],
    }
    open_doc(page, base_url, doc)
    (mid,) = edge_middles(page)
    assert inside({"x": mid[0], "y": mid[1], "width": 0, "height": 0}, box(node(page, "blocker")))
    on_top = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y)?.closest('.react-flow__edge')", list(mid)
    )
    assert on_top, "the wire is hidden behind the node it crosses"


def test_messages_keep_clear_of_tabs_code_panel_and_lesson(page: Page, base_url: str) -> None:
    # A lesson open, and Backward on a vector: PyTorch's error, as an alert.
    page.goto(f"{base_url}#lesson=non-scalar")
    engine_ready(page)
    lesson = page.locator(".lesson-text")
    expect(lesson).to_be_visible()
    settle(page)
    vector = page.locator("[data-node-id]").filter(
        has=page.locator("[data-value]", has_text="tensor([")
    )
    vector.first.locator(".node-op").click()
    page.get_by_role("button", name="Backward", exact=True).click()
    alert = page.get_by_role("alert").first
    expect(alert).to_contain_text("grad can be implicitly created only for scalar outputs")
    page.keyboard.press("Control+c")  # the selected vector: a toast
    toast = page.get_by_role("status")
    expect(toast).to_contain_text("Copied 1 node")
    page.get_by_role("button", name="Code", exact=True).click()
    expect(page.locator(".nb-close")).to_be_visible()
    expect(toast).to_contain_text("Copied 1 node")
    for msg in (toast, alert):
        for covered, b in present(page, *CANVAS_BUTTONS, ".nb-close", ".lesson-text"):
            assert not overlap(box(msg), b), covered
    shot(page, "toast-and-alert")


def test_minimap_toggle_is_remembered_and_fit_view_leaves_room(page: Page, base_url: str) -> None:
    open_doc(page, base_url, PRODUCT)
    minimap = page.locator(".react-flow__minimap")
    toggle = page.locator(".minimap-toggle")
    expect(minimap).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name="Fit view", exact=True).click()
    settle_viewport(page)
    for i in node_ids(page):
        for covered, b in present(page, *CANVAS_BUTTONS):
            assert not overlap(box(node(page, i)), b), f"{i} is under {covered}"

    toggle.click()
    expect(minimap).to_have_count(0)
    page.reload()
    engine_ready(page)
    expect(page.locator("[data-node-id]")).to_have_count(4)
    expect(page.locator(".react-flow__minimap")).to_have_count(0)
    expect(page.locator(".minimap-toggle")).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("m")
    expect(page.locator(".react-flow__minimap")).to_be_visible()


def test_narrow_screen_wire_button_menu_and_toast(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_doc(page, base_url, PRODUCT)
    # A phone's toolbar keeps Fit view in its More menu.
    page.get_by_role("button", name="More", exact=True).click()
    page.locator("#phone-menu").get_by_role("button", name="Fit view", exact=True).click()
    settle_viewport(page)
    # Fit view stops at a zoom where names stay readable, which shows only the graph's start
    # on a phone's narrow canvas: zoom out by hand until a wire's middle is in view.
    canvas = box(page.locator(".canvas .react-flow"))
    for _ in range(10):
        seen = [m for m in edge_middles(page) if inside_point(m, canvas)]
        if seen:
            break
        page.locator(".react-flow__controls-zoomout").click()
        settle_viewport(page)
    x, y = seen[0]
    page.mouse.click(x, y)
    button = page.locator(".wire-delete")
    expect(button).to_be_visible()
    shot(page, "wire-button")
    button.click()
    toast = page.get_by_role("status")
    expect(toast).to_contain_text("Deleted the wire")
    for covered, b in present(page, *CANVAS_BUTTONS):
        assert not overlap(box(toast), b), covered
    shot(page, "toast")
    # zoomed out, the node is drawn simplified (no ⋯ button): its menu is a right-click away
    node(page, "mul1").click(button="right")
    expect(menu(page)).to_be_visible()
    assert inside(box(menu(page)), {"x": 0, "y": 0, "width": 390, "height": 844})
    shot(page, "node-menu")


def seen(panel: Locator) -> Box:
    """The part of a panel on screen: what its strip (which scrolls) does not clip."""
    a, b = box(panel), box(panel.locator("xpath=.."))
    x, y = max(a["x"], b["x"]), max(a["y"], b["y"])
    right = min(a["x"] + a["width"], b["x"] + b["width"])
    bottom = min(a["y"] + a["height"], b["y"] + b["height"])
    return {"x": x, "y": y, "width": max(0, right - x), "height": max(0, bottom - y)}


def test_share_and_script_panels_cover_no_canvas_button(page: Page, base_url: str) -> None:
    """The Share and Script panels take room from the canvas (as the side column does), so
    the canvas's buttons (its bar, zoom and fit controls, the minimap and its toggle) stay
    in view and clickable, at a desktop's width and a phone's."""
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        open_doc(page, base_url, PRODUCT)
        if width < 700:  # a phone's toolbar keeps Share in its More menu
            page.get_by_role("button", name="More", exact=True).click()
        page.get_by_role("button", name="Share", exact=True).click()
        share = page.get_by_role("dialog", name="Share this graph")
        expect(share).to_be_visible()
        page.wait_for_timeout(300)
        shot(page, "share-panel")
        for covered, b in present(page, *CANVAS_BUTTONS, ".minimap-toggle"):
            assert not overlap(seen(share), b), f"at {width} px the Share panel covers {covered}"
        # From the Share panel to the script, which takes its place.
        share.get_by_role("button", name="PyTorch script", exact=True).click()
        script = page.get_by_role("dialog", name="PyTorch script")
        expect(script.locator("[data-script]")).to_contain_text("backward()")
        page.wait_for_timeout(300)
        shot(page, "script-panel")
        for covered, b in present(page, *CANVAS_BUTTONS, ".minimap-toggle"):
            assert not overlap(seen(script), b), f"at {width} px the script covers {covered}"
        if width < 600:
            # A phone's canvas is narrower than the minimap, which then covers the zoom
            # buttons with or without these panels: only the panels are checked there.
            continue
        # Still clickable: the minimap toggle hides the minimap.
        page.locator(".minimap-toggle").click()
        expect(page.locator(".react-flow__minimap")).to_have_count(0)
        page.locator(".minimap-toggle").click()
        expect(page.locator(".react-flow__minimap")).to_be_visible()


def test_new_starts_every_tensor_summarised(page: Page, base_url: str) -> None:
    """A tensor shown whole stays whole only in its graph: after New, a node that takes the
    same id (tensor1, the first tensor added) starts as a summary again."""
    values = [float(i) for i in range(20)]
    open_doc(page, base_url, {"version": 1, "nodes": [tensor("tensor1", [0, 0], values)]})
    big = node(page, "tensor1")
    expect(big.locator("[data-summary]")).to_be_visible()
    page.get_by_role("button", name="Show all of tensor1").click()
    expect(big.locator("[data-value]")).to_contain_text("19.")
    page.get_by_role("button", name="New", exact=True).click()
    expect(page.locator("[data-node-id]")).to_have_count(0)
    page.locator('.palette-item[data-op="tensor"]').click()
    expect(big).to_be_visible()
    field = big.locator('input[data-param="value"]')
    field.fill(str(values))
    field.press("Enter")
    expect(big.locator("[data-summary]")).to_be_visible()
    expect(big.locator("[data-value]")).to_have_count(0)
