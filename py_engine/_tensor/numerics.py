"""Number-theory and floating-point functions, and the numerical-methods helpers: gcd, lcm,
frexp, ldexp, nextafter, renorm, vander and torch.gradient, with PyTorch's dtypes, checks
and backward nodes. vander and gradient are composites in PyTorch and are built here from
the engine's own ops in PyTorch's order, so their grad_fn chains are torch's."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from .core import Tensor
from .dispatch import _apply, _dim, _tensor_operands, method
from .functions import _inplace_methods
from .integrals import _scalar
from .stats import _return_type

__all__ = ["frexp", "gcd", "gradient", "lcm", "ldexp", "nextafter", "renorm", "vander"]

_Frexp = _return_type("frexp", ("mantissa", "exponent"))


# ---------------------------------------------------------------------------- gcd, lcm


def _integer_binary(name: str, input: Tensor, other: Any) -> tuple[np.ndarray, np.ndarray, Any]:
    a, b, dt = _tensor_operands(name, input, other)
    if dt.is_floating_point or dt is dtypes.bool_:
        raise NotImplementedError(f"\"{name}_cpu\" not implemented for '{dt.short}'")
    return a._data.astype(dt.np), b._data.astype(dt.np), dt


@method
def gcd(input: Tensor, other: Tensor) -> Tensor:
    """The greatest common divisor, elementwise (non-negative; gcd(0, 0) = 0)."""
    a, b, dt = _integer_binary("gcd", input, other)
    return Tensor._make(np.gcd(a, b).astype(dt.np), None)


@method
def lcm(input: Tensor, other: Tensor) -> Tensor:
    """The least common multiple, elementwise (0 when either is 0), wrapping around on
    overflow as PyTorch's integer arithmetic does."""
    a, b, dt = _integer_binary("lcm", input, other)
    with np.errstate(all="ignore"):
        g = np.gcd(a, b)
        out = np.where(g == 0, 0, np.abs((a // np.where(g == 0, 1, g)) * b))
    return Tensor._make(out.astype(dt.np), None)


# ---------------------------------------------------------------------------- floats


@method
def frexp(input: Tensor) -> Any:
    """input = mantissa * 2^exponent, |mantissa| in [0.5, 1) (0, inf and NaN as they are,
    exponent 0), the exponent int32."""
    if not input.dtype.is_floating_point:
        raise RuntimeError("torch.frexp() only supports floating-point dtypes")
    exponent = np.frexp(input._data)[1].astype(np.int32)
    mantissa = _apply(rows.frexp, (input,), {"exponent": exponent})
    return _Frexp((mantissa, Tensor._make(exponent, None)))


@method
def ldexp(input: Tensor, other: Tensor) -> Tensor:
    """input * 2^other, in floats (integers promote to the default float)."""
    a, b, dt = _tensor_operands("ldexp", input, other)
    if not dt.is_floating_point:
        dt = dtypes.DEFAULT_FLOAT
    return _apply(rows.ldexp, (a, b), {}, dt)


@method
def nextafter(input: Tensor, other: Tensor) -> Tensor:
    """The next float after input in other's direction."""
    a, b, dt = _tensor_operands("nextafter", input, other)
    if not dt.is_floating_point:
        raise NotImplementedError(f"\"nextafter_cpu\" not implemented for '{dt.short}'")
    return _apply(rows.nextafter, (a, b), {}, dt)


_inplace_methods(gcd, lcm, ldexp, nextafter)


@method
def renorm(input: Tensor, p: Any, dim: int, maxnorm: Any) -> Tensor:
    """Each slice along dim with a p-norm above maxnorm scaled down to maxnorm."""
    if input.ndim <= 1:
        raise RuntimeError(
            f"renorm: input needs at least 2 dimensions, got {input.ndim} dimensions"
        )
    if not p > 0:
        raise RuntimeError("renorm: non-positive-norm not supported")
    if maxnorm < 0:
        raise RuntimeError(f"renorm: expected maxnorm to be >= 0 but got {maxnorm}")
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"\"renorm_out\" not implemented for '{input.dtype.short}'")
    d = _dim(dim, input.ndim)
    return _apply(rows.renorm, (input,), {"p": float(p), "dim": d, "maxnorm": float(maxnorm)})


_inplace_methods(renorm)


# ---------------------------------------------------------------------------- vander


def vander(x: Tensor, N: Any = None, increasing: bool = False) -> Tensor:
    """The Vandermonde matrix: columns x^(N-1), ..., x, 1 (increasing: 1, x, x², ...). As
    PyTorch builds it: ones, x copied into the columns after the first, their cumprod
    copied back, then flipped (integers become int64)."""
    from .creation import empty
    from .reductions import cumprod

    if x.ndim != 1:
        raise RuntimeError("x must be a one-dimensional tensor.")
    n = x.shape[0]
    if N is not None:
        n = int(N)
        if n < 0:
            raise RuntimeError("N must be non-negative.")
    dt = dtypes.promote_types(x.dtype, dtypes.int64)
    result = empty(x.shape[0], n, dtype=dt)
    if n > 0:
        result.fill_(1)
        if n > 1:
            result[:, 1:].copy_(x.unsqueeze(1))
            result[:, 1:].copy_(cumprod(result[:, 1:], 1))
    if not increasing:
        return result.flip(1)
    return result


# ---------------------------------------------------------------------------- gradient


def gradient(input: Tensor, *, spacing: Any = 1, dim: Any = None, edge_order: int = 1) -> Any:
    """The derivative estimated along each dim (or those given) by central differences
    inside and one-sided ones of edge_order at the ends, with uniform spacing (a number
    per dim) or at given coordinates (a tensor per dim): a tuple, one tensor per dim."""
    from .shapes import cat

    dims = (
        list(range(input.ndim)) if dim is None else ([dim] if isinstance(dim, int) else list(dim))
    )
    dims = [_dim(d, input.ndim) for d in dims]
    if isinstance(spacing, (tuple, list)):
        if len(spacing) != len(dims):
            if dim is None:
                raise RuntimeError(
                    "torch.gradient expected spacing to be unspecified, a scalar, or a list of "
                    f"length equal to 'self.dim() = {input.ndim}', since dim argument was not "
                    f"given, but got a list of length {len(spacing)}"
                )
            raise RuntimeError(
                "torch.gradient expected spacing to be unspecified, a scalar or it's spacing and "
                f"dim arguments to have the same length, but got a spacing argument of length "
                f"{len(spacing)} and a dim argument of length {len(dims)}."
            )
        spacings = list(spacing)
    else:
        spacings = [spacing] * len(dims)
    if edge_order not in (1, 2):
        raise RuntimeError("torch.gradient only supports edge_order=1 and edge_order=2.")
    for d in dims:
        if input.shape[d] < edge_order + 1:
            raise RuntimeError(
                "torch.gradient expected each dimension size to be at least edge_order+1"
            )

    def sl(start: Any, end: Any, d: int) -> Tensor:
        return input[(slice(None),) * d + (slice(start, end),)]

    out = []
    for d, h in zip(dims, spacings):
        if isinstance(h, Tensor) and h.ndim == 1:
            out.append(cat(_coordinate_parts(input, sl, h, d, edge_order), d))
            continue
        # PyTorch's C++ scales by Scalars: MulBackward1 and DivBackward1
        step = h.item() if isinstance(h, Tensor) else h
        center = _scalar(rows.div_scalar, sl(2, None, d) - sl(0, -2, d), step)
        if edge_order == 1:
            prepend = _scalar(rows.div_scalar, sl(1, 2, d) - sl(0, 1, d), step)
            append = _scalar(rows.div_scalar, sl(-1, None, d) - sl(-2, -1, d), step)
        else:
            prepend = _scalar(
                rows.div_scalar,
                _scalar(rows.mul_scalar, sl(0, 1, d), -1.5)
                + _scalar(rows.mul_scalar, sl(1, 2, d), 2)
                - _scalar(rows.mul_scalar, sl(2, 3, d), 0.5),
                step,
            )
            append = _scalar(
                rows.div_scalar,
                _scalar(rows.mul_scalar, sl(-3, -2, d), 0.5)
                - _scalar(rows.mul_scalar, sl(-2, -1, d), 2)
                + _scalar(rows.mul_scalar, sl(-1, None, d), 1.5),
                step,
            )
        out.append(cat([prepend, _scalar(rows.div_scalar, center, 2), append], d))
    return tuple(out)


def _coordinate_parts(
    input: Tensor, sl: Any, coords: Tensor, d: int, edge_order: int
) -> list[Tensor]:
    """PyTorch's gradient at given coordinates: second-order weights from the spacings
    on either side of each point."""
    shape = [1] * input.ndim
    shape[d] = -1
    dx = coords.diff(1, 0)
    dx1, dx2 = dx[:-1], dx[1:]
    a = (-dx2 / (dx1 * (dx1 + dx2))).reshape(shape)
    b = ((dx2 - dx1) / (dx1 * dx2)).reshape(shape)
    c = (dx1 / (dx2 * (dx1 + dx2))).reshape(shape)
    center = a * sl(0, -2, d) + b * sl(1, -1, d) + c * sl(2, None, d)
    if edge_order == 1:
        prepend = (sl(1, 2, d) - sl(0, 1, d)) / dx[0]
        append = (sl(-1, None, d) - sl(-2, -1, d)) / dx[-1]
    else:
        a0 = -(2.0 * dx[0] + dx[1]) / (dx[0] * (dx[0] + dx[1]))
        b0 = (dx[0] + dx[1]) / (dx[0] * dx[1])
        c0 = (-dx[0]) / (dx[1] * (dx[0] + dx[1]))
        prepend = a0 * sl(0, 1, d) + b0 * sl(1, 2, d) + c0 * sl(2, 3, d)
        a1 = (dx[-1]) / (dx[-2] * (dx[-1] + dx[-2]))
        b1 = -(dx[-1] + dx[-2]) / (dx[-1] * dx[-2])
        c1 = (2 * dx[-1] + dx[-2]) / (dx[-1] * (dx[-1] + dx[-2]))
        append = a1 * sl(-3, -2, d) + b1 * sl(-2, -1, d) + c1 * sl(-1, None, d)
    return [prepend, center, append]
