"""torch.linalg: the norms, det, inv and matmul, built from the ops the engine already has
in the order PyTorch 2.13 builds them (so the grad_fn names are torch's:
LinalgVectorNormBackward0, AmaxBackward0, LinalgDetBackward0, LinalgInvExBackward0).
What needs a singular value decomposition (ord 2, -2, 'nuc') or a solver says it is not
in the playground."""

from __future__ import annotations

from typing import Any

from ._tensor.core import Tensor
from ._tensor.determinants import _LinalgSlogdet, _slogdet
from ._tensor.dispatch import _dim
from ._tensor.functions import matmul
from ._tensor.functions import norm as _norm
from ._tensor.shapes import det
from ._tensor.shapes import inverse as inv
from ._unsupported import module_getattr, unsupported

__all__ = ["det", "inv", "matmul", "matrix_norm", "norm", "slogdet", "vector_norm"]

_INF = float("inf")


def vector_norm(
    x: Tensor, ord: Any = 2, dim: Any = None, keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    if isinstance(ord, str):
        raise TypeError("linalg_vector_norm(): argument 'ord' (position 2) must be Number, not str")
    if dtype is not None:
        x = x.to(dtype)
    if ord == -_INF or ord <= 0:
        raise unsupported(f"torch.linalg.vector_norm with ord={ord}")
    return _norm(x, ord, dim, keepdim)


def matrix_norm(
    A: Tensor, ord: Any = "fro", dim: Any = (-2, -1), keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    if not isinstance(dim, (tuple, list)):
        raise TypeError(
            "linalg_matrix_norm() received an invalid combination of arguments - got (Tensor, "
            f"dim={type(dim).__name__}), but expected one of:\n"
            " * (Tensor input, Number ord, tuple of ints dim = {-2,-1}, bool keepdim = False, *, "
            "torch.dtype dtype = None, Tensor out = None)\n"
            ' * (Tensor input, str ord = "fro", tuple of ints dim = {-2,-1}, bool keepdim = False, '
            "*, torch.dtype dtype = None, Tensor out = None)\n"
        )
    return _matrix_norm(A, ord, dim, keepdim, dtype)


def _matrix_norm(A: Tensor, ord: Any, dim: Any, keepdim: bool, dtype: Any) -> Tensor:
    if A.ndim < 2:
        raise RuntimeError(
            "linalg.matrix_norm: The input tensor A must have at least 2 dimensions."
        )
    if not isinstance(dim, (tuple, list)) or len(dim) != 2:
        # PyTorch's message prints the dims space-separated here
        got = " ".join(map(str, dim)) if isinstance(dim, (tuple, list)) else dim
        raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got {got}")
    dims = tuple(dim)
    d0, d1 = (_dim(d, A.ndim) for d in dims)
    if d0 == d1:
        raise RuntimeError(f"linalg.matrix_norm: dims must be different. Got ({d0}, {d1})")
    if dtype is not None:
        A = A.to(dtype)
    if ord == "fro":
        return _norm(A, 2, (d0, d1), keepdim)
    if ord in ("nuc", 2, -2):
        raise unsupported(f"torch.linalg.matrix_norm with ord={ord!r} (it needs an SVD)")
    if ord not in (1, -1, _INF, -_INF):
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    # PyTorch: the 1-norm of the columns (rows for inf), then their max (min for -1, -inf)
    if abs(ord) == _INF:
        d0, d1 = d1, d0
    if not keepdim and d0 < d1:
        d1 -= 1
    sums = _norm(A, 1, (d0,), keepdim)
    return sums.amax(d1, keepdim) if ord > 0 else sums.amin(d1, keepdim)


def slogdet(A: Tensor) -> Any:
    """(sign, log|det|): torch.slogdet under torch.linalg's name for its result type."""
    return _LinalgSlogdet(_slogdet("linalg.slogdet", A))


def norm(
    A: Tensor, ord: Any = None, dim: Any = None, keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    if dim is not None:
        dims = tuple(dim) if isinstance(dim, (tuple, list)) else (dim,)
        if len(dims) not in (1, 2):
            raise RuntimeError(
                f"linalg.norm: If dim is specified, it must be of length 1 or 2. Got {_listed(dims)}"
            )
    elif ord is not None and A.ndim not in (1, 2):
        raise RuntimeError(
            "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. "
            f"Got {A.ndim}D."
        )
    if ord is None:
        return vector_norm(A, 2, dim, keepdim, dtype=dtype)
    if isinstance(ord, str):  # PyTorch: a named order is a matrix norm, whatever dim says
        return _matrix_norm(A, ord, (-2, -1) if dim is None else dim, keepdim, dtype)
    if (dim is not None and len(dims) == 2) or (dim is None and A.ndim == 2):
        return _matrix_norm(A, ord, (-2, -1) if dim is None else dim, keepdim, dtype)
    return vector_norm(A, ord, dim, keepdim, dtype=dtype)


def _listed(dims: tuple[Any, ...]) -> str:
    return "[" + ", ".join(str(d) for d in dims) + "]"


__getattr__ = module_getattr("torch.linalg")
