"""smooth_l1_loss, huber_loss and kl_div (and nn.SmoothL1Loss, nn.HuberLoss, nn.KLDivLoss):
values, gradients for input and target, grad_fn names, reductions, warnings and refusals,
against torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check

X = [[0.2, -1.5, 3.0], [0.1, 0.4, -0.2]]
T = [[0.0, -1.0, 1.0], [0.3, 0.4, 0.2]]

LOSSES: dict[str, Callable[[Any, Any, Any], Any]] = {
    "smooth_l1": lambda t, x, y: t.nn.functional.smooth_l1_loss(x, y),
    "smooth_l1 beta sum": lambda t, x, y: t.nn.functional.smooth_l1_loss(x, y, beta=0.5, reduction="sum"),
    "smooth_l1 none": lambda t, x, y: t.nn.functional.smooth_l1_loss(x, y, reduction="none"),
    "smooth_l1 beta 0 is l1": lambda t, x, y: t.nn.functional.smooth_l1_loss(x, y, beta=0.0),
    "huber": lambda t, x, y: t.nn.functional.huber_loss(x, y, delta=2.0),
    "huber none": lambda t, x, y: t.nn.functional.huber_loss(x, y, reduction="none", delta=0.3),
    "huber sum": lambda t, x, y: t.nn.functional.huber_loss(x, y, reduction="sum"),
    "SmoothL1Loss": lambda t, x, y: t.nn.SmoothL1Loss(beta=0.5)(x, y),
    "HuberLoss": lambda t, x, y: t.nn.HuberLoss(delta=0.5)(x, y),
    "smooth_l1 float64": lambda t, x, y: t.nn.functional.smooth_l1_loss(x.double(), y.double(), beta=0.7),
}  # fmt: skip


@pytest.mark.parametrize("name", list(LOSSES))
def test_pointwise_losses_as_torch(name: str) -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor(X, requires_grad=True)
        y = torch.tensor(T, requires_grad=True)
        loss = LOSSES[name](torch, x, y)
        loss.backward(torch.ones_like(loss))
        return loss, x.grad, y.grad

    # the mean's float32 sum goes in PyTorch's vectorised order
    check(program, ulps={"torch.float32": 2})


KL: dict[str, Callable[[Any, Any, Any], Any]] = {
    "batchmean of log-probabilities": lambda t, x, y: t.nn.functional.kl_div(
        t.log_softmax(x, 1), t.softmax(y, 1), reduction="batchmean"),
    "mean (warns)": lambda t, x, y: t.nn.functional.kl_div(x, y.abs()),
    "log_target sum": lambda t, x, y: t.nn.functional.kl_div(x, y, log_target=True, reduction="sum"),
    "none": lambda t, x, y: t.nn.functional.kl_div(x, y.abs(), reduction="none"),
    "KLDivLoss": lambda t, x, y: t.nn.KLDivLoss(reduction="batchmean")(
        t.log_softmax(x, 1), t.softmax(y, 1)),
}  # fmt: skip


@pytest.mark.parametrize("name", list(KL))
def test_kl_div_as_torch(name: str) -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor(X, requires_grad=True)
        y = torch.tensor(T, requires_grad=True)
        loss = KL[name](torch, x, y)
        loss.backward(torch.ones_like(loss))
        return loss, x.grad, y.grad, loss.grad_fn.next_functions[0][0].name()

    # log, exp and softmax are vectorised in PyTorch; softmax minus target cancels
    check(program, rtol=1e-4, atol=1e-6, warns=True)


ERRORS: dict[str, Callable[[Any], Any]] = {
    "negative beta": lambda t: t.nn.functional.smooth_l1_loss(t.ones(2), t.zeros(2), beta=-1),
    "delta 0": lambda t: t.nn.functional.huber_loss(t.ones(2), t.zeros(2), delta=0),
    "unknown reduction": lambda t: t.nn.functional.kl_div(t.ones(2), t.ones(2), reduction="avg"),
    "target broadcast (warns)": lambda t: t.nn.functional.smooth_l1_loss(t.ones(2, 3), t.zeros(3)),
    "reprs": lambda t: [repr(t.nn.SmoothL1Loss(beta=0.5)), repr(t.nn.HuberLoss()),
                        repr(t.nn.KLDivLoss(reduction="batchmean")), str(type(t.nn.HuberLoss()))],
}  # fmt: skip


@pytest.mark.parametrize("name", list(ERRORS))
def test_refusals_and_reprs_as_torch(name: str) -> None:
    check(lambda torch: ERRORS[name](torch), warns=True)
