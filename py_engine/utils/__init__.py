"""torch.utils: the data loading tutorials use (`torch.utils.data`)."""

from . import data

__all__ = ["data"]
