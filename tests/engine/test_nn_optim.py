"""nn init streams and optimizer steps against PyTorch (printing and training: tests/programs/)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from difftest import check, torch_draws_bernoulli_with_mkl
from hypothesis import given, settings
from hypothesis import strategies as st

# uniform_ is exact where the CPU fuses multiply-adds (PyTorch's AVX2/AVX-512 kernels do);
# a CPU without FMA rounds twice, one ulp away.
ONE_ULP = {"torch.float32": 1, "torch.float64": 1}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_linear_init_and_uniform_stream(dtype: str) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(7)
        lin = torch.nn.Linear(5, 19, dtype=getattr(torch, dtype))
        w = torch.zeros(3, 40, dtype=getattr(torch, dtype))
        torch.nn.init.xavier_uniform_(w)
        return [lin.weight, lin.bias, w]

    check(program, ulps=ONE_ULP)


def test_normal_inits() -> None:
    # Box-Muller through libm's log/sin/cos (vectorized for 16 or more): a few ulps by CPU
    def program(torch: Any) -> Any:
        torch.manual_seed(1)
        a = torch.nn.init.kaiming_normal_(torch.zeros(4, 9))
        b = torch.nn.init.normal_(torch.zeros(3), 0.5, 0.1)
        c = torch.nn.init.xavier_normal_(torch.zeros(2, 5))
        return [a, b, c]

    check(program, ulps={"torch.float32": 8})


def test_losses_and_functional() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = torch.tensor([[1.0, -2.0, 0.5], [0.1, 0.2, 3.0]], requires_grad=True)
        t = torch.tensor([2, 0])
        out = []
        for red in ("mean", "sum", "none"):
            out.append(F.cross_entropy(x, t, reduction=red))
            out.append(F.binary_cross_entropy_with_logits(x, torch.ones(2, 3), reduction=red))
            out.append(F.binary_cross_entropy(torch.sigmoid(x), torch.zeros(2, 3), reduction=red))
        out += [F.softmax(x, dim=1), F.log_softmax(x, dim=0), F.one_hot(t, 4)]
        (g,) = torch.autograd.grad(sum(o.sum() for o in out if o.requires_grad), x)
        return out + [g]

    check(program, rtol=1e-5, atol=1e-6)


@pytest.mark.skipif(
    torch_draws_bernoulli_with_mkl(),
    reason="torch on an Intel CPU draws dropout's mask with MKL's generator",
)
def test_dropout_masks_are_torchs() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        torch.manual_seed(0)
        x = torch.arange(1.0, 21.0, requires_grad=True)
        y = F.dropout(x, 0.3)
        y.sum().backward()
        d = torch.nn.Dropout(0.25)
        return [y, x.grad, d(torch.ones(3, 5)), F.dropout(torch.ones(4, dtype=torch.float64)),
                F.dropout(torch.ones(5, dtype=torch.float16), 0.5), torch.rand(2)]  # fmt: skip

    check(program, rtol=0, atol=0, text=True)


@pytest.mark.parametrize(
    "expr",
    [
        "F.dropout(x, 0.5, training=False) is x",
        "F.dropout(x, 0.0) is x",
        "F.dropout(x, 1.0)",
        "F.dropout(x, 1.5)",
        "torch.nn.Dropout(-0.1)",
        "F.dropout(torch.tensor([1, 2]), 0.5)",
        "F.dropout(torch.tensor([1, 2]), 0.5, False)",
        "[repr(torch.nn.Dropout()), repr(torch.nn.Dropout(0.2, inplace=True))]",
        "torch.nn.Sequential(torch.nn.Dropout()).eval()(x)",
        "F.l1_loss(x, torch.zeros(3))",
        "torch.nn.L1Loss(reduction='sum')(x, torch.tensor([0.5, 3.0, -1.0]))",
        "torch.nn.L1Loss(reduction='none')(x * 2, torch.zeros(3))",
        "F.l1_loss(torch.ones(2), torch.zeros(2, 2))",
        "F.l1_loss(x, x, reduction='avg')",
    ],
)
def test_dropout_and_l1_loss(expr: str) -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional  # noqa: F841 (the expression uses it)
        x = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)  # noqa: F841
        return eval(expr)

    check(program, text=True, warns=True)


@pytest.mark.parametrize(
    "name,kwargs,ulps",
    [
        # torch's add_(alpha=) fuses the multiply-add on AVX2/AVX-512 and rounds twice on
        # plain x86-64 (scripts/cpu_paths.py's baseline); the engine fuses, so there the
        # last bit can differ, and momentum carries it over five steps: within 2 ulps
        ("SGD", {"lr": 0.1}, 2),
        ("SGD", {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.01}, 2),
        ("SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "dampening": 0}, 2),
        # sqrt is exact, but PyTorch's addcdiv/addcmul kernels fuse differently by CPU
        ("Adam", {"lr": 0.01}, 16),
        ("Adam", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}, 16),
        ("AdamW", {"lr": 0.01, "betas": (0.8, 0.99)}, 16),
    ],
)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_optimizer_steps(name: str, kwargs: dict, ulps: int, dtype: type) -> None:
    rng = np.random.default_rng(0)
    start = rng.standard_normal(50).astype(dtype)
    grads = [rng.standard_normal(50).astype(dtype) for _ in range(5)]

    def program(torch: Any) -> Any:
        p = torch.nn.Parameter(torch.tensor(start))
        opt = getattr(torch.optim, name)([p], **kwargs)
        for g in grads:
            opt.zero_grad()
            p.grad = torch.tensor(g)
            opt.step()
        return p.detach()

    if name == "SGD" and torch.backends.cpu.get_cpu_capability() != "DEFAULT":
        ulps = 0  # torch fuses there too: the same bits
    check(program, ulps={"torch.float32": ulps, "torch.float64": ulps} if ulps else None,
          rtol=0, atol=0)  # fmt: skip


def test_types_print_torchs_class_paths() -> None:
    # d2l prints type(net[2].bias): <class 'torch.nn.parameter.Parameter'>
    def program(torch: Any) -> Any:
        nn = torch.nn
        net = nn.Sequential(nn.Linear(2, 1), nn.ReLU(), nn.Flatten(), nn.Dropout(), nn.Sigmoid(),
                            nn.Tanh(), nn.Softmax(1), nn.LogSoftmax(1), nn.Identity(),
                            nn.MSELoss(), nn.L1Loss(), nn.CrossEntropyLoss(), nn.NLLLoss(),
                            nn.BCELoss(), nn.BCEWithLogitsLoss())  # fmt: skip
        x = torch.ones(2, 2)
        things = [*net, net, net[0].weight, nn.Module(), torch.device("cpu"), x.max(0),
                  x.min(1), x.sort(), x.topk(1), torch.optim.SGD(net.parameters(), lr=0.1),
                  torch.optim.Adam(net.parameters()), torch.optim.AdamW(net.parameters())]  # fmt: skip
        return [str(type(t)) for t in things] + [str(torch.optim.Optimizer)]

    check(program)


def test_module_to_and_dtype_casts() -> None:
    # d2l's net.to(device=try_gpu()): the one device is the CPU; a dtype casts in place
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        net = torch.nn.Sequential(torch.nn.Linear(2, 1))
        w = net[0].weight
        same = [net.to("cpu") is net, net.to(device=torch.device("cpu")) is net, net.cpu() is net,
                net.to(torch.float64)[0].weight is w]  # fmt: skip
        net(torch.ones(1, 2, dtype=torch.float64)).sum().backward()
        net.float()
        out = [w, w.grad, w.is_leaf, net.double()[0].bias, net.half()[0].bias.dtype,
               net.to(torch.ones(1))[0].weight.dtype]  # fmt: skip
        try:
            net.to(torch.int64)
        except TypeError as e:
            out.append(str(e))
        return same + out

    check(program, ulps=ONE_ULP)


@pytest.mark.parametrize(
    "expr",
    [
        "F.linear(torch.ones(2, 3, dtype=torch.float64), w, b)",
        "F.linear(torch.ones(3, dtype=torch.float64), w, b)",
        "F.linear(torch.ones(2, 4, 3, dtype=torch.float64), w, b)",
        "F.linear(torch.ones(2, 3), w, b.double())",
        "F.linear(torch.ones(2, 3), w.double(), b.double())",
        "F.linear(torch.ones(2, 3, dtype=torch.int64), w, b)",
        "F.linear(torch.ones(2, 3, dtype=torch.float64), w.double(), b.double())",
    ],
)
def test_linear_refuses_mixed_dtypes_as_addmm(expr: str) -> None:
    # float64 data (from numpy) into a float32 layer: torch refuses, it does not promote
    def program(torch: Any) -> Any:
        F = torch.nn.functional  # noqa: F841 (the expression uses it)
        w, b = torch.ones(1, 3), torch.ones(1)  # noqa: F841
        return eval(expr)

    check(program)


@settings(max_examples=25, deadline=None)
@given(
    fan_in=st.integers(1, 40),
    fan_out=st.integers(1, 40),
    bias=st.booleans(),
    seed=st.integers(0, 2**32),
    layers=st.integers(1, 3),
)
def test_linear_layers_start_as_torchs(fan_in: int, fan_out: int, bias: bool, seed: int,
                                       layers: int) -> None:  # fmt: skip
    """A seeded stack of nn.Linear layers: each weight kaiming_uniform_(a=sqrt(5)), each bias
    uniform(+-1/sqrt(fan_in)), drawn in torch's order from its stream."""

    def program(torch: Any) -> Any:
        torch.manual_seed(seed)
        sizes = [fan_in] + [fan_out + i for i in range(layers)]
        stack = [torch.nn.Linear(a, b, bias=bias) for a, b in zip(sizes, sizes[1:])]
        return [[lin.weight, lin.bias] for lin in stack] + [torch.rand(3)]

    check(program, ulps=ONE_ULP)


@pytest.mark.parametrize(
    "call",
    [
        "init.kaiming_uniform_(w)",
        "init.kaiming_uniform_(w, a=0.1, mode='fan_out', nonlinearity='leaky_relu')",
        "init.kaiming_uniform_(w, nonlinearity='relu')",
        "init.kaiming_uniform_(torch.zeros(3, 2, 4))",
        "init.xavier_uniform_(w, gain=init.calculate_gain('tanh'))",
        "init.uniform_(w, -0.5, 2.0, generator=torch.Generator().manual_seed(4))",
        "init.kaiming_uniform_(w, generator=torch.Generator().manual_seed(4))",
        "init.xavier_uniform_(w, generator=torch.Generator().manual_seed(4))",
        "init.zeros_(w)",
        "init.normal_(torch.zeros(5), 1.0, 0.5, generator=torch.Generator().manual_seed(4))",
        "init.kaiming_uniform_(torch.zeros(3))",
        "init.kaiming_uniform_(w, mode='fan_avg')",
        "init.kaiming_uniform_(w, nonlinearity='gelu')",
    ],
)
def test_init_functions(call: str) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(11)
        w = torch.zeros(6, 7, requires_grad=True)
        out = eval(call, {"torch": torch, "init": torch.nn.init, "w": w})
        # the default stream goes on where torch leaves it (a given generator spares it)
        return [out, out is w or out.shape, w, torch.rand(2)]

    check(program, ulps=ONE_ULP)
