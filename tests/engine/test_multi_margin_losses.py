"""F.multi_margin_loss / nn.MultiMarginLoss, F.multilabel_margin_loss / nn.MultiLabelMarginLoss
and F.triplet_margin_with_distance_loss / nn.TripletMarginWithDistanceLoss against torch:
values, grad_fns, gradients for every reduction, printing, refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from difftest import check

# float sums over a few classes, in the kernels' order; pairwise_distance's sqrt: within ulps
ULPS = {"torch.float32": 4, "torch.float64": 4}


def _data(torch: Any, *shape: int, seed: int = 0) -> Any:
    values = np.random.RandomState(seed).uniform(-1.5, 1.5, shape).astype(np.float32)
    return torch.tensor(values.tolist(), requires_grad=True)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("p", [1, 2])
def test_multi_margin_loss(reduction: str, p: int) -> None:
    def program(torch: Any) -> Any:
        F, nn = torch.nn.functional, torch.nn
        x = _data(torch, 5, 4)
        y = torch.tensor([1, 0, 3, 3, 2])
        w = torch.tensor([1.0, 0.5, 2.0, 1.5])
        loss = F.multi_margin_loss(x, y, p=p, margin=0.7, weight=w, reduction=reduction)
        (loss * torch.arange(1.0, loss.numel() + 1).reshape(loss.shape)).sum().backward()
        one = _data(torch, 4, seed=1)
        single = nn.MultiMarginLoss(p=p)(one, torch.tensor([2]))
        single.backward()
        return loss, loss.grad_fn.name(), x.grad, single, one.grad, repr(nn.MultiMarginLoss())

    check(program, ulps=ULPS)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_multilabel_margin_loss(reduction: str) -> None:
    def program(torch: Any) -> Any:
        F, nn = torch.nn.functional, torch.nn
        x = _data(torch, 3, 4)
        y = torch.tensor([[3, 0, -1, 1], [0, 1, 2, 3], [1, -1, 0, 0]])
        loss = F.multilabel_margin_loss(x, y, reduction=reduction)
        (loss * torch.arange(1.0, loss.numel() + 1).reshape(loss.shape)).sum().backward()
        one = _data(torch, 4, seed=1)
        single = nn.MultiLabelMarginLoss()(one, torch.tensor([3, 0, -1, 1]))
        single.backward()
        return loss, loss.grad_fn.name(), x.grad, single, one.grad, repr(nn.MultiLabelMarginLoss())

    check(program, ulps=ULPS)


def test_triplet_margin_with_distance_loss() -> None:
    def program(torch: Any) -> Any:
        F, nn = torch.nn.functional, torch.nn
        a, p, n = _data(torch, 4, 3), _data(torch, 4, 3, seed=1), _data(torch, 4, 3, seed=2)
        loss = nn.TripletMarginWithDistanceLoss()(a, p, n)
        loss.backward()
        cosine = nn.TripletMarginWithDistanceLoss(
            distance_function=lambda x, y: 1.0 - F.cosine_similarity(x, y), margin=0.5,
            swap=True, reduction="none",
        )  # fmt: skip
        out = cosine(a, p, n)
        return (loss, loss.grad_fn.name(), a.grad, n.grad, out, out.grad_fn.name(),
                repr(nn.TripletMarginWithDistanceLoss()),
                repr(nn.TripletMarginWithDistanceLoss(distance_function=nn.PairwiseDistance())),
                F.triplet_margin_with_distance_loss(a, p, n, reduction="sum"))  # fmt: skip

    check(program, ulps=ULPS)


@pytest.mark.parametrize(
    "call",
    [
        "F.multi_margin_loss(x, torch.tensor([1, 0, 4]))",
        "F.multi_margin_loss(x, torch.tensor([1, 0]))",
        "F.multi_margin_loss(x, y, p=3)",
        "F.multi_margin_loss(x, y, weight=torch.ones(3))",
        "F.multi_margin_loss(x, y, weight=torch.ones(2, 2))",
        "F.multi_margin_loss(torch.ones(2, 3, 4), y)",
        "F.multi_margin_loss(x, y.float())",
        "F.multi_margin_loss(x.long(), y)",
        "F.multi_margin_loss(x, y, reduction='bad')",
        "F.multilabel_margin_loss(x, torch.tensor([[3, 0, -1, 1], [0, 1, 2, 3]]))",
        "F.multilabel_margin_loss(x, torch.tensor([[4, 0, -1, 1], [0, 1, 2, 3], [1, -1, 0, 0]]))",
        "F.multilabel_margin_loss(x, torch.ones(3, 4))",
        "F.triplet_margin_with_distance_loss(x, x, x, margin=0)",
        "F.triplet_margin_with_distance_loss(x, x[0], x)",
        "nn.MultiMarginLoss(p=3)",
        "nn.TripletMarginWithDistanceLoss(margin=-1)",
    ],
)
def test_refusals_in_torch_words(call: str) -> None:
    def program(torch: Any) -> Any:
        scope = {"F": torch.nn.functional, "nn": torch.nn, "torch": torch,
                 "x": torch.ones(3, 4), "y": torch.tensor([1, 0, 3])}  # fmt: skip
        return eval(call, scope)

    check(program)
