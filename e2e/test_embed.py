"""The embed mode: a share link with &embed=1 shown in an <iframe> of another page on this
origin (as a course or a blog would), with its flags: readonly=1 and hide=...

The test page is served at the playground's own origin (a route), so the frame shares the
origin's storage with the reader's own playground tab, which is what the autosave test needs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from links import SAVED_DOC, encode, save_in_browser, saved_text
from playwright.sync_api import FrameLocator, Page, expect

X_GRAD = "tensor([ 0.,  4.,  8., 12.])"

# The page's first-visit example, y = 2·dot(x, x), as a link would carry it (no positions:
# the page lays it out).
EXAMPLE = {
    "version": 2,
    "nodes": [
        {
            "id": "x",
            "op": "tensor",
            "label": "x",
            "params": {"value": [0.0, 1.0, 2.0, 3.0], "requires_grad": True},
        },
        {"id": "two", "op": "tensor", "params": {"value": 2.0}},
        {"id": "d", "op": "dot", "inputs": ["x", "x"]},
        {"id": "y", "op": "mul", "label": "y", "inputs": ["two", "d"]},
    ],
}

HOST_PATH = "course-page.html"
# Below the laid-out graph and left of the minimap, in the 900 x 520 frame's canvas.
EMPTY_SPOT = {"x": 420, "y": 440}


def host(page: Page, base_url: str, flags: str, size: tuple[int, int] = (900, 520)) -> FrameLocator:
    """Opens a page of this origin that embeds the graph with `flags`; returns its frame."""
    src = f"{base_url.split('?')[0]}#g={encode(EXAMPLE)}{flags}"
    html = (
        "<!doctype html><html><body><h1>A course page</h1>"
        f'<iframe src="{src}" title="graph" width="{size[0]}" height="{size[1]}"'
        ' style="border: 1px solid #888"></iframe></body></html>'
    )
    page.route(f"**/{HOST_PATH}", lambda r: r.fulfill(body=html, content_type="text/html"))
    page.goto(base_url.split("?")[0] + HOST_PATH)
    frame = page.frame_locator("iframe")
    expect(frame.locator("html[data-engine='ready']")).to_have_count(1, timeout=90_000)
    return frame


def test_embed_shows_the_canvas_and_runs_backward(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    frame = host(page, base_url, "&embed=1")
    # The minimal toolbar, and nothing of the full page around the canvas.
    expect(frame.get_by_role("button", name="Backward", exact=True)).to_be_visible()
    expect(frame.get_by_role("button", name="Zero grad", exact=True)).to_be_visible()
    for gone in (
        ".palette",
        "[data-action='share']",
        "[data-action='toggleNotebook']",
        ".canvas-bar",
        "[data-theme-switcher]",
        "[data-language-switcher]",
    ):
        expect(frame.locator(gone)).to_have_count(0)
    frame.get_by_role("button", name="Backward", exact=True).click()
    expect(frame.locator('[data-node-id="x"] [data-grad]')).to_have_text(X_GRAD)
    frame.get_by_role("button", name="Zero grad", exact=True).click()
    expect(frame.locator('[data-node-id="x"] [data-grad]')).not_to_have_text(X_GRAD)
    screenshot(page, "embed")
    # Editable: a double click on the empty canvas offers to add a node (read-only refuses).
    frame.locator(".react-flow__pane").dblclick(position=EMPTY_SPOT)
    expect(frame.locator(".add-op-box")).to_have_count(1)
    page.keyboard.press("Escape")

    # "Open in playground": the full page, same graph, no embed flags, in a new tab.
    link = frame.locator("[data-open-playground]")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("href", f"{base_url.split('?')[0]}#g={encode_like(page, frame)}")
    with page.context.expect_page() as info:
        link.click()
    full = info.value
    expect(full.locator('[data-node-id="y"]')).to_have_count(1)
    expect(full.locator("[data-theme-switcher]")).to_have_count(1)
    assert "embed" not in full.url


def encode_like(page: Page, frame: FrameLocator) -> str:
    """The page's own encoding of the frame's graph (the href is re-encoded by the page)."""
    href = frame.locator("[data-open-playground]").get_attribute("href") or ""
    return href.split("#g=", 1)[1]


def test_readonly_refuses_edits_but_backward_works(page: Page, base_url: str) -> None:
    frame = host(page, base_url, "&embed=1&readonly=1")
    nodes = frame.locator("[data-node-id]")
    expect(nodes).to_have_count(4)
    # No add-op box on a double click of the canvas.
    frame.locator(".react-flow__pane").dblclick(position=EMPTY_SPOT)
    expect(frame.locator(".add-op-box")).to_have_count(0)
    # Params show their values and take no edit.
    value = frame.locator('[data-node-id="x"] input[data-param="value"]')
    expect(value).to_be_disabled()
    expect(value).to_have_value("[0, 1, 2, 3]")
    # Delete on a selected node deletes nothing.
    frame.locator('[data-node-id="y"] .node-op').click()
    page.keyboard.press("Delete")
    expect(nodes).to_have_count(4)
    # Dragging from an output port makes no wire.
    expect(frame.locator(".react-flow__handle.connectable")).to_have_count(0)
    frame.get_by_role("button", name="Backward", exact=True).click()
    expect(frame.locator('[data-node-id="x"] [data-grad]')).to_have_text(X_GRAD)
    expect(frame.get_by_text("read-only", exact=True)).to_be_visible()


def test_readonly_still_collapses_and_expands_a_group(page: Page, base_url: str) -> None:
    # Folding a group is how a reader looks at a read-only graph, not an edit of it.
    grouped = {**EXAMPLE, "groups": [{"id": "g1", "label": "scale", "nodes": ["d", "y"]}]}
    src = f"{base_url.split('?')[0]}#g={encode(grouped)}&embed=1&readonly=1"
    html = f'<!doctype html><iframe src="{src}" title="graph" width="900" height="520"></iframe>'
    page.route(f"**/{HOST_PATH}", lambda r: r.fulfill(body=html, content_type="text/html"))
    page.goto(base_url.split("?")[0] + HOST_PATH)
    frame = page.frame_locator("iframe")
    expect(frame.locator("html[data-engine='ready']")).to_have_count(1, timeout=90_000)
    frame.get_by_role("button", name="Collapse scale").click()
    expect(frame.locator('.group-box[data-group-id="g1"]')).to_be_visible()
    expect(frame.locator('[data-node-id="d"]')).to_have_count(0)
    frame.get_by_role("button", name="Backward", exact=True).click()
    expect(frame.locator('[data-node-id="x"] [data-grad]')).to_have_text(X_GRAD)
    frame.get_by_role("button", name="Expand scale").click()
    expect(frame.locator('[data-node-id="d"]')).to_have_count(1)
    # Nothing else became editable on the way.
    expect(frame.locator('[data-node-id="x"] input[data-param="value"]')).to_be_disabled()


def test_hidden_controls_are_absent(page: Page, base_url: str) -> None:
    frame = host(page, base_url, "&embed=1&hide=step,minimap,controls&theme=dark")
    # The embedding page's colours, for this visit only.
    expect(frame.locator("html[data-theme='dark']")).to_have_count(1)
    assert page.evaluate("localStorage.getItem('autograd-playground:theme')") is None
    expect(frame.get_by_role("button", name="Backward", exact=True)).to_be_visible()
    expect(frame.locator("[data-action='stepBackward']")).to_have_count(0)
    expect(frame.locator(".react-flow__minimap")).to_have_count(0)
    expect(frame.locator(".react-flow__controls-zoomin")).to_have_count(0)


def test_hide_flags_on_the_full_page(engine_page: Page, base_url: str) -> None:
    page = engine_page
    expect(page.locator("[data-action='train']")).to_have_count(1)
    page.goto(f"{base_url.split('?')[0]}#g={encode(EXAMPLE)}&hide=palette,code,train")
    expect(page.locator('[data-node-id="y"]')).to_have_count(1)
    expect(page.locator(".palette")).to_have_count(0)
    expect(page.locator("[data-action='toggleNotebook']")).to_have_count(0)
    expect(page.locator("[data-action='train']")).to_have_count(0)
    expect(page.locator("[data-action='stepBackward']")).to_have_count(1)
    # Nor does Train's shortcut (T) train: x keeps its value.
    value = page.locator('[data-node-id="x"] [data-value]')
    expect(value).to_contain_text("tensor([0., 1., 2., 3.]")
    page.locator(".react-flow__pane").click(position={"x": 5, "y": 5})
    page.keyboard.press("t")
    page.wait_for_timeout(1500)
    expect(value).to_contain_text("tensor([0., 1., 2., 3.]")
    assert page.locator(".training-panel, [data-action='stopTraining']").count() == 0


def test_embed_leaves_the_autosave_untouched(page: Page, base_url: str) -> None:
    save_in_browser(page, base_url, SAVED_DOC)
    before = saved_text(page)
    frame = host(page, base_url, "&embed=1")
    # The link's graph, not the saved one.
    expect(frame.locator('[data-node-id="y"]')).to_have_count(1)
    expect(frame.locator('[data-node-id="w"]')).to_have_count(0)
    frame.get_by_role("button", name="Backward", exact=True).click()
    expect(frame.locator('[data-node-id="x"] [data-grad]')).to_have_text(X_GRAD)
    # An edit in an editable embed is not saved either.
    frame.locator('[data-node-id="x"] input[data-param="value"]').fill("[1, 1, 1, 1]")
    expect(frame.locator('[data-node-id="y"] [data-value]')).to_contain_text("tensor(8.")
    page.wait_for_timeout(500)
    assert saved_text(page) == before
    assert json.loads(before or "null") == SAVED_DOC
    # And the reader's own page still opens their graph.
    page.goto(base_url)
    expect(page.locator('[data-node-id="w"]')).to_have_count(1)


@pytest.mark.parametrize(
    "flags",
    [
        "&embed=1&hide=<script>alert(1)</script>,__proto__,constructor&readonly=yes",
        "&embed=1&theme=url(javascript:alert(1))&hide=" + "train," * 300,
        "&embed=1&%&=&&&embed=0&readonly=%E0%A4%A",
    ],
)
def test_hostile_flags_are_ignored(page: Page, base_url: str, flags: str, page_log) -> None:
    frame = host(page, base_url, flags)
    expect(frame.locator('[data-node-id="y"]')).to_have_count(1)
    expect(frame.locator("html[data-link='opened']")).to_have_count(1)
    expect(frame.locator("[role='alert']")).to_have_count(0)
    # Not read-only: a param takes an edit.
    expect(frame.locator('[data-node-id="x"] input[data-param="value"]')).to_be_enabled()
    assert not page_log.page_errors


@pytest.mark.locale("zh-CN")
def test_embed_speaks_chinese(page: Page, base_url: str) -> None:
    frame = host(page, base_url, "&embed=1&readonly=1")
    expect(frame.locator("[data-open-playground]")).to_have_text("在 Autograd 游乐场中打开 ↗")
    expect(frame.get_by_text("只读", exact=True)).to_be_visible()
    expect(frame.locator("[data-action='backward']")).to_have_text("反向传播")
