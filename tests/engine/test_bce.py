"""Binary cross entropy, on probabilities and on logits, against PyTorch: values, both
gradients (input and target), weight and pos_weight, reductions, grad_fn names, errors."""

from __future__ import annotations

from typing import Any

import pytest
from difftest import check
from hypothesis import given, settings
from hypothesis import strategies as st

# log, exp and log1p run through each side's libm and vectorised kernels
TOL = {"rtol": 1e-5, "atol": 1e-6}

X = "[[0.2, -1.0, 3.0], [0.5, 0.1, -0.3]]"
T = "[[1.0, 0.0, 1.0], [0.0, 0.5, 1.0]]"


def _grads(torch: Any, loss: Any, *leaves: Any) -> list[Any]:
    return [loss, *torch.autograd.grad(loss.sum(), leaves, allow_unused=True)]


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize(
    "kw",
    ["", "weight=torch.tensor([1.0, 2.0, 0.5])", "pos_weight=torch.tensor([2.0, 0.5, 1.0])",
     "weight=torch.tensor([[2.0], [0.5]]), pos_weight=torch.tensor(3.0)",
     "pos_weight=torch.tensor([2.0, 0.5, 1.0], dtype=torch.float64)"],
)  # fmt: skip
def test_with_logits(kw: str, reduction: str) -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor(eval(X), requires_grad=True)
        t = torch.tensor(eval(T), requires_grad=True)
        extra = eval(f"dict({kw})", {"torch": torch})
        F = torch.nn.functional
        loss = F.binary_cross_entropy_with_logits(x, t, reduction=reduction, **extra)
        module = torch.nn.BCEWithLogitsLoss(reduction=reduction, **extra)
        return _grads(torch, loss, x, t) + [module(x, t), sorted(module.state_dict())]

    check(program, **TOL)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("kw", ["", "weight=torch.tensor([1.0, 2.0, 0.5])",
                                "weight=torch.tensor([[2.0], [0.5]])"])  # fmt: skip
def test_on_probabilities(kw: str, reduction: str) -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor(eval(X), requires_grad=True)
        t = torch.tensor(eval(T), requires_grad=True)
        extra = eval(f"dict({kw})", {"torch": torch})
        p = torch.sigmoid(x)
        loss = torch.nn.functional.binary_cross_entropy(p, t, reduction=reduction, **extra)
        module = torch.nn.BCELoss(reduction=reduction, **extra)
        return _grads(torch, loss, x, t) + [module(p, t), sorted(module.state_dict())]

    check(program, **TOL)


def test_double_backward_with_weight() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor(eval(X), requires_grad=True)
        t = torch.tensor(eval(T))
        w = torch.tensor([1.0, 2.0, 0.5])
        F = torch.nn.functional
        out = []
        for loss in (F.binary_cross_entropy(torch.sigmoid(x), t, weight=w),
                     F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=w)):  # fmt: skip
            (g,) = torch.autograd.grad(loss, x, create_graph=True)
            out += [g, torch.autograd.grad(g.pow(2).sum(), x)[0]]
        return out

    check(program, rtol=1e-5, atol=1e-6, names=False)


@pytest.mark.parametrize(
    "expr",
    [
        "F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.ones(4))",
        "F.binary_cross_entropy_with_logits(x, t, weight=torch.ones(2, 3, 1))",
        "F.binary_cross_entropy_with_logits(x, t, weight=torch.ones(2, 1, 3))",
        "F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.ones(2, 1, 3))",
        "F.binary_cross_entropy_with_logits(x, t, reduction='avg')",
        "F.binary_cross_entropy_with_logits(x, t.long())",
        "F.binary_cross_entropy_with_logits(x, t[0])",
        "F.binary_cross_entropy_with_logits(x, t, weight=torch.ones(3, requires_grad=True))",
        "F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.ones(3, requires_grad=True))",
        "F.binary_cross_entropy_with_logits(x, t.double())",
        "F.binary_cross_entropy(x, t)",
        "F.binary_cross_entropy(x.sigmoid(), t.long())",
        "F.binary_cross_entropy(x.sigmoid(), t.double())",
        "F.binary_cross_entropy(x.sigmoid(), t, weight=torch.ones(4))",
        "F.binary_cross_entropy(x.sigmoid(), t, weight=torch.ones(2, 1, 3))",
        "F.binary_cross_entropy(x.sigmoid(), t, weight=torch.ones(3).double())",
        "F.binary_cross_entropy(x.sigmoid(), t, weight=torch.ones(3, requires_grad=True))",
        "F.binary_cross_entropy(x.sigmoid(), t, reduction='avg')",
        "F.binary_cross_entropy(x.sigmoid(), t[:, :2])",
    ],
)
def test_errors_and_dtypes(expr: str) -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor(eval(X), requires_grad=True)
        t = torch.tensor(eval(T))
        return eval(expr, {"torch": torch, "F": torch.nn.functional, "x": x, "t": t})

    check(program, **TOL)


def test_weights_need_no_grad_without_grad_mode() -> None:
    def program(torch: Any) -> Any:
        with torch.no_grad():
            w = torch.ones(3, requires_grad=True)
            x = torch.tensor(eval(X))
            return torch.nn.functional.binary_cross_entropy_with_logits(x, x.sigmoid(), w)

    check(program, **TOL)


@settings(max_examples=30, deadline=None)
@given(
    rows=st.integers(1, 4),
    cols=st.integers(1, 4),
    seed=st.integers(0, 2**32),
    pos_weight=st.booleans(),
    weight=st.booleans(),
    reduction=st.sampled_from(["mean", "sum", "none"]),
    scale=st.sampled_from([0.1, 3.0, 30.0]),
)
def test_any_logits(rows: int, cols: int, seed: int, pos_weight: bool, weight: bool,
                    reduction: str, scale: float) -> None:  # fmt: skip
    def program(torch: Any) -> Any:
        g = torch.Generator().manual_seed(seed)
        x = (torch.rand(rows, cols, generator=g) * 2 - 1) * scale
        x.requires_grad_()
        t = torch.rand(rows, cols, generator=g).round().requires_grad_()
        kw = {}
        if pos_weight:
            kw["pos_weight"] = torch.rand(cols, generator=g) * 3
        if weight:
            kw["weight"] = torch.rand(rows, 1, generator=g)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(x, t, reduction=reduction, **kw)
        return _grads(torch, loss, x, t)

    check(program, **TOL)
