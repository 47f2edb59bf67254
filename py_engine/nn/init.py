"""torch.nn.init, drawing PyTorch's CPU random stream: uniform_ is PyTorch's
uniform_real_distribution, `(bits & mask) * 2**-digits * (to - from) + from`, with the
multiply-add fused as PyTorch's AVX2/AVX-512 kernels compile it (a CPU without FMA rounds
it twice, one ulp apart at most); normal_ is randn's Box-Muller, scaled and shifted."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from .. import random as _random
from .._unsupported import module_getattr as _module_getattr
from ..autograd.formulas import np_fill_in_memory_order
from ..autograd.grad_mode import no_grad
from .parameter import is_lazy, refuse_uninitialised

__all__ = ["calculate_gain", "constant_", "kaiming_normal_", "kaiming_uniform_", "normal_",
           "ones_", "uniform_", "xavier_normal_", "xavier_uniform_", "zeros_"]  # fmt: skip


def _uniform(like: np.ndarray, low: float, high: float, np_dtype: Any,
             generator: Any) -> np.ndarray:  # fmt: skip
    """uniform_'s values for like, drawn in its memory order (a transposed view's too)."""
    gen = generator or _random.default_generator
    values = gen.uniform(like.size, low, high, np_dtype)
    return np_fill_in_memory_order(np.empty_like(like, dtype=np_dtype, order="K"), values)


def _normal(like: np.ndarray, mean: float, std: float, np_dtype: Any,
            generator: Any) -> np.ndarray:  # fmt: skip
    from .._tensor.creation import _normal_into

    return _normal_into(like, mean, std, np_dtype, generator)


def _fill(tensor: Any, values: np.ndarray) -> Any:
    tensor._data[...] = values
    tensor._ver[0] += 1
    return tensor


def uniform_(tensor: Any, a: float = 0.0, b: float = 1.0, generator: Any = None) -> Any:
    refuse_uninitialised(tensor, uniform_)
    with no_grad():
        return _fill(tensor, _uniform(tensor._data, a, b, tensor.dtype.np, generator))


def normal_(tensor: Any, mean: float = 0.0, std: float = 1.0, generator: Any = None) -> Any:
    refuse_uninitialised(tensor, normal_)
    with no_grad():
        return _fill(tensor, _normal(tensor._data, mean, std, tensor.dtype.np, generator))


def constant_(tensor: Any, val: float) -> Any:
    refuse_uninitialised(tensor, constant_)
    with no_grad():
        return _fill(tensor, np.full(tuple(tensor.shape), val, dtype=tensor.dtype.np))


def zeros_(tensor: Any) -> Any:
    if is_lazy(tensor):  # torch's zeros_ and ones_ go straight to the tensor's method
        return tensor.zero_()
    return constant_(tensor, 0)


def ones_(tensor: Any) -> Any:
    if is_lazy(tensor):
        return tensor.fill_(1)
    return constant_(tensor, 1)


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    linear_fns = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                  "conv_transpose2d", "conv_transpose3d"]  # fmt: skip
    if nonlinearity in linear_fns or nonlinearity == "sigmoid":
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            negative_slope = 0.01
        elif not isinstance(param, bool) and isinstance(param, (int, float)):
            negative_slope = param
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1 + negative_slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _calculate_fan_in_and_fan_out(tensor: Any) -> tuple[int, int]:
    dimensions = tensor.dim()
    if dimensions < 2:
        raise ValueError(
            "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"
        )
    num_input_fmaps = tensor.size(1)
    num_output_fmaps = tensor.size(0)
    receptive_field_size = 1
    if tensor.dim() > 2:
        for s in tensor.shape[2:]:
            receptive_field_size *= s
    return num_input_fmaps * receptive_field_size, num_output_fmaps * receptive_field_size


def _calculate_correct_fan(tensor: Any, mode: str) -> int:
    mode = mode.lower()
    valid_modes = ["fan_in", "fan_out"]
    if mode not in valid_modes:
        raise ValueError(f"Mode {mode} not supported, please use one of {valid_modes}")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return fan_in if mode == "fan_in" else fan_out


def xavier_uniform_(tensor: Any, gain: float = 1.0, generator: Any = None) -> Any:
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    a = math.sqrt(3.0) * std
    return uniform_(tensor, -a, a, generator)


def xavier_normal_(tensor: Any, gain: float = 1.0, generator: Any = None) -> Any:
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return normal_(tensor, 0.0, std, generator)


def kaiming_uniform_(tensor: Any, a: float = 0, mode: str = "fan_in",
                     nonlinearity: str = "leaky_relu", generator: Any = None) -> Any:  # fmt: skip
    refuse_uninitialised(tensor, kaiming_uniform_)
    if 0 in tuple(tensor.shape):  # torch: no fan to divide by, nothing to draw
        warnings.warn("Initializing zero-element tensors is a no-op", stacklevel=2)
        return tensor
    fan = _calculate_correct_fan(tensor, mode)
    gain = calculate_gain(nonlinearity, a)
    std = gain / math.sqrt(fan)
    bound = math.sqrt(3.0) * std
    return uniform_(tensor, -bound, bound, generator)


def kaiming_normal_(tensor: Any, a: float = 0, mode: str = "fan_in",
                    nonlinearity: str = "leaky_relu", generator: Any = None) -> Any:  # fmt: skip
    if 0 in tuple(tensor.shape):  # torch: no fan to divide by, nothing to draw
        warnings.warn("Initializing zero-element tensors is a no-op", stacklevel=2)
        return tensor
    fan = _calculate_correct_fan(tensor, mode)
    gain = calculate_gain(nonlinearity, a)
    std = gain / math.sqrt(fan)
    return normal_(tensor, 0, std, generator)


__getattr__ = _module_getattr("torch.nn.init")
