"""torch.stft with return_complex=False compared with torch: the spectrogram's values
(within float32 FFT rounding: torch's and numpy's FFTs sum in different orders), shapes,
the top grad_fn, gradients for the signal and the window, padding modes, refusals and the
deprecation warnings; return_complex=True and istft say the engine has no complex dtype."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check


def _raised(fn: Any) -> Any:
    try:
        fn()
    except Exception as e:
        return (type(e).__name__, str(e))
    return None


CASES: dict[str, Any] = {
    "hann": lambda torch, x, w: torch.stft(x, 8, window=w, return_complex=False),
    "hop_win": lambda torch, x, w: torch.stft(
        x, 8, hop_length=3, win_length=6, window=w[:6], return_complex=False
    ),
    "full": lambda torch, x, w: torch.stft(x, 8, window=w, onesided=False, return_complex=False),
    "normalized": lambda torch, x, w: torch.stft(
        x, 8, window=w, normalized=True, return_complex=False
    ),
    "batch_no_center": lambda torch, x, w: torch.stft(
        x.reshape(2, 12), 4, hop_length=2, window=w[:4], center=False, return_complex=False
    ),
    "constant_pad": lambda torch, x, w: torch.stft(
        x, 8, window=w, pad_mode="constant", return_complex=False
    ),
    "rectangular": lambda torch, x, w: torch.stft(x, 6, hop_length=2, return_complex=False),
}


@pytest.mark.parametrize("name", list(CASES))
def test_stft_values_and_gradients(name: str) -> None:
    def program(torch: Any) -> Any:
        x = (torch.arange(24.0) * 0.7).sin().requires_grad_()
        w = torch.hann_window(8).requires_grad_()
        out = CASES[name](torch, x, w)
        (out * torch.arange(float(out.numel())).reshape(out.shape).cos()).sum().backward()
        return out, x.grad, w.grad

    check(program, rtol=1e-5, atol=2e-5)  # float32 FFTs of 8 points, summed in their own order


def test_stft_refusals_and_warnings() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(16.0).sin()
        return [
            _raised(lambda: torch.stft(x, 32, return_complex=False, center=False)),
            _raised(lambda: torch.stft(x, 8, hop_length=0, return_complex=False)),
            _raised(lambda: torch.stft(x, 8, win_length=9, return_complex=False)),
            _raised(lambda: torch.stft(x, 8, window=torch.ones(7), return_complex=False)),
            _raised(lambda: torch.stft(torch.ones(2, 2, 8), 4, return_complex=False)),
            _raised(lambda: torch.stft(x.long(), 8, return_complex=False)),
            _raised(lambda: torch.stft(x, 8)),
            _raised(lambda: torch.stft(x, 8, center=True, align_to_window=True)),
        ]

    check(program)


def test_complex_results_say_so() -> None:
    import py_engine

    x = py_engine.arange(16.0)
    with pytest.raises(
        NotImplementedError, match=r"torch\.stft with return_complex=True .*complex"
    ):
        py_engine.stft(x, 8, window=py_engine.hann_window(8), return_complex=True)
    with pytest.raises(NotImplementedError, match=r"torch\.istft .*complex"):
        py_engine.istft(py_engine.ones(5, 9, 2), 8)
