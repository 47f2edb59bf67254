"""The neural-network and shape ops on the page: in the palette with their docs, dragged onto
the canvas, wired, and run backward to PyTorch's gradients."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from playwright.sync_api import Page, expect
from test_editor import drop_op, expect_grad, node, set_param, tidy, wire

if TYPE_CHECKING:
    from conftest import PageLog

CATALOG = json.loads(
    (Path(__file__).resolve().parent.parent / "web/src/generated/op-catalog.json").read_text()
)
NEW_OPS = ["softmax", "log_softmax", "cross_entropy", "nll_loss", "linear", "addmm", "cat",
           "stack", "transpose", "unsqueeze", "clamp", "where", "gather"]  # fmt: skip
LOGITS = [[1.0, -2.0, 0.5], [0.25, 3.0, -1.5]]
TARGET = [2, 0]


def test_palette_offers_the_new_ops_with_their_docs(engine_page: Page) -> None:
    page = engine_page
    docs = {op["op"]: op["doc"] for op in CATALOG["ops"]}
    for op in NEW_OPS:
        item = page.locator(f'.palette-item[data-op="{op}"]')
        expect(item).to_have_text(op)
        expect(item).to_have_attribute("title", docs[op])
    page.get_by_label("Filter operations").fill("normalised")
    expect(page.locator(".palette-item")).to_have_text(["softmax"])


def test_cross_entropy_of_softmax_backward_gives_torchs_grads(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    """logits -> softmax -> cross_entropy(·, target): the classic double softmax, built with
    the mouse; Backward fills logits.grad with what torch computes."""
    page = engine_page
    page.get_by_role("button", name="New", exact=True).click()
    expect(page.locator("[data-node-id]")).to_have_count(0)
    logits = drop_op(page, "tensor", 380, 150)
    target = drop_op(page, "tensor", 380, 520)
    probs = drop_op(page, "softmax", 760, 170)
    loss = drop_op(page, "cross_entropy", 1060, 400)
    tidy(page)
    wire(page, logits, probs, 0)
    wire(page, probs, loss, 0)
    wire(page, target, loss, 1)
    expect(page.locator(".react-flow__edge")).to_have_count(3)

    set_param(page, logits, "value", json.dumps(LOGITS))
    node(page, logits).locator('input[data-param="requires_grad"]').check()
    set_param(page, target, "value", json.dumps(TARGET))
    node(page, target).locator('select[data-param="dtype"]').select_option("int64")
    set_param(page, probs, "dim", "1")

    x = torch.tensor(LOGITS, requires_grad=True)
    y = torch.nn.functional.cross_entropy(torch.softmax(x, dim=1), torch.tensor(TARGET))
    y.backward()
    assert x.grad is not None
    expect(node(page, loss).locator("[data-value]")).to_have_text(repr(y))
    node(page, loss).locator(".node-op").click()
    page.get_by_role("button", name="Backward", exact=True).click()
    expect_grad(page, logits, repr(x.grad))
    screenshot(page, "backward")
    assert page_log.errors() == []


def test_clamp_with_an_empty_bound_has_none(engine_page: Page) -> None:
    """clamp's max field left empty is max=None: only the lower bound applies."""
    page = engine_page
    page.get_by_role("button", name="New", exact=True).click()
    x = drop_op(page, "tensor", 380, 200)
    c = drop_op(page, "clamp", 800, 200)
    tidy(page)
    wire(page, x, c, 0)
    set_param(page, x, "value", "[-3.0, 0.5, 4.0]")
    set_param(page, c, "max", "")
    field = node(page, c).locator('input[data-param="max"]')
    expect(field).to_have_value("")
    expect(field).to_have_attribute("placeholder", "None")
    want = torch.clamp(torch.tensor([-3.0, 0.5, 4.0]), min=-1)
    expect(node(page, c).locator("[data-value]")).to_have_text(repr(want))
