"""torch.nn's lazy modules: LazyLinear, LazyConv1d/2d, LazyConvTranspose1d/2d and
LazyBatchNorm1d/2d take their input size from the first forward, then become the module they
stand for (Linear, Conv2d, ...), the same objects with the same Parameters, so an optimizer
made before still holds them.

As torch: a forward pre-hook registered when the module is made shapes the
UninitializedParameters (`materialize`), runs the non-lazy `reset_parameters` (the same
random draws in the same order as the module built with that size), removes itself and
changes the module's class (`cls_to_become`)."""

from __future__ import annotations

from typing import Any

from .._tensor.core import Tensor
from .._tensor.creation import tensor as _tensor
from .. import dtypes
from ..autograd.grad_mode import no_grad
from .modules import (BatchNorm1d, BatchNorm2d, Conv1d, Conv2d, ConvTranspose1d,
                      ConvTranspose2d, Linear, _add_hook)  # fmt: skip
from .parameter import UninitializedBuffer, UninitializedParameter, is_lazy

# LazyModuleMixin is torch.nn.modules.lazy's, not torch.nn's
__all__ = ["LazyBatchNorm1d", "LazyBatchNorm2d", "LazyConv1d", "LazyConv2d", "LazyLinear"]
__all__ += ["LazyConvTranspose1d", "LazyConvTranspose2d"]


class LazyModuleMixin:
    """What every lazy module shares: the hook that initialises it on the first call."""

    cls_to_become: type | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._initialize_hook = _add_hook(
            self._forward_pre_hooks,  # type: ignore[attr-defined]
            LazyModuleMixin._infer_parameters, prepend=False, with_kwargs=False,
        )  # fmt: skip

    def initialize_parameters(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(
            f"initialize_parameters is not implemented for {self.__class__.__name__}"
        )

    def has_uninitialized_params(self) -> bool:
        """Whether a parameter or buffer of this module still waits for its shape."""
        own = (*self._parameters.values(), *self._buffers.values())  # type: ignore[attr-defined]
        return any(is_lazy(t) for t in own)

    @staticmethod
    def _infer_parameters(module: Any, args: tuple[Any, ...]) -> None:
        module.initialize_parameters(*args)
        if module.has_uninitialized_params():
            raise RuntimeError(f"module {module._get_name()} has not been fully initialized")
        module._initialize_hook.remove()
        delattr(module, "_initialize_hook")
        if module.cls_to_become is not None:
            module.__class__ = module.cls_to_become

    def _lazy_load_hook(self, state_dict: Any, prefix: str) -> None:
        """load_state_dict into a lazy module: a loaded tensor gives its parameter its shape."""
        own = (*self._parameters.items(), *self._buffers.items())  # type: ignore[attr-defined]
        for name, param in own:
            key = prefix + name
            if key in state_dict and param is not None and is_lazy(param):
                if not is_lazy(state_dict[key]):
                    with no_grad():
                        param.materialize(state_dict[key].shape)


class LazyLinear(LazyModuleMixin, Linear):
    """nn.Linear with in_features taken from the first input's last dimension."""

    cls_to_become = Linear

    def __init__(self, out_features: int, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:  # fmt: skip
        super().__init__(0, 0, False)
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        self.out_features = out_features
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)

    def reset_parameters(self) -> None:
        if not self.has_uninitialized_params() and self.in_features != 0:
            super().reset_parameters()

    def initialize_parameters(self, input: Tensor, *args: Any) -> None:
        if self.has_uninitialized_params():
            with no_grad():
                self.in_features = input.shape[-1]
                self.weight.materialize((self.out_features, self.in_features))
                if self.bias is not None:
                    self.bias.materialize((self.out_features,))
                self.reset_parameters()
        if self.in_features == 0:
            if input.shape[-1] != self.weight.shape[-1]:
                raise AssertionError(
                    f"The in_features inferred from input: {input.shape[-1]} is not equal to "
                    f"in_features from self.weight: {self.weight.shape[-1]}"
                )
            self.in_features = input.shape[-1]


class _LazyConvXdMixin(LazyModuleMixin):
    in_channels: int
    out_channels: int
    groups: int
    kernel_size: tuple[int, ...]
    transposed: bool
    _dims: int

    def __init__(self, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: Any = None, dtype: Any = None
                 ) -> None:  # fmt: skip
        # bias=False to the non-lazy constructor: no tensors made only to be replaced
        super().__init__(0, 0, kernel_size, stride, padding, dilation, groups, False,
                         padding_mode, device, dtype)  # fmt: skip
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        self.out_channels = out_channels
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)

    def reset_parameters(self) -> None:
        if not self.has_uninitialized_params() and self.in_channels != 0:
            super().reset_parameters()  # type: ignore[misc]

    def initialize_parameters(self, input: Tensor, *args: Any) -> None:
        if self.has_uninitialized_params():
            self.in_channels = self._get_in_channels(input)
            if self.in_channels % self.groups != 0:
                raise ValueError("in_channels must be divisible by groups")
            if self.transposed:
                shape = (self.in_channels, self.out_channels // self.groups, *self.kernel_size)
            else:
                shape = (self.out_channels, self.in_channels // self.groups, *self.kernel_size)
            self.weight.materialize(shape)
            if self.bias is not None:
                self.bias.materialize((self.out_channels,))
            self.reset_parameters()

    def _get_in_channels(self, input: Tensor) -> int:
        no_batch = self._dims + 1
        if input.dim() not in (no_batch, no_batch + 1):
            raise RuntimeError(
                f"Expected {no_batch}D (unbatched) or {no_batch + 1}D (batched) input to "
                f"{self.__class__.__name__}, but got input of size: {input.shape}"
            )
        return int(input.shape[1] if input.dim() == no_batch + 1 else input.shape[0])


class LazyConv1d(_LazyConvXdMixin, Conv1d):  # type: ignore[misc]
    """nn.Conv1d with in_channels taken from the first input."""

    cls_to_become = Conv1d


class LazyConv2d(_LazyConvXdMixin, Conv2d):  # type: ignore[misc]
    """nn.Conv2d with in_channels taken from the first input."""

    cls_to_become = Conv2d


class _LazyConvTransposeXdMixin(_LazyConvXdMixin):
    """The transposed convolutions' constructor (output_padding; dilation after bias)."""

    def __init__(self, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 output_padding: Any = 0, groups: int = 1, bias: bool = True,
                 dilation: Any = 1, padding_mode: str = "zeros", device: Any = None,
                 dtype: Any = None) -> None:  # fmt: skip
        LazyModuleMixin.__init__(self, 0, 0, kernel_size, stride, padding, output_padding,
                                 groups, False, dilation, padding_mode, device, dtype)  # fmt: skip
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        self.out_channels = out_channels
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)


class LazyConvTranspose1d(_LazyConvTransposeXdMixin, ConvTranspose1d):  # type: ignore[misc]
    """nn.ConvTranspose1d with in_channels taken from the first input."""

    cls_to_become = ConvTranspose1d


class LazyConvTranspose2d(_LazyConvTransposeXdMixin, ConvTranspose2d):  # type: ignore[misc]
    """nn.ConvTranspose2d with in_channels taken from the first input."""

    cls_to_become = ConvTranspose2d


class _LazyNormBase(LazyModuleMixin):
    num_features: int
    affine: bool
    track_running_stats: bool

    def __init__(self, eps: float = 1e-5, momentum: float | None = 0.1, affine: bool = True,
                 track_running_stats: bool = True, device: Any = None, dtype: Any = None,
                 bias: bool = True) -> None:  # fmt: skip
        super().__init__(0, eps, momentum, False, False, device, dtype, bias=False)
        self.affine = affine
        self.track_running_stats = track_running_stats
        if self.affine:
            self.weight = UninitializedParameter(device=device, dtype=dtype)
            if bias:
                self.bias = UninitializedParameter(device=device, dtype=dtype)
        if self.track_running_stats:
            self.running_mean = UninitializedBuffer(device=device, dtype=dtype)
            self.running_var = UninitializedBuffer(device=device, dtype=dtype)
            self.num_batches_tracked = _tensor(0, dtype=dtypes.int64)

    def reset_parameters(self) -> None:
        if not self.has_uninitialized_params() and self.num_features != 0:
            super().reset_parameters()  # type: ignore[misc]

    def initialize_parameters(self, input: Tensor, *args: Any) -> None:
        if self.has_uninitialized_params():
            self.num_features = int(input.shape[1])
            if self.affine:
                self.weight.materialize((self.num_features,))
                if self.bias is not None:
                    self.bias.materialize((self.num_features,))
            if self.track_running_stats:
                self.running_mean.materialize((self.num_features,))
                self.running_var.materialize((self.num_features,))
            self.reset_parameters()


class LazyBatchNorm1d(_LazyNormBase, BatchNorm1d):  # type: ignore[misc]
    """nn.BatchNorm1d with num_features taken from the first input's dimension 1."""

    cls_to_become = BatchNorm1d


class LazyBatchNorm2d(_LazyNormBase, BatchNorm2d):  # type: ignore[misc]
    """nn.BatchNorm2d with num_features taken from the first input's dimension 1."""

    cls_to_become = BatchNorm2d


for _cls in (LazyLinear,):
    _cls.__module__ = "torch.nn.modules.linear"
for _cls in (LazyConv1d, LazyConv2d, LazyConvTranspose1d, LazyConvTranspose2d):  # type: ignore[assignment]
    _cls.__module__ = "torch.nn.modules.conv"
for _cls in (LazyBatchNorm1d, LazyBatchNorm2d):  # type: ignore[assignment]
    _cls.__module__ = "torch.nn.modules.batchnorm"
LazyModuleMixin.__module__ = "torch.nn.modules.lazy"
