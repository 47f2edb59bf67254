"""F.unfold (image patches as columns, Im2ColBackward0) and F.fold (columns added back into
an image, Col2ImBackward0), for batched (4-d / 3-d) and unbatched input, with PyTorch's
checks."""

from __future__ import annotations

from typing import Any

from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from ..autograd import derivatives as rows

__all__ = ["fold", "unfold"]


def _pair(v: Any) -> tuple[int, int]:
    return (int(v[0]), int(v[1])) if isinstance(v, (tuple, list)) else (int(v), int(v))


def _blocks(size: tuple[int, int], k: Any, d: Any, p: Any, s: Any) -> tuple[int, int]:
    return tuple((size[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i in range(2))


def unfold(input: Tensor, kernel_size: Any, dilation: Any = 1, padding: Any = 0,
           stride: Any = 1) -> Tensor:  # fmt: skip
    k, d, p, s = _pair(kernel_size), _pair(dilation), _pair(padding), _pair(stride)
    batched = input.ndim == 4
    x = input if batched else input.unsqueeze(0)
    if x.ndim != 4:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [-{input.ndim}, "
            f"{input.ndim - 1}], but got {input.ndim})"
        )
    if not x.dtype.is_floating_point:
        raise NotImplementedError(f"\"im2col_out_cpu\" not implemented for '{x.dtype.short}'")
    size = (x.shape[2], x.shape[3])
    oh, ow = _blocks(size, k, d, p, s)
    if oh < 1 or ow < 1:
        raise RuntimeError(
            f"Given input with spatial size ({size[0]}, {size[1]}), kernel_size=({k[0]}, {k[1]}), "
            f"dilation=({d[0]}, {d[1]}), padding=({p[0]}, {p[1]}), calculated shape of the array "
            f"of sliding blocks as ({oh}, {ow}), but its components must be at least one."
        )
    params = {"kernel": k, "dilation": d, "padding": p, "stride": s}
    return _apply(rows.im2col, (input,), params)


def fold(input: Tensor, output_size: Any, kernel_size: Any, dilation: Any = 1, padding: Any = 0,
         stride: Any = 1) -> Tensor:  # fmt: skip
    size, k = _pair(output_size), _pair(kernel_size)
    d, p, s = _pair(dilation), _pair(padding), _pair(stride)
    batched = input.ndim == 3
    x = input if batched else input.unsqueeze(0)
    if x.shape[1] % (k[0] * k[1]):
        raise RuntimeError(
            "Expected size of input's dimension 1 to be divisible by the product of kernel_size, "
            f"but got input.size(1)={x.shape[1]} and kernel_size=({k[0]}, {k[1]})."
        )
    oh, ow = _blocks(size, k, d, p, s)
    if x.shape[2] != oh * ow:
        raise RuntimeError(
            f"Given output_size=({size[0]}, {size[1]}), kernel_size=({k[0]}, {k[1]}), "
            f"dilation=({d[0]}, {d[1]}), padding=({p[0]}, {p[1]}), stride=({s[0]}, {s[1]}), "
            f"expected size of input's dimension 2 to match the calculated number of sliding "
            f"blocks {oh} * {ow} = {oh * ow}, but got input.size(2)={x.shape[2]}."
        )
    params = {"output_size": size, "kernel": k, "dilation": d, "padding": p, "stride": s}
    return _apply(rows.col2im, (input,), params)
