"""torch.nn.utils: gradient clipping as torch computes it (per-gradient norms, the norm of
those, then one scale for all)."""

from __future__ import annotations

import math
from typing import Any

from ..._tensor.core import Tensor
from ..._tensor.creation import tensor
from ..._tensor.shapes import stack
from ...autograd.grad_mode import no_grad
from ..._unsupported import module_getattr as _module_getattr
from . import rnn

__all__ = ["clip_grad_norm_", "clip_grad_value_", "parameters_to_vector", "rnn"]


def _grads(parameters: Any) -> list[Tensor]:
    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    return [p.grad for p in params if p.grad is not None]


def _norm(t: Tensor, norm_type: float) -> Tensor:
    if math.isinf(norm_type):
        return t.abs().max() if norm_type > 0 else t.abs().min()
    return t.norm(norm_type)


def clip_grad_norm_(parameters: Any, max_norm: float, norm_type: float = 2.0,
                    error_if_nonfinite: bool = False, foreach: Any = None) -> Tensor:  # fmt: skip
    with no_grad():
        grads = _grads(parameters)
        if not grads:
            return tensor(0.0)
        total = _norm(stack([_norm(g, float(norm_type)) for g in grads]), float(norm_type))
        if error_if_nonfinite and not bool(total.isfinite()):
            raise RuntimeError(
                f"The total norm of order {float(norm_type)} for gradients from `parameters` is "
                "non-finite, so it cannot be clipped. To disable this error and scale the "
                "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`"
            )
        coef = (max_norm / (total + 1e-6)).clamp(max=1.0)
        for g in grads:
            g.mul_(coef)
        return total


def clip_grad_value_(parameters: Any, clip_value: float, foreach: Any = None) -> None:
    with no_grad():
        for g in _grads(parameters):
            g.clamp_(min=-clip_value, max=clip_value)


def parameters_to_vector(parameters: Any) -> Tensor:
    from ..._tensor.shapes import cat

    return cat([p.reshape(-1) for p in parameters])


__getattr__ = _module_getattr("torch.nn.utils")
