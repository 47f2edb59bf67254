"""nn.GroupNorm / F.group_norm and nn.InstanceNorm1d/2d / F.instance_norm against torch:
outputs, gradients of input, weight and bias (and second derivatives), running statistics,
reprs, warnings and refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check


def _weighted_backward(torch: Any, y: Any) -> None:
    (y * torch.linspace(-1, 2, y.numel()).reshape(tuple(y.shape))).sum().backward()


def _group_norm_module(torch: Any) -> Any:
    torch.manual_seed(0)
    x = torch.randn(3, 6, 5, requires_grad=True)
    gn = torch.nn.GroupNorm(3, 6)
    with torch.no_grad():
        gn.weight.uniform_(0.5, 1.5)
        gn.bias.uniform_(-1, 1)
    y = gn(x)
    _weighted_backward(torch, y)
    names = [n.name() if n else None for n, _ in [(y.grad_fn, 0), *y.grad_fn.next_functions]]
    return repr(gn), y, names, x.grad, gn.weight.grad, gn.bias.grad


def _group_norm_2d_no_affine(torch: Any) -> Any:
    torch.manual_seed(1)
    x = torch.randn(2, 4, 3, 3, requires_grad=True)
    gn = torch.nn.GroupNorm(2, 4, eps=1e-3, affine=False)
    y = gn(x)
    _weighted_backward(torch, y)
    return repr(gn), list(gn.parameters()), y, x.grad, [n for n, _ in y.grad_fn.next_functions][1:]


def _group_norm_functional(torch: Any) -> Any:
    torch.manual_seed(2)
    x = torch.randn(4, 6, requires_grad=True)  # no positions: groups of channels only
    w = torch.randn(6, requires_grad=True)
    y = torch.nn.functional.group_norm(x, 2, w, None, eps=1e-4)
    _weighted_backward(torch, y)
    one_group = torch.nn.functional.group_norm(x.detach().double(), 1)  # layer norm per sample
    each = torch.nn.functional.group_norm(torch.randn(2, 3, 4), 3)  # instance norm per channel
    return y, x.grad, w.grad, one_group, each, repr(torch.nn.GroupNorm(1, 3, bias=False))


def _group_norm_double_backward(torch: Any) -> Any:
    torch.manual_seed(3)
    x = torch.randn(2, 4, 3, dtype=torch.float64, requires_grad=True)
    w = torch.randn(4, dtype=torch.float64, requires_grad=True)
    b = torch.randn(4, dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.group_norm(x, 2, w, b)
    gx, gw = torch.autograd.grad((y**3).sum(), (x, w), create_graph=True)
    (gx.sum() + (gw**2).sum()).backward()
    return gx, gw, x.grad, w.grad, b.grad


def _instance_norm_modules(torch: Any) -> Any:
    torch.manual_seed(4)
    x = torch.randn(2, 3, 5, requires_grad=True)
    n1 = torch.nn.InstanceNorm1d(3)
    y = n1(x)
    _weighted_backward(torch, y)
    affine = torch.nn.InstanceNorm2d(3, affine=True)
    im = torch.randn(2, 3, 4, 4, requires_grad=True)
    z = affine(im)
    _weighted_backward(torch, z)
    unbatched = torch.nn.InstanceNorm2d(3)(torch.randn(3, 4, 4))
    return (repr(n1), repr(affine), list(n1.state_dict()), y, x.grad, z, im.grad,
            affine.weight.grad, affine.bias.grad, unbatched, y.grad_fn.name())  # fmt: skip


def _instance_norm_running_stats(torch: Any) -> Any:
    torch.manual_seed(5)
    norm = torch.nn.InstanceNorm1d(3, track_running_stats=True, momentum=0.2)
    x = torch.randn(4, 3, 6)
    first = norm(x)
    norm(x * 2 + 1)
    stats = (norm.running_mean.clone(), norm.running_var.clone(), norm.num_batches_tracked)
    norm.eval()
    return repr(norm), first, stats, norm(x), list(norm.state_dict())


def _instance_norm_functional(torch: Any) -> Any:
    torch.manual_seed(6)
    x = torch.randn(2, 2, 3, requires_grad=True)
    w, b = torch.randn(2, requires_grad=True), torch.randn(2, requires_grad=True)
    rm, rv = torch.zeros(2), torch.ones(2)
    y = torch.nn.functional.instance_norm(x, rm, rv, w, b, momentum=0.5)
    _weighted_backward(torch, y)
    frozen = torch.nn.functional.instance_norm(x, rm, rv, use_input_stats=False)
    return y, x.grad, w.grad, b.grad, rm, rv, frozen


CASES = {
    "GroupNorm with affine": _group_norm_module,
    "GroupNorm on images, no affine": _group_norm_2d_no_affine,
    "F.group_norm": _group_norm_functional,
    "F.group_norm's second derivatives": _group_norm_double_backward,
    "InstanceNorm1d and 2d": _instance_norm_modules,
    "InstanceNorm with running statistics": _instance_norm_running_stats,
    "F.instance_norm": _instance_norm_functional,
}


@pytest.mark.parametrize("name", list(CASES))
def test_as_torch(name: str) -> None:
    # group statistics are sums torch vectorises in its own order: last bits differ, and a
    # gradient that nearly cancels differs by about 1e-7 absolutely (as test_norm_layers)
    check(CASES[name], rtol=2e-4, atol=5e-6)


REFUSALS: dict[str, Callable[[Any], Any]] = {
    "groups that do not divide the channels": lambda t: t.nn.GroupNorm(3, 4),
    "1-D input": lambda t: t.nn.functional.group_norm(t.ones(3), 1),
    "channels the groups do not divide": lambda t: t.nn.functional.group_norm(t.ones(2, 3, 4), 2),
    "a weight of another size": lambda t: t.nn.functional.group_norm(t.ones(2, 4, 3), 2, t.ones(3)),
    "a bias of another size": lambda t: t.nn.functional.group_norm(
        t.ones(2, 4, 3), 2, t.ones(4), t.ones(3)
    ),
    "a bias of another size, no weight": lambda t: t.nn.functional.group_norm(
        t.ones(2, 4, 3), 2, None, t.ones(3)
    ),
    "one value per group": lambda t: t.nn.functional.group_norm(t.ones(1, 2, 1), 2),
    "integer input": lambda t: t.nn.functional.group_norm(t.ones(2, 4, dtype=t.int64), 2),
    "a float32 weight for float64 input": lambda t: t.nn.functional.group_norm(
        t.ones(2, 4, 3, dtype=t.float64), 2, t.ones(4)
    ),
    "one position per channel": lambda t: t.nn.functional.instance_norm(t.ones(2, 3, 1)),
    "InstanceNorm1d given 4-D input": lambda t: t.nn.InstanceNorm1d(3)(t.ones(1, 3, 2, 2)),
    "InstanceNorm2d with affine, other channels": lambda t: t.nn.InstanceNorm2d(3, affine=True)(
        t.ones(2, 4, 5, 5)
    ),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_refusals_as_torch(name: str) -> None:
    check(REFUSALS[name])


def test_instance_norm_warns_of_other_channels_as_torch() -> None:
    check(lambda torch: torch.nn.InstanceNorm2d(3)(torch.ones(2, 4, 5)), warns=True)


def test_group_norm_second_derivatives_record_torchs_nodes() -> None:
    def program(torch: Any) -> Any:
        x = torch.linspace(-2, 3, 24, dtype=torch.float64).reshape(2, 4, 3).requires_grad_()
        w = torch.linspace(0.5, 2, 4, dtype=torch.float64).requires_grad_()
        b = torch.zeros(4, dtype=torch.float64, requires_grad=True)
        y = torch.nn.functional.group_norm(x, 2, w, b)
        grads = torch.autograd.grad((y**3).sum(), (x, w, b), create_graph=True)
        return [g.grad_fn.name() for g in grads], grads

    check(program, rtol=1e-10, atol=1e-12)


def _layer_norm_second(torch: Any) -> Any:
    x = torch.linspace(-2, 3, 24, dtype=torch.float64).reshape(2, 4, 3).requires_grad_()
    w = torch.linspace(0.5, 2, 3, dtype=torch.float64).requires_grad_()
    y = torch.nn.functional.layer_norm(x, (3,), w)
    gx, gw = torch.autograd.grad((y**3).sum(), (x, w), create_graph=True)
    (gx.sum() + (gw**2).sum()).backward()
    return gx, gw, x.grad, w.grad


def _batch_norm_second(torch: Any) -> Any:
    x = torch.linspace(-2, 3, 24, dtype=torch.float64).reshape(4, 2, 3).requires_grad_()
    w = torch.linspace(0.5, 2, 2, dtype=torch.float64).requires_grad_()
    y = torch.nn.functional.batch_norm(x, None, None, w, None, training=True, eps=1e-3)
    gx, gw = torch.autograd.grad((y**3).sum(), (x, w), create_graph=True)
    (gx.sum() + (gw**2).sum()).backward()
    return gx, gw, x.grad, w.grad


@pytest.mark.parametrize("program", [_layer_norm_second, _batch_norm_second])
def test_second_derivatives_differentiate_the_statistics_too(program: Any) -> None:
    # torch records NativeLayerNormBackwardBackward0 (and batch norm's) where the engine
    # composes tensor ops: the values are compared, not the node names
    check(program, rtol=1e-9, atol=1e-11, names=False)
