"""x.unfold (UnfoldBackward0, a view), F.unfold / F.fold (Im2ColBackward0, Col2ImBackward0)
and nn.Unfold / nn.Fold against torch: patches, gradients, printing, refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check


def _weighted_backward(torch: Any, out: Any) -> None:
    (out * torch.arange(out.numel(), dtype=out.dtype).reshape(out.shape)).sum().backward()


def test_tensor_unfold_windows_and_vit_patches() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(1.0, 11.0, requires_grad=True)
        u = x.unfold(0, 3, 2)
        _weighted_backward(torch, u)
        img = torch.arange(48.0).reshape(3, 4, 4).requires_grad_()
        patches = img.unfold(1, 2, 2).unfold(2, 2, 2)
        _weighted_backward(torch, patches)
        return (u, u._base is x, x.grad, patches, patches.grad_fn.name(), img.grad,
                torch.arange(4.0).unfold(0, 0, 1).shape, torch.tensor(5.0).unfold(0, 1, 1))  # fmt: skip

    check(program, rtol=0.0, atol=0.0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kernel_size": 2, "stride": 2},
        {"kernel_size": (2, 3), "padding": 1, "stride": (1, 2)},
        {"kernel_size": 2, "dilation": 2},
    ],  # fmt: skip
    ids=str,
)
def test_F_unfold_and_fold(kwargs: dict[str, Any]) -> None:
    # patches are copies and overlaps small integer sums: exact
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        m = torch.arange(32.0).reshape(2, 1, 4, 4).requires_grad_()
        p = F.unfold(m, **kwargs)
        _weighted_backward(torch, p)
        c = p.detach().clone().requires_grad_()
        f = F.fold(c, (4, 4), **kwargs)
        _weighted_backward(torch, f)
        return p, p.grad_fn.name(), m.grad, f, f.grad_fn.name(), c.grad, F.unfold(m[0], **kwargs)

    check(program, rtol=0.0, atol=0.0)


def test_layers_print_as_torch() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        return [repr(nn.Unfold(kernel_size=2)), repr(nn.Fold(output_size=(4, 4), kernel_size=2)),
                nn.Unfold(kernel_size=(2, 3), padding=1)(torch.ones(1, 1, 4, 4)).shape]  # fmt: skip

    check(program)


REFUSED = {
    "unfold of 2-d": lambda F, x: F.unfold(x[0, 0], 2),
    "kernel too big": lambda F, x: F.unfold(x, 5),
    "fold blocks": lambda F, x: F.fold(F.unfold(x, 2), (5, 5), 2),
    "fold channels": lambda F, x: F.fold(x.new_ones(1, 3, 9), (4, 4), 2),
    "integers": lambda F, x: F.unfold(x.long(), 2),
    "window too big": lambda F, x: x.reshape(-1).unfold(0, 17, 1),
    "step 0": lambda F, x: x.reshape(-1).unfold(0, 2, 0),
    "size negative": lambda F, x: x.reshape(-1).unfold(0, -1, 1),
    "dim": lambda F, x: x.reshape(-1).unfold(1, 2, 1),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refusals(name: str) -> None:
    check(lambda torch: REFUSED[name](torch.nn.functional, torch.arange(16.0).reshape(1, 1, 4, 4)))
