"""The 3-d family against torch: F.conv3d / nn.Conv3d, F.max_pool3d / nn.MaxPool3d,
nn.AvgPool3d, nn.BatchNorm3d, F.adaptive_avg_pool3d / nn.AdaptiveAvgPool3d,
F.adaptive_max_pool3d / nn.AdaptiveMaxPool3d: values, grad_fns, gradients, printing, the
modules' torch paths, refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from difftest import check

# convolution sums its 72 products per output (values up to 4, cancelling to about 1) in
# another order than oneDNN's, and batch norm's statistics too: within ulps (measured up to
# 69 on plain x86-64)
ULPS = {"torch.float32": 128, "torch.float64": 128}


def _data(torch: Any, *shape: int, seed: int = 0) -> Any:
    values = np.random.RandomState(seed).uniform(-2, 2, shape).astype(np.float32)
    return torch.tensor(values.tolist(), requires_grad=True)


def _weighted(torch: Any, out: Any) -> Any:
    return (out * (torch.arange(out.numel()) % 7 - 3.0).reshape(out.shape)).sum()


@pytest.mark.parametrize(
    "options",
    [{}, {"stride": 2, "padding": 1}, {"padding": "same", "dilation": 2}, {"groups": 2}],
    ids=str,
)
def test_conv3d(options: dict[str, Any]) -> None:
    def program(torch: Any) -> Any:
        x = _data(torch, 2, 4, 5, 6, 5)
        w = _data(torch, 6, 4 // options.get("groups", 1), 3, 2, 3, seed=1)
        b = _data(torch, 6, seed=2)
        y = torch.nn.functional.conv3d(x, w, b, **options)
        _weighted(torch, y).backward()
        return y, y.grad_fn.name(), x.grad, w.grad, b.grad

    check(program, ulps=ULPS)


def test_conv3d_layer_and_batch_norm3d() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(0)
        net = nn.Sequential(nn.Conv3d(2, 3, 3, padding=1), nn.BatchNorm3d(3), nn.ReLU(),
                            nn.MaxPool3d(2), nn.AdaptiveAvgPool3d(1), nn.Flatten())  # fmt: skip
        x = _data(torch, 2, 2, 4, 4, 4)
        y = net(x)
        _weighted(torch, y).backward()
        net.eval()
        return (repr(net), y, net[0].weight.grad, net[1].running_mean, net[1].running_var,
                net(x), str(type(net[0])), str(type(net[1])), str(type(net[3])),
                repr(nn.Conv3d(3, 4, (1, 2, 3), stride=2, padding=1, bias=False)),
                repr(nn.Conv3d(2, 2, 3, padding_mode="circular", padding=1)))  # fmt: skip

    check(program, ulps=ULPS)


@pytest.mark.parametrize(
    "options",
    [
        {"kernel_size": 2},
        {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True},
        {"kernel_size": (1, 2, 2), "dilation": (1, 2, 1)},
    ],
    ids=str,
)
def test_max_and_avg_pool3d(options: dict[str, Any]) -> None:
    # maxima and sums of small integers: exact
    def program(torch: Any) -> Any:
        F, nn = torch.nn.functional, torch.nn
        base = torch.tensor(np.random.RandomState(0).randint(-9, 9, (2, 2, 5, 6, 5)).tolist())
        x = base.float().requires_grad_()
        y, idx = F.max_pool3d(x, return_indices=True, **options)
        (y * 3).sum().backward()
        avg = {k: v for k, v in options.items() if k != "dilation"}
        a = nn.AvgPool3d(**avg)(x)
        return (y, y.grad_fn.name(), idx, x.grad, a, a.grad_fn.name(),
                torch.max_pool3d(x[0], options["kernel_size"]), repr(nn.MaxPool3d(**options)),
                repr(nn.AvgPool3d(**avg)))  # fmt: skip

    check(program, rtol=1e-6, atol=0)


@pytest.mark.parametrize("size", [1, 2, (2, 3, None), (3, 1, 2)], ids=str)
def test_adaptive_pools3d(size: Any) -> None:
    def program(torch: Any) -> Any:
        F, nn = torch.nn.functional, torch.nn
        x = _data(torch, 2, 3, 4, 5, 6)
        a = F.adaptive_avg_pool3d(x, size)
        m, idx = F.adaptive_max_pool3d(x, size, return_indices=True)
        (_weighted(torch, a) + _weighted(torch, m)).backward()
        return (a, a.grad_fn.name(), m, m.grad_fn.name(), idx, x.grad,
                repr(nn.AdaptiveAvgPool3d(size)), repr(nn.AdaptiveMaxPool3d(size)),
                nn.AdaptiveMaxPool3d(size, return_indices=True)(x[0])[1])  # fmt: skip

    check(program, ulps={"torch.float32": 4})


@pytest.mark.parametrize(
    "call",
    [
        "nn.BatchNorm3d(3)(x[0])",
        "F.max_pool3d(x[0, 0], 2)",
        "F.max_pool3d(x, 2, padding=2)",
        "F.max_pool3d(x, 7)",
        "F.max_pool3d(x, (2, 2))",
        "F.adaptive_avg_pool3d(x[0, 0], 2)",
        "F.adaptive_max_pool3d(x[0, 0], 2)",
        "F.adaptive_avg_pool3d(x, (2, 2))",
        "F.conv3d(x, torch.ones(4, 3, 2, 2))",
        "F.conv3d(x[0, 0], torch.ones(4, 3, 2, 2, 2))",
        "F.conv3d(x, torch.ones(4, 2, 2, 2, 2))",
    ],
)
def test_refusals_in_torch_words(call: str) -> None:
    def program(torch: Any) -> Any:
        scope = {"F": torch.nn.functional, "nn": torch.nn, "torch": torch,
                 "x": torch.ones(2, 3, 4, 5, 6)}  # fmt: skip
        return eval(call, scope)

    check(program)
