"""F.conv_transpose1d/2d and nn.ConvTranspose1d/2d against PyTorch: values, gradients and
their gradients, grad_fn names, parameter initialisation after manual_seed, reprs,
output_size and PyTorch's refusals in its words."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

# oneDNN sums a transposed convolution's products in its own blocked order; the engine's
# col2im adds them per kernel position after a BLAS product (as in test_conv.py)
CONV_ULPS = {"torch.float32": 64, "torch.float64": 64}
EXACT = {"rtol": 0.0, "atol": 0.0}


def _weighted_backward(torch: Any, y: Any) -> None:
    # distinct exact weights per output, so a gradient sent to the wrong cell shows
    weights = ((torch.arange(y.numel()) * 5 % 23).to(y.dtype) - 11.0) / 16
    (y * weights.reshape(y.shape)).sum().backward()


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"stride": 2},
        {"stride": 2, "output_padding": 1},
        {"padding": 1, "stride": (2, 3), "output_padding": (1, 2)},
        {"dilation": (2, 1), "padding": 1},
        # output_padding below the dilation but not the stride: rows no product reaches
        {"dilation": 3, "output_padding": 2},
        {"groups": 2, "stride": 2, "padding": (0, 1)},
        {"groups": 2, "stride": [3], "output_padding": [2], "dilation": 2},
    ],
    ids=repr,
)
def test_conv_transpose2d(options: dict[str, Any]) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        groups = options.get("groups", 1)
        x = torch.randn(2, 4, 5, 4, requires_grad=True)
        w = torch.randn(4, 6 // groups, 3, 2, requires_grad=True)
        b = torch.randn(6, requires_grad=True)
        y = torch.nn.functional.conv_transpose2d(x, w, b, **options)
        _weighted_backward(torch, y)
        return y, x.grad, w.grad, b.grad

    check(program, ulps=CONV_ULPS)


def test_conv_transpose1d_unbatched_without_bias_and_integers() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(2)
        F = torch.nn.functional
        x = torch.randn(3, 2, 7, requires_grad=True)
        w = torch.randn(2, 5, 3, requires_grad=True)
        y = F.conv_transpose1d(x, w, stride=2, padding=1, output_padding=1)
        _weighted_backward(torch, y)
        unbatched = F.conv_transpose1d(x[0], w, dilation=2)
        ints = F.conv_transpose2d(torch.arange(18).reshape(1, 2, 3, 3),
                                  torch.arange(16).reshape(2, 2, 2, 2) - 5, stride=2)  # fmt: skip
        return y, x.grad, w.grad, unbatched, unbatched.grad_fn.name(), ints

    check(program, ulps=CONV_ULPS)


def test_conv_transpose_is_conv2d_input_gradient() -> None:
    # what D2L shows: the transposed convolution is the adjoint of the convolution with the
    # same weight, in integers so both sides are exact
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = torch.arange(2 * 3 * 6 * 5, dtype=torch.float64).reshape(2, 3, 6, 5) % 7 - 3
        w = torch.arange(3 * 4 * 3 * 3, dtype=torch.float64).reshape(3, 4, 3, 3) % 5 - 2
        y = F.conv_transpose2d(x, w, stride=2, padding=1)
        z = (torch.arange(y.numel(), dtype=torch.float64).reshape(y.shape) % 3) - 1
        # <conv_transpose(x), z> == <x, conv(z)>
        return y, (y * z).sum(), (x * F.conv2d(z, w, stride=2, padding=1)).sum()

    check(program, **EXACT)


@pytest.mark.parametrize("options", [{"stride": 2, "padding": 1, "output_padding": 1},
                                     {"groups": 2, "dilation": 2}], ids=repr)  # fmt: skip
def test_conv_transpose_double_backward(options: dict[str, Any]) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(7)
        # in double, as test_conv's double backward: second derivatives cancel
        d = torch.float64
        x = (torch.randn(2, 4, 5, 5, dtype=d) * 0.3).requires_grad_()
        w = (torch.randn(4, 6 // options.get("groups", 1), 3, 3, dtype=d) * 0.3).requires_grad_()
        b = (torch.randn(6, dtype=d) * 0.3).requires_grad_()
        y = torch.nn.functional.conv_transpose2d(x, w, b, **options)
        gx, gw, gb = torch.autograd.grad((y**2).sum(), (x, w, b), create_graph=True)
        penalty = (gx**2).sum() + (gw**2).sum() * 0.5 + (gb**2).sum() * 0.25
        return (
            [t.grad_fn.name() for t in (y, gx, gw, gb)],
            gx,
            gw,
            gb,
            torch.autograd.grad(penalty, (x, w, b)),
        )

    # the penalty's gradient sums the most products of all: measured up to 286 ulps apart
    # on the plain x86-64 path (scripts/cpu_paths.py --profile baseline)
    check(program, ulps={"torch.float64": 1024}, names=False)


def test_conv_transpose_modules_initialise_print_and_learn_as_torch() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(0)
        up = nn.ConvTranspose2d(4, 3, kernel_size=4, stride=2, padding=1)
        layers = [
            up,
            nn.ConvTranspose2d(1, 1, kernel_size=2, bias=False),
            nn.ConvTranspose2d(
                3, 4, 3, stride=2, padding=1, output_padding=1, dilation=2, groups=1, bias=False
            ),
            nn.ConvTranspose2d(4, 6, (3, 2), groups=2),
            nn.ConvTranspose1d(3, 4, 3),
            nn.ConvTranspose1d(2, 2, 5, stride=3, output_padding=2, groups=2),
        ]
        x = torch.randn(2, 4, 5, 5)
        y = up(x)
        y.sum().backward()
        fields = (up.in_channels, up.out_channels, up.kernel_size, up.stride, up.padding,
                  up.output_padding, up.dilation, up.groups, up.transposed, up.padding_mode)  # fmt: skip
        return ([repr(m) for m in layers], [p for m in layers for p in m.parameters()],
                [tuple(p.shape) for m in layers for p in m.parameters()], fields, y,
                up.weight.grad, up.bias.grad, list(up.state_dict()))  # fmt: skip

    # the parameters are the same draws as torch's; uniform_'s multiply-add is fused on an
    # FMA CPU and rounded twice without (1 ulp), the forward sums as CONV_ULPS says
    check(program, ulps=CONV_ULPS)


def test_conv_transpose_output_size() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(4)
        up = torch.nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1)
        x = torch.randn(1, 2, 4, 4)
        up1 = torch.nn.ConvTranspose1d(2, 1, 3, stride=3)
        return (up(x).shape, up(x, output_size=[8, 8]).shape, up(x, output_size=(1, 3, 8, 7)),
                up(x[0], output_size=[3, 7, 8]).shape, up1(torch.randn(2, 5), output_size=[17]))  # fmt: skip

    check(program, ulps=CONV_ULPS)


def _ct2(t: Any, x: tuple[int, ...] = (1, 2, 3, 3), w: tuple[int, ...] = (2, 3, 2, 2),
         **options: Any) -> Any:  # fmt: skip
    return t.nn.functional.conv_transpose2d(t.randn(*x), t.randn(*w), **options)


CONV_TRANSPOSE_ERRORS = {
    "output_padding_too_big": lambda t: _ct2(t, stride=2, output_padding=2),
    "output_padding_one_dim": lambda t: _ct2(t, stride=(2, 1), output_padding=(1, 1)),
    "output_padding_1d": lambda t: t.nn.functional.conv_transpose1d(
        t.randn(1, 2, 5), t.randn(2, 3, 2), stride=2, output_padding=2
    ),
    "negative_output_padding": lambda t: _ct2(t, output_padding=-1, stride=0),
    "negative_padding": lambda t: _ct2(t, padding=-1, output_padding=-1),
    "stride_zero": lambda t: _ct2(t, stride=(1, 0)),
    "dilation_zero": lambda t: _ct2(t, dilation=0, padding=9),
    "dilation_zero_1d": lambda t: t.nn.functional.conv_transpose1d(
        t.randn(1, 2, 5), t.randn(2, 3, 2), dilation=0
    ),
    "dilation_negative": lambda t: _ct2(t, dilation=-1, padding=-1),
    "groups_zero": lambda t: _ct2(t, groups=0, padding=-1),
    "groups_above_weight": lambda t: _ct2(t, (1, 4, 3, 3), (2, 3, 2, 2), groups=3),
    "groups_weight": lambda t: _ct2(t, (1, 4, 3, 3), (4, 3, 2, 2), groups=3),
    "channels": lambda t: _ct2(t, w=(3, 3, 2, 2), stride=2, output_padding=2),
    "bias_size": lambda t: t.nn.functional.conv_transpose2d(
        t.randn(1, 2, 3, 3), t.randn(2, 3, 2, 2), t.randn(2, 3)
    ),
    "output_too_small": lambda t: _ct2(t, padding=3),
    "output_too_small_1d": lambda t: t.nn.functional.conv_transpose1d(
        t.randn(1, 2, 5), t.randn(2, 3, 2), padding=4
    ),
    "empty_spatial": lambda t: _ct2(t, (1, 2, 0, 3), padding=9),
    "2d_input": lambda t: _ct2(t, (3, 3)),
    "conv_transpose1d_4d": lambda t: t.nn.functional.conv_transpose1d(
        t.randn(1, 2, 3, 3), t.randn(2, 3, 2, 2)
    ),
    "weight_dims": lambda t: _ct2(t, w=(2, 3)),
    "stride_length": lambda t: _ct2(t, stride=(1, 2, 3)),
    "output_padding_length": lambda t: _ct2(t, output_padding=(1, 2, 3)),
    "padding_string": lambda t: _ct2(t, padding="same"),
    "dtypes": lambda t: t.nn.functional.conv_transpose2d(
        t.randn(1, 2, 3, 3).double(), t.randn(2, 3, 2, 2)
    ),
    "module_padding_mode": lambda t: t.nn.ConvTranspose2d(3, 4, 3, padding_mode="reflect"),
    "module_padding_string": lambda t: t.nn.ConvTranspose2d(2, 2, 3, padding="same")(
        t.randn(1, 2, 4, 4)
    ),
    "module_output_size_range": lambda t: t.nn.ConvTranspose2d(2, 4, 3, stride=2)(
        t.randn(1, 2, 3, 3), output_size=[9, 9]
    ),
    "module_output_size_length": lambda t: t.nn.ConvTranspose2d(2, 4, 3, stride=2)(
        t.randn(1, 2, 3, 3), output_size=[5]
    ),
    "module_output_size_unbatched": lambda t: t.nn.ConvTranspose1d(2, 4, 3, stride=2)(
        t.randn(2, 3), output_size=[1, 2, 3]
    ),
}


@pytest.mark.parametrize("name", sorted(CONV_TRANSPOSE_ERRORS))
def test_conv_transpose_errors(name: str) -> None:
    check(lambda torch: CONV_TRANSPOSE_ERRORS[name](torch))


def test_bias_of_another_dtype_is_converted() -> None:
    # PyTorch adds the bias into the output in place, so a double bias gives a float output
    def program(torch: Any) -> Any:
        x = torch.arange(18.0).reshape(1, 2, 3, 3)
        w = torch.arange(24.0).reshape(2, 3, 2, 2) - 10
        return torch.nn.functional.conv_transpose2d(x, w, torch.arange(3).double())

    check(program, **EXACT)


def test_torch_level_names_and_an_empty_batch() -> None:
    def program(torch: Any) -> Any:
        x = (torch.arange(18.0).reshape(1, 2, 3, 3) % 5) - 2
        w = (torch.arange(24.0).reshape(2, 3, 2, 2) % 7) - 3
        empty = torch.zeros(0, 2, 3, 3, requires_grad=True)
        wg = w.clone().requires_grad_()
        y = torch.nn.functional.conv_transpose2d(empty, wg, stride=2)
        y.sum().backward()
        return (torch.conv_transpose2d(x, w, None, 2, 1, 1), torch.conv_transpose1d(x[0], w[:, :, 0]),
                y, empty.grad, wg.grad)  # fmt: skip

    check(program, **EXACT)
