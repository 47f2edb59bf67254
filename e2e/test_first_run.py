"""The first run: the welcome tour (once, never from a link, never again once dismissed),
the `?` sheet of every registered action, the starter gallery; and the code panel's error
line and recall of the last cell."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, TOUR_KEY
from links import SAVED_DOC, encode

SHOTS = Path("/tmp/shots-i12-first")
SRC = ROOT / "web" / "src"

# Each starter's leaves that require grad: Backward must fill every one of them.
STARTER_LEAVES = {
    "dot": ["x"],
    "linear": ["w", "b"],
    "mlp": ["W1", "b1", "w2", "b2"],
    "softmax": ["z"],
    "broadcast": ["col", "row"],
}


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def registered_actions() -> set[str]:
    """Every action name in the feature lists actions/registry.ts joins, read from source."""
    registry = (SRC / "actions" / "registry.ts").read_text()
    names: set[str] = set()
    for module in re.findall(r'from "\.\./(\w+)/actions"', registry):
        text = (SRC / module / "actions.ts").read_text()
        names |= set(re.findall(r'^\s*name: "(\w+)"', text, re.MULTILINE))
    return names


def tour(page: Page):
    return page.get_by_role("dialog", name="Welcome tour")


@pytest.mark.first_visit
def test_tour_shows_on_a_first_visit_and_never_after_skipping(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    page.goto(base_url)
    expect(tour(page)).to_be_visible()
    expect(tour(page)).to_contain_text("1 of 5")
    expect(tour(page)).to_contain_text("Operations")
    shot(page, "tour-1280")
    tour(page).get_by_role("button", name="Next").click()
    expect(tour(page)).to_contain_text("2 of 5")
    tour(page).get_by_role("button", name="Next").click()
    expect(tour(page)).to_contain_text("Backward")
    # The card stays beside its target, inside the window.
    card = tour(page).bounding_box()
    target = page.locator('[data-action="backward"]').bounding_box()
    assert card and target and card["y"] >= target["y"] + target["height"]
    page.set_viewport_size({"width": 390, "height": 800})
    card = tour(page).bounding_box()
    assert card and card["x"] >= 0 and card["x"] + card["width"] <= 390
    shot(page, "tour-390")
    tour(page).get_by_role("button", name="Skip tour").click()
    expect(tour(page)).to_have_count(0)
    assert page.evaluate(f"localStorage.getItem({TOUR_KEY!r})") == "skipped"
    page.reload()
    wait_for_engine(page)
    expect(page.get_by_role("button", name="Backward", exact=True)).to_be_visible()
    expect(tour(page)).to_have_count(0)


@pytest.mark.first_visit
def test_tour_finished_or_escaped_is_not_shown_again(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    page.goto(base_url)
    for n in range(1, 5):
        expect(tour(page)).to_contain_text(f"{n} of 5")
        tour(page).get_by_role("button", name="Next").click()
    expect(tour(page)).to_contain_text("Code")
    tour(page).get_by_role("button", name="Done").click()
    expect(tour(page)).to_have_count(0)
    assert page.evaluate(f"localStorage.getItem({TOUR_KEY!r})") == "done"
    page.reload()
    wait_for_engine(page)
    expect(tour(page)).to_have_count(0)
    # Asked for again from the shortcut sheet, Escape closes it.
    page.keyboard.press("?")
    page.get_by_role("button", name="Show the welcome tour again").click()
    expect(tour(page)).to_contain_text("1 of 5")
    page.keyboard.press("Escape")
    expect(tour(page)).to_have_count(0)


@pytest.mark.first_visit
@pytest.mark.parametrize("fragment", ["#lesson=gradient", f"#g={encode(SAVED_DOC)}"])
def test_no_tour_over_a_link(
    page: Page, base_url: str, wait_for_engine: Callable[..., None], fragment: str
) -> None:
    page.goto(base_url + fragment)
    wait_for_engine(page)
    expect(page.locator("html[data-link='opened']")).to_have_count(1)
    expect(tour(page)).to_have_count(0)
    # Not marked seen either: the person's first plain visit still gets it.
    assert page.evaluate(f"localStorage.getItem({TOUR_KEY!r})") is None


def test_no_tour_unless_a_test_asks(engine_page: Page) -> None:
    expect(tour(engine_page)).to_have_count(0)


def test_shortcut_sheet_lists_every_registered_action(engine_page: Page) -> None:
    page = engine_page
    page.keyboard.press("?")
    sheet = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(sheet).to_be_visible()
    rows = sheet.locator("[data-shortcut-action]")
    names = [r.get_attribute("data-shortcut-action") for r in rows.all()]
    assert len(names) == len(set(names))
    assert set(names) == registered_actions()
    assert len(names) > 10
    expect(sheet.locator('[data-shortcut-action="backward"] kbd')).to_have_text(["B"])
    expect(sheet.locator('[data-shortcut-action="undo"] kbd')).to_have_text(["Ctrl+Z"])
    expect(sheet.locator('[data-shortcut-action="shortcuts"] kbd')).to_have_text(["?"])
    expect(sheet.locator('[data-shortcut-action="share"]')).to_contain_text("button only")
    shot(page, "shortcuts-1280")
    page.set_viewport_size({"width": 390, "height": 800})
    shot(page, "shortcuts-390")
    page.keyboard.press("Escape")
    expect(sheet).to_have_count(0)
    # The toolbar button opens it too.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator('[data-action="shortcuts"]').click()
    expect(sheet).to_be_visible()


def test_every_starter_loads_undoably_and_runs_backward(engine_page: Page) -> None:
    page = engine_page
    gallery = page.get_by_role("dialog", name="Starter graphs")
    page.locator('.canvas-bar [data-action="starters"]').click()
    expect(gallery).to_be_visible()
    ids = [b.get_attribute("data-starter") for b in gallery.locator("[data-starter]").all()]
    assert ids == list(STARTER_LEAVES)
    shot(page, "gallery-1280")
    page.set_viewport_size({"width": 390, "height": 800})
    shot(page, "gallery-390")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.keyboard.press("Escape")
    expect(gallery).to_have_count(0)
    before = page.locator("[data-node-id]").evaluate_all("els => els.map(e => e.dataset.nodeId)")
    for starter, leaves in STARTER_LEAVES.items():
        page.locator('.canvas-bar [data-action="starters"]').click()
        gallery.locator(f'[data-starter="{starter}"]').click()
        expect(gallery).to_have_count(0)
        expect(page.locator(f'[data-node-id="{leaves[0]}"]')).to_be_visible()
        page.get_by_role("button", name="Backward", exact=True).click()
        for leaf in leaves:
            expect(page.locator(f'[data-node-id="{leaf}"] [data-grad]')).to_contain_text("tensor(")
        expect(page.locator("[data-node-id] [data-error]")).to_have_count(0)
        expect(page.get_by_role("alert")).to_have_count(0)
    # Broadcasting's gradients are summed back to each leaf's shape, as torch does.
    expect(page.locator('[data-node-id="row"] [data-grad]')).to_have_text(
        "tensor([3., 3., 3., 3.])"
    )
    # Each starter was one document change: Undo walks back to the graph before them.
    for _ in STARTER_LEAVES:
        page.get_by_role("button", name="Undo", exact=True).click()
    after = page.locator("[data-node-id]").evaluate_all("els => els.map(e => e.dataset.nodeId)")
    assert sorted(after) == sorted(before)


def test_starters_open_from_the_empty_canvas(engine_page: Page) -> None:
    page = engine_page
    page.get_by_role("button", name="New", exact=True).click()
    expect(page.get_by_role("button", name="Open a starter graph")).to_be_visible()
    shot(page, "empty-canvas-1280")
    page.get_by_role("button", name="Open a starter graph").click()
    page.get_by_role("dialog", name="Starter graphs").locator('[data-starter="linear"]').click()
    expect(page.locator('[data-node-id="loss"]')).to_be_visible()


def code_box(page: Page):
    return page.get_by_role("textbox", name="Code", exact=True)


def test_code_error_shows_its_line_and_the_cell_comes_back(engine_page: Page) -> None:
    page = engine_page
    page.get_by_role("button", name="Code", exact=True).click()
    code = "import torch\nx = torch.ones(3)\n\ny = x.view(4)"
    code_box(page).fill(code)
    page.get_by_role("button", name="Run", exact=True).click()
    out = page.locator("[data-cell-output]").last
    expect(out).to_contain_text("RuntimeError: shape '[4]' is invalid for input of size 3")
    expect(page.locator(".cell").last.locator("[data-error-line]")).to_have_text(
        "line 4: y = x.view(4)"
    )
    expect(code_box(page)).to_have_attribute("data-value", "")
    shot(page, "code-error-line-1280")
    # ↑ in the empty box brings the failed cell back, to fix and run again.
    code_box(page).click()
    page.keyboard.press("ArrowUp")
    expect(code_box(page)).to_have_attribute("data-value", code)
    # ↑ in a box with text moves the cursor, as in any editor: the text stays.
    page.keyboard.press("ArrowUp")
    expect(code_box(page)).to_have_attribute("data-value", code)
    code_box(page).fill("")
    page.get_by_role("button", name="Edit last").click()
    expect(code_box(page)).to_have_attribute("data-value", code)


def test_a_size_mismatch_names_the_ports_on_the_node(page: Page, base_url: str) -> None:
    doc = {
        "version": 1,
        "nodes": [
            {
                "id": "pred",
                "op": "tensor",
                "label": "pred",
                "params": {"value": [1.0, 2.0, 3.0, 4.0]},
            },
            {"id": "y", "op": "tensor", "label": "y", "params": {"value": [1.0, 2.0]}},
            {"id": "loss", "op": "mse_loss", "label": "loss", "inputs": ["pred", "y"]},
        ],
    }
    page.goto(f"{base_url}#g={encode(doc)}")
    error = page.locator('[data-node-id="loss"] [data-error]')
    expect(error).to_have_text(
        "RuntimeError: The size of tensor a (4) must match the size of tensor b (2) at "
        "non-singleton dimension 0\na = input (4, from pred), b = target (2, from y)",
        timeout=60_000,
    )
    shot(page, "error-names-1280")


def test_open_dialogs_swallow_the_shortcuts(engine_page: Page) -> None:
    """Behind the shortcut sheet or the gallery no action runs from the keyboard (B would
    run Backward, N start over); Escape closes the dialog, and then the keys work again."""
    page = engine_page
    page.wait_for_function("document.documentElement.dataset.busy !== 'true'")
    count = page.locator("[data-backward-count]")
    expect(count).to_have_text("0")
    nodes = page.locator("[data-node-id]").count()
    for open_it, name in (
        (lambda: page.keyboard.press("?"), "Keyboard shortcuts"),
        (lambda: page.locator('.canvas-bar [data-action="starters"]').click(), "Starter graphs"),
    ):
        open_it()
        dialog = page.get_by_role("dialog", name=name)
        expect(dialog).to_be_visible()
        for key in ("b", "n", "Delete", "Control+z"):
            page.keyboard.press(key)
        page.wait_for_timeout(300)
        expect(count).to_have_text("0")
        expect(page.locator("[data-node-id]")).to_have_count(nodes)
        expect(dialog).to_be_visible()
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)
    page.keyboard.press("b")
    expect(count).to_have_text("1")
