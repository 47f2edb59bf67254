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
from conftest import PHONE
from test_gradient_flow import button, settle

ROOT = Path(__file__).resolve().parents[1]
ALL = json.loads((ROOT / "lessons" / "lessons.json").read_text("utf-8"))["lessons"]
# read from the boundary panel's figures; the vanishing-gradient lesson from the norm chart
LESSONS = {
    lesson["id"]: lesson
    for lesson in ALL
    if any(n["op"] == "dataset" for n in lesson["doc"]["nodes"])
    and all("figures" in check for check in lesson["checks"])
}
VANISHING = next(lesson for lesson in ALL if lesson["id"] == "vanishing-gradients")
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


def shown_norms(page: Page) -> dict[str, float]:
    """The norm chart's caption: each weight's grad norm at the run's last step."""
    out = {}
    for key in page.locator("[data-norm-of]").all():
        label, _, value = key.inner_text().partition(" ")
        out[label] = float(value)
    return out


def one_digit(x: float) -> str:
    """As the lesson states a norm: one significant digit, 2e-6 (tests/playground/
    test_lessons.py holds the stated digits to torch's norms)."""
    mantissa, _, exponent = f"{x:.0e}".partition("e")
    return f"{mantissa}e{int(exponent)}"


def train_and_read_norms(page: Page) -> dict[str, float]:
    steps = VANISHING["train"]["steps"]
    card = page.locator("[data-lesson-panel]")
    card.get_by_role("button", name=f"Train {steps} steps", exact=True).click()
    expect(page.get_by_label("Loss chart", exact=True)).to_have_attribute(
        "data-points", str(steps), timeout=120_000
    )
    page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    settle(page)
    chart = page.locator(".grad-norm-chart [role=img]")
    weights = [n["id"] for n in VANISHING["doc"]["nodes"] if n["op"] == "parameter"
               and n["params"]["role"] == "weight"]  # fmt: skip
    # a line per layer's weight, a point per step
    expect(chart).to_have_attribute("data-lines", str(len(weights)))
    expect(chart).to_have_attribute("data-points", str(steps))
    norms = shown_norms(page)
    assert list(norms) == weights
    return norms


def test_the_vanishing_gradient_lesson_reads_from_the_norm_chart(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    """Sigmoid: the first layer's grad norm decades below the last's, as the text states;
    the card's "Change sigmoid to relu" then gives the relu numbers from fresh weights."""
    page.goto(f"{base_url}#lesson=vanishing-gradients")
    wait_for_engine(page)
    card = page.locator("[data-lesson-panel]")
    expect(card).to_contain_text(VANISHING["title"])
    settle(page)
    before, after = VANISHING["checks"]
    for check in (before, after):
        if check.get("swapped"):
            card.get_by_role("button", name="Change sigmoid to relu", exact=True).click()
            expect(page.get_by_text("Every sigmoid is now relu", exact=False)).to_be_visible()
            settle(page)
            expect(page.locator(".grad-norm-chart")).to_have_count(0)
        norms = train_and_read_norms(page)
        values = list(norms.values())
        assert values == sorted(values), f"the norms do not grow towards the output: {norms}"
        for weight, stated in check["grad_norms"].items():
            assert one_digit(norms[weight]) == stated, f"{weight}: the chart shows {norms[weight]}"
        page.locator(".grad-norm-chart").scroll_into_view_if_needed()
        screenshot(page, "relu" if check.get("swapped") else "sigmoid")
    # one Undo brings the sigmoids back
    page.keyboard.press("Control+z")
    settle(page)


@pytest.mark.locale("zh-CN")
@pytest.mark.device(PHONE)
def test_the_vanishing_gradient_lesson_on_a_phone_in_chinese(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    page.goto(f"{base_url}#lesson=vanishing-gradients")
    wait_for_engine(page)
    card = page.locator("[data-lesson-panel]")
    expect(card).to_contain_text(VANISHING["translations"]["zh-CN"]["title"])
    settle(page)
    screenshot(page, "390-card")
    steps = VANISHING["train"]["steps"]
    card.get_by_role("button", name=f"训练 {steps} 步", exact=True).click()
    page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    settle(page)
    norms = shown_norms(page)
    for weight, stated in VANISHING["checks"][0]["grad_norms"].items():
        assert one_digit(norms[weight]) == stated
    page.locator(".grad-norm-chart").scroll_into_view_if_needed()
    screenshot(page, "390-chart")
    card.get_by_role("button", name="把 sigmoid 换成 relu", exact=True).click()
    expect(page.get_by_text("每个 sigmoid 都已换成 relu", exact=False)).to_be_visible()
