"""x.unsqueeze_, squeeze_, t_, transpose_, swapaxes_ and swapdims_ (and cumsum_, cumprod_,
logical_*_) against torch: shapes, the in-place nodes' names, gradients, versions and
refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check


def test_a_chain_of_in_place_reshapes() -> None:
    def program(torch: Any) -> Any:
        x = torch.ones(2, 3, requires_grad=True)
        y = x * torch.arange(6.0).reshape(2, 3)
        seen = []
        for step in (lambda t: t.unsqueeze_(0), lambda t: t.squeeze_(), lambda t: t.t_(),
                     lambda t: t.transpose_(0, 1), lambda t: t.swapaxes_(0, 1),
                     lambda t: t.swapdims_(0, 1), lambda t: t.squeeze_(0),
                     lambda t: t.unsqueeze_(1).squeeze_((1,))):  # fmt: skip
            out = step(y)
            seen.append((out is y, tuple(y.shape), y.grad_fn.name(), y._version))
        (y * torch.arange(6.0).reshape(y.shape)).sum().backward()
        return seen, x.grad

    check(program)


def test_without_grad_and_on_views() -> None:
    def program(torch: Any) -> Any:
        img = torch.arange(48.0).reshape(3, 4, 4)
        img.unsqueeze_(0)
        shapes = [tuple(img.shape)]
        img.squeeze_(0)
        shapes.append(tuple(img.shape))
        x = torch.ones(2, 3, requires_grad=True)
        with torch.no_grad():
            x.unsqueeze_(0)
        v = (torch.ones(2, 3, requires_grad=True) * 1)[0]
        v.unsqueeze_(0)
        return shapes, tuple(x.shape), x.is_leaf, v.grad_fn.name(), tuple(v.shape)

    check(program)


def test_a_retained_gradient_stays_at_the_old_shape() -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor([1.0, 2.0], requires_grad=True)
        b = a * 3
        b.retain_grad()
        b.unsqueeze_(0)
        (b * torch.tensor([[1.0, 2.0]])).sum().backward()
        return b.grad, a.grad

    check(program)


REFUSED = {
    "a leaf that requires grad": lambda torch: torch.ones(2, requires_grad=True).unsqueeze_(0),
    "t_ of 3 dims": lambda torch: torch.ones(2, 2, 2).t_(),
    "unsqueeze_ dim": lambda torch: torch.ones(2).unsqueeze_(3),
    "transpose_ dim": lambda torch: torch.ones(2).transpose_(0, 2),
    "a saved result reshaped": lambda torch: _reshaped_saved(torch),
}


def _reshaped_saved(torch: Any) -> Any:
    x = torch.ones(2, requires_grad=True)
    y = x.exp()
    y.unsqueeze_(0)
    y.sum().backward()


@pytest.mark.parametrize("name", list(REFUSED))
def test_refusals(name: str) -> None:
    check(REFUSED[name])


def test_cumulative_and_logical_in_place() -> None:
    def program(torch: Any) -> Any:
        f = torch.tensor([1.0, 0, 2])
        f.logical_and_(torch.tensor([1.0, 1, 0]))
        i = torch.tensor([1, 0, 2])
        i.logical_not_()
        b = torch.tensor([True, False])
        b.logical_xor_(torch.tensor([True, True]))
        b.logical_or_(torch.tensor([False, True]))
        c = torch.tensor([1, 2, 3])
        c.cumsum_(0)
        c2 = c.clone()
        c2.cumprod_(0)
        g = torch.tensor([1.0, 2, 3], requires_grad=True)
        h = g * 1
        h.cumsum_(0)
        h.sum().backward()
        return f, i, b, c, c2, h, g.grad

    check(program, rtol=0.0, atol=0.0)


def test_cumsum_in_place_refusals() -> None:
    def program(torch: Any) -> Any:
        out = []
        for bad in (lambda: torch.tensor([1.0, 2], requires_grad=True).cumsum_(0),
                    lambda: torch.tensor([1.0, 2]).cumsum_(0, dtype=torch.float64)):  # fmt: skip
            try:
                bad()
            except RuntimeError as e:
                out.append(str(e))
        return out

    check(program)
