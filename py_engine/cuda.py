"""torch.cuda: the playground runs on the CPU, and answers what learners' device helpers ask
(d2l's try_gpu calls torch.cuda.device_count()) as torch does on a machine without a GPU."""

from __future__ import annotations

from ._unsupported import module_getattr

__all__ = ["device_count", "is_available", "manual_seed", "manual_seed_all"]


def is_available() -> bool:
    return False


def device_count() -> int:
    return 0


def manual_seed(seed: int) -> None:
    """Silently ignored without CUDA, as torch's is."""


def manual_seed_all(seed: int) -> None:
    """Silently ignored without CUDA, as torch's is."""


__getattr__ = module_getattr("torch.cuda")
