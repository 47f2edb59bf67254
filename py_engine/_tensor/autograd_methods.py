"""Tensor methods that reach into autograd's machinery: `register_hook` (PyTorch's tensor
pre-hooks, run by the engine before the tensor's grad_fn or its leaf's AccumulateGrad) and
`is_inference` (tensors made under torch.inference_mode)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from ..autograd import engine
from ..autograd.grad_mode import _inference_listeners, _inference_tensors, _is_inference_tensor
from .core import Tensor

_handle_ids = itertools.count()


class RemovableHandle:
    """What register_hook returns: `.remove()` takes the hook away."""

    def __init__(self, hooks: dict[int, Any]) -> None:
        self.id = next(_handle_ids)
        self._hooks = hooks

    def remove(self) -> None:
        self._hooks.pop(self.id, None)

    def __enter__(self) -> RemovableHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def __repr__(self) -> str:
        return f"<torch.utils.hooks.RemovableHandle object at {id(self):#x}>"


def register_hook(self: Tensor, hook: Callable[[Tensor], Any]) -> RemovableHandle:
    if not self._rg:
        raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
    node: Any = self.grad_fn if self.grad_fn is not None else self._accumulator()
    if node.multi:  # one output of a split: its own hooks
        node = node.port(self)
    hooks = engine.tensor_hooks.get(node)
    if hooks is None:
        hooks = engine.tensor_hooks[node] = {}
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook
    return handle


_plain_make = Tensor.__dict__["_make"]


def _make_inference(data: Any, grad_fn: Any, version: list[int] | None = None) -> Tensor:
    # Inference mode records no graph, even where grad mode is on (enable_grad inside it).
    t = _plain_make.__func__(data, None, version)
    _inference_tensors[id(t)] = t
    return t


def _on_inference(enabled: bool) -> None:
    # Only while inference mode is on does making a tensor cost the extra bookkeeping.
    Tensor._make = staticmethod(_make_inference) if enabled else _plain_make  # type: ignore[method-assign]


_inference_listeners.append(_on_inference)


def is_inference(self: Tensor) -> bool:
    return _is_inference_tensor(self)


Tensor.register_hook = register_hook  # type: ignore[attr-defined]
Tensor.is_inference = is_inference  # type: ignore[attr-defined]
