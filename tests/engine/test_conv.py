"""F.conv1d/conv2d and the pools, their nn modules and gradients, against PyTorch: values,
grad_fn names, reprs, parameter initialisation after manual_seed and PyTorch's refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check

# oneDNN sums a convolution's products in its own blocked order, which changes with the
# CPU's vector width; the engine's im2col matmul sums in BLAS's order.
CONV_ULPS = {"torch.float32": 64, "torch.float64": 64}
EXACT = {"rtol": 0.0, "atol": 0.0}


def _weighted_backward(torch: Any, y: Any) -> None:
    # distinct weights per output, so that a gradient sent to the wrong cell shows; made by
    # exact arithmetic (linspace's last bits differ between CPU paths), and below 1 so that a
    # weight's gradient (a sum over the batch and every position) stays near the scale of 1,
    # where CONV_ULPS is counted
    weights = ((torch.arange(y.numel()) * 5 % 23).to(y.dtype) - 11.0) / 16
    (y * weights.reshape(y.shape)).sum().backward()


def _conv2d_case(**options: Any) -> Callable[[Any], Any]:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        groups = options.get("groups", 1)
        x = torch.randn(2, 4, 9, 8, requires_grad=True)
        w = torch.randn(6, 4 // groups, 3, 2, requires_grad=True)
        b = torch.randn(6, requires_grad=True)
        y = torch.nn.functional.conv2d(x, w, b, **options)
        _weighted_backward(torch, y)
        return y, x.grad, w.grad, b.grad

    return program


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"stride": 2},
        {"padding": 1},
        {"padding": (2, 0), "stride": (1, 3)},
        {"dilation": (2, 1), "padding": 1},
        {"groups": 2},
        {"groups": 2, "stride": [2], "padding": [1]},
        {"padding": "same"},
        {"padding": "valid"},
        {"padding": "same", "dilation": 2},
    ],
    ids=repr,
)
def test_conv2d(options: dict[str, Any]) -> None:
    check(_conv2d_case(**options), ulps=CONV_ULPS)


def test_conv2d_without_bias_depthwise_and_unbatched() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(1)
        F = torch.nn.functional
        x = torch.randn(3, 5, 5, requires_grad=True)
        w = torch.randn(3, 1, 2, 2, requires_grad=True)
        y = F.conv2d(x, w, groups=3)
        _weighted_backward(torch, y)
        x64 = torch.randn(1, 2, 4, 4, dtype=torch.float64)
        w64 = torch.randn(1, 2, 3, 3, dtype=torch.float64)
        return y, x.grad, w.grad, F.conv2d(x64, w64), F.conv2d(x[None], w, groups=3).grad_fn.name()

    check(program, ulps=CONV_ULPS)


def test_conv1d() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(2)
        F = torch.nn.functional
        x = torch.randn(2, 3, 11, requires_grad=True)
        w = torch.randn(4, 3, 3, requires_grad=True)
        b = torch.randn(4, requires_grad=True)
        y = F.conv1d(x, w, b, stride=2, padding=2, dilation=2)
        _weighted_backward(torch, y)
        same = F.conv1d(x[0], w[:, :, :2], padding="same")
        return y, x.grad, w.grad, b.grad, same, same.grad_fn.name()

    check(program, ulps=CONV_ULPS)


def test_conv_integer_inputs_are_exact() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(32).reshape(1, 2, 4, 4)
        w = torch.arange(8).reshape(1, 2, 2, 2) - 3
        return torch.nn.functional.conv2d(x, w, padding=1)

    check(program, **EXACT)


def test_conv_modules_initialise_print_and_learn_as_torch() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(0)
        c2 = nn.Conv2d(1, 6, kernel_size=5, padding=2)
        c1 = nn.Conv1d(2, 3, 3, stride=2, bias=False)
        grouped = nn.Conv2d(4, 4, 3, padding="same", groups=2)
        dilated = nn.Conv2d(3, 4, (1, 2), stride=2, dilation=2, bias=False)
        x = torch.randn(2, 1, 8, 8)
        y = c2(x)
        y.sum().backward()
        reprs = [repr(m) for m in (c2, c1, grouped, dilated, nn.Conv2d(2, 2, 3, padding="valid"))]
        shapes = [tuple(p.shape) for p in grouped.parameters()]
        fields = (c2.in_channels, c2.out_channels, c2.kernel_size, c2.stride, c2.padding,
                  c2.dilation, c2.groups, c2.padding_mode, c1.kernel_size)  # fmt: skip
        return (c2.weight, c2.bias, c1.weight, grouped.weight, grouped.bias, reprs, shapes, fields,
                y, c2.weight.grad, c2.bias.grad, list(c2.state_dict()))  # fmt: skip

    check(program, ulps=CONV_ULPS)


CONV_ERRORS = {
    "in_channels": lambda t: t.nn.Conv2d(3, 1, 3)(t.randn(1, 1, 6, 6)),
    "kernel_too_big": lambda t: t.nn.functional.conv2d(t.randn(1, 1, 2, 2), t.randn(2, 1, 3, 3)),
    "dilated_too_big": lambda t: t.nn.functional.conv2d(
        t.randn(1, 1, 4, 4), t.randn(2, 1, 2, 2), dilation=4
    ),
    "2d_input": lambda t: t.nn.Conv2d(1, 1, 3)(t.randn(6, 6)),
    "5d_input": lambda t: t.nn.functional.conv2d(t.randn(1, 1, 1, 6, 6), t.randn(2, 1, 3, 3)),
    "conv1d_2d_weight": lambda t: t.nn.functional.conv1d(t.ones(1, 1, 5), t.ones(1, 3)),
    "conv1d_4d": lambda t: t.nn.functional.conv1d(t.randn(1, 1, 4, 4), t.randn(2, 1, 2)),
    "weight_dims": lambda t: t.nn.functional.conv2d(t.randn(1, 1, 6, 6), t.randn(2, 3, 3)),
    "bias_size": lambda t: t.nn.functional.conv2d(
        t.randn(1, 1, 6, 6), t.randn(2, 1, 3, 3), t.randn(3)
    ),
    "groups_channels": lambda t: t.nn.functional.conv2d(
        t.randn(1, 4, 6, 6), t.randn(2, 3, 3, 3), groups=2
    ),
    "groups_weight": lambda t: t.nn.functional.conv2d(
        t.randn(1, 4, 6, 6), t.randn(3, 2, 3, 3), groups=2
    ),
    "same_strided": lambda t: t.nn.functional.conv2d(
        t.randn(1, 1, 6, 6), t.randn(2, 1, 3, 3), stride=2, padding="same"
    ),
    "bad_string": lambda t: t.nn.functional.conv2d(
        t.randn(1, 1, 6, 6), t.randn(2, 1, 3, 3), padding="foo"
    ),
    "stride_zero": lambda t: t.nn.functional.conv2d(
        t.randn(1, 1, 6, 6), t.randn(2, 1, 3, 3), stride=0
    ),
    "negative_padding": lambda t: t.nn.functional.conv2d(
        t.randn(1, 1, 6, 6), t.randn(2, 1, 3, 3), padding=-1
    ),
    "stride_length": lambda t: t.nn.functional.conv2d(
        t.randn(1, 1, 6, 6), t.randn(2, 1, 3, 3), stride=(1, 1, 1)
    ),
    "dtypes": lambda t: t.nn.functional.conv2d(t.randn(1, 1, 6, 6).double(), t.randn(2, 1, 3, 3)),
    "long_float": lambda t: t.nn.functional.conv2d(
        t.ones(1, 1, 3, 3, dtype=t.int64), t.ones(1, 1, 2, 2)
    ),
    "bias_dtype": lambda t: t.nn.functional.conv2d(
        t.randn(1, 1, 6, 6), t.randn(2, 1, 3, 3), t.randn(2).double()
    ),
    "module_groups": lambda t: t.nn.Conv2d(3, 1, 3, groups=2),
    "module_out_groups": lambda t: t.nn.Conv2d(4, 3, 3, groups=2),
    "module_same_strided": lambda t: t.nn.Conv2d(3, 1, 3, stride=2, padding="same"),
    "module_bad_string": lambda t: t.nn.Conv2d(3, 1, 3, padding="foo"),
}


@pytest.mark.parametrize("name", sorted(CONV_ERRORS))
def test_conv_errors(name: str) -> None:
    check(lambda torch: CONV_ERRORS[name](torch))


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
@pytest.mark.parametrize(
    "options", [{"padding": 1}, {"padding": "same", "dilation": 2}, {"padding": (1, 2)}]
)
def test_conv_padding_modes_as_torch(mode: str, options: dict[str, Any]) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        m = torch.nn.Conv2d(2, 3, 3, padding_mode=mode, **options)
        x = torch.arange(50.0).reshape(1, 2, 5, 5).requires_grad_()
        y = m(x)
        y.backward(torch.ones_like(y))
        return repr(m), y, x.grad, m.weight.grad

    # oneDNN's summation order (as the other convolution tests)
    check(program, ulps={"torch.float32": 64})


def test_conv1d_circular_padding_as_torch() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        m = torch.nn.Conv1d(1, 1, 3, padding=2, padding_mode="circular")
        return repr(m), m(torch.arange(6.0).reshape(1, 1, 6))

    check(program, ulps={"torch.float32": 64})


# --------------------------------------------------------------------------- pooling


def _exact_input(torch: Any, *shape: int) -> Any:
    """Scattered values with ties, made by exact arithmetic (randn of 16 or more numbers
    differs in its last bits between CPUs, difftest.py)."""
    n = 1
    for s in shape:
        n *= s
    x = ((torch.arange(n) * 37 % 101).float() - 50.0) / 8
    return x.reshape(shape).requires_grad_()


def _pool_case(
    op: str, shape: tuple[int, ...] = (2, 3, 7, 6), **options: Any
) -> Callable[[Any], Any]:
    def program(torch: Any) -> Any:
        x = _exact_input(torch, *shape)
        out = getattr(torch.nn.functional, op)(x, **options)
        y = out[0] if isinstance(out, tuple) else out
        _weighted_backward(torch, y)
        return out, x.grad

    return program


POOLS = [
    ("max_pool2d", {"kernel_size": 2}),
    ("max_pool2d", {"kernel_size": 3, "stride": 2, "padding": 1}),
    ("max_pool2d", {"kernel_size": (3, 2), "stride": 1, "return_indices": True}),
    ("max_pool2d", {"kernel_size": 2, "stride": 2, "ceil_mode": True}),
    (
        "max_pool2d",
        {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True, "return_indices": True},
    ),  # fmt: skip
    ("max_pool2d", {"kernel_size": 2, "dilation": 2, "padding": 1, "return_indices": True}),
    ("max_pool1d", {"kernel_size": 3, "stride": 2, "padding": 1}),
    ("max_pool1d", {"kernel_size": 2, "return_indices": True, "ceil_mode": True}),
    ("avg_pool2d", {"kernel_size": 2}),
    ("avg_pool2d", {"kernel_size": 3, "stride": 1, "padding": 1}),
    ("avg_pool2d", {"kernel_size": 3, "stride": 2, "padding": 1, "count_include_pad": False}),
    ("avg_pool2d", {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}),
    (
        "avg_pool2d",
        {
            "kernel_size": 3,
            "stride": 2,
            "padding": 1,
            "ceil_mode": True,
            "count_include_pad": False,
        },
    ),  # fmt: skip
    ("avg_pool2d", {"kernel_size": (2, 3), "divisor_override": 4}),
    ("avg_pool1d", {"kernel_size": 3, "stride": 2, "padding": 1, "count_include_pad": False}),
    ("adaptive_avg_pool2d", {"output_size": (3, 4)}),
    ("adaptive_avg_pool2d", {"output_size": 5}),
    ("adaptive_avg_pool2d", {"output_size": (None, 2)}),
    ("adaptive_avg_pool1d", {"output_size": 4}),
    ("adaptive_max_pool2d", {"output_size": (3, 4), "return_indices": True}),
    ("adaptive_max_pool1d", {"output_size": 4}),
]


@pytest.mark.parametrize("op, options", POOLS, ids=[f"{op}-{opts}" for op, opts in POOLS])
def test_pool_is_exact(op: str, options: dict[str, Any]) -> None:
    # PyTorch's CPU pooling kernels add in a fixed order the engine follows: bit for bit
    shape = (2, 3, 11) if op.endswith("1d") else (2, 3, 7, 6)
    check(_pool_case(op, shape, **options), **EXACT)


def test_pool_unbatched_and_global_average() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = _exact_input(torch, 3, 6, 6)
        m = F.max_pool2d(x, 2)
        g = F.adaptive_avg_pool2d(x, (1, 1))
        (m.sum() + (g * 3).sum()).backward()
        return m, g, x.grad, F.adaptive_avg_pool2d(x, 1).grad_fn.name()

    # the global average is torch.mean, a reduction whose order torch picks by vector width
    check(program, ulps={"torch.float32": 4})


def test_max_pool_ties_and_nan_route_the_gradient_as_torch() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([[[[1.0, 1.0, 0.0, 2.0], [1.0, 0.0, 2.0, 2.0],
                            [float("nan"), 3.0, -float("inf"), -float("inf")],
                            [3.0, 3.0, -float("inf"), -float("inf")]]]], requires_grad=True)  # fmt: skip
        y, i = torch.nn.functional.max_pool2d(x, 2, stride=1, return_indices=True)
        _weighted_backward(torch, y)
        z, j = torch.nn.functional.max_pool2d(x[:, :, 2:, 2:], 2, padding=1, return_indices=True)
        nan = float("nan")
        nans = torch.tensor([[[[nan, 1.0, nan, nan], [nan, 2.0, 0.0, nan]]]])
        F = torch.nn.functional
        return (y, i, x.grad, z, j, F.max_pool2d(nans, 2, return_indices=True),
                F.max_pool2d(nans, (1, 4), return_indices=True),
                F.adaptive_max_pool2d(nans, 1, return_indices=True))  # fmt: skip

    check(program, **EXACT)


def test_integer_pools() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = torch.arange(16).reshape(1, 1, 4, 4) - 8
        return (
            F.max_pool2d(x, 2),
            F.avg_pool2d(x, 3, 1, 1),
            F.max_pool2d(x, 3, 1, 1, return_indices=True),
        )

    check(program, **EXACT)


def test_pool_double_backward() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = _exact_input(torch, 1, 2, 4, 4)
        out = []
        for pool in (lambda t: F.max_pool2d(t, 2), lambda t: F.avg_pool2d(t, 3, 1, 1),
                     lambda t: F.adaptive_avg_pool2d(t, 3)):  # fmt: skip
            y = pool(x)
            (g,) = torch.autograd.grad((y**2).sum(), x, create_graph=True)
            (gg,) = torch.autograd.grad((g * torch.arange(32.0).reshape(1, 2, 4, 4)).sum(), x)
            out += [g.grad_fn.name(), g, gg]
        return out

    check(program, ulps={"torch.float32": 4}, names=False)


def test_pool_modules_print_as_torch() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        mods = [nn.MaxPool2d(2), nn.MaxPool2d(3, 2, 1), nn.MaxPool2d((2, 3), ceil_mode=True),
                nn.AvgPool2d(2), nn.AvgPool2d(3, 1, 1, ceil_mode=True, count_include_pad=False),
                nn.AdaptiveAvgPool2d((1, 1)), nn.AdaptiveAvgPool2d(1), nn.AdaptiveAvgPool2d((None, 2)),
                nn.MaxPool1d(2), nn.AvgPool1d(2), nn.AvgPool1d(3, 2, 1), nn.AdaptiveAvgPool1d(3),
                nn.AdaptiveMaxPool2d((1, 1)), nn.MaxPool2d(2, return_indices=True)]  # fmt: skip
        x = _exact_input(torch, 1, 2, 6, 6).detach()
        return (
            [repr(m) for m in mods],
            [m(x) for m in mods[:8]],
            nn.MaxPool2d(2, return_indices=True)(x),
        )

    check(program, ulps={"torch.float32": 4})


POOL_ERRORS = {
    "output_too_small": lambda t: t.nn.functional.max_pool2d(t.randn(1, 1, 2, 2), 3),
    "pad_too_big": lambda t: t.nn.functional.max_pool2d(t.randn(1, 1, 4, 4), 2, padding=2),
    "2d_input": lambda t: t.nn.functional.max_pool2d(t.randn(4, 4), 2),
    "avg_too_small": lambda t: t.nn.functional.avg_pool2d(t.randn(1, 1, 2, 2), 3),
    "avg_pad": lambda t: t.nn.functional.avg_pool2d(t.randn(1, 1, 4, 4), 2, padding=2),
    "kernel_tuple": lambda t: t.nn.functional.max_pool2d(t.randn(1, 1, 4, 4), (2, 2, 2)),
    "divisor_zero": lambda t: t.nn.functional.avg_pool2d(
        t.randn(1, 1, 4, 4), 2, divisor_override=0
    ),
    "adaptive_size": lambda t: t.nn.functional.adaptive_avg_pool2d(t.randn(1, 1, 4, 4), (2, 2, 2)),
    "adaptive_dims": lambda t: t.nn.functional.adaptive_avg_pool2d(t.randn(4), 2),
    "dilation_zero": lambda t: t.nn.functional.max_pool2d(t.randn(1, 1, 4, 4), 2, dilation=0),
    "stride_zero": lambda t: t.nn.functional.max_pool2d(t.randn(1, 1, 4, 4), 2, stride=0),
    "1d_input": lambda t: t.nn.functional.max_pool1d(t.randn(2), 2),
    "1d_too_small": lambda t: t.nn.functional.max_pool1d(t.randn(1, 1, 2), 3),
    "1d_padding": lambda t: t.nn.functional.max_pool1d(t.randn(1, 1, 5), 2, padding=2),
    "1d_stride_zero": lambda t: t.nn.functional.max_pool1d(t.randn(1, 1, 5), 2, stride=0),
    "avg_1d_dims": lambda t: t.nn.functional.avg_pool1d(t.randn(1, 1, 1, 2), 1),
    "avg_1d_too_small": lambda t: t.nn.functional.avg_pool1d(t.randn(1, 1, 2), 3),
}


@pytest.mark.parametrize("name", sorted(POOL_ERRORS))
def test_pool_errors(name: str) -> None:
    check(lambda torch: POOL_ERRORS[name](torch))


@pytest.mark.parametrize("options", [{"padding": 1}, {"stride": 2, "groups": 2, "dilation": 2},
                                     {"padding": "same"}], ids=repr)  # fmt: skip
def test_conv_double_backward(options: dict[str, Any]) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(7)
        # in double: second derivatives sum long chains of products that cancel, so float32's
        # differences of order (oneDNN's against BLAS's) grow past any tight bound there
        d = torch.float64
        x = (torch.randn(2, 4, 7, 7, dtype=d) * 0.3).requires_grad_()
        w = (torch.randn(6, 4 // options.get("groups", 1), 3, 3, dtype=d) * 0.3).requires_grad_()
        b = (torch.randn(6, dtype=d) * 0.3).requires_grad_()
        y = torch.nn.functional.conv2d(x, w, b, **options)
        gx, gw, gb = torch.autograd.grad((y**2).sum(), (x, w, b), create_graph=True)
        # a gradient penalty, as in WGAN-GP: gradients of the gradients' norms
        penalty = (gx**2).sum() + (gw**2).sum() * 0.5 + (gb**2).sum() * 0.25
        return (
            [t.grad_fn.name() for t in (gx, gw, gb)],
            gx,
            gw,
            gb,
            torch.autograd.grad(penalty, (x, w, b)),
        )

    check(program, ulps={"torch.float64": 256}, names=False)


def test_conv_parameters_are_torch_draws() -> None:
    # kaiming_uniform_(a=sqrt(5)) and the bias's uniform bound are draws from the same
    # stream as torch's; uniform_'s multiply-add is fused on an FMA CPU and rounded twice
    # without: 1 ulp
    def program(torch: Any) -> Any:
        torch.manual_seed(3)
        layers = [torch.nn.Conv2d(1, 6, 5, padding=2), torch.nn.Conv2d(6, 16, 5),
                  torch.nn.Conv1d(4, 2, 3, groups=2), torch.nn.Conv2d(3, 8, (1, 2), bias=False)]  # fmt: skip
        return [p for layer in layers for p in layer.parameters()]

    check(program, ulps={"torch.float32": 1})


def test_torch_level_names() -> None:
    def program(torch: Any) -> Any:
        x = _exact_input(torch, 1, 2, 5, 5).detach()
        w = _exact_input(torch, 3, 2, 2, 2).detach()
        return (torch.conv2d(x, w, stride=2), torch.conv1d(x[:, :, 0], w[:, :, 0]),
                torch.max_pool2d(x, 2), torch.max_pool1d(x[0], 2), torch.avg_pool1d(x[0], 3),
                torch.adaptive_avg_pool1d(x[0], 2), torch.adaptive_max_pool1d(x[0], 2))  # fmt: skip

    check(program, ulps=CONV_ULPS)


def test_an_empty_batch_flows_through() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = torch.zeros(0, 2, 5, 5, requires_grad=True)
        w = torch.ones(3, 2, 3, 3, requires_grad=True)
        y = F.conv2d(x, w, padding=1)
        pools = [F.max_pool2d(y, 2), F.avg_pool2d(y, 2), F.adaptive_max_pool2d(y, 2),
                 F.adaptive_avg_pool2d(y, 2)]  # fmt: skip
        sum(p.sum() for p in pools).backward()
        return pools, x.grad, w.grad

    check(program, **EXACT)


def test_more_layouts() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = torch.arange(25.0).reshape(1, 1, 5, 5)
        nn = torch.nn
        net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.MaxPool2d(2)).double()
        torch.manual_seed(0)
        return (F.avg_pool2d(x, 2, stride=[]), F.max_pool1d(x[0], (3,), stride=(2,), padding=(1,)),
                F.adaptive_avg_pool2d(x[:, :, :3, :3], 5),
                F.adaptive_max_pool2d(x[:, :, :3, :3], (4, 5), return_indices=True),
                F.avg_pool2d(x, 2, ceil_mode=True), F.avg_pool2d(x, 2, ceil_mode=True, count_include_pad=False),
                F.max_pool2d(torch.arange(49.0).reshape(1, 1, 7, 7), 3, 2, 1, 2, True),
                net(x.double()).dtype, repr(nn.Conv2d(1, 1, 0)),
                nn.Sequential(nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())(torch.arange(8.0).reshape(2, 1, 2, 2)))  # fmt: skip

    check(program, **EXACT)
