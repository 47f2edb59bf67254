"""The answer to a torch name the playground lacks (`torch.fft`, `torch.nn.PixelShuffle`): a
NotImplementedError saying so, which is also an AttributeError so that `hasattr` and
`getattr(module, name, default)` keep working in learners' feature checks."""

from __future__ import annotations

from collections.abc import Callable


class Unsupported(NotImplementedError, AttributeError):
    """Raised for torch names the playground lacks: a NotImplementedError to the learner,
    and an AttributeError to getattr(torch, name, default) and hasattr."""


Unsupported.__name__ = Unsupported.__qualname__ = "NotImplementedError"


def unsupported(qualname: str) -> Unsupported:
    """The error for `torch.fft` and the like, named as the learner wrote it."""
    return Unsupported(
        f"{qualname} is not supported in the playground (see docs/engine.md for what is)"
    )


def module_getattr(prefix: str) -> Callable[[str], object]:
    """A module's __getattr__ that refuses every name it is asked for, as `prefix.name`."""

    def __getattr__(name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        raise unsupported(f"{prefix}.{name}")

    return __getattr__
