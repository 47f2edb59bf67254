"""F.local_response_norm / nn.LocalResponseNorm, F.bilinear / nn.Bilinear, nn.Softmax2d and
F.avg_pool3d (which local_response_norm pools with) against torch: values, grad_fn chains,
gradients, printing, refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from difftest import check, grad_fn_chain

# local_response_norm ends in pow (libm's, which varies by CPU); bilinear is a contraction
# summed in another order than ATen's _trilinear: within ulps.
ULPS = {"torch.float32": 8, "torch.float64": 8}


def _data(torch: Any, *shape: int, seed: int = 0) -> Any:
    values = np.random.RandomState(seed).uniform(-2, 2, shape).astype(np.float32)
    return torch.tensor(values.tolist(), requires_grad=True)


@pytest.mark.parametrize("shape", [(2, 5, 7), (2, 6, 3, 4), (1, 4, 2, 3, 2)], ids=str)
@pytest.mark.parametrize("size", [1, 2, 3])
def test_local_response_norm(shape: tuple[int, ...], size: int) -> None:
    def program(torch: Any) -> Any:
        x = _data(torch, *shape)
        y = torch.nn.functional.local_response_norm(x, size, alpha=0.1, beta=0.75, k=2.0)
        (y * torch.arange(y.numel()).reshape(y.shape)).sum().backward()
        return y, grad_fn_chain(y, 1), x.grad

    check(program, ulps=ULPS)


def test_avg_pool3d() -> None:
    # sums of exact small values: exact
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = torch.arange(2 * 3 * 4 * 5 * 6.0).reshape(2, 3, 4, 5, 6).requires_grad_()
        y = F.avg_pool3d(x, 2)
        z = F.avg_pool3d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False)
        (y.sum() + (z * 2).sum()).backward()
        return (y, y.grad_fn.name(), z, x.grad, F.avg_pool3d(x[0], (1, 2, 3), stride=1),
                F.avg_pool3d(x.long(), 2), F.avg_pool3d(x, 2, divisor_override=3))  # fmt: skip

    check(program, rtol=1e-6, atol=0)


def test_bilinear_function_and_layer() -> None:
    def program(torch: Any) -> Any:
        F, nn = torch.nn.functional, torch.nn
        x1, x2 = _data(torch, 4, 3), _data(torch, 4, 5, seed=1)
        w, b = _data(torch, 2, 3, 5, seed=2), _data(torch, 2, seed=3)
        y = F.bilinear(x1, x2, w, b)
        (y * torch.tensor([1.0, -2.0])).sum().backward()
        z = F.bilinear(x1[None], x2[None], w)
        torch.manual_seed(0)
        layer = nn.Bilinear(3, 5, 2)
        plain = nn.Bilinear(3, 5, 2, bias=False)
        return (y, grad_fn_chain(y), [f[0].name() for f in y.grad_fn.next_functions], x1.grad,
                x2.grad, w.grad, b.grad, z, z.grad_fn.name(), repr(layer), layer.weight,
                layer.bias, repr(plain), plain.bias, layer(x1, x2))  # fmt: skip

    check(program, ulps=ULPS)


def test_softmax2d_and_printing() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        x = _data(torch, 2, 3, 2, 2)
        y = nn.Softmax2d()(x)
        return (y, y.grad_fn.name(), nn.Softmax2d()(x[0]), repr(nn.Softmax2d()),
                repr(nn.LocalResponseNorm(2)), repr(nn.LocalResponseNorm(5, 1e-3, 0.5, 2)),
                nn.LocalResponseNorm(2)(torch.zeros(0, 3, 2)).shape)  # fmt: skip

    check(program, ulps=ULPS)


@pytest.mark.parametrize(
    "call",
    [
        "F.local_response_norm(torch.ones(2, 3), 2)",
        "nn.Softmax2d()(torch.ones(2, 3))",
        "F.bilinear(x1, x2[None], w, b)",
        "F.bilinear(x1, x2[:1], w, b)",
        "F.bilinear(x1, x2[:, :3], w, b)",
        "F.bilinear(x1[:, :2], x2, w, b)",
        "F.bilinear(x1, x2, w, b[:2])",
        "F.bilinear(x1, x2.double(), w, b)",
        "F.bilinear(x1, x2.double(), w)",
        "F.avg_pool3d(torch.ones(4, 5, 6), 2)",
        "F.avg_pool3d(torch.ones(1, 4, 5, 6), 2, padding=2)",
        "F.avg_pool3d(torch.ones(1, 4, 5, 6), 7)",
        "F.avg_pool3d(torch.ones(1, 4, 5, 6), (2, 2))",
        "F.avg_pool3d(torch.ones(1, 4, 5, 6), 2, stride=0)",
        "F.avg_pool3d(torch.ones(1, 4, 5, 6), 2, divisor_override=0)",
    ],
)
def test_refusals_in_torch_words(call: str) -> None:
    def program(torch: Any) -> Any:
        x1, x2 = torch.ones(2, 3), torch.ones(2, 4)
        w, b = torch.ones(5, 3, 4), torch.ones(5)
        scope = {"F": torch.nn.functional, "nn": torch.nn, "torch": torch, "x1": x1, "x2": x2,
                 "w": w, "b": b}  # fmt: skip
        return eval(call, scope)

    check(program)
