"""torch.nn: only what autograd tutorials use (functional losses)."""

from . import functional

__all__ = ["functional"]
