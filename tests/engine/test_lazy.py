"""Lazy modules (nn.LazyLinear, LazyConv1d/2d, LazyBatchNorm1d/2d) and their
UninitializedParameter/UninitializedBuffer: before the first forward (reprs, state_dict,
refusals), the first forward (shapes, the class each becomes, parameters drawn as torch
draws them) and after it, each against torch."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import pytest

from difftest import check


def _text_of(call: Callable[[], Any]) -> str:
    """What a refusal says, with the addresses torch puts in some function names left out."""
    try:
        call()
    except Exception as e:  # the type is part of what is compared
        return f"{type(e).__name__}: " + re.sub(r" at 0x[0-9a-f]+", " at 0x", str(e))
    return "no error"


def _lenet(torch: Any) -> Any:
    nn = torch.nn
    return nn.Sequential(
        nn.LazyConv2d(6, kernel_size=5, padding=2), nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.LazyConv2d(16, kernel_size=5), nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(),
        nn.LazyLinear(120), nn.Sigmoid(),
        nn.LazyLinear(84), nn.Sigmoid(),
        nn.LazyLinear(10),
    )  # fmt: skip


def _mlp_before_and_after(torch: Any) -> Any:
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.LazyLinear(8), torch.nn.ReLU(), torch.nn.LazyLinear(1))
    before = (repr(net), [repr(p) for p in net.parameters()], repr(net.state_dict()),
              repr(net[0].weight), str(net[0].bias), net[0].in_features,
              type(net[0]).__name__, isinstance(net[0], torch.nn.Linear),
              net[0].has_uninitialized_params())  # fmt: skip
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    y = net(torch.rand(2, 20))
    after = (repr(net), [p.shape for p in net.parameters()], type(net[0]).__name__,
             isinstance(net[0], torch.nn.LazyLinear), type(net[2].weight).__name__,
             net[0].in_features, len(net[0]._forward_pre_hooks))  # fmt: skip
    y.sum().backward()
    opt.step()  # the optimizer made before the first forward holds the same Parameters
    return before, after, y, dict(net.named_parameters()), net.state_dict()


def _lenet_layer_by_layer(torch: Any) -> Any:
    torch.manual_seed(1)
    net = _lenet(torch)
    X = torch.randn(1, 1, 28, 28)
    shapes = []
    for layer in net:
        X = layer(X)
        shapes.append((layer.__class__.__name__, X.shape))
    return shapes, repr(net), [p.shape for p in net.parameters()], dict(net.state_dict())


def _init_cnn_after_dummy_forward(torch: Any) -> Any:
    torch.manual_seed(2)
    net = _lenet(torch)
    before = repr(net[0].weight)
    net(torch.randn(1, 1, 28, 28))

    def init_cnn(module: Any) -> None:
        if type(module) is torch.nn.Linear or type(module) is torch.nn.Conv2d:
            torch.nn.init.xavier_uniform_(module.weight)

    net.apply(init_cnn)
    return before, dict(net.named_parameters()), net(torch.randn(2, 1, 28, 28))


def _conv1d_and_options(torch: Any) -> Any:
    torch.manual_seed(3)
    c1 = torch.nn.LazyConv1d(4, 3, stride=2, bias=False)
    c2 = torch.nn.LazyConv2d(4, (3, 2), groups=2, padding="same", padding_mode="reflect")
    reprs = (repr(c1), repr(c2))
    y1 = c1(torch.randn(3, 5, 9))
    y2 = c2(torch.randn(6, 4, 5))  # unbatched: in_channels is dimension 0
    return (
        reprs,
        repr(c1),
        repr(c2),
        y1,
        y2,
        dict(c1.named_parameters()),
        dict(c2.named_parameters()),
    )


def _batch_norms(torch: Any) -> Any:
    torch.manual_seed(4)
    b2 = torch.nn.LazyBatchNorm2d()
    b1 = torch.nn.LazyBatchNorm1d(momentum=None, affine=False)
    before = (repr(b2), repr(b1), repr(b2.state_dict()), repr(list(b1.named_buffers())),
              repr(b2.running_var), repr(b2.num_batches_tracked))  # fmt: skip
    x = torch.randn(2, 3, 4, 4, requires_grad=True)
    y = b2(x)
    (y * torch.arange(96.0).reshape(2, 3, 4, 4)).sum().backward()
    z = b1(torch.randn(5, 4))
    return (
        before,
        repr(b2),
        repr(b1),
        type(b1).__name__,
        y,
        x.grad,
        z,
        b2.state_dict(),
        b1.state_dict(),
    )


def _float64_before_first_forward(torch: Any) -> Any:
    torch.manual_seed(5)
    lin = torch.nn.LazyLinear(3, dtype=torch.float64)
    net = torch.nn.Sequential(torch.nn.LazyLinear(2)).double()
    return lin(torch.randn(2, 4, dtype=torch.float64)), net(torch.randn(1, 3, dtype=torch.float64))


def _load_state_dict(torch: Any) -> Any:
    torch.manual_seed(6)
    full = torch.nn.Sequential(torch.nn.LazyLinear(3), torch.nn.LazyBatchNorm1d())
    full(torch.randn(4, 2))
    lazy = torch.nn.Sequential(torch.nn.LazyLinear(3), torch.nn.LazyBatchNorm1d())
    result = lazy.load_state_dict(full.state_dict())
    shapes = [p.shape for p in lazy.parameters()]
    still = type(lazy[0]).__name__
    out = lazy(torch.ones(1, 2))  # the loaded values stay: no fresh initialisation
    return repr(result), shapes, still, type(lazy[0]).__name__, out, lazy.state_dict()


def _a_lazy_state_dict_into_a_lazy_module(torch: Any) -> Any:
    a, b = torch.nn.LazyLinear(2), torch.nn.LazyLinear(2)
    b.load_state_dict(a.state_dict())
    return repr(b.state_dict()), b.has_uninitialized_params()


CASES = {
    "an MLP before and after its first forward": _mlp_before_and_after,
    "D2L's LeNet, layer by layer": _lenet_layer_by_layer,
    "apply(init_cnn) after a dummy forward": _init_cnn_after_dummy_forward,
    "LazyConv1d/2d with options, batched and not": _conv1d_and_options,
    "LazyBatchNorm1d/2d": _batch_norms,
    "float64 before the first forward": _float64_before_first_forward,
    "load_state_dict gives a lazy module its shapes": _load_state_dict,
    "a lazy state_dict into a lazy module": _a_lazy_state_dict_into_a_lazy_module,
}


@pytest.mark.parametrize("name", list(CASES))
def test_as_torch(name: str) -> None:
    # parameters are uniform draws scaled in double and rounded once (exact on every CPU); the
    # forward outputs go through matmuls and convolutions, within float32 rounding
    check(CASES[name], rtol=1e-5, atol=1e-6)


def test_parameters_drawn_as_torch_draws_them() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        net = _lenet(torch)
        net(torch.zeros(1, 1, 28, 28))
        return [p.detach() for p in net.parameters()], torch.rand(3)

    # the same draws in the same order; torch's uniform_ scales them with a fused
    # multiply-add on AVX2 and without on plain x86-64: an ulp apart there
    check(program, ulps={"torch.float32": 1})


def _p(torch: Any) -> Any:
    return torch.nn.parameter.UninitializedParameter()


UNINITIALISED = {
    "shape": lambda t: _p(t).shape,
    "shape of a buffer": lambda t: t.nn.parameter.UninitializedBuffer().shape,
    "p + 1": lambda t: _p(t) + 1,
    "1 - p": lambda t: 1 - _p(t),
    "p * 2 on a buffer": lambda t: t.nn.parameter.UninitializedBuffer() * 2,
    "x @ p": lambda t: t.ones(2, 2) @ _p(t),
    "-p": lambda t: -_p(t),
    "p == p": lambda t: _p(t) == _p(t),
    "p[0]": lambda t: _p(t)[0],
    "len(p)": lambda t: len(_p(t)),
    "p.sum()": lambda t: _p(t).sum(),
    "p.numel()": lambda t: _p(t).numel(),
    "p.dim()": lambda t: _p(t).dim(),
    "p.detach()": lambda t: _p(t).detach(),
    "p.norm()": lambda t: _p(t).norm(),
    "p.requires_grad_(False)": lambda t: _p(t).requires_grad_(False),
    "p.normal_(0, 0.01)": lambda t: _p(t).normal_(0, 0.01),
    "torch.add(p, 1)": lambda t: t.add(_p(t), 1),
    "torch.zeros_like(p)": lambda t: t.zeros_like(_p(t)),
    "F.linear(x, p)": lambda t: t.nn.functional.linear(t.ones(2, 3), _p(t)),
    "F.relu(p)": lambda t: t.nn.functional.relu(_p(t)),
    "init.xavier_uniform_(p)": lambda t: t.nn.init.xavier_uniform_(_p(t)),
    "init.zeros_(p)": lambda t: t.nn.init.zeros_(_p(t)),
    "init.normal_(p)": lambda t: t.nn.init.normal_(_p(t)),
    "init.uniform_(p)": lambda t: t.nn.init.uniform_(_p(t)),
    "init.constant_(p, 1)": lambda t: t.nn.init.constant_(_p(t), 1),
    "net.requires_grad_(False)": lambda t: t.nn.Sequential(t.nn.LazyLinear(3)).requires_grad_(
        False
    ),
    "an f-string": lambda t: f"{_p(t)}",
    "torch.cat": lambda t: t.cat([_p(t)]),
    "F.mse_loss": lambda t: t.nn.functional.mse_loss(_p(t), t.ones(0)),
    "sum(p)": lambda t: sum(_p(t)),
    "the shapes of a lazy net's parameters": lambda t: [
        p.shape for p in t.nn.Sequential(t.nn.LazyLinear(3)).parameters()
    ],
    "the size of a lazy net": lambda t: sum(
        p.numel() for p in t.nn.Sequential(t.nn.LazyLinear(3)).parameters()
    ),
}


@pytest.mark.parametrize("name", list(UNINITIALISED))
def test_uninitialised_refuses_as_torch(name: str) -> None:
    check(lambda torch: _text_of(lambda: UNINITIALISED[name](torch)))


def test_what_an_uninitialised_parameter_allows() -> None:
    def program(torch: Any) -> Any:
        p = torch.nn.parameter.UninitializedParameter()
        b = torch.nn.parameter.UninitializedBuffer(dtype=torch.float64)
        return (repr(p), str(p), repr(b), p.dtype, b.dtype, p.requires_grad, b.requires_grad,
                p.is_leaf, p.grad, p.size(), p.ndim, p.is_floating_point(), repr(p.float()),
                repr(p.cpu()), p.double(), p.long(), p.to(torch.float16), repr(p.data),
                isinstance(p, torch.nn.Parameter), isinstance(b, torch.nn.Parameter),
                isinstance(b, torch.Tensor), type(p).__module__, type(p).__name__,
                torch.nn.parameter.is_lazy(p), torch.nn.parameter.is_lazy(torch.ones(1)),
                torch.nn.UninitializedParameter is torch.nn.parameter.UninitializedParameter,
                _text_of(lambda: p.copy_(torch.ones(0))))  # fmt: skip

    check(program)


def test_what_else_an_uninitialised_parameter_allows() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        net = nn.Sequential(nn.LazyLinear(4), nn.ReLU(), nn.LazyLinear(2))
        p = nn.parameter.UninitializedParameter()
        p.grad = torch.ones(0)
        q = nn.parameter.UninitializedParameter()
        q.data = torch.ones(2, dtype=torch.float64)
        m = nn.parameter.UninitializedParameter()
        m.materialize((2, 3))
        half = nn.LazyLinear(3).half()
        return (repr(copy.deepcopy(net)), repr(copy.deepcopy(net[0].weight)), p.grad,
                type(q).__name__, q.dtype, type(m).__name__, m.shape,
                half(torch.ones(1, 2, dtype=torch.float16)).dtype, repr(half.weight.dtype),
                nn.LazyLinear(3).to(torch.float64).weight.dtype, str([nn.parameter.UninitializedBuffer()]),
                _text_of(lambda: nn.LazyLinear(3).reset_parameters()), repr(nn.LazyLinear(out_features=3, bias=False)))  # fmt: skip

    check(program)


MISUSES = {
    "LazyConv2d given 2-D input": lambda t: t.nn.LazyConv2d(3, 2)(t.ones(2, 3)),
    "LazyConv1d given 4-D input": lambda t: t.nn.LazyConv1d(3, 2)(t.ones(1, 2, 3, 4)),
    "in_channels not divisible by groups": lambda t: t.nn.LazyConv2d(4, 1, groups=2)(
        t.ones(1, 3, 2, 2)
    ),
    "LazyLinear given another width later": lambda t: (
        lambda m: (m(t.ones(1, 3)), m(t.ones(1, 4)))
    )(t.nn.LazyLinear(2)),
    "LazyBatchNorm2d given 3-D input": lambda t: t.nn.LazyBatchNorm2d()(t.ones(2, 3, 4)),
    "a loaded state of another width": lambda t: (
        lambda m: (m.load_state_dict({"weight": t.ones(2, 3), "bias": t.ones(2)}), m(t.ones(1, 4)))
    )(t.nn.LazyLinear(2)),  # fmt: skip
    "an uninitialised state into a Linear": lambda t: t.nn.Linear(2, 2).load_state_dict(
        t.nn.LazyLinear(2).state_dict()
    ),
    "calling initialize_parameters on a plain mixin": lambda t: (
        t.nn.LazyLinear(2).__class__.__mro__[1].initialize_parameters(t.nn.LazyLinear(2))
    ),
}


@pytest.mark.parametrize("name", list(MISUSES))
def test_misuse_as_torch(name: str) -> None:
    check(lambda torch: _text_of(lambda: MISUSES[name](torch)))
