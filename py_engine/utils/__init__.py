"""torch.utils: the data loading tutorials use (`torch.utils.data`)."""

from . import data
from .._unsupported import module_getattr as _module_getattr

__all__ = ["data"]


__getattr__ = _module_getattr("torch.utils")
