"""The one place where autograd reaches the tensors built on top of it.

Autograd sits below the tensor layer: tensors import it, never the reverse. Two things still
need tensors from down here: double backward (`create_graph=True`), where gradient formulas
run on tensors so that gradients are differentiable, and `backward`/`grad`, which take
tensors from users. Rather than importing upwards (a cycle), autograd calls what the tensor
package hands it when it is imported (`connect`), and tells tensors from arrays by the
marker base class `TensorBase`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class TensorBase:
    """Base class of Tensor, so that autograd can tell tensors from arrays."""

    __slots__ = ()


def _unconnected(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("py_engine._tensor has not connected itself to autograd")


# Filled by `connect`: Tensor._make(data, grad_fn, version), running a derivatives-table row
# on tensors, torch.where and torch.tensor.
make: Callable[..., Any] = _unconnected
apply: Callable[..., Any] = _unconnected
where: Callable[..., Any] = _unconnected
tensor: Callable[..., Any] = _unconnected


def connect(
    *,
    make_fn: Callable[..., Any],
    apply_fn: Callable[..., Any],
    where_fn: Callable[..., Any],
    tensor_fn: Callable[..., Any],
) -> None:
    global make, apply, where, tensor
    make, apply, where, tensor = make_fn, apply_fn, where_fn, tensor_fn


def is_tensor(x: object) -> bool:
    return isinstance(x, TensorBase)
