"""torch.compile, as far as a learner's program sees it: a module comes back wrapped in an
OptimizedModule (printed with its `_orig_mod`, its state_dict keys prefixed so), a function
in a function, and what they return is what the eager code returns. The engine has no
compiler: the code runs as it is. Outside backend="eager", PyTorch's compiled graph is one
autograd node, so a result that requires grad comes out of a CompiledFunctionBackward."""

from __future__ import annotations

import functools
from typing import Any

from .autograd import derivatives as rows
from ._tensor.core import Tensor
from ._tensor.dispatch import _apply
from .nn.modules import Module

__all__ = ["compile"]

_MODES = ("default", "lite", "reduce-overhead", "max-autotune-no-cudagraphs", "max-autotune")


def _through_graph(out: Any, backend: str) -> Any:
    if backend == "eager":
        return out
    if isinstance(out, Tensor) and out.requires_grad:
        return _apply(rows.compiled_function, (out,), {})
    if isinstance(out, tuple):
        return type(out)(_through_graph(o, backend) for o in out)
    return out


class OptimizedModule(Module):
    """A compiled module: the original under `_orig_mod`, its attributes read through."""

    def __init__(self, mod: Module, backend: str) -> None:
        super().__init__()
        self._orig_mod = mod
        object.__setattr__(self, "_backend", backend)

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        return _through_graph(self._orig_mod(*args, **kwargs), self._backend)

    def __getattr__(self, name: str) -> Any:
        try:
            return super().__getattr__(name)
        except AttributeError:
            return getattr(self.__dict__["_modules"]["_orig_mod"], name)


OptimizedModule.__module__ = "torch._dynamo.eval_frame"


def compile(model: Any = None, *, fullgraph: bool = False, dynamic: Any = None,
            backend: Any = "inductor", mode: Any = None, options: Any = None,
            disable: bool = False) -> Any:  # fmt: skip
    if mode is not None and mode not in _MODES:
        raise RuntimeError(f"Unrecognized mode={mode}, should be one of: {', '.join(_MODES)}")
    if model is None:  # @torch.compile(...) with arguments
        return lambda fn: compile(fn, fullgraph=fullgraph, dynamic=dynamic, backend=backend,
                                  mode=mode, options=options, disable=disable)  # fmt: skip
    if not callable(model):
        raise AssertionError(f"A callable function is expected, but {type(model)} is provided.")
    name = backend if isinstance(backend, str) else "custom"
    if disable:
        return model
    if isinstance(model, Module):
        return OptimizedModule(model, name)

    @functools.wraps(model)
    def compiled(*args: Any, **kwargs: Any) -> Any:
        return _through_graph(model(*args, **kwargs), name)

    return compiled
