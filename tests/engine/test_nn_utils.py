"""torch.nn.utils beside clipping by norm: get_total_norm and clip_grads_with_norm_ (the two
halves of clip_grad_norm_ since torch 2.6), vector_to_parameters, and clip_grad_norm_'s
warning for an empty generator, against torch 2.13."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check


def _params(torch: Any) -> list[Any]:
    torch.manual_seed(0)
    layer = torch.nn.Linear(3, 2)
    (layer(torch.arange(6.0).reshape(2, 3)) ** 2).sum().backward()
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


def test_vector_to_parameters() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        layer = torch.nn.Linear(2, 2)
        vec = torch.nn.utils.parameters_to_vector(layer.parameters())
        new = torch.arange(6.0)
        torch.nn.utils.vector_to_parameters(new, layer.parameters())
        new[0] = 10.0  # the parameters are views of the vector's storage
        params = [(n, p, p.is_leaf, p.requires_grad) for n, p in layer.named_parameters()]
        try:
            torch.nn.utils.vector_to_parameters([1.0], layer.parameters())
        except TypeError as e:
            params.append(str(e))
        return vec, params, layer(torch.ones(1, 2))

    check(program, rtol=0, atol=0)
