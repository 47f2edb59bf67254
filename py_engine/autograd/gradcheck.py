"""torch.autograd.gradcheck: analytical gradients against central finite differences,
with PyTorch's checks and wording (slow mode, the default)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from . import seam

__all__ = ["GradcheckError", "gradcheck"]


class GradcheckError(RuntimeError):
    pass


def _outputs(func: Callable[..., Any], inputs: tuple[Any, ...]) -> tuple[Any, ...]:
    out = func(*inputs)
    return out if isinstance(out, tuple) else (out,)


def gradcheck(
    func: Callable[..., Any],
    inputs: Any,
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    raise_exception: bool = True,
    nondet_tol: float = 0.0,
    check_undefined_grad: bool = True,
    check_grad_dtypes: bool = False,
    check_batched_grad: bool = False,
    check_batched_forward_grad: bool = False,
    check_forward_ad: bool = False,
    check_backward_ad: bool = True,
    fast_mode: bool = False,
    masked: bool | None = None,
) -> bool:
    from . import grad as autograd_grad
    from .grad_mode import enable_grad, no_grad

    ins = (
        inputs
        if isinstance(inputs, tuple)
        else tuple(inputs)
        if isinstance(inputs, list)
        else (inputs,)
    )
    diff = [i for i, t in enumerate(ins) if seam.is_tensor(t) and t.requires_grad]
    if not diff:
        raise ValueError(
            "gradcheck expects at least one input tensor to require gradient, but none of "
            "the them have requires_grad=True."
        )
    for i in diff:
        if ins[i].dtype.name != "float64":
            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point "
                "or complex. This check will likely fail if all the inputs are not of double "
                "precision floating point or complex. ",
                UserWarning,
                stacklevel=2,
            )
    with enable_grad():
        outs = _outputs(func, ins)
    for oi, out in enumerate(outs):
        if not seam.is_tensor(out) or not out.dtype.is_floating_point:
            continue
        for ii in diff:
            x = ins[ii]
            n_in, n_out = x.numel(), out.numel()
            numerical = np.zeros((n_in, n_out), dtype=out.dtype.np)
            flat = x._data.reshape(-1)
            with no_grad():
                for k in range(n_in):
                    orig = flat[k].copy()
                    flat[k] = orig - eps
                    a = np.array(_outputs(func, ins)[oi]._data, copy=True).reshape(-1)
                    flat[k] = orig + eps
                    b = np.array(_outputs(func, ins)[oi]._data, copy=True).reshape(-1)
                    flat[k] = orig
                    numerical[k] = ((b - a) / out.dtype.np.type(2 * eps)).astype(out.dtype.np)
            analytical = np.zeros((n_in, n_out), dtype=x.dtype.np)
            if out.requires_grad:
                oflat = out.reshape(-1)
                for j in range(n_out):
                    (g,) = autograd_grad(oflat[j], (x,), retain_graph=True, allow_unused=True)
                    if g is not None:
                        analytical[:, j] = g._data.reshape(-1)
            a_t, n_t = analytical, numerical.astype(analytical.dtype)
            if not np.all(np.abs(a_t - n_t) <= atol + rtol * np.abs(n_t)):
                if not raise_exception:
                    return False
                raise GradcheckError(
                    f"Jacobian mismatch for output {oi} with respect to input {ii},\n"
                    f"numerical:{seam.make(numerical, None)!r}\n"
                    f"analytical:{seam.make(analytical, None)!r}\n"
                )
    return True
