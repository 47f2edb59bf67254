"""Step backward that tells the truth and no hidden state (issue 12): leaves' .grad build up
step by step from what they held, Train asks before using old gradients, Backward waits while
the Code graph shows, New starts over, lessons put their link in the address bar."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from playwright.sync_api import Page, expect
from test_gradient_flow import button, link, node, open_lesson, settle

if TYPE_CHECKING:
    from conftest import PageLog

SHOTS = Path("/tmp/shots-i12-step")


def torch_two_dot(backwards: int, zero_between: bool = False) -> list[str]:
    """x.grad after each of `backwards` calls of (2 * dot(x, x)).backward(), in torch."""
    x = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
    out = []
    for _ in range(backwards):
        if zero_between and x.grad is not None:
            x.grad.zero_()
        (2 * torch.dot(x, x)).backward()
        out.append(repr(x.grad))
    return out


def x_grad(page: Page):
    return node(page, "x").locator("[data-grad]")


def step_to(page: Page, index: int) -> None:
    expect(page.locator("[data-step-index]")).to_have_count(1)
    while int(page.locator("[data-step-index]").inner_text()) < index:
        button(page, "Next step").click()
    expect(page.locator("[data-step-index]")).to_have_text(str(index))


def shoot(page: Page, name: str) -> None:
    """1280 and 390 px wide screenshots of the page as it is."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_timeout(300)


def test_step_backward_builds_x_grad_up_from_zeros(engine_page: Page, page_log: PageLog) -> None:
    page = engine_page  # the first-visit example: y = 2·dot(x, x), x = [0, 1, 2, 3]
    settle(page)
    button(page, "Backward").click()
    expect(x_grad(page)).to_have_text(torch_two_dot(1)[0])
    button(page, "Zero grad").click()
    expect(x_grad(page)).to_have_text("tensor([0., 0., 0., 0.])")
    button(page, "Step backward").click()
    panel = page.get_by_role("region", name="Backward, step by step")
    expect(panel.locator("[data-step-count]")).to_have_text("3")
    # Step 1: the pass has only started, so x.grad is still the zeros it held.
    expect(x_grad(page)).to_have_text("tensor([0., 0., 0., 0.])")
    expect(panel.locator("[data-old-grad]")).to_have_count(0)
    expect(panel).to_contain_text("what it holds so far")
    prev = button(page, "Previous step").bounding_box()
    step_to(page, 2)
    # Both contributions flow along the wires, but x.grad changes at its AccumulateGrad step.
    expect(x_grad(page)).to_have_text("tensor([0., 0., 0., 0.])")
    step_to(page, 3)
    (want,) = torch_two_dot(1)
    assert want == "tensor([ 0.,  4.,  8., 12.])"
    expect(x_grad(page)).to_have_text(want)
    expect(panel.locator("[data-leaf-grad]")).to_have_text(want)
    # The control bar stays put while the card's content changes below it.
    assert button(page, "Previous step").bounding_box() == prev
    # Back to step 1: x.grad is zeros again.
    button(page, "Previous step").click()
    button(page, "Previous step").click()
    expect(x_grad(page)).to_have_text("tensor([0., 0., 0., 0.])")
    button(page, "Exit").click()
    expect(x_grad(page)).to_have_text(want)
    assert page_log.errors() == []


def test_step_backward_without_zero_grad_starts_from_the_old_grad(engine_page: Page) -> None:
    page = engine_page
    settle(page)
    first, second = torch_two_dot(2)
    button(page, "Backward").click()
    expect(x_grad(page)).to_have_text(first)
    button(page, "Step backward").click()
    panel = page.get_by_role("region", name="Backward, step by step")
    old = panel.locator('[data-old-grad="x"]')
    expect(old).to_contain_text("x.grad was not zeroed")
    expect(old.locator("code")).to_have_text(first)
    expect(x_grad(page)).to_have_text(first)
    step_to(page, 2)
    shoot(page, "stepper-midway-old-grad")
    step_to(page, 3)
    assert second == "tensor([ 0.,  8., 16., 24.])"
    expect(x_grad(page)).to_have_text(second)
    expect(panel.locator("[data-leaf-grad]")).to_have_text(second)


def test_stepper_follows_the_active_node_and_lays_matrices_out(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    doc = {"version": 1, "nodes": [
        {"id": "W", "op": "tensor", "params": {"value": [[1.0, 2.0], [3.0, 4.0]], "requires_grad": True}, "pos": [0, 0]},
        {"id": "p", "op": "mul", "inputs": ["W", "W"], "pos": [3000, 0]},
        {"id": "s", "op": "sum", "inputs": ["p"], "pos": [6000, 0]},
    ]}  # fmt: skip
    page.goto(link(base_url, doc))
    wait_for_engine(page)
    settle(page)
    W = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    (W * W).sum().backward()
    canvas_box = page.locator(".canvas .react-flow")
    viewport = canvas_box.locator(".react-flow__viewport")
    # Zoomed in first: the graph is far wider than the view, which must move to every step,
    # the first included (zooming in after it would move the view away from its node
    # with no step to follow).
    for _ in range(4):
        canvas_box.get_by_role("button", name="Zoom In").click()
    page.wait_for_timeout(400)
    zoom = viewport.get_attribute("style") or ""
    button(page, "Step backward").click()
    for index, current in [(1, "s"), (2, "p"), (3, "W")]:
        step_to(page, index)
        box = page.locator(f".react-flow__node.step-current[data-id='{current}']")
        expect(box).to_have_count(1)
        page.wait_for_timeout(800)  # the column's resize, then the pan's animation
        canvas = canvas_box.bounding_box()
        assert canvas is not None
        b = box.bounding_box()
        assert b is not None
        cx, cy = b["x"] + b["width"] / 2, b["y"] + b["height"] / 2
        inside_x = canvas["x"] <= cx <= canvas["x"] + canvas["width"]
        assert inside_x and canvas["y"] <= cy <= canvas["y"] + canvas["height"], (current, b)
    # Panned, never re-zoomed.
    style = viewport.get_attribute("style") or ""
    assert style.split("scale(")[1] == zoom.split("scale(")[1], (style, zoom)
    leaf = page.locator("[data-leaf-grad]")
    expect(leaf).to_have_text(repr(W.grad))
    assert leaf.inner_text().count("\n") == 1  # two rows, two lines
    assert leaf.evaluate("e => getComputedStyle(e).whiteSpace") == "pre"


def test_train_asks_before_using_old_gradients(
    page: Page, base_url: str, wait_for_engine: Callable[..., None], page_log: PageLog
) -> None:
    open_lesson(page, base_url, wait_for_engine)  # loss = mse_loss(w * X, Y), w = 0
    lesson = json.loads((Path(__file__).parent.parent / "lessons" / "lessons.json").read_text())
    values = next(v for v in lesson["lessons"] if v["id"] == "regression")["doc"]["nodes"]
    X, Y = (torch.tensor(next(n for n in values if n["id"] == k)["params"]["value"]) for k in "XY")

    def one_step(old_grads: int) -> str:
        w = torch.tensor(0.0, requires_grad=True)
        for _ in range(old_grads + 1):
            torch.nn.functional.mse_loss(w * X, Y).backward()
        with torch.no_grad():
            w -= 0.01 * w.grad
        return repr(w)

    page.get_by_label("Steps").fill("1")
    value = node(page, "w").locator("[data-value]")
    button(page, "Backward").click()
    expect(node(page, "w").locator("[data-grad]")).to_have_text("tensor(-30.)")
    button(page, "Train").click()
    prompt = page.get_by_role("alertdialog")
    expect(prompt).to_contain_text("w still holds a .grad from an earlier Backward")
    zero = prompt.get_by_role("button", name="Zero grads and train")
    expect(zero).to_be_focused()
    shoot(page, "train-prompt")
    # Cancel trains nothing.
    prompt.get_by_role("button", name="Cancel").click()
    expect(prompt).to_have_count(0)
    expect(value).to_have_text("tensor(0., requires_grad=True)")
    # The default: zero first, so the first step is this loss's gradient alone.
    button(page, "Train").click()
    page.keyboard.press("Enter")
    expect(value).to_have_text(one_step(0))
    assert one_step(0) == "tensor(0.3000, requires_grad=True)"
    # The trained leaf says its field is only where it started.
    expect(node(page, "w").locator("[data-trained-note]")).to_contain_text("trained")
    expect(node(page, "w").locator('input[data-param="value"]')).to_have_value("0")
    shoot(page, "trained-leaf")
    # Keeping the old gradient is a choice, and does what torch does.
    button(page, "Reset values").click()
    expect(node(page, "w").locator("[data-trained-note]")).to_have_count(0)
    button(page, "Backward").click()
    button(page, "Train").click()
    prompt.get_by_role("button", name="Train with the old gradients").click()
    expect(value).to_have_text(one_step(1))
    assert one_step(1) == "tensor(0.6000, requires_grad=True)"
    # Train with no gradient held asks nothing (train zeroes after every step).
    button(page, "Train").click()
    page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    settle(page)
    expect(prompt).to_have_count(0)

    # New: the training card closes, the backward count is 0.
    button(page, "Backward").click()
    expect(page.locator("[data-backward-count]")).not_to_have_text("0")
    expect(page.get_by_role("region", name="Training")).to_be_visible()
    button(page, "New").click()
    expect(page.get_by_role("region", name="Training")).to_have_count(0)
    expect(page.locator("[data-backward-count]")).to_have_text("0")
    assert page_log.errors() == []


def test_backward_waits_while_the_code_graph_shows(engine_page: Page) -> None:
    page = engine_page
    settle(page)
    page.get_by_role("button", name="Code", exact=True).click()
    box = page.get_by_role("textbox", name="Code", exact=True)
    box.fill("x = torch.ones(2, requires_grad=True)\ny = (x * x).sum()")
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator("[data-cell-output]")).to_have_count(1, timeout=60_000)
    expect(page.get_by_role("tab", name="Code graph")).to_have_attribute("aria-selected", "true")
    for name in ["Backward", "Zero grad", "Step backward"]:
        b = button(page, name)
        expect(b).to_be_disabled()
        # The reason comes first: a disabled button can say only its title.
        expect(b).to_have_attribute("title", re.compile(r"^The canvas shows the Code graph"))
    page.get_by_role("tab", name="Graph", exact=True).click()
    expect(button(page, "Backward")).to_be_enabled()


def test_a_lesson_puts_its_link_in_the_address_bar(
    engine_page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    page = engine_page
    page.get_by_role("button", name="Lessons", exact=True).click()
    page.get_by_role("menuitem").nth(4).click()
    panel = page.locator("[data-lesson-panel]")
    expect(panel).to_contain_text("torch.no_grad() records nothing")
    expect(page).to_have_url(f"{base_url}#lesson=no-grad")
    url = page.url
    other = page.context.new_page()
    other.goto(url)
    wait_for_engine(other)
    expect(other.locator("[data-lesson-panel]")).to_contain_text("torch.no_grad() records nothing")
    expect(node(other, "h")).to_be_visible()
    other.close()
    # Once the lesson closes, its link leaves the address bar.
    button(page, "New").click()
    expect(panel).to_have_count(0)
    assert "#lesson" not in page.url


def test_the_lesson_train_button_says_the_steps_train_runs(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    """The regression lesson fills Steps with 100; once the person changes the field, the
    lesson card's button says the new number, which is what Train runs."""
    open_lesson(page, base_url, wait_for_engine)
    card = page.locator("[data-lesson-panel]")
    expect(card.get_by_role("button", name="Train 100 steps", exact=True)).to_be_visible()
    page.get_by_label("Steps").fill("7")
    card.get_by_role("button", name="Train 7 steps", exact=True).click()
    chart = page.get_by_label("Loss chart", exact=True)
    expect(chart).to_have_attribute("data-points", "7", timeout=60_000)
    page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    # Not a number of steps: the button says Train, and Train says what is wrong.
    page.get_by_label("Steps").fill("many")
    expect(card.get_by_role("button", name="Train", exact=True)).to_be_visible()


RECORD_MOVES = """() => {
  const vp = document.querySelector('.canvas .react-flow__viewport');
  window.__moves = [];
  new MutationObserver(() => window.__moves.push([performance.now(), vp.style.transform]))
    .observe(vp, { attributes: true, attributeFilter: ['style'] });
}"""

# A pan is a 250 ms animation (editor/viewport.ts), about 15 frames. A second pan came
# ~450 ms after the first began, after the view had rested: a rest this long, then at least
# this many frames of moving. (A late frame on a loaded machine is also a rest, but what
# follows it is the rest of the same 250 ms: the last frame or few.)
REST_MS = 150
PAN_FRAMES = 6


def pans(changes: list[tuple[float, str]]) -> list[list[float]]:
    """The moves among the view's changes: runs of changes with no rest between them; a run
    after a rest that is only a frame or few belongs to the move before it (a late frame)."""
    runs: list[list[float]] = []
    for t, _ in changes:
        if runs and t - runs[-1][-1] < REST_MS:
            runs[-1].append(t)
        else:
            runs.append([t])
    out: list[list[float]] = []
    for run in runs:
        if out and len(run) < PAN_FRAMES:
            out[-1] += run
        else:
            out.append(run)
    return out


def view_changes_since(page: Page, t0: float) -> list[tuple[float, str]]:
    """When the view's transform changed since t0 (performance.now()), and to what."""
    out: list[tuple[float, str]] = []
    last = None
    for t, transform in page.evaluate("window.__moves"):
        if transform != last and t >= t0:
            out.append((t - t0, transform))
        last = transform
    return out


def test_step_backward_pans_once_per_step(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    """Each step moves the view at most once: the card's column opening beside the canvas
    made it re-centre the graph (or pan again ~450 ms later) after the step's own pan.
    Each step's node is out of view until then, so every step pans."""
    doc = {"version": 1, "nodes": [
        {"id": "W", "op": "tensor", "params": {"value": [[1.0, 2.0], [3.0, 4.0]], "requires_grad": True}, "pos": [0, 0]},
        {"id": "p", "op": "mul", "inputs": ["W", "W"], "pos": [3000, 0]},
        {"id": "s", "op": "sum", "inputs": ["p"], "pos": [6000, 0]},
    ]}  # fmt: skip
    page.goto(link(base_url, doc))
    wait_for_engine(page)
    settle(page)
    # Zoomed in on a wide graph: every step's node is out of view until the view moves.
    for _ in range(4):
        page.locator(".canvas .react-flow").get_by_role("button", name="Zoom In").click()
    page.wait_for_timeout(500)
    page.evaluate(RECORD_MOVES)
    t0 = page.evaluate("performance.now()")
    button(page, "Step backward").click()
    for index, current in [(1, "s"), (2, "p"), (3, "W")]:
        if index > 1:
            t0 = page.evaluate("performance.now()")
            button(page, "Next step").click()
        step_to(page, index)
        page.wait_for_timeout(1200)  # the column's resize, the pan, and a late second one
        changes = view_changes_since(page, t0)
        assert changes, f"step {index}: the view did not move to {current}"
        moves = pans(changes)
        assert len(moves) == 1, f"step {index}: the view moved {len(moves)} times: {changes}"
        box = page.locator(f".react-flow__node.step-current[data-id='{current}']").bounding_box()
        canvas = page.locator(".canvas .react-flow").bounding_box()
        assert box and canvas
        assert canvas["x"] <= box["x"] and box["x"] + box["width"] <= canvas["x"] + canvas["width"]
