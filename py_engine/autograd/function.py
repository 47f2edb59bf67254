"""torch.autograd.Function: autograd functions written by users, as PyTorch runs them.

A subclass gives static `forward` and `backward`; `Fn.apply(...)` runs `forward` without
recording a graph and, when grad mode is on and a tensor input requires grad, gives its
differentiable outputs one backward node named `<Fn>Backward`, like any other grad_fn:
the engine runs it in PyTorch's order, hooks and retain_grad see it, and the playground's
Step backward trace shows it with the rule `FnBackward.backward(ctx, grad)`.

Both of PyTorch's forms work: `forward(ctx, *args)`, and `forward(*args)` with
`setup_context(ctx, inputs, output)`. A custom function has one node for all its outputs
in PyTorch; here its outputs after the first that require grad are not supported (the
engine's nodes take one gradient), which single-output functions, the common case, never
meet.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from . import formulas as F
from . import seam
from .grad_mode import _grad_enabled
from .graph import SECOND_BACKWARD, Node, Port

__all__ = ["Function", "FunctionCtx", "once_differentiable"]


class FunctionCtx:
    """The `ctx` a custom function's forward and backward share."""

    def __init__(self) -> None:
        self.to_save: tuple[Any, ...] = ()
        self._versions: tuple[int, ...] = ()
        self.non_differentiable: set[int] = set()
        self.needs_input_grad: tuple[bool, ...] = ()
        self.materialize_grads = True
        self._node: Any = None
        self._outputs: dict[int, Any] = {}  # id(raw output) -> the output users got

    def save_for_backward(self, *tensors: Any) -> None:
        for t in tensors:
            if t is not None and not seam.is_tensor(t):
                raise TypeError(
                    "save_for_backward can only save variables, but argument "
                    f"{tensors.index(t)} is of type {type(t).__name__}"
                )
        self.to_save = tensors
        self._versions = tuple(t._ver[0] if t is not None else 0 for t in tensors)

    def save_for_forward(self, *tensors: Any) -> None:
        pass

    def mark_non_differentiable(self, *args: Any) -> None:
        self.non_differentiable.update(id(t) for t in args)

    def mark_dirty(self, *args: Any) -> None:
        pass

    def set_materialize_grads(self, value: bool) -> None:
        self.materialize_grads = bool(value)

    @property
    def saved_tensors(self) -> tuple[Any, ...]:
        node = self._node() if isinstance(self._node, weakref.ref) else self._node
        if node is not None and node.released:
            raise RuntimeError(SECOND_BACKWARD)
        out: list[Any] = []
        for t, version in zip(self.to_save, self._versions):
            if t is None:
                out.append(None)
                continue
            if t._ver[0] != version:
                raise RuntimeError(
                    "one of the variables needed for gradient computation has been modified "
                    f"by an inplace operation: [torch.{t.dtype.short}Tensor "
                    f"[{', '.join(map(str, t.shape))}]] is at version {t._ver[0]}; "
                    f"expected version {version} instead. Hint: enable anomaly detection to "
                    "find the operation that failed to compute its gradient, with "
                    "torch.autograd.set_detect_anomaly(True, check_nan=False)."
                )
            # A saved output comes back as the output users got, with this node as grad_fn.
            out.append(self._outputs.get(id(t), t))
        return tuple(out)

    @property
    def saved_variables(self) -> tuple[Any, ...]:
        return self.saved_tensors


class _CustomRow:
    """What the engine and the trace read of a node's row (`name`, `inputs`, `rules`)."""

    __slots__ = ("name", "inputs", "rules", "formulas", "saves_params")
    is_view = False  # its outputs are new tensors: in-place writes on them are allowed

    def __init__(self, name: str, n_inputs: int) -> None:
        self.name = name
        self.inputs = tuple(f"input{i}" for i in range(n_inputs))
        rule = f"{name}.backward(ctx, grad)"
        self.rules = (rule,) * n_inputs
        self.formulas = (None,) * n_inputs
        self.saves_params = ()


class BackwardCFunction(Node):
    """The grad_fn of a custom function's outputs: runs the user's backward."""

    __slots__ = ("ctx", "cls", "n_args", "outputs", "diff_index")
    ctx: FunctionCtx
    cls: Any
    n_args: int
    # forward's outputs as (shape, numpy dtype), None for a non-tensor; which of them are
    # differentiable: backward takes a gradient for each, zeros (or None) where none came
    outputs: list[tuple[tuple[int, ...], Any] | None]
    diff_index: tuple[int, ...]

    def __repr__(self) -> str:
        return f"<torch.autograd.function.{self.fn.name} object at {id(self):#x}>"

    @property
    def next_functions(self) -> tuple[tuple[Any, int], ...]:
        # torch gives edges to tensor arguments only (non-tensors stand as None in .inputs)
        return tuple((e, 0) for e, a in zip(self.next, self.inputs) if a is not None)

    def apply(self, grad: Any, create_graph: bool) -> list[Any]:
        name = self.fn.name
        # one gradient, or (several differentiable outputs) a slot per output, None where
        # no gradient reached that output
        arrived = grad if self.multi else [grad if i == self.diff_index[0] else None
                                           for i in range(len(self.outputs))]  # fmt: skip
        grads: list[Any] = []
        for spec, g in zip(self.outputs, arrived):
            if g is not None:
                grads.append(g if seam.is_tensor(g) else seam.make(np.asarray(g), None))
            elif spec is None or not self.ctx.materialize_grads:
                grads.append(None)
            else:
                grads.append(seam.make(np.zeros(spec[0], spec[1]), None))
        result = self.cls.backward(self.ctx, *grads)
        if not isinstance(result, tuple):
            result = (result,)
        if len(result) != self.n_args:
            # PyTorch allows extra trailing Nones
            if len(result) > self.n_args and all(r is None for r in result[self.n_args :]):
                result = result[: self.n_args]
            else:
                raise RuntimeError(
                    f"function {name} returned an incorrect number of gradients (expected "
                    f"{self.n_args}, got {len(result)})"
                )
        out: list[Any] = []
        for i, (nxt, r) in enumerate(zip(self.next, result)):
            if nxt is None or r is None:
                out.append(None)
                continue
            if not seam.is_tensor(r):
                raise TypeError(
                    f"expected Tensor or None as gradient {i} of {name}, got {type(r).__name__}"
                )
            source = self.inputs[i]
            if r.shape != source.shape:
                try:
                    np.broadcast_shapes(r.shape, source.shape)
                    if len(r.shape) < len(source.shape):
                        raise ValueError
                except ValueError:
                    raise RuntimeError(
                        f"Function {name} returned an invalid gradient at index {i} - got "
                        f"[{', '.join(map(str, r.shape))}] but expected shape compatible with "
                        f"[{', '.join(map(str, source.shape))}]"
                    ) from None
            value = r if create_graph else r._data
            out.append(F.conform(value, source._data.shape, source.dtype))
        return out


def _new_node(cls: type, ctx: FunctionCtx, args: tuple[Any, ...], out: Any,
              multi: bool) -> BackwardCFunction:  # fmt: skip
    # one node class per Function, as torch's <Fn>Backward; a second one, with the engine's
    # multi-output handling, for calls that return several differentiable outputs
    key = "_backward_cls_multi" if multi else "_backward_cls"
    node_class = cls.__dict__.get(key)
    if node_class is None:
        node_class = type(f"{cls.__name__}Backward", (BackwardCFunction,),
                          {"__slots__": (), "multi": multi})  # fmt: skip
        setattr(cls, key, node_class)
    node = object.__new__(node_class)
    node.fn = _CustomRow(f"{cls.__name__}Backward", len(args))  # type: ignore[assignment,unused-ignore]
    # Non-tensor arguments stand as None: they have no edge.
    node.inputs = [a if seam.is_tensor(a) else None for a in args]
    node.next = [
        (a.grad_fn or a._accumulator()) if seam.is_tensor(a) and a._rg else None for a in args
    ]
    node.saved = {}
    node.params = {}
    node.out_data = out._data
    node.out_version = out._ver
    from .graph import _sequence

    node.seq = next(_sequence)
    node.released = False
    node.has_saved = False
    node.retained = None
    node.ctx = ctx
    node.cls = cls
    node.n_args = len(args)
    return node


class FunctionMeta(type):
    pass


class Function(metaclass=FunctionMeta):
    """Base class of autograd functions written by users (torch.autograd.Function)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        import warnings

        warnings.warn(
            f"{self.__class__} should not be instantiated. Methods on autograd functions "
            "are all static, so you should invoke them on the class itself. Instantiating "
            "an autograd function will raise an error in a future version of PyTorch.",
            DeprecationWarning,
            stacklevel=2,
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(
            "Legacy autograd function with non-static forward method is deprecated. Please "
            "use new-style autograd function with static forward method. (Example: "
            "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)"
        )

    @staticmethod
    def forward(*args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            "You must implement the forward function for custom autograd.Function."
        )

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: Any) -> Any:
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx: Any, *grad_outputs: Any) -> Any:
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom "
            "autograd.Function to use it with backward mode AD."
        )

    vjp = backward

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        ctx = FunctionCtx()
        tracked = _grad_enabled[0]
        ctx.needs_input_grad = tuple(bool(tracked and seam.is_tensor(a) and a._rg) for a in args)
        new_style = cls.setup_context is not Function.setup_context
        prev = _grad_enabled[0]
        _grad_enabled[0] = False
        try:
            if new_style:
                raw = cls.forward(*args, **kwargs)
                cls.setup_context(ctx, args, raw)
            else:
                raw = cls.forward(ctx, *args, **kwargs)
        finally:
            _grad_enabled[0] = prev
        if not any(ctx.needs_input_grad):
            return raw
        outputs = raw if isinstance(raw, tuple) else (raw,)
        diff = tuple(
            i
            for i, o in enumerate(outputs)
            if seam.is_tensor(o)
            and id(o) not in ctx.non_differentiable
            and o.dtype.is_floating_point
        )
        wrapped: list[Any] = list(outputs)
        for i, o in enumerate(outputs):
            if seam.is_tensor(o) and id(o) in ctx.non_differentiable:
                wrapped[i] = seam.make(o._data, None, o._ver)
        if diff:
            # all differentiable outputs share one node, as in torch
            node = _new_node(cls, ctx, args, outputs[diff[0]], multi=len(diff) > 1)
            node.outputs = [(x.shape, x._data.dtype) if seam.is_tensor(x) else None
                            for x in outputs]  # fmt: skip
            node.diff_index = diff
            for i in diff:
                o = outputs[i]
                w = wrapped[i] = seam.make(o._data, node, o._ver)
                ctx._outputs[id(o)] = w
            if node.multi:
                node.params = {
                    "outputs": {id(wrapped[i]): i for i in diff},
                    "ports": [Port(node, i) for i in range(len(outputs))],
                }
            ctx._node = weakref.ref(node)
        return tuple(wrapped) if isinstance(raw, tuple) else wrapped[0]


def once_differentiable(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Runs a custom backward without recording a graph (its result is not differentiable)."""

    @functools.wraps(fn)
    def wrapper(ctx: Any, *args: Any) -> Any:
        prev = _grad_enabled[0]
        _grad_enabled[0] = False
        try:
            return fn(ctx, *args)
        finally:
            _grad_enabled[0] = prev

    return wrapper
