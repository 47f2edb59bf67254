"""torch.nn.utils: gradient clipping as torch computes it (per-gradient norms, the norm of
those, then one scale for all), parameters to and from one vector, and the rnn module."""

from __future__ import annotations

import math
import types
import warnings
from typing import Any

from ..._tensor.core import Tensor
from ..._tensor.creation import tensor
from ..._tensor.shapes import stack
from ...autograd.grad_mode import no_grad
from ..._unsupported import module_getattr as _module_getattr
from . import rnn
from .weight_norm import remove_weight_norm, weight_norm

__all__ = ["clip_grad_norm_", "clip_grad_value_", "parameters_to_vector", "rnn"]
__all__ += ["clip_grads_with_norm_", "get_total_norm", "vector_to_parameters"]
__all__ += ["remove_weight_norm", "weight_norm", "clip_grad_norm"]


def _grads(parameters: Any) -> list[Tensor]:
    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    return [p.grad for p in params if p.grad is not None]


def _norm(t: Tensor, norm_type: float) -> Tensor:
    if math.isinf(norm_type):
        return t.abs().max() if norm_type > 0 else t.abs().min()
    return t.norm(norm_type)


def get_total_norm(tensors: Any, norm_type: float = 2.0, error_if_nonfinite: bool = False,
                   foreach: Any = None) -> Tensor:  # fmt: skip
    """The norm of the tensors' norms (torch 2.6's split of clip_grad_norm_)."""
    with no_grad():
        tensors = [tensors] if isinstance(tensors, Tensor) else list(tensors)
        norm_type = float(norm_type)
        if not tensors:
            return tensor(0.0)
        total = _norm(stack([_norm(t, norm_type) for t in tensors]), norm_type)
        if error_if_nonfinite and not bool(total.isfinite()):
            raise RuntimeError(
                f"The total norm of order {norm_type} for gradients from `parameters` is "
                "non-finite, so it cannot be clipped. To disable this error and scale the "
                "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`"
            )
        return total


def clip_grads_with_norm_(parameters: Any, max_norm: float, total_norm: Tensor,
                          foreach: Any = None) -> None:  # fmt: skip
    """Scale the gradients by max_norm / (total_norm + 1e-6), at most 1."""
    with no_grad():
        grads = _grads(parameters)
        if not grads:
            return
        coef = (float(max_norm) / (total_norm + 1e-6)).clamp(max=1.0)
        for g in grads:
            g.mul_(coef)


def clip_grad_norm_(parameters: Any, max_norm: float, norm_type: float = 2.0,
                    error_if_nonfinite: bool = False, foreach: Any = None) -> Tensor:  # fmt: skip
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    else:
        is_generator = isinstance(parameters, types.GeneratorType)
        parameters = list(parameters)
        if is_generator and not parameters:
            warnings.warn(
                "`parameters` is an empty generator, no gradient clipping will occur.",
                stacklevel=2,
            )
    total = get_total_norm(_grads(parameters), norm_type, error_if_nonfinite, foreach)
    clip_grads_with_norm_(parameters, max_norm, total, foreach)
    return total


def clip_grad_norm(parameters: Any, max_norm: float, norm_type: float = 2.0,
                   error_if_nonfinite: bool = False, foreach: Any = None) -> Tensor:  # fmt: skip
    warnings.warn(
        "`torch.nn.utils.clip_grad_norm` is now deprecated in favor of "
        "`torch.nn.utils.clip_grad_norm_`.",
        FutureWarning,
        stacklevel=2,
    )
    return clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite, foreach)


def clip_grad_value_(parameters: Any, clip_value: float, foreach: Any = None) -> None:
    with no_grad():
        for g in _grads(parameters):
            g.clamp_(min=-clip_value, max=clip_value)


def parameters_to_vector(parameters: Any) -> Tensor:
    from ..._tensor.shapes import cat

    return cat([p.reshape(-1) for p in parameters])


def vector_to_parameters(vec: Tensor, parameters: Any) -> None:
    """Each parameter's .data set to its slice of vec (a view of it, as in torch)."""
    if not isinstance(vec, Tensor):
        cls = type(vec)
        module = "" if cls.__module__ == "builtins" else cls.__module__ + "."
        raise TypeError(f"expected torch.Tensor, but got: {module}{cls.__qualname__}")
    pointer = 0
    for param in parameters:
        n = param.numel()
        param.data = vec[pointer : pointer + n].view_as(param).data
        pointer += n


__getattr__ = _module_getattr("torch.nn.utils")
