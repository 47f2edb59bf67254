"""In-place operations whose gradient reads the result (x.exp_(), x.relu_(), F.elu_, ...):
backward after them, PyTorch's second nodes for the in-place activations (LeakyReluBackward1,
EluBackward1, CeluBackward1, ThresholdBackward1), their refusals, nn.ReLU(inplace=True), and
torch's in-place functions (torch.relu_, torch.selu_, ...), against torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from difftest import check

OPS: dict[str, Callable[[Any, Any], Any]] = {
    "x.exp_()": lambda t, x: x.exp_(),
    "x.sigmoid_()": lambda t, x: x.sigmoid_(),
    "x.relu_()": lambda t, x: x.relu_(),
    "x.tanh_()": lambda t, x: x.tanh_(),
    "x.abs_().sqrt_()": lambda t, x: x.abs_().sqrt_(),
    "x.rsqrt_() of x * x + 1": lambda t, x: x.mul_(x.detach()).add_(1).rsqrt_(),
    "F.relu(inplace=True)": lambda t, x: t.nn.functional.relu(x, inplace=True),
    "F.relu_": lambda t, x: t.nn.functional.relu_(x),
    "F.leaky_relu(inplace=True)": lambda t, x: t.nn.functional.leaky_relu(x, 0.2, inplace=True),
    "F.leaky_relu_ slope 0": lambda t, x: t.nn.functional.leaky_relu_(x, 0.0),
    "F.elu(inplace=True)": lambda t, x: t.nn.functional.elu(x, 1.3, inplace=True),
    "F.elu_": lambda t, x: t.nn.functional.elu_(x),
    "F.selu_": lambda t, x: t.nn.functional.selu_(x),
    "F.celu_": lambda t, x: t.nn.functional.celu_(x, 0.7),
    "F.threshold_ value above": lambda t, x: t.nn.functional.threshold_(x, 0.1, 2.0),
    "F.hardtanh_": lambda t, x: t.nn.functional.hardtanh_(x, -1.0, 2.0),
    "torch.relu_": lambda t, x: t.relu_(x),
    "torch.selu_": lambda t, x: t.selu_(x),
    "torch.celu_": lambda t, x: t.celu_(x),
    "torch.threshold_": lambda t, x: t.threshold_(x, 0.0, -1.0),
    "torch.sigmoid_": lambda t, x: t.sigmoid_(x),
    "torch.exp_": lambda t, x: t.exp_(x),
    "torch.clamp_": lambda t, x: t.clamp_(x, -1, 1),
    "torch.deg2rad_": lambda t, x: t.deg2rad_(x),
    "rad2deg_": lambda t, x: x.rad2deg_(),
    "torch.logit_ of a sigmoid": lambda t, x: t.logit_(x.sigmoid_(), 1e-6),
    "torch.xlogy_": lambda t, x: t.xlogy_(x, t.arange(6.0, dtype=x.dtype) + 1),
    "xlogy_ of a number": lambda t, x: x.xlogy_(2.0),
    "torch.negative_": lambda t, x: t.negative_(x),
    "nn.ReLU(inplace=True)": lambda t, x: t.nn.ReLU(inplace=True)(x),
    "nn.ELU(inplace=True)": lambda t, x: t.nn.ELU(inplace=True)(x),
    "nn.LeakyReLU(inplace=True)": lambda t, x: t.nn.LeakyReLU(0.3, True)(x),
    "nn.CELU(inplace=True)": lambda t, x: t.nn.CELU(2.0, inplace=True)(x),
}


def _program(op: Callable[[Any, Any], Any], dtype: str) -> Callable[[Any], Any]:
    def program(torch: Any) -> Any:
        a = torch.tensor(
            [-2.0, -0.5, 0.0, 0.05, 0.5, 3.0], dtype=getattr(torch, dtype), requires_grad=True
        )
        x = a * 1
        y = op(torch, x)
        y.backward(torch.arange(6.0, dtype=y.dtype) + 1)
        # the same tensor, written once more than before, with the second node's name
        return y is x, x._version, y.grad_fn.name(), y, a.grad

    return program


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(OPS))
def test_backward_after_in_place_as_torch(name: str, dtype: str) -> None:
    # a few ulps: PyTorch's float32 tanh and exp are vectorised, and its sqrt's gradient
    # divides by 2 * result in a vector register
    check(_program(OPS[name], dtype), ulps={"torch.float32": 4, "torch.float64": 4})


def test_a_later_write_still_refused_as_torch() -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor([1.0, 2.0], requires_grad=True)
        x = a * 1
        x.exp_()
        x.add_(1)  # ExpBackward0 needs exp's result, which this overwrote
        x.sum().backward()

    check(program)


ERRORS: dict[str, Callable[[Any], Any]] = {
    "leaky_relu_ negative slope": lambda t: t.nn.functional.leaky_relu_(t.ones(2, requires_grad=True) * 1, -0.1).sum().backward(),
    "elu_ negative alpha": lambda t: t.nn.functional.elu_(t.ones(2, requires_grad=True) * -1, -0.5).sum().backward(),
    "torch.exp_ of a list": lambda t: t.exp_([1.0]),
    "torch.relu_ of a leaf that requires grad": lambda t: t.relu_(t.ones(2, requires_grad=True)),
    "F.relu_ of a leaf that requires grad": lambda t: t.nn.functional.relu_(t.ones(2, requires_grad=True)),
}  # fmt: skip


@pytest.mark.parametrize("name", list(ERRORS))
def test_refusals_as_torch(name: str) -> None:
    check(lambda torch: ERRORS[name](torch))


def test_relu_module_in_place_changes_its_input_as_torch() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([-1.0, 2.0])
        y = torch.nn.ReLU(inplace=True)(x)
        return x, y is x, repr(torch.nn.ReLU(True))

    check(program, text=True)


@pytest.mark.parametrize(
    ("into", "src"),
    [((2,), (2, 4)), ((3,), (2,)), ((2, 3), (3, 2)), ((2, 1), (3,)), ((4, 2), (3, 2)),
     ((3,), (2, 3)), ((2, 3), (3,)), ((2, 3), (1,))],
)  # fmt: skip
def test_copy_broadcasts_src_to_its_own_shape_or_says_why_as_torch(into, src) -> None:
    # TensorIterator's two refusals: shapes that do not broadcast (which dimension, which
    # sizes), and a broadcast shape other than the destination's.
    check(lambda torch: torch.zeros(*into).copy_(torch.arange(float(np.prod(src))).reshape(src)))
