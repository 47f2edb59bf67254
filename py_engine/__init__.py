"""A PyTorch-faithful autograd engine in pure Python and numpy.

`import py_engine as torch` runs ordinary PyTorch autograd code for the subset in
docs/graph-format.md: same values, dtypes, printed text, grad_fn names and errors.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import autograd as _autograd_core
from . import nn
from .autograd import enable_grad, is_grad_enabled, no_grad, set_grad_enabled
from .dtypes import bool_ as bool
from .dtypes import dtype, float32, float64, int64
from .random import Generator, default_generator, initial_seed, manual_seed, randn_array, seed
from .tensors import (
    Size,
    Tensor,
    abs,
    add,
    allclose,
    arange,
    argmax,
    argmin,
    as_tensor,
    clone,
    cos,
    detach,
    div,
    divide,
    dot,
    eq,
    equal,
    exp,
    from_numpy,
    full,
    gt,
    isclose,
    linspace,
    log,
    lt,
    matmul,
    max,
    mean,
    min,
    mm,
    mul,
    multiply,
    mv,
    neg,
    negative,
    norm,
    numel,
    ones,
    ones_like,
    outer,
    pow,
    reciprocal,
    relu,
    reshape,
    sigmoid,
    sign,
    sin,
    sqrt,
    squeeze,
    sub,
    subtract,
    sum,
    t,
    tanh,
    tensor,
    true_divide,
    unsqueeze,
    where,
    zeros,
    zeros_like,
)
from .tensors import backward as _backward
from .tensors import grad as _grad

# numpy warns on overflow and 0/0; PyTorch silently gives inf and nan, and so do we.
np.seterr(all="ignore")

__version__ = "2.13.0"

float = float32
double = float64
long = int64
int = int64
FloatTensor = Tensor


def randn(
    *size: Any,
    generator: Generator | None = None,
    dtype: Any = None,
    requires_grad: bool = False,
    **kw: Any,
) -> Tensor:
    from . import dtypes as _dt
    from .tensors import _creation, _size_args

    dt = _dt.coerce(dtype) if dtype is not None else _dt.DEFAULT_FLOAT
    if not dt.is_floating_point:
        raise NotImplementedError(f"\"normal_kernel_cpu\" not implemented for '{dt.short}'")
    shape = _size_args(size, kw.get("size"))
    return _creation(randn_array(shape, dt.np, generator), dt, requires_grad)


def randn_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    return randn(*input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def get_default_dtype() -> dtype:
    return float32


def is_tensor(obj: object) -> bool:
    return isinstance(obj, Tensor)


class _AutogradNamespace:
    """torch.autograd: backward, grad and the grad-mode switches."""

    backward = staticmethod(_backward)
    grad = staticmethod(_grad)
    no_grad = no_grad
    enable_grad = enable_grad
    set_grad_enabled = staticmethod(set_grad_enabled)
    Function = _autograd_core.Function


autograd = _AutogradNamespace()
