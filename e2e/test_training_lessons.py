"""The lessons that train on data (issue 16), played in the page: open each by its link,
show the data, press the card's Train, and the boundary panel shows the final loss and
accuracy to the digits the lesson states (tests/playground/test_lessons.py holds those to
real torch); the boundary image (or fitted curve) is not the one before training. Copy as
PyTorch then gives the whole run, which real torch trains to the same figures."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_gradient_flow import button, settle

ROOT = Path(__file__).resolve().parents[1]
LESSONS = {
    lesson["id"]: lesson
    for lesson in json.loads((ROOT / "lessons" / "lessons.json").read_text("utf-8"))["lessons"]
    if any(n["op"] == "dataset" for n in lesson["doc"]["nodes"])
}
CANVAS = ".bp-canvas"
# the figure a lesson states -> where the boundary panel shows it
SHOWN = {"train_loss": "[data-train-loss]", "test_loss": "[data-test-loss]",
         "train_accuracy": "[data-train-accuracy]", "test_accuracy": "[data-test-accuracy]"}  # fmt: skip


def pixels(page: Page) -> str:
    return page.evaluate(f"() => document.querySelector('{CANVAS}').toDataURL()")


def as_stated(shown: str, stated: str) -> str:
    """The panel's figure (a loss to three significant digits, an accuracy in percent to one
    decimal) rounded to the digits the lesson states."""
    if stated.endswith("%"):
        return shown
    return f"{float(shown):.{len(stated.partition('.')[2])}f}"


@pytest.mark.parametrize("lesson_id", list(LESSONS))
def test_a_data_lesson_trains_to_the_figures_it_states(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
    lesson_id: str,
) -> None:
    lesson: dict[str, Any] = LESSONS[lesson_id]
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base_url}#lesson={lesson_id}")
    wait_for_engine(page)
    expect(page.get_by_role("region", name="Lesson")).to_contain_text(lesson["title"])
    settle(page)
    button(page, "Show the data").click()
    canvas = page.locator(CANVAS)
    expect(canvas).to_have_attribute("data-steps", "0", timeout=60_000)
    settle(page)
    start = pixels(page)
    steps = lesson["train"]["steps"]
    card = page.locator("[data-lesson-panel]")
    card.get_by_role("button", name=f"Train {steps} steps", exact=True).click()
    expect(page.get_by_label("Loss chart", exact=True)).to_have_attribute(
        "data-points", str(steps), timeout=120_000
    )
    page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    expect(canvas).to_have_attribute("data-steps", str(steps), timeout=30_000)
    settle(page)
    expect(page.get_by_role("alert")).to_have_count(0)
    assert pixels(page) != start, "the boundary image is the untrained model's"
    (check,) = lesson["checks"]
    for key, stated in check["figures"].items():
        shown = page.locator(SHOWN[key]).inner_text()
        assert as_stated(shown, stated) == stated, f"{key}: the page shows {shown}"
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    screenshot(page, "trained")
    # the toolbar's optimiser and steps: the script is the run, loop and all
    page.get_by_role("button", name="Copy as PyTorch", exact=True).click()
    panel = page.get_by_role("dialog", name="PyTorch script")
    expect(panel.locator("[data-script]")).to_contain_text(f"while step < {steps}:")
    script = panel.locator("[data-script]").text_content() or ""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, "<copied script>", "exec"), {"__name__": "__main__"})
    printed = {line.split()[0]: line.split()[2::2] for line in out.getvalue().splitlines()}
    for key, stated in check["figures"].items():
        part, kind = key.split("_")
        value = float(printed[part][0 if kind == "loss" else 1])
        text = f"{value * 100:.1f}%" if stated.endswith("%") else f"{value:.{len(stated) - 2}f}"
        assert text == stated, f"torch's {key} from the copied script is {value}"
