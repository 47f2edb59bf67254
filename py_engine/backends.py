"""torch.backends: the switches seeding boilerplate sets (`torch.backends.cudnn.deterministic
= True`, `benchmark = False`) and the questions device helpers ask
(`torch.backends.mps.is_available()`), answered as torch's CPU build answers them. The
switches are kept and read back; on the CPU they change nothing, as in torch."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any


def _no() -> bool:
    return False


def _yes() -> bool:
    return True


def _no_version() -> Any:
    return None


cudnn = SimpleNamespace(
    deterministic=False,
    benchmark=False,
    enabled=True,
    allow_tf32=True,
    is_available=_no,
    version=_no_version,
)
mps = SimpleNamespace(is_available=_no, is_built=_no)
cuda = SimpleNamespace(
    is_built=_no,
    matmul=SimpleNamespace(allow_tf32=False, allow_fp16_reduced_precision_reduction=True),
)
mkldnn = SimpleNamespace(is_available=_yes, enabled=True)
openmp = SimpleNamespace(is_available=_yes)

__all__ = ["cuda", "cudnn", "mkldnn", "mps", "openmp"]
