"""Every lesson, opened by its own link, shows on the page the numbers its text states.

The checks are the lesson's own data (lessons/lessons.json), the same ones tests/test_lessons.py
runs through real PyTorch and the engine; here a person's clicks play them: select the node,
press Backward (or Backward again, with retain_graph ticked), Zero grad, Run, the card's Train.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parent.parent
LESSONS = json.loads((ROOT / "lessons" / "lessons.json").read_text("utf-8"))["lessons"]


def node(page: Page, node_id: str) -> Locator:
    return page.locator(f'.react-flow__node [data-node-id="{node_id}"]')


def settle(page: Page) -> None:
    page.wait_for_function("document.documentElement.dataset.busy !== 'true'")


def expect_text(page: Page, node_id: str, part: str, text: str) -> None:
    # textContent keeps PyTorch's alignment spaces, which to_have_text would normalise away.
    page.wait_for_function(
        "([id, part, want]) => document.querySelector("
        '`.react-flow__node [data-node-id="${id}"] [data-${part}]`)?.textContent === want',
        arg=[node_id, part, text],
    )


def select(page: Page, node_id: str) -> None:
    label = page.evaluate(
        'id => { const n = document.querySelector(`.react-flow__node [data-node-id="${id}"]`);'
        " return n.querySelector('.node-label').value || id; }",
        node_id,
    )
    target = page.locator("[data-backward-target]")
    if target.count() and target.inner_text() == f"on {label}":
        return
    # The header's op name, not the name field: clicks on fields edit, they do not select.
    node(page, node_id).locator(".node-op").click()
    expect(target).to_have_text(f"on {label}")


def play(page: Page, lesson: dict[str, Any], check: dict[str, Any]) -> None:
    action = check["action"]
    for node_id, flags in check.get("flags", {}).items():
        for flag, on in flags.items():
            node(page, node_id).locator(f'[data-flag="{flag}"]').set_checked(on)
        settle(page)
    if action == "run_cell":
        box = page.get_by_role("textbox", name="Code", exact=True)
        code = lesson["code"][check["cell"]]
        if box.get_attribute("data-value") != code:
            box.fill(code)
        n = page.locator("[data-cell-output]").count()
        page.get_by_role("button", name="Run", exact=True).click()
        out = page.locator("[data-cell-output]")
        expect(out).to_have_count(n + 1, timeout=60_000)
        assert out.nth(n).text_content() == check["output"] + (check.get("error") or "")
        return
    if action == "backward":
        select(page, check["node"])
        retain = page.get_by_label("retain_graph", exact=True)
        if retain.count():
            retain.set_checked(bool(check.get("retain_graph")))
        else:
            assert not check.get("retain_graph")
        name = "Backward" if check.get("fresh", True) else "Backward again (same graph)"
        page.get_by_role("button", name=name, exact=True).click()
    elif action == "zero_grad":
        page.get_by_role("button", name="Zero grad", exact=True).click()
    elif action == "train":
        steps = lesson["train"]["steps"]
        card = page.locator("[data-lesson-panel]")
        if check.get("swapped"):
            # the card's button the text tells the person to press before this run
            swap = lesson["swap"]
            name = f"Change {swap['from']} to {swap['to']}"
            card.get_by_role("button", name=name, exact=True).click()
            settle(page)
        card.get_by_role("button", name=f"Train {steps} steps", exact=True).click()
        chart = page.get_by_label("Loss chart", exact=True)
        expect(chart).to_have_attribute("data-points", str(steps), timeout=60_000)
        page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    settle(page)
    alert = page.get_by_role("alert")
    if "error" in check:
        expect(alert).to_contain_text(check["error"].split(": ", 1)[1][:60])
        page.get_by_role("button", name="Dismiss").click()
    else:
        expect(alert).to_have_count(0)
    for name, text in check.get("expect", {}).items():
        expect_text(page, name, "grad", text)
    for name, text in check.get("values", {}).items():
        expect_text(page, name, "value", text)
    for name, fn in check.get("grad_fn", {}).items():
        meta = node(page, name).locator('[title="grad_fn"]')
        if fn is None:
            expect(meta).to_have_count(0)
        else:
            expect(meta).to_have_text(f"grad_fn=<{fn}>")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["id"])
def test_lesson_shows_the_numbers_it_states(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
    lesson: dict[str, Any],
) -> None:
    page.goto(f"{base_url}#lesson={lesson['id']}")
    wait_for_engine(page)
    panel = page.locator("[data-lesson-panel]")
    expect(panel).to_contain_text(lesson["title"])
    expect(panel).to_contain_text(lesson["text"][:40])
    if lesson.get("code"):
        # The code waits in the Code box: nothing ran.
        expect(page.get_by_role("textbox", name="Code", exact=True)).to_have_attribute(
            "data-value", lesson["code"][0]
        )
        expect(page.locator("[data-cell-output]")).to_have_count(0)
    else:
        # a collapsed group (the spirals lesson's Linear layers) is one box, not its nodes
        hidden = sum(len(g["nodes"]) for g in lesson["doc"].get("groups", []) if g.get("collapsed"))
        expect(page.locator(".react-flow__node [data-node-id]")).to_have_count(
            len(lesson["doc"]["nodes"]) - hidden
        )
        settle(page)
    for check in lesson["checks"]:
        play(page, lesson, check)
    screenshot(page, lesson["id"])


def test_lessons_menu_links_open_lessons(engine_page: Page) -> None:
    page = engine_page
    page.get_by_role("button", name="Lessons", exact=True).click()
    menu = page.get_by_role("menu", name="Lessons")
    items = menu.locator("[data-lesson]")
    expect(items).to_have_count(len(LESSONS))
    hrefs = items.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs == [f"#lesson={lesson['id']}" for lesson in LESSONS]
    # After the lessons, the ready notebooks: one per notebook, in English on this page.
    index = json.loads((ROOT / "notebooks" / "index.json").read_text("utf-8"))
    english = [e["title"] for e in index if e["lang"] == "en"]
    expect(menu.locator("[data-notebook]")).to_have_text(english)
    expect(menu.get_by_role("menuitem")).to_have_count(len(LESSONS) + len(english))
    items.nth(1).click()
    expect(page.locator("[data-lesson-panel]")).to_contain_text(LESSONS[1]["title"])
    expect(node(page, "s")).to_be_visible()
    # The graph it replaced is one Undo away.
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(node(page, "s")).to_have_count(0)
    # Once the graph holds none of the lesson's nodes, its text would mislead: it closes.
    page.get_by_role("button", name="New", exact=True).click()
    expect(page.locator("[data-lesson-panel]")).to_have_count(0)
