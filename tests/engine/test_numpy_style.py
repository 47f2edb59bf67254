"""NumPy-style functions learners bring (hstack, vstack, atleast_2d, tensor_split, ravel,
unflatten, nansum, nanmean, logspace, deg2rad, logit, xlogy, msort, is_nonzero): values,
grads, grad_fn names and refusals, compared with torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check


def _grads(op: Callable[[Any, Any, Any, Any], Any]) -> Callable[[Any], Any]:
    def program(torch: Any) -> Any:
        a = torch.tensor([1.0, 2.0], requires_grad=True)
        m = torch.arange(6.0).reshape(2, 3).requires_grad_()
        s = torch.tensor(3.0, requires_grad=True)
        out = op(torch, a, m, s)
        outs = list(out) if isinstance(out, (tuple, list)) else [out]
        total = sum((o.float() * (i + 1)).sum() for i, o in enumerate(outs) if o.requires_grad)
        if isinstance(total, int):
            return out
        total.backward()
        return out, a.grad, m.grad, s.grad

    return program


CASES: dict[str, Callable[[Any, Any, Any, Any], Any]] = {
    "hstack vectors": lambda t, a, m, s: t.hstack([a, a]),
    "hstack matrices": lambda t, a, m, s: t.hstack([m, m]),
    "hstack a scalar": lambda t, a, m, s: t.hstack((s, a)),
    "vstack": lambda t, a, m, s: t.vstack([a, a]),
    "vstack mixed": lambda t, a, m, s: t.vstack([m, a.repeat(2)[:3]]),
    "row_stack": lambda t, a, m, s: t.row_stack([a, a]),
    "dstack": lambda t, a, m, s: t.dstack([m, m]),
    "dstack vectors": lambda t, a, m, s: t.dstack([a, a]),
    "column_stack": lambda t, a, m, s: t.column_stack([a, a]),
    "column_stack matrices": lambda t, a, m, s: t.column_stack([m, m]),
    "atleast_1d": lambda t, a, m, s: t.atleast_1d(s),
    "atleast_2d": lambda t, a, m, s: t.atleast_2d(a),
    "atleast_3d": lambda t, a, m, s: (t.atleast_3d(a), t.atleast_3d(m), t.atleast_3d(s)),
    "atleast of several": lambda t, a, m, s: t.atleast_2d([a, s]),
    "ravel": lambda t, a, m, s: m.ravel(),
    "ravel transposed": lambda t, a, m, s: m.t().ravel(),
    "unflatten": lambda t, a, m, s: m.unflatten(1, (3, 1)),
    "unflatten -1": lambda t, a, m, s: t.unflatten(m, -1, (-1, 1)),
    "tensor_split sections": lambda t, a, m, s: t.tensor_split(m, 2, dim=1),
    "tensor_split indices": lambda t, a, m, s: t.tensor_split(m, [1], dim=1),
    "tensor_split more than there is": lambda t, a, m, s: t.tensor_split(a, 3),
    "tensor_split uneven": lambda t, a, m, s: t.tensor_split(t.arange(7.0), 3),
    "tensor_split past the end": lambda t, a, m, s: t.tensor_split(t.arange(7), t.tensor([2, 9])),
    "hsplit": lambda t, a, m, s: t.hsplit(m, 3),
    "vsplit": lambda t, a, m, s: t.vsplit(m, [1]),
    "dsplit": lambda t, a, m, s: t.dsplit(t.ones(2, 2, 4), 2),
    "hsplit uneven": lambda t, a, m, s: t.hsplit(m, 2),
    "vsplit of a vector": lambda t, a, m, s: t.vsplit(a, 2),
    "tensor_split of a scalar": lambda t, a, m, s: t.tensor_split(s, 2),
    "tensor_split into none": lambda t, a, m, s: t.tensor_split(a, 0),
    "nansum": lambda t, a, m, s: t.nansum(m.masked_fill(m > 3, float("nan"))),
    "nansum dims": lambda t, a, m, s: m.masked_fill(m < 2, float("nan")).nansum((0, 1), True),
    "nansum of longs": lambda t, a, m, s: t.nansum(t.tensor([1, 2])),
    "nanmean": lambda t, a, m, s: t.nanmean(m.masked_fill(m > 3, float("nan")), 1),
    "nanmean of longs": lambda t, a, m, s: t.nanmean(t.tensor([1, 2])),
    "is_nonzero": lambda t, a, m, s: [t.is_nonzero(t.tensor([0.0])), t.is_nonzero(t.tensor(2))],
    "is_nonzero of two": lambda t, a, m, s: t.is_nonzero(a),
    "is_nonzero of none": lambda t, a, m, s: t.is_nonzero(t.tensor([])),
    "is_same_size": lambda t, a, m, s: [t.is_same_size(a, a), t.is_same_size(a, m)],
    "logspace": lambda t, a, m, s: (
        t.logspace(0, 2, 3),
        t.logspace(0, 1, 3, base=2),
        t.logspace(-1, 1, 5),
        t.logspace(0, 2, 3, dtype=t.int64),
        t.logspace(0, 3, 7, base=3.0, dtype=t.float64),
    ),  # fmt: skip
    "logit": lambda t, a, m, s: t.logit(a / 3),
    "logit eps": lambda t, a, m, s: (m / 5).logit(eps=0.3),
    "logit outside": lambda t, a, m, s: t.logit(m - 1),
    "deg2rad": lambda t, a, m, s: (t.deg2rad(a), t.rad2deg(m), t.deg2rad(t.tensor([180]))),
    "xlogy": lambda t, a, m, s: t.xlogy(m - 1, a.repeat(2)[:3] * 0.5),
    "xlogy of a number": lambda t, a, m, s: (t.xlogy(2, a), t.xlogy(a, 3)),
    "xlogy of longs": lambda t, a, m, s: t.xlogy(t.tensor([0, 1]), t.tensor([0, 2])),
    "xlogy nan": lambda t, a, m, s: t.xlogy(t.zeros(2), t.tensor([float("nan"), 0.0])),
    "msort": lambda t, a, m, s: t.msort(m.flip(0)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_as_torch(name: str) -> None:
    # a few ulps: log and pow are vectorised in torch
    check(_grads(CASES[name]), ulps={"torch.float32": 4, "torch.float64": 4})


@pytest.mark.parametrize(
    "program",
    [
        lambda t: t.fliplr(t.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])),
        lambda t: t.tensor([[1.0, 5.0], [4.0, 2.0]]).flipud(),
        lambda t: t.fliplr(t.ones(3)),
        lambda t: t.flipud(t.tensor(1.0)),
        lambda t: t.argwhere(t.tensor([[0, 1], [2, 0]])),
        lambda t: t.argwhere(t.tensor(3)),
        lambda t: t.tensor([0.0, 1.5]).argwhere(),
        lambda t: t.tril_indices(3, 3),
        lambda t: t.triu_indices(3, 4, 1),
        lambda t: t.tril_indices(4, 3, -1),
        lambda t: t.triu_indices(2, 2, dtype=t.int32),
        lambda t: t.tril_indices(0, 3),
        lambda t: t.tril_indices(-1, 3),
        lambda t: t.triu_indices(2, -3),
    ],
)
def test_flips_argwhere_triangle_indices_as_torch(program) -> None:
    check(program, text=True)


def test_fliplr_gradient_as_torch() -> None:
    def program(torch):
        x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]], requires_grad=True)
        y = torch.fliplr(x)
        y.backward(torch.arange(6.0).reshape(2, 3))
        return y, x.grad

    check(program, text=True)


def test_asarray_and_as_tensor_share_memory_as_torch() -> None:
    def program(torch):
        import numpy as np

        a = np.array([1.0, 2.0], dtype=np.float32)
        shared, copied = torch.asarray(a), torch.asarray(a, copy=True)
        via_as_tensor, cast = torch.as_tensor(a), torch.as_tensor(a, dtype=torch.float64)
        a[0] = 5
        z = torch.ones(2)
        return (shared, copied, via_as_tensor, cast, torch.asarray(z) is z,
                torch.asarray(z, copy=True) is z, torch.asarray(z, dtype=torch.float64),
                torch.asarray([1, 2]), torch.asarray(3.5), torch.asarray([1.0], requires_grad=True))  # fmt: skip

    check(program, text=True)


def test_asarray_of_a_tensor_that_requires_grad_warns_as_torch() -> None:
    def program(torch):
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = torch.asarray(x)
        z = torch.asarray(x, requires_grad=False)
        return y is x, z.requires_grad

    check(program, warns=True)


def test_torch_dropout_as_torch() -> None:
    def program(torch):
        torch.manual_seed(0)
        return (torch.dropout(torch.ones(6), 0.5, True), torch.dropout(torch.ones(3), 0.5, False),
                torch.dropout(torch.ones(3), 0.0, True))  # fmt: skip

    check(program, text=True)


def test_xlogy_gradient_where_self_is_zero_as_torch() -> None:
    # PyTorch 2.13: log(other) there too, except where other is not positive
    def program(torch):
        x = torch.tensor([0.0, 0.0, 1.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0], requires_grad=True)
        o = torch.tensor([0.0, float("nan"), 0.0, 2.0, -1.0, -1.0, 0.5, float("inf"), -0.0],
                         requires_grad=True)  # fmt: skip
        torch.xlogy(x, o).sum().backward()
        a = torch.tensor([0.0, 0.0, 1.0], requires_grad=True)
        torch.xlogy(a, 3.0).sum().backward()
        b = torch.tensor([0.0, 1.0], requires_grad=True)
        torch.xlogy(b * 1, 0.0).sum().backward()
        return x.grad, o.grad, a.grad, b.grad

    check(program, text=True)
