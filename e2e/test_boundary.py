"""Training data on the canvas (issue 16): an MLP on the spirals, trained in the page; the
decision boundary is redrawn while it trains, and Stop stops within a second."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_gradient_flow import button, link, settle

HIDDEN = 16
MLP = {
    "version": 2,
    "nodes": [
        {"id": "data", "op": "dataset", "label": "X", "pos": [0, 0],
         "params": {"name": "spirals", "n": 300, "noise": 0.05, "seed": 1, "batch_size": 32}},
        {"id": "y", "op": "targets", "label": "y", "pos": [0, 260], "inputs": ["data"]},
        {"id": "w1", "op": "randn", "label": "W1", "pos": [0, 420],
         "params": {"size": [HIDDEN, 2], "seed": 1, "requires_grad": True}},
        {"id": "b1", "op": "zeros", "label": "b1", "pos": [0, 620],
         "params": {"size": [HIDDEN], "requires_grad": True}},
        {"id": "h", "op": "linear", "label": "h", "pos": [320, 0], "inputs": ["data", "w1", "b1"]},
        {"id": "a", "op": "tanh", "label": "a", "pos": [600, 0], "inputs": ["h"]},
        {"id": "w2", "op": "randn", "label": "W2", "pos": [320, 420],
         "params": {"size": [2, HIDDEN], "seed": 2, "requires_grad": True}},
        {"id": "out", "op": "linear", "label": "logits", "pos": [880, 0], "inputs": ["a", "w2"]},
        {"id": "loss", "op": "cross_entropy", "label": "loss", "pos": [1160, 0],
         "inputs": ["out", "y"]},
    ],
}  # fmt: skip

CANVAS = ".bp-canvas"


def pixels(page: Page) -> str:
    return page.evaluate(f"() => document.querySelector('{CANVAS}').toDataURL()")


def steps_shown(page: Page) -> int:
    return int(page.locator(CANVAS).get_attribute("data-steps") or 0)


def toolbar(page: Page, open_it: bool = True) -> None:
    """On a phone the training fields and buttons are in the toolbar's More menu: opens it
    (or closes it); elsewhere nothing to do."""
    more = page.get_by_role("button", name="More", exact=True)
    if more.is_visible() and (more.get_attribute("aria-expanded") == "true") != open_it:
        more.click()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_boundary_changes_while_training_and_stop_stops(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
    width: int,
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(link(base_url, MLP))
    wait_for_engine(page)
    settle(page)
    # before training: the data and the untrained model's boundary
    button(page, "Show the data").click()
    canvas = page.locator(CANVAS)
    expect(canvas).to_have_attribute("data-steps", "0", timeout=60_000)
    settle(page)
    canvas.scroll_into_view_if_needed()
    start = pixels(page)
    screenshot(page, f"start-{width}")
    toolbar(page)
    page.get_by_label("Steps").fill("100000")
    page.get_by_label("Learning rate").fill("0.2")
    button(page, "Train").click()
    page.wait_for_function(
        f"() => Number(document.querySelector('{CANVAS}')?.dataset.steps ?? 0) >= 1500",
        timeout=120_000,
    )
    later = pixels(page)
    assert later != start, "the boundary image did not change during training"
    accuracy = page.locator("[data-test-accuracy]").inner_text()
    toolbar(page)
    t0 = time.monotonic()
    button(page, "Stop").click()
    toolbar(page)  # a phone's menu goes after an action, so that its result is seen
    expect(button(page, "Train")).to_be_visible()
    ui = time.monotonic() - t0
    toolbar(page, open_it=False)
    settle(page)
    idle = time.monotonic() - t0
    shown = steps_shown(page)
    page.wait_for_timeout(600)
    assert steps_shown(page) == shown, "a chunk ran after Stop"
    ms = page.locator("[data-report-ms]").get_attribute("data-report-ms")
    print(
        f"{width}px: Stop: Train back after {ui * 1000:.0f} ms, engine idle after "
        f"{idle * 1000:.0f} ms, at step {shown}; test accuracy {accuracy}; "
        f"metrics + boundary {ms} ms per chunk in the page's engine"
    )
    assert ui < 1.0
    assert idle < 1.0
    canvas.scroll_into_view_if_needed()
    screenshot(page, f"end-{width}")
    # Reset: the leaves and the batches start again, so the boundary is the first one again
    button(page, "Reset values").click()
    expect(canvas).to_have_attribute("data-steps", "0")
    settle(page)
    assert pixels(page) == start


LINE = {
    "version": 2,
    "nodes": [
        {"id": "data", "op": "dataset", "label": "X", "pos": [0, 0],
         "params": {"name": "line", "n": 40, "batch_size": 0}},
        {"id": "y", "op": "targets", "label": "y", "pos": [320, 300], "inputs": ["data"]},
        {"id": "w", "op": "tensor", "label": "w", "pos": [0, 460],
         "params": {"value": [[0.0]], "requires_grad": True}},
        {"id": "b", "op": "tensor", "label": "b", "pos": [0, 620],
         "params": {"value": [0.0], "requires_grad": True}},
        {"id": "out", "op": "linear", "label": "pred", "pos": [320, 0], "inputs": ["data", "w", "b"]},
        {"id": "loss", "op": "mse_loss", "label": "loss", "pos": [600, 0], "inputs": ["out", "y"]},
    ],
}  # fmt: skip

# y = 3x - 1 with a little noise, and a text column the dialog leaves out
TABLE = "x,note,y\n" + "".join(
    f"{x / 10},p{x},{3 * x / 10 - 1 + (0.05 if x % 2 else -0.05)}\n" for x in range(-10, 11)
)


def test_your_own_csv_trains_a_line(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(link(base_url, LINE))
    wait_for_engine(page)
    page.locator('[data-node-id="data"]').get_by_role("button", name="Table…").click()
    dialog = page.get_by_role("dialog", name="Your own data (CSV)")
    text = dialog.get_by_label("CSV text")
    # a bad cell is named by its line and column
    text.fill(TABLE.replace("\n-0.9,", "\nabc,", 1))
    dialog.get_by_label("y", exact=True).uncheck()  # the label is no feature
    dialog.get_by_label("note", exact=True).uncheck()
    expect(dialog.locator("[data-csv-problem]")).to_have_text(
        'line 3, column "x": "abc" is not a number.'
    )
    text.fill(TABLE)
    dialog.get_by_label("note", exact=True).uncheck()
    expect(dialog.locator("[data-csv-task]")).to_have_attribute("data-csv-task", "regression")
    dialog.get_by_role("button", name="Use this table").click()
    expect(dialog).to_have_count(0)
    name = page.locator('[data-node-id="data"] [data-param="name"]')
    expect(name).to_have_value("csv")
    settle(page)
    page.get_by_label("Steps").fill("300")
    page.get_by_label("Learning rate").fill("0.3")
    button(page, "Train").click()
    page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    canvas = page.locator(CANVAS)
    expect(canvas).to_have_attribute("data-steps", "300")
    expect(page.get_by_role("img", name="The model's output along x", exact=False)).to_have_count(1)
    # the fitted line: 3x - 1 within the noise, as the test loss says
    assert float(page.locator("[data-test-loss]").inner_text()) < 0.01
    canvas.scroll_into_view_if_needed()
    screenshot(page, "curve")
