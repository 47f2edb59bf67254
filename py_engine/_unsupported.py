"""The answer to a torch name the playground lacks (`torch.fft`, `torch.nn.PixelShuffle`): a
NotImplementedError saying so, which is also an AttributeError so that `hasattr` and
`getattr(module, name, default)` keep working in learners' feature checks."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any


class Unsupported(NotImplementedError, AttributeError):
    """Raised for torch names the playground lacks: a NotImplementedError to the learner,
    and an AttributeError to getattr(torch, name, default) and hasattr."""


Unsupported.__name__ = Unsupported.__qualname__ = "NotImplementedError"


def unsupported(qualname: str) -> Unsupported:
    """The error for `torch.fft` and the like, named as the learner wrote it."""
    return Unsupported(
        f"{qualname} is not supported in the playground (see docs/engine.md for what is)"
    )


def module_getattr(
    prefix: str, lazy: Mapping[str, str] | None = None, owner: str = ""
) -> Callable[[str], Any]:
    """The __getattr__ of module `owner`, which refuses every name it is asked for, as
    `prefix.name`, but those of `lazy`: name -> the module that defines it (or is it), imported
    at the first use of one of its names. Families few programs touch (transformer layers,
    distributions, ...) are imported that way: every start of the page imported them before
    (docs/performance.md, "The cold start, fifth round")."""

    def __getattr__(name: str) -> Any:
        if lazy is not None and name in lazy:
            # "module" or "module:its name for it"
            path, _, attribute = lazy[name].partition(":")
            module = importlib.import_module(path)
            if attribute:
                value = getattr(module, attribute)
            elif module.__name__ == f"{owner}.{name}":  # the submodule itself
                value = module
            else:
                value = getattr(module, name)
            # Kept in the module, so that only the first use comes here.
            setattr(sys.modules[owner], name, value)
            return value
        if name.startswith("__"):
            raise AttributeError(name)
        raise unsupported(f"{prefix}.{name}")

    return __getattr__


def lazy_names(families: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """module_getattr's `lazy` table from module -> the names it defines ("module:name" for a
    name it defines under another)."""
    return {name: module for module, names in families.items() for name in names}
