"""Training a model on the canvas (issue 16, the model and the optimiser): Linear layers from
the palette, Adam chosen in the toolbar, and a run whose numbers are real torch's: the same
layers after torch.manual_seed(0), the same optimiser, the same loop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import torch
import torch.nn.functional as F
from playwright.sync_api import Page, expect
from test_editor import tidy
from test_gradient_flow import button, link, node, settle

if TYPE_CHECKING:
    from conftest import PageLog

SHOTS = Path("/tmp/shots-d2-model")
X = [[0.5, -1.0], [1.5, 0.3], [-0.7, 0.8], [0.1, 0.2], [-1.2, -0.4], [0.9, 1.1]]
Y = [0, 1, 1, 0, 1, 0]
DOC = {
    "version": 2,
    "nodes": [
        {"id": "x", "op": "tensor", "pos": [0, 0], "params": {"value": X}},
        {"id": "y", "op": "tensor", "pos": [0, 300], "params": {"value": Y, "dtype": "int64"}},
        # Wired to the second layer's linear node before it exists (its id is the page's
        # next `linear`): the layers come from the palette, and no wire needs a drag across
        # a canvas too small for the whole model.
        {"id": "loss", "op": "cross_entropy", "pos": [1500, 200], "inputs": ["linear2", "y"]},
    ],
}
STEPS, LR = 30, 0.05


def torch_run() -> list[float]:
    """x -> Linear(2, 8) -> Linear(8, 8) -> cross_entropy, Adam: each step's loss, then the
    loss after the last step (what the loss node shows)."""
    torch.manual_seed(0)
    l1, l2 = torch.nn.Linear(2, 8), torch.nn.Linear(8, 8)
    opt = torch.optim.Adam([*l1.parameters(), *l2.parameters()], lr=LR)
    x, y = torch.tensor(X), torch.tensor(Y)
    losses = []
    for _ in range(STEPS + 1):
        loss = F.cross_entropy(l2(l1(x)), y)
        losses.append(loss)
        loss.backward()
        opt.step()
        opt.zero_grad()
    return losses


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(600)
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"))
    page.get_by_role("region", name="Training").screenshot(
        path=str(SHOTS / f"{name}-panel-1280.png")
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(600)
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_timeout(300)


def test_linear_layers_trained_by_adam_match_torch(
    page: Page, base_url: str, wait_for_engine: Callable[..., None], page_log: PageLog
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(link(base_url, DOC))
    wait_for_engine(page)
    layer = page.get_by_role("button", name="Linear layer", exact=True)
    # After x: in_features is x's last dimension; the second layer after the first's output.
    node(page, "x").click()
    layer.click()
    expect(node(page, "linear1")).to_have_count(1)
    layer.click()
    expect(node(page, "linear2")).to_have_count(1)
    labels = page.locator("input.group-label")
    expect(labels).to_have_count(2)
    assert sorted(labels.evaluate_all("(els) => els.map((e) => e.value)")) == [
        "Linear(2, 8)",
        "Linear(8, 8)",
    ]
    tidy(page)
    settle(page)

    page.get_by_label("optimizer", exact=True).select_option("adam")
    expect(page.locator("[data-optimizer-field='betas[0]']")).to_have_value("0.9")
    page.get_by_label("Learning rate").fill(str(LR))
    page.get_by_label("Steps").fill(str(STEPS))
    # Nothing selected: Train acts on the graph's only output, the loss.
    page.locator(".react-flow__pane").click(position={"x": 3, "y": 400})
    expect(page.get_by_text("on loss", exact=True)).to_be_visible()
    button(page, "Train").click()
    page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    settle(page)

    want = torch_run()
    assert want[-1].item() < want[0].item()  # the loss falls
    # The loss node after training: torch's value and grad_fn as torch prints them.
    expect(node(page, "loss").locator("[data-value]")).to_have_text(repr(want[-1]))
    chart = page.locator(".loss-chart [data-points]")
    expect(chart).to_have_attribute("data-points", str(STEPS))
    # Gradient size per layer: one line per weight, a point per step.
    norms = page.locator(".grad-norm-chart [role=img]")
    expect(norms).to_have_attribute("data-lines", "2")
    expect(norms).to_have_attribute("data-points", str(STEPS))
    expect(page.locator("[data-norm-of]")).to_have_count(2)
    shoot(page, "adam-mlp")
    assert page_log.errors() == []


DIVERGING = {"version": 2, "nodes": [
    {"id": "x", "op": "tensor", "pos": [0, 0], "params": {"value": [1.0, 2.0, 3.0, 4.0]}},
    {"id": "w", "op": "tensor", "pos": [0, 150], "params": {"value": 0.5, "requires_grad": True}},
    {"id": "p", "op": "mul", "pos": [250, 50], "inputs": ["w", "x"]},
    {"id": "t", "op": "tensor", "pos": [250, 250], "params": {"value": [2.0, 4.0, 6.0, 8.0]}},
    {"id": "loss", "op": "mse_loss", "pos": [500, 100], "inputs": ["p", "t"]},
]}  # fmt: skip


def test_a_diverging_run_stops_and_says_why(
    page: Page, base_url: str, wait_for_engine: Callable[..., None], page_log: PageLog
) -> None:
    page.goto(link(base_url, DIVERGING))
    wait_for_engine(page)
    page.get_by_label("Learning rate").fill("1000000")
    page.get_by_label("Steps").fill("100")
    expect(page.get_by_text("on loss", exact=True)).to_be_visible()  # the only output
    button(page, "Train").click()
    page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    status = page.get_by_text("Training stopped: the loss became inf")
    expect(status).to_be_visible()
    expect(status).to_contain_text("the learning rate is likely too large")
    expect(status).to_contain_text("first non-finite value appeared in the forward pass at loss")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "diverged-en-1280.png"))
    # Fewer steps than asked: the run stopped at the first non-finite loss.
    points = int(page.locator(".loss-chart [data-points]").get_attribute("data-points") or "0")
    assert 1 < points < 100
    assert page_log.errors() == []


@pytest.mark.locale("zh-CN")
def test_a_diverging_run_says_why_in_chinese(
    page: Page, base_url: str, wait_for_engine: Callable[..., None], page_log: PageLog
) -> None:
    page.goto(link(base_url, DIVERGING))
    wait_for_engine(page)
    page.get_by_label("学习率").fill("1000000")
    page.get_by_label("步数").fill("100")
    button(page, "训练").click()
    page.wait_for_function("document.documentElement.dataset.training === 'stopped'")
    status = page.get_by_text("训练已停止：损失变成了 inf")
    expect(status).to_be_visible()
    expect(status).to_contain_text("学习率很可能太大")
    expect(status).to_contain_text("第一个非有限值出现在前向传播中的 loss 处")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "diverged-zh-1280.png"))
    assert page_log.errors() == []
