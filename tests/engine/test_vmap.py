"""torch.vmap (torch.func.vmap) compared with torch: values and gradients of mapped
functions (in_dims per argument, None for unmapped ones, out_dims, tuples of results)
and the refusals. Results' grad_fn names are not compared: torch batches the ops, the
engine loops and stacks (docs/engine.md)."""

from __future__ import annotations

from typing import Any

from difftest import check


def _raised(fn: Any) -> Any:
    try:
        fn()
    except Exception as e:
        return (type(e).__name__, str(e))
    return None


def test_vmap_maps_functions_over_a_dimension() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(6.0).reshape(3, 2).requires_grad_()
        w = torch.tensor([[1.0, -1.0], [0.5, 2.0]], requires_grad=True)
        dots = torch.vmap(torch.dot)(x, torch.ones(3, 2))
        lin = torch.vmap(lambda a, b: torch.tanh(a @ b), in_dims=(0, None))(x, w)
        (dots.sum() + lin.sum()).backward()
        pair = torch.func.vmap(lambda a: (a.sum(), a * 2))(x.detach())
        return (
            dots, lin, x.grad, w.grad, pair, torch.vmap(lambda a: a * 2, out_dims=1)(x.detach()),
            torch.vmap(lambda a: a.sum(), in_dims=1)(x.detach()), torch.vmap(lambda a: a.norm(), in_dims=-1)(x.detach()),
            torch.vmap(torch.vmap(torch.mul))(x.detach(), x.detach()),
        )  # fmt: skip

    check(program, names=False)


def test_vmap_refusals() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(6.0).reshape(3, 2)
        return [
            _raised(lambda: torch.vmap(torch.dot)(x, torch.ones(2, 2))),
            _raised(lambda: torch.vmap(lambda a: 1.0)(x)),
            _raised(lambda: torch.vmap(lambda a: a, in_dims=2)(x)),
            _raised(lambda: torch.vmap(lambda a: a, in_dims=None)(x)),
            # torch's message prints its tree specs: only the error's type is compared
            _raised(lambda: torch.vmap(lambda a: a, in_dims=(0, 1))(x))[0],
        ]

    check(program)
