"""Anomaly detection (torch.autograd.detect_anomaly / set_detect_anomaly): while it is on, a
backward node whose gradient has a NaN stops the backward pass with PyTorch's error. (The
forward traceback PyTorch also warns with is not kept.)"""

from __future__ import annotations

import warnings
from typing import Any

# [enabled, check_nan]: read by the backward engine after each node
_anomaly = [False, True]


def is_anomaly_enabled() -> bool:
    return _anomaly[0]


def is_anomaly_check_nan_enabled() -> bool:
    return _anomaly[1]


def set_anomaly_enabled(enabled: bool, check_nan: bool = True) -> None:
    _anomaly[0], _anomaly[1] = bool(enabled), bool(check_nan)


class detect_anomaly:
    """Context manager turning anomaly detection on, with torch's warning."""

    def __init__(self, check_nan: bool = True) -> None:
        self.check_nan = check_nan
        self.prev = is_anomaly_enabled()
        self.prev_check_nan = is_anomaly_check_nan_enabled()
        warnings.warn(
            "Anomaly Detection has been enabled. This mode will increase the runtime and should "
            "only be enabled for debugging.",
            UserWarning,
            stacklevel=2,
        )

    def __enter__(self) -> None:
        set_anomaly_enabled(True, self.check_nan)

    def __exit__(self, *args: Any) -> None:
        set_anomaly_enabled(self.prev, self.prev_check_nan)


class set_detect_anomaly:
    """Turns anomaly detection on or off: at once when called, back when used as a context
    manager ends."""

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self.prev = is_anomaly_enabled()
        self.prev_check_nan = is_anomaly_check_nan_enabled()
        set_anomaly_enabled(mode, check_nan)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *args: Any) -> None:
        set_anomaly_enabled(self.prev, self.prev_check_nan)


def check_nan(name: str, grads: list[Any]) -> None:
    """PyTorch's check after a node ran, while anomaly detection is on."""
    import numpy as np

    for i, g in enumerate(grads):
        if g is None:
            continue
        values = g._data if hasattr(g, "_data") else np.asarray(g)
        if values.dtype.kind == "f" and np.isnan(values).any():
            raise RuntimeError(f"Function '{name}' returned nan values in its {i}th output.")
