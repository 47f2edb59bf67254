"""torch.vmap (also torch.func.vmap): a function mapped over a dimension of its inputs.

torch batches the function's ops; the engine runs it once per index of the mapped
dimension and stacks the results, which gives torch's values and gradients. What differs:
a result's grad_fn is the stack's (StackBackward0) where torch's is the batched op's, and
randomness and .item() inside the function are not refused as torch refuses them.
Tensors are mapped at the top level of the arguments (in_dims an int, or a tuple with an
int or None per argument)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._tensor.core import Tensor
from ._unsupported import module_getattr

__all__ = ["vmap"]


def vmap(func: Callable[..., Any], in_dims: Any = 0, out_dims: Any = 0,
         randomness: str = "error", *, chunk_size: Any = None) -> Callable[..., Any]:  # fmt: skip
    """func mapped over dimension in_dims of its inputs, the results stacked at out_dims."""
    name = getattr(func, "__name__", type(func).__name__)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        where = f"vmap({name}, in_dims={in_dims!r}, ...)(<inputs>)"
        if isinstance(in_dims, int) and not isinstance(in_dims, bool):
            dims: tuple[Any, ...] = (in_dims,) * len(args)
        elif isinstance(in_dims, tuple):
            if len(in_dims) != len(args):
                raise ValueError(
                    f"{where}: in_dims is not compatible with the structure of `inputs`. in_dims "
                    f"has {len(in_dims)} entries but inputs has {len(args)}."
                )
            dims = in_dims
        else:
            raise ValueError(
                f"{where}: expected `in_dims` to be int or a (potentially nested) tuple matching "
                f"the structure of inputs, got: {type(in_dims)}."
            )
        sizes = []
        for a, d in zip(args, dims):
            if d is None or not isinstance(a, Tensor):
                continue
            if not -a.ndim <= d < a.ndim:
                raise ValueError(
                    f"{where}: Got in_dim={d} for some input, but that input is a Tensor of "
                    f"dimensionality {a.ndim} so expected in_dim to satisfy "
                    f"-{a.ndim} <= in_dim < {a.ndim}."
                )
            sizes.append(a.shape[d])
        if not sizes:
            raise ValueError(
                f"{where}: at least one input must be a Tensor mapped over a dimension "
                "(in_dims not None)."
            )
        if len(set(sizes)) > 1:
            raise ValueError(
                "vmap: Expected all tensors to have the same size in the mapped dimension, got "
                f"sizes {sizes} for the mapped dimension"
            )
        results = []
        for i in range(sizes[0]):
            picked = [a.select(d, i) if d is not None and isinstance(a, Tensor) else a
                      for a, d in zip(args, dims)]  # fmt: skip
            results.append(func(*picked, **kwargs))
        return _stacked(name, results, out_dims)

    return wrapped


def _stacked(name: str, results: list[Any], out_dims: Any) -> Any:
    from ._tensor.shapes import stack

    first = results[0]
    if isinstance(first, tuple):
        dims = out_dims if isinstance(out_dims, tuple) else (out_dims,) * len(first)
        return tuple(_stack_one(name, [r[k] for r in results], dims[k], stack)
                     for k in range(len(first)))  # fmt: skip
    return _stack_one(name, results, out_dims, stack)


def _stack_one(name: str, parts: list[Any], out_dim: Any, stack: Any) -> Any:
    if not isinstance(parts[0], Tensor):
        raise ValueError(
            f"vmap({name}, ...): `{name}` must only return Tensors, got type "
            f"{type(parts[0])}. Did you mean to set out_dims= to None for output?"
        )
    return stack(parts, out_dim)


__getattr__ = module_getattr("torch.func")
