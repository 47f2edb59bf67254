"""x.unfold(dimension, size, step): the windows of size `size`, `step` apart, along a dim,
as a new last dim of a view (UnfoldBackward0), with PyTorch's checks."""

from __future__ import annotations

from ..autograd import derivatives as rows
from .core import Tensor
from .dispatch import _apply, _dim

__all__: list[str] = []


def _unfold(self: Tensor, dimension: int, size: int, step: int) -> Tensor:
    d = _dim(dimension, self.ndim)
    length = self.shape[d] if self.ndim else 1
    if size > length:
        raise RuntimeError(
            f"maximum size for tensor at dimension {d} is {length} but size is {size}"
        )
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    if size < 0:
        raise RuntimeError(f"size is {size} but must be >= 0")
    return _apply(rows.unfold_dim, (self,), {"dim": d, "size": int(size), "step": int(step)})


Tensor.unfold = _unfold  # type: ignore[attr-defined]
