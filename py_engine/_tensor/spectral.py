"""torch.stft for real signals with return_complex=False (the deprecated real view,
(..., freq, frame, 2)): the signal padded as torch.functional.stft pads it (F.pad, reflect
by default), framed, windowed and transformed (numpy's FFT) as ATen's stft does, with its
checks, messages and warnings. The engine has no complex dtype: return_complex=True and
torch.istft say so."""

from __future__ import annotations

import warnings
from typing import Any

from .. import dtypes
from .._unsupported import unsupported
from ..autograd import derivatives as rows
from .core import Tensor
from .dispatch import _apply

__all__ = ["istft", "stft"]

_warned: set[str] = set()


def _warn_once(key: str, message: str) -> None:
    if key not in _warned:  # torch warns once a process (TORCH_WARN_ONCE)
        _warned.add(key)
        warnings.warn(message, UserWarning, stacklevel=3)


_TYPES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long",
          "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}  # fmt: skip


def _shown(t: Tensor) -> str:
    return f"torch.{_TYPES[t.dtype.name]}Tensor"


def stft(input: Tensor, n_fft: int, hop_length: Any = None, win_length: Any = None,
         window: Any = None, center: bool = True, pad_mode: str = "reflect",
         normalized: bool = False, onesided: Any = None, return_complex: Any = None,
         align_to_window: Any = None) -> Tensor:  # fmt: skip
    """The short-time Fourier transform of a real signal (1D, or 2D a batch)."""
    from ..nn import functional as F

    if center and align_to_window is not None:
        raise RuntimeError("stft align_to_window should only be set when center = false")
    if center:
        signal_dim = input.ndim
        extended = [1] * (3 - signal_dim) + list(input.shape)
        pad = int(n_fft // 2)
        input = F.pad(input.view(extended), [pad, pad], pad_mode)
        input = input.view(input.shape[-signal_dim:])
    if window is None:
        _warn_once("window", _NO_WINDOW)
    if return_complex is None:
        raise RuntimeError(
            "stft requires the return_complex parameter be given for real inputs, and will "
            "further require that return_complex=True in a future PyTorch release."
        )
    hop = n_fft >> 2 if hop_length is None else int(hop_length)
    win = n_fft if win_length is None else int(win_length)
    shown_window = (
        "None" if window is None else f"{_shown(window)}{{[{', '.join(map(str, window.shape))}]}}"
    )
    where = (
        f"stft({_shown(input)}[{', '.join(map(str, input.shape))}], n_fft={n_fft}, "
        f"hop_length={hop}, win_length={win}, window={shown_window}, "
        f"normalized={int(normalized)}, onesided={'None' if onesided is None else int(onesided)}, "
        f"return_complex={int(bool(return_complex))}, align_to_window={align_to_window}) : "
    )
    if return_complex:
        raise unsupported("torch.stft with return_complex=True (the engine has no complex dtypes)")
    _warn_once("real", _REAL_DEPRECATED)
    if not input.dtype.is_floating_point:
        raise RuntimeError(where + "expected a tensor of floating point or complex values")
    if input.ndim not in (1, 2):
        raise RuntimeError(where + "expected a 1D or 2D tensor")
    x = input.unsqueeze(0) if input.ndim == 1 else input
    length = x.shape[1]
    if not 0 < n_fft <= length:
        raise RuntimeError(where + f"expected 0 < n_fft < {length}, but got n_fft={n_fft}")
    if hop <= 0:
        raise RuntimeError(where + f"expected hop_length > 0, but got hop_length={hop}")
    if not 0 < win <= n_fft:
        raise RuntimeError(where + f"expected 0 < win_length <= n_fft, but got win_length={win}")
    if window is not None and (window.ndim != 1 or window.shape[0] != win):
        raise RuntimeError(
            where + "expected a 1D window tensor of size equal to win_length="
            f"{win}, but got window with size [{', '.join(map(str, window.shape))}]"
        )
    from .creation import ones

    w = window if window is not None else ones(win, dtype=input.dtype)
    if win < n_fft:  # the window centred in n_fft, zeros around it
        left = (n_fft - win) // 2
        w = F.pad(w, (left, n_fft - win - left))
    if w.dtype is not x.dtype:
        w = w.to(dtypes.promote_types(w.dtype, x.dtype))
        x = x.to(w.dtype)
    params = {"n_fft": int(n_fft), "hop": hop, "onesided": True if onesided is None else bool(onesided),
              "normalized": bool(normalized), "squeeze": input.ndim == 1}  # fmt: skip
    return _apply(rows.stft_real, (x, w), params)


Tensor.stft = stft  # type: ignore[attr-defined]


def istft(input: Tensor, n_fft: int, *args: Any, **kwargs: Any) -> Tensor:
    raise unsupported("torch.istft (it takes the complex output of stft; the engine has no "
                      "complex dtypes)")  # fmt: skip


Tensor.istft = istft  # type: ignore[attr-defined]

_NO_WINDOW = (
    "A window was not provided. A rectangular window will be applied,which is known to cause "
    "spectral leakage. Other windows such as torch.hann_window or torch.hamming_window are "
    "recommended to reduce spectral leakage.To suppress this warning and use a rectangular "
    "window, explicitly set `window=torch.ones(n_fft, device=<device>)`. (Triggered internally "
    "at /__w/pytorch/pytorch/aten/src/ATen/native/SpectralOps.cpp:835.)"
)
_REAL_DEPRECATED = (
    "stft with return_complex=False is deprecated. In a future pytorch release, stft will "
    "return complex tensors for all inputs, and return_complex=False will raise an error.\n"
    "Note: you can still call torch.view_as_real on the complex output to recover the old "
    "return format. (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/SpectralOps.cpp:874.)"
)
