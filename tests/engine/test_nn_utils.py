"""torch.nn.utils beside clipping by norm: get_total_norm and clip_grads_with_norm_ (the two
halves of clip_grad_norm_ since torch 2.6), vector_to_parameters, and clip_grad_norm_'s
warning for an empty generator, against torch 2.13."""

from __future__ import annotations

from typing import Any

import warnings

import pytest

from difftest import assert_same, check, record


def _params(torch: Any) -> list[Any]:
    torch.manual_seed(0)
    layer = torch.nn.Linear(4, 2)  # init bounds of +-0.5: torch draws them alike on every CPU
    (layer(torch.arange(8.0).reshape(2, 4)) ** 2).sum().backward()
    return list(layer.parameters())


@pytest.mark.parametrize("norm_type", [2.0, 1, "inf", float("-inf"), 3.5])
def test_get_total_norm_then_clip_is_clip_grad_norm(norm_type: Any) -> None:
    def program(torch: Any) -> Any:
        ps = _params(torch)
        total = torch.nn.utils.get_total_norm([p.grad for p in ps], norm_type)
        done = torch.nn.utils.clip_grads_with_norm_(ps, 0.5, total)
        clipped = [p.grad.clone() for p in ps]
        qs = _params(torch)
        return total, done, clipped, torch.nn.utils.clip_grad_norm_(qs, 0.5, norm_type), \
            [q.grad for q in qs]  # fmt: skip

    # the norms are sums of squares (powers) in torch's vectorised order
    check(program, ulps={"torch.float32": 4})


def test_get_total_norm_edges() -> None:
    def program(torch: Any) -> Any:
        u = torch.nn.utils
        nan = torch.tensor([float("nan"), 1.0])
        out: list[Any] = [u.get_total_norm([]), u.get_total_norm(torch.tensor([3.0, 4.0])),
                          u.get_total_norm([nan])]  # fmt: skip
        try:
            u.get_total_norm([nan], error_if_nonfinite=True)
        except RuntimeError as e:
            out.append(str(e))
        p = torch.nn.Parameter(torch.ones(2))
        out.append(u.clip_grads_with_norm_([p], 1.0, torch.tensor(2.0)))  # no grads: nothing
        p.grad = torch.full((2,), 4.0)
        u.clip_grads_with_norm_(p, 1.0, torch.tensor(0.5))  # coefficient clamped at 1
        out.append(p.grad)
        return out

    check(program, rtol=0, atol=0)


def test_clip_grad_norm_warns_of_an_empty_generator() -> None:
    def program(torch: Any) -> Any:
        return torch.nn.utils.clip_grad_norm_((p for p in []), 1.0)

    check(program, warns=True)


def test_clip_grad_norm_without_underscore_is_deprecated() -> None:
    def program(torch: Any) -> Any:
        ps = _params(torch)
        return torch.nn.utils.clip_grad_norm(ps, 0.5), [p.grad for p in ps]

    check(program, warns=True, ulps={"torch.float32": 4})


def test_vector_to_parameters() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        layer = torch.nn.Linear(4, 2)
        vec = torch.nn.utils.parameters_to_vector(layer.parameters())
        new = torch.arange(10.0)
        torch.nn.utils.vector_to_parameters(new, layer.parameters())
        new[0] = 10.0  # the parameters are views of the vector's storage
        params = [(n, p, p.is_leaf, p.requires_grad) for n, p in layer.named_parameters()]
        try:
            torch.nn.utils.vector_to_parameters([1.0], layer.parameters())
        except TypeError as e:
            params.append(str(e))
        return vec, params, layer(torch.ones(1, 4))

    check(program, rtol=0, atol=0)


# ---------------------------------------------------------------------------- weight_norm
@pytest.mark.parametrize(
    "make",
    [
        "torch.nn.Linear(4, 2)",
        "torch.nn.Linear(4, 2), dim=1",
        "torch.nn.Linear(4, 2), dim=None",
        "torch.nn.Conv1d(2, 3, 2)",
        "torch.nn.Conv1d(2, 3, 2), dim=1",
        "torch.nn.Linear(4, 2).double(), name='bias'",
    ],
)
def test_weight_norm(make: str) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        module = eval(f"torch.nn.utils.weight_norm({make})", {"torch": torch})
        named = [(n, p) for n, p in module.named_parameters()]
        x = torch.ones(2, 4, dtype=module.bias.dtype)
        x = x.reshape(1, 2, 4) if isinstance(module, torch.nn.Conv1d) else x
        y = module(x)
        (y**2).sum().backward()
        grads = [(n, p.grad) for n, p in module.named_parameters()]
        name = "bias" if "bias" in make else "weight"
        return repr(module), named, y, getattr(module, name), grads

    # ||v|| is a sum of squares in ATen's vectorised order, its square root libm's
    check(program, warns=True, ulps={"torch.float32": 8, "torch.float64": 8})


def test_weight_norm_trains_and_is_removed() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        layer = torch.nn.utils.weight_norm(torch.nn.Linear(4, 2))
        opt = torch.optim.SGD(layer.parameters(), lr=0.1)
        for _ in range(3):
            opt.zero_grad()
            layer(torch.tensor([[1.0, -1.0, 0.5, 2.0]])).pow(2).sum().backward()
            opt.step()
        out: list[Any] = [layer.weight, layer.weight_g, layer.weight_v]
        for call in ("weight_norm(layer)", "remove_weight_norm(layer)",
                     "remove_weight_norm(layer)"):  # fmt: skip
            try:
                eval(f"torch.nn.utils.{call}", {"torch": torch, "layer": layer})
                out.append([(n, p) for n, p in layer.named_parameters()])
            except (RuntimeError, ValueError) as e:
                out.append(f"{type(e).__name__}: {e}")
        return out

    check(program, ulps={"torch.float32": 8})


def test_weight_norm_double_backward() -> None:
    # torch's fused kernel (WeightNormInterfaceBackward0) fails its own gradgradcheck in 2.13;
    # the engine's second derivative is compared with torch's composite v * (g / ||v||)
    import torch as real_torch

    import py_engine

    def program(torch: Any, fused: bool) -> Any:
        torch.manual_seed(0)
        layer = torch.nn.utils.weight_norm(torch.nn.Linear(4, 2).double())
        v, g = layer.weight_v, layer.weight_g
        w = layer.weight if fused else v * (g / v.norm(2, dim=1, keepdim=True))
        gv, gg = torch.autograd.grad((w**3).sum(), (v, g), create_graph=True)
        return [
            record(t) for t in (w, gv, gg, *torch.autograd.grad((gv**2).sum() + gg.sum(), (v, g)))
        ]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        expected, got = program(real_torch, False), program(py_engine, True)
    assert_same(expected, got, names=False, ulps={"torch.float64": 16})
