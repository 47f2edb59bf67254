"""torch.autograd.functional: jacobian and hessian, with PyTorch's shapes (each output's
shape followed by each input's), computed row by row with autograd.grad (reverse mode)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import seam

__all__ = ["hessian", "jacobian"]


def _as_tuple(x: Any) -> tuple[bool, tuple[Any, ...]]:
    if isinstance(x, tuple):
        return True, x
    if isinstance(x, list):
        return True, tuple(x)
    return False, (x,)


def _prepare(inputs: tuple[Any, ...], create_graph: bool) -> tuple[Any, ...]:
    out: list[Any] = []
    for t in inputs:
        if not seam.is_tensor(t):
            raise TypeError(
                "The inputs given to jacobian must be either a Tensor or a tuple of Tensors "
                f"but the value at index {len(out)} has type {type(t)}."
            )
        if create_graph and t.requires_grad:
            out.append(t.view_as(t) if hasattr(t, "view_as") else t.reshape(t.shape))
        else:
            out.append(t.detach().requires_grad_(True))
    return tuple(out)


def _stack_rows(rows: list[Any], shape: tuple[int, ...], like: Any, create_graph: bool) -> Any:
    """Rows (each shaped like an input) stacked into out_shape + in_shape."""
    full = tuple(shape) + tuple(like.shape)
    if not create_graph or not any(r.requires_grad for r in rows):
        data = np.stack([r._data for r in rows]) if rows else np.zeros((0,) + tuple(like.shape))
        return seam.make(data.reshape(full).astype(like.dtype.np, copy=False), None)
    # Differentiable: the sum of each row placed by a one-hot (no torch.stack below here).
    n = len(rows)
    total: Any = None
    for i, r in enumerate(rows):
        onehot = np.zeros((n,) + (1,) * len(like.shape), dtype=like.dtype.np)
        onehot[i] = 1
        term = seam.make(onehot, None) * r.reshape((1,) + tuple(like.shape))
        total = term if total is None else total + term
    return total.reshape(full)


def jacobian(
    func: Callable[..., Any],
    inputs: Any,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    strategy: str = "reverse-mode",
) -> Any:
    from . import grad as autograd_grad

    if strategy not in ("forward-mode", "reverse-mode"):
        raise ValueError(
            'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your '
            'function has more outputs than inputs, "forward-mode" tends to be more '
            'performant. Otherwise, prefer to use "reverse-mode".'
        )
    from .grad_mode import enable_grad

    in_tuple, ins = _as_tuple(inputs)
    with enable_grad():
        ins = _prepare(ins, create_graph)
        outputs = func(*ins)
        out_tuple, outs = _as_tuple(outputs)
        result: list[list[Any]] = []
        for out in outs:
            if not seam.is_tensor(out):
                raise TypeError(
                    "The outputs of the user-provided function given to jacobian must be "
                    "either a Tensor or a tuple of Tensors but the given outputs of the "
                    f"user-provided function has type {type(out)}."
                )
            flat = out.reshape(-1)
            rows: list[list[Any]] = [[] for _ in ins]
            for k in range(flat.shape[0]):
                if out.requires_grad:
                    gs = autograd_grad(flat[k], ins, retain_graph=True,
                                       create_graph=create_graph, allow_unused=True)  # fmt: skip
                else:
                    gs = (None,) * len(ins)
                for j, (g, t) in enumerate(zip(gs, ins)):
                    if g is None:
                        g = seam.make(np.zeros(t._data.shape, dtype=t.dtype.np), None)
                    rows[j].append(g)
            result.append([
                _stack_rows(rows[j], tuple(out.shape), t, create_graph) for j, t in enumerate(ins)
            ])  # fmt: skip
    # Back to the nesting the arguments had: tensor, tuple over inputs, outputs or both.
    per_out = [tuple(r) if in_tuple else r[0] for r in result]
    return tuple(per_out) if out_tuple else per_out[0]


def hessian(
    func: Callable[..., Any],
    inputs: Any,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    outer_jacobian_strategy: str = "reverse-mode",
) -> Any:
    in_tuple, ins = _as_tuple(inputs)

    def jac_func(*inp: Any) -> Any:
        out = func(*inp)
        if not seam.is_tensor(out) or out.numel() != 1:
            raise RuntimeError(
                "The Tensor returned by the function given to hessian should contain a single "
                "element"
            )
        j = jacobian(lambda *a: func(*a).reshape(()), inp, create_graph=True)
        return j

    res = jacobian(jac_func, ins, create_graph=create_graph, strategy=outer_jacobian_strategy)
    if in_tuple:
        return res
    return res[0][0]
