"""The autograd core: grad mode, graph nodes (`grad_fn`) and the backward engine.

A `Function` is one row of the derivatives table (see `functions.py`): a forward on numpy
arrays and, per differentiable input, a formula for its gradient. A formula's parameter
names say what it needs, as in PyTorch's derivatives.yaml: `grad`, the inputs by name
(`self`, `other`, `exponent`), `result`, the op's options by name, and `<input>_shape`.
The inputs and result a formula names are the tensors its node saves; a node that saved
tensors cannot be run a second time unless the graph was retained, exactly as in PyTorch.

Formulas run on numpy arrays when the backward does not build a graph, and on tensors
when it does (`create_graph=True`), which makes gradients differentiable. The `F`
helpers dispatch between the two.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import re
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import dtypes

# --------------------------------------------------------------------------- grad mode

# One flag for the whole engine: PyTorch keeps it per thread, but the engine runs on one
# thread (a Web Worker), and every op reads it, so it is a plain global.
_grad_enabled = [True]


def is_grad_enabled() -> bool:
    return _grad_enabled[0]


class set_grad_enabled:
    """Sets grad mode at once; as a context manager, restores the previous mode on exit."""

    def __init__(self, mode: bool) -> None:
        self.prev = _grad_enabled[0]
        _grad_enabled[0] = bool(mode)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self.prev


class _GradMode:
    """Base of no_grad/enable_grad: a context manager that is also a decorator, with or
    without parentheses (`@torch.no_grad` and `@torch.no_grad()`)."""

    mode = True

    def __new__(cls, func: Callable | None = None) -> Any:
        instance = super().__new__(cls)
        if func is not None and callable(func):
            return instance(func)
        return instance

    def __init__(self, func: Callable | None = None) -> None:
        pass

    def __enter__(self) -> None:
        self._prev = _grad_enabled[0]
        _grad_enabled[0] = self.mode

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self._prev

    def __call__(self, fn: Callable) -> Callable:
        mode = self.mode

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            prev = _grad_enabled[0]
            _grad_enabled[0] = mode
            try:
                return fn(*args, **kwargs)
            finally:
                _grad_enabled[0] = prev

        return wrapper


class no_grad(_GradMode):
    mode = False


class enable_grad(_GradMode):
    mode = True


# --------------------------------------------------------------------------- errors

SECOND_BACKWARD = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)


# --------------------------------------------------------------------------- the table's row


_GRAD, _SAVED, _SHAPE, _PARAM = range(4)
_DIRECT_GRAD, _DIRECT_SAVED, _GENERAL = range(3)


_FORMULA_GLOBALS: dict[str, Any] = {}  # filled below, once F exists
_FLOAT32 = np.dtype(np.float32)


def _compile_formula(text: str) -> tuple[Callable[..., Any], tuple[str, ...]]:
    """A formula of the table as a function of the names it uses (F, np and builtins aside).
    The text is this package's own source, never data from a document."""
    import ast
    import builtins

    tree = ast.parse(text, mode="eval")
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in names:
            if node.id not in ("F", "np") and not hasattr(builtins, node.id):
                names.append(node.id)
    # "grad" first, as PyTorch writes it; the rest in a fixed order
    uses = tuple(sorted(names, key=lambda n: (n != "grad", n)))
    fn = eval(f"lambda {', '.join(uses)}: {text}", _FORMULA_GLOBALS)
    return fn, uses


class Function:
    """One differentiable op: PyTorch's backward node name, a numpy forward and a gradient
    formula per differentiable input (None where the input has no gradient)."""

    __slots__ = ("name", "forward", "inputs", "formulas", "rules", "uses", "saves_params", "save_plan",
                 "arg_plan", "node_class", "is_view", "saves_any", "calls")  # fmt: skip

    def __init__(
        self,
        name: str,
        forward: Callable[..., Any],
        inputs: Sequence[str],
        formulas: Sequence[Callable[..., Any] | None],
        saves_params: Sequence[str] = (),
        is_view: bool = False,
    ) -> None:
        self.name = name
        # A view of a leaf that requires grad, taken under no_grad, still requires grad.
        self.is_view = is_view
        # Options that PyTorch keeps as saved tensors (indices of max(dim), where's mask):
        # they make a second backward fail like any saved tensor.
        self.saves_params = tuple(saves_params)
        self.forward = forward
        self.inputs = tuple(inputs)
        assert len(self.inputs) == len(formulas), name
        self.rules = tuple(formulas)
        compiled = [_compile_formula(f) if f is not None else (None, ()) for f in formulas]
        self.formulas = tuple(c[0] for c in compiled)
        # What each formula needs: the names it uses.
        self.uses = tuple(c[1] for c in compiled)
        # Worked out once here, so that building nodes and running them parses no names:
        # per input, the tensors its formula saves (-1 is the result) ...
        self.save_plan = tuple(
            tuple((u, -1 if u == "result" else self.inputs.index(u))
                  for u in uses if u == "result" or u in self.inputs)
            for uses in self.uses
        )  # fmt: skip
        # ... and how to fetch each of its arguments.
        self.arg_plan = tuple(tuple(self._arg_kind(u) for u in uses) for uses in self.uses)
        self.saves_any = any(self.save_plan)
        # Most formulas take (grad) or (grad, one saved tensor): those are called directly.
        self.calls = tuple(
            _DIRECT_GRAD if plan == ((_GRAD, None),)
            else _DIRECT_SAVED if len(plan) == 2 and plan[0] == (_GRAD, None) and plan[1][0] == _SAVED
            else _GENERAL
            for plan in self.arg_plan
        )  # fmt: skip
        # type(y.grad_fn).__name__ is "MulBackward0" in PyTorch, so each row gets a class.
        self.node_class = type(name, (Node,), {"__slots__": ()})

    def _arg_kind(self, used: str) -> tuple[int, Any]:
        if used == "grad":
            return (_GRAD, None)
        if used == "result" or used in self.inputs:
            return (_SAVED, used)
        if used.endswith("_shape") and used[:-6] in self.inputs:
            return (_SHAPE, self.inputs.index(used[:-6]))
        return (_PARAM, used)

    def __repr__(self) -> str:
        return f"Function({self.name})"


class _TensorBase:
    """Marker base of Tensor, so that this module can tell tensors from arrays."""

    __slots__ = ()


_sequence = itertools.count()


class Node:
    """A `grad_fn`: one application of a Function in the graph."""

    __slots__ = (
        "fn",
        "next",
        "saved",
        "params",
        "out_data",
        "out_version",
        "seq",
        "released",
        "has_saved",
        "retained",
        "inputs",
        "__weakref__",
    )

    def __init__(
        self,
        fn: Function,
        inputs: Sequence[Any],
        params: dict[str, Any],
        out_data: np.ndarray,
        out_version: list[int],
    ) -> None:
        self.fn = fn
        self.params = params
        self.out_data = out_data
        self.out_version = out_version
        self.seq = next(_sequence)
        self.released = False
        self.retained: weakref.ref | None = None
        # The input tensors themselves, so that a graph built by code can be drawn and
        # turned back into a document (PyTorch keeps only edges and saved tensors).
        self.inputs = inputs
        formulas = fn.formulas
        # One edge per input: its grad_fn, its leaf's AccumulateGrad, or None (no gradient).
        # Unrolled for the usual one or two inputs: this runs once per op.
        if len(inputs) == 2:
            a, b = inputs
            edges = [
                (a.grad_fn or a._accumulator()) if a._rg and formulas[0] is not None else None,
                (b.grad_fn or b._accumulator()) if b._rg and formulas[1] is not None else None,
            ]
        elif len(inputs) == 1:
            a = inputs[0]
            edges = [(a.grad_fn or a._accumulator()) if a._rg and formulas[0] is not None else None]
        else:
            edges = []
            for i, t in enumerate(inputs):
                edges.append(
                    (t.grad_fn or t._accumulator()) if t._rg and formulas[i] is not None else None
                )
        self.next = edges
        saved: dict[str, tuple[Any, int]] = {}
        if fn.saves_any:
            for i, edge in enumerate(edges):
                if edge is None:
                    continue
                for name, j in fn.save_plan[i]:
                    if j < 0:
                        saved[name] = (None, out_version[0])
                    else:
                        src = inputs[j]
                        saved[name] = (src, src._version[0])
        self.saved = saved
        self.has_saved = bool(saved) or (
            bool(fn.saves_params) and any(e is not None for e in edges)
        )

    # PyTorch's Python API of a grad_fn
    def name(self) -> str:
        return self.fn.name

    @property
    def next_functions(self) -> tuple[tuple[Any, int], ...]:
        return tuple((e, 0) for e in self.next)

    def __repr__(self) -> str:
        return f"<{self.fn.name} object at {id(self):#x}>"

    def release(self) -> None:
        self.released = True
        if self.has_saved:
            self.saved = {}
            self.out_data = None  # type: ignore[assignment]

    def _unpack_checked(self, name: str, differentiable: bool) -> Any:
        if self.released and self.has_saved:
            raise RuntimeError(SECOND_BACKWARD)
        src, version = self.saved[name]
        current = self.out_version[0] if name == "result" else src._version[0]
        if current != version:
            what = self._describe_saved(name, src)
            raise RuntimeError(
                "one of the variables needed for gradient computation has been modified by "
                f"an inplace operation: {what} is at version {current}; expected version "
                f"{version} instead. Hint: enable anomaly detection to find the operation that "
                "failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, "
                "check_nan=False)."
            )
        if name == "result":
            if differentiable:
                from .tensors import Tensor

                return Tensor._make(self.out_data, self, self.out_version)
            return self.out_data
        return src if differentiable else src._data

    def _describe_saved(self, name: str, src: Any) -> str:
        # PyTorch names the producer: this node for a saved output, the tensor's current
        # grad_fn for a saved input, in both cases without the "Backward0" suffix.
        if name == "result":
            shape, dt, producer = (
                self.out_data.shape,
                dtypes.from_numpy(self.out_data.dtype),
                self.fn.name,
            )
        else:
            shape, dt = src._data.shape, src.dtype
            producer = src.grad_fn.name() if src.grad_fn is not None else None
        what = f"[torch.{dt.short}Tensor [{', '.join(map(str, shape))}]]"
        if producer is not None:
            what += f", which is output 0 of {re.sub(r'Backward[0-9]*$', '', producer)},"
        return what

    def apply(self, grad: Any, create_graph: bool) -> list[Any]:
        """The gradients for each input (None where none flows)."""
        fn = self.fn
        out: list[Any] = []
        for i, nxt in enumerate(self.next):
            if nxt is None:
                out.append(None)
                continue
            call = fn.calls[i]
            if call == _DIRECT_GRAD:
                g = fn.formulas[i](grad)  # type: ignore[misc]
            elif call == _DIRECT_SAVED:
                g = fn.formulas[i](grad, self._unpack(fn.arg_plan[i][1][1], create_graph))  # type: ignore[misc]
            else:
                args = []
                for kind, key in fn.arg_plan[i]:
                    if kind == _GRAD:
                        args.append(grad)
                    elif kind == _SAVED:
                        args.append(self._unpack(key, create_graph))
                    elif kind == _SHAPE:
                        args.append(self.inputs[key]._data.shape)
                    else:
                        args.append(self.params[key])
                g = fn.formulas[i](*args)  # type: ignore[misc]
            # In-place ops keep shape and dtype, so the inputs still tell what they were.
            source = self.inputs[i]
            shape, dt = source._data.shape, source.dtype
            # The common case, a gradient of the right shape and dtype, costs two checks.
            if type(g) is np.ndarray or isinstance(g, np.generic):
                if g.shape != shape or g.dtype is not dt.np:
                    g = F.conform(g, shape, dt)
            else:
                g = F.conform(g, shape, dt)
            out.append(g)
        return out

    def _unpack(self, name: str, differentiable: bool) -> Any:
        src, version = self.saved[name]
        if src is not None and not differentiable and src._version[0] == version:
            return src._data
        return self._unpack_checked(name, differentiable)


class AccumulateGrad:
    """The graph's sink for a leaf that requires grad: adds into `leaf.grad`."""

    __slots__ = ("variable", "__weakref__")
    seq = float("inf")  # PyTorch runs a ready AccumulateGrad before anything else
    next: list = []

    def __init__(self, variable: Any) -> None:
        self.variable = variable

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"

    @property
    def next_functions(self) -> tuple:
        return ()

    def __repr__(self) -> str:
        return f"<AccumulateGrad object at {id(self):#x}>"


# --------------------------------------------------------------------------- F: formulas' math


def _is_tensor(x: Any) -> bool:
    return isinstance(x, _TensorBase)


class F:
    """Math for gradient formulas, on numpy arrays or (create_graph) on tensors."""

    @staticmethod
    def exp(x: Any) -> Any:
        return x.exp() if _is_tensor(x) else np.exp(x)

    @staticmethod
    def log(x: Any) -> Any:
        return x.log() if _is_tensor(x) else np.log(x)

    @staticmethod
    def sin(x: Any) -> Any:
        return x.sin() if _is_tensor(x) else np.sin(x)

    @staticmethod
    def cos(x: Any) -> Any:
        return x.cos() if _is_tensor(x) else np.cos(x)

    @staticmethod
    def sign(x: Any) -> Any:
        return x.sign() if _is_tensor(x) else np.sign(x)

    @staticmethod
    def t(x: Any) -> Any:
        return x.t() if _is_tensor(x) else np.asarray(x).T

    @staticmethod
    def permute(x: Any, dims: tuple[int, ...]) -> Any:
        return x.permute(dims) if _is_tensor(x) else np.transpose(x, dims)

    @staticmethod
    def reshape(x: Any, shape: tuple[int, ...]) -> Any:
        return x.reshape(shape) if _is_tensor(x) else np.reshape(x, shape)

    @staticmethod
    def expand(x: Any, shape: tuple[int, ...]) -> Any:
        return x.expand(shape) if _is_tensor(x) else np.broadcast_to(x, shape)

    @staticmethod
    def outer(x: Any, y: Any) -> Any:
        if _is_tensor(x) or _is_tensor(y):
            return x.unsqueeze(1) * y.unsqueeze(0)
        return np.multiply.outer(x, y)

    @staticmethod
    def where(cond: Any, x: Any, y: Any) -> Any:
        if _is_tensor(x) or _is_tensor(y):
            from .tensors import where

            return where(cond, x, y)
        return np.where(cond, x, y)

    @staticmethod
    def np_take(x: np.ndarray, dim: Any, keepdim: bool, indices: np.ndarray) -> np.ndarray:
        """The values max(dim)/min(dim) picked."""
        if dim is None:
            return x.copy()
        picked = np.take_along_axis(x, np.expand_dims(indices, dim), dim)
        return picked if keepdim else picked.reshape(indices.shape)

    @staticmethod
    def embed(grad: Any, shape: tuple[int, ...], key: Any) -> Any:
        """The gradient of x[key]: grad placed at key in zeros of x's shape."""
        from .tensors import _embed

        return _embed(grad, shape, key)

    @staticmethod
    def precise(np_fn: Any, math_fn: Any) -> Callable[[np.ndarray], Any]:
        """A float32 function computed in double and rounded once, as PyTorch's kernels
        nearly always round: numpy's float32 versions differ from them in the last bit for
        a third of inputs, which shows in printed values (exp(12) is 162754.7969, not
        .7812). Scalars go through libm directly; past a few hundred elements (never shown
        in full) numpy's fast float32 path is kept."""

        def forward(x: np.ndarray) -> Any:
            if x.dtype is not _FLOAT32:  # numpy's builtin dtypes are singletons
                return np_fn(x)
            if not x.ndim:
                try:
                    return np.float32(math_fn(float(x)))
                except (OverflowError, ValueError):  # inf, nan, log of 0 or less
                    return np_fn(x)
            if x.size <= 256:
                return np_fn(x.astype(np.float64)).astype(np.float32)
            return np_fn(x)

        return forward

    @staticmethod
    def np_power(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Elementwise power; integers to negative powers give what C gives (1, -1 or 0)."""
        if a.dtype.kind == "f" or not (np.asarray(b) < 0).any():
            return np.power(a, b)
        safe = np.power(a, np.abs(b))
        flip = np.where((a == -1) & (np.abs(b) % 2 == 1), -1, 1)
        negative = np.where(np.abs(a) == 1, flip, 0).astype(a.dtype)
        return np.where(b < 0, negative, safe)

    @staticmethod
    def np_put(x: np.ndarray, v: np.ndarray, key: Any) -> np.ndarray:
        out = x.copy()
        out[key] = v
        return out

    @staticmethod
    def zero_at(grad: Any, key: Any) -> Any:
        mask = np.ones(np.shape(F.data(grad)), dtype=F.data(grad).dtype)
        mask[key] = 0
        if _is_tensor(grad):
            from .tensors import Tensor

            return grad * Tensor._make(mask, None)
        return grad * mask

    @staticmethod
    def tanh_backward(grad: Any, result: Any) -> Any:
        if _is_tensor(grad) or _is_tensor(result):
            from .functions import tanh_backward
            from .tensors import _apply

            return _apply(tanh_backward, (grad, result), {})
        return grad * (1 - result * result)

    @staticmethod
    def sigmoid_backward(grad: Any, result: Any) -> Any:
        if _is_tensor(grad) or _is_tensor(result):
            from .functions import sigmoid_backward
            from .tensors import _apply

            return _apply(sigmoid_backward, (grad, result), {})
        return grad * (1 - result) * result

    @staticmethod
    def zeros_like(x: Any) -> Any:
        if _is_tensor(x):
            from .tensors import zeros_like

            return zeros_like(x)
        return np.zeros_like(x)

    @staticmethod
    def np_mse(a: np.ndarray, b: np.ndarray, reduction: str) -> np.ndarray:
        sq = (a - b) ** 2
        if reduction == "none":
            return sq
        return np.mean(sq, dtype=a.dtype) if reduction == "mean" else np.sum(sq, dtype=a.dtype)

    @staticmethod
    def mse_norm(shape: tuple[int, ...], reduction: str) -> float:
        return 2 / F.numel(shape) if reduction == "mean" else 2.0

    @staticmethod
    def numel(shape: tuple[int, ...]) -> int:
        return int(np.prod(shape, dtype=np.int64))

    @staticmethod
    def reduced_numel(shape: tuple[int, ...], dim: Any) -> int:
        dims = (dim,) if isinstance(dim, int) else dim
        return int(np.prod([shape[d] for d in dims], dtype=np.int64))

    @staticmethod
    def evenly_distribute(grad: Any, self: Any, result: Any) -> Any:
        """max()/min() without dim: ties share the gradient equally."""
        values, best = F.data(self), F.data(result)
        mask = (values == best) | (np.isnan(values) & np.isnan(best))
        share = grad / int(mask.sum())
        return F.where(mask, share, 0.0)

    @staticmethod
    def scatter_back(grad: Any, shape: tuple[int, ...], dim: Any, keepdim: bool, idx: Any) -> Any:
        """max(dim)/min(dim): the gradient goes to the position each value came from."""
        if dim is None:  # a zero-dim input: its one value was picked
            return grad
        onehot = np.expand_dims(idx, dim) == np.arange(shape[dim]).reshape(
            [-1 if d == dim % len(shape) else 1 for d in range(len(shape))]
        )
        return F.where(onehot, F.unreduce(grad, shape, dim, keepdim), 0.0)

    @staticmethod
    def np_norm(x: np.ndarray, p: float, dim: Any, keepdim: bool) -> np.ndarray:
        a = np.abs(x)
        if p == 2:
            return np.sqrt(np.sum(a * a, axis=dim, keepdims=keepdim, dtype=x.dtype))
        if p == float("inf"):
            return np.max(a, axis=dim, keepdims=keepdim)
        if p == 1:
            return np.sum(a, axis=dim, keepdims=keepdim, dtype=x.dtype)
        s = np.sum(a**p, axis=dim, keepdims=keepdim, dtype=x.dtype)
        return (s ** (1.0 / p)).astype(x.dtype, copy=False)

    @staticmethod
    def norm_backward(grad: Any, self: Any, result: Any, p: float, dim: Any, keepdim: bool) -> Any:
        shape = np.shape(F.data(self))
        g = F.unreduce(grad, shape, dim, keepdim)
        r = F.unreduce(result, shape, dim, keepdim)
        zero = F.data(r) == 0
        if p == 2:
            return self * F.where(zero, 0.0, g / r)
        if p == 1:
            return F.sign(self) * g
        if p == float("inf"):
            return F.evenly_distribute_dims(g, self, r)
        scale = F.where(zero, 0.0, g / r ** (p - 1))
        return self * abs(self) ** (p - 2) * scale

    @staticmethod
    def evenly_distribute_dims(g: Any, self: Any, r: Any) -> Any:
        mask = np.abs(F.data(self)) == F.data(r)
        count = mask.sum(axis=None, keepdims=False)
        return F.sign(self) * F.where(mask, g / int(count), 0.0)

    @staticmethod
    def data(x: Any) -> np.ndarray:
        """The numbers, for masks that carry no gradient."""
        return x._data if _is_tensor(x) else np.asarray(x)

    @staticmethod
    def unreduce(grad: Any, shape: tuple[int, ...], dim: Any, keepdim: bool) -> Any:
        """Undo a reduction over `dim`: put back the reduced dims and expand."""
        if not keepdim and dim is not None:
            dims = sorted(d % len(shape) for d in ((dim,) if isinstance(dim, int) else dim))
            for d in dims:
                grad = grad.unsqueeze(d) if _is_tensor(grad) else np.expand_dims(grad, d)
        return F.expand(grad, shape)

    @staticmethod
    def conform(g: Any, shape: tuple[int, ...], dt: dtypes.dtype) -> Any:
        """Sum a gradient over broadcast dims and give it the input's dtype."""
        if _is_tensor(g):
            if g.shape != shape:
                g = g.sum_to_size(shape)
            if g.dtype is not dt:
                g = g.to(dt)
            return g
        if not hasattr(g, "shape"):
            g = np.asarray(g)
        if g.shape != shape:
            lead = g.ndim - len(shape)
            axes = tuple(range(lead)) + tuple(
                lead + i for i, n in enumerate(shape) if n == 1 and g.shape[lead + i] != 1
            )
            g = g.sum(axis=axes, keepdims=True) if axes else g
            g = g.reshape(shape)
        if g.dtype is not dt.np and g.dtype != dt.np:
            g = g.astype(dt.np)
        return g


_FORMULA_GLOBALS.update({"F": F, "np": np})


# --------------------------------------------------------------------------- the engine


def run_backward(
    roots: Sequence[Any],
    grads: Sequence[Any],
    retain_graph: bool,
    create_graph: bool,
    inputs: Sequence[Any] | None = None,
    trace: list | None = None,
    capture: dict[int, Any] | None = None,
) -> None:
    """Run the backward pass from `roots` (tensors) seeded with `grads`, in PyTorch's order:
    a node runs once every node that feeds it a gradient has run; among ready nodes, the
    most recently created runs first."""
    from .tensors import Tensor

    # Gradients flow through the graph as arrays, or as tensors when building a graph.
    def wrap(g: Any) -> Any:
        if create_graph:
            return g if _is_tensor(g) else Tensor._make(np.asarray(g), None)
        return g._data if _is_tensor(g) else g

    # With `inputs=`, only those tensors receive .grad, non-leaves included. With `capture`
    # (autograd.grad), their gradients are returned in it instead, keyed by id(tensor).
    accumulate = _accumulate
    if capture is not None:

        def accumulate(t: Any, grad: Any, create_graph: bool) -> None:
            key = id(t)
            capture[key] = grad if capture.get(key) is None else capture[key] + grad

    only: set[int] | None = None
    captured: dict[Any, Any] = {}
    if inputs is not None:
        only = set()
        for t in inputs:
            only.add(id(t._accumulator() if t.grad_fn is None else t))
            if t.grad_fn is not None:
                captured[t.grad_fn] = t

    start: list[Any] = []
    buffers: dict[Any, Any] = {}
    for t, g in zip(roots, grads):
        node = t.grad_fn if t.grad_fn is not None else t._accumulator()
        start.append(node)
        buffers[node] = wrap(g) if node not in buffers else buffers[node] + wrap(g)

    # Count, for every reachable node, how many edges bring it a gradient.
    deps: dict[Any, int] = {}
    seen = set(start)
    stack = list(start)
    while stack:
        node = stack.pop()
        for nxt in node.next:
            if nxt is None:
                continue
            deps[nxt] = deps.get(nxt, 0) + 1
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)

    # A ready AccumulateGrad runs at once (PyTorch gives it top priority); other nodes wait
    # in a heap keyed by creation order, newest first. Sequence numbers are unique.
    ready: list[tuple[int, Node]] = []
    for n in dict.fromkeys(start):
        if deps.get(n, 0) == 0:
            if isinstance(n, AccumulateGrad):
                _sink(n, buffers.pop(n), only, create_graph, trace, accumulate)
            else:
                ready.append((-n.seq, n))
    heapq.heapify(ready)
    pop, push = heapq.heappop, heapq.heappush
    prev_mode = _grad_enabled[0]
    _grad_enabled[0] = create_graph
    try:
        while ready:
            node = pop(ready)[1]
            grad = buffers.pop(node)
            if node.retained is not None:
                t = node.retained()
                if t is not None and (only is None or id(t) in only):
                    accumulate(t, grad, create_graph)
            elif only is not None and node in captured:
                accumulate(captured[node], grad, create_graph)
            if node.released and node.has_saved:
                raise RuntimeError(SECOND_BACKWARD)
            in_grads = node.apply(grad, create_graph)
            totals: list[Any] | None = None
            if trace is not None:
                totals = []  # filled as the gradients arrive, below
                trace.append((node, grad, in_grads, totals))
            if not retain_graph:
                node.released = True
                if node.has_saved:
                    node.saved = {}
                    node.out_data = None
            for nxt, g in zip(node.next, in_grads):
                if nxt is None or g is None:
                    continue
                if nxt in buffers:
                    buffers[nxt] = buffers[nxt] + g
                else:
                    buffers[nxt] = g
                if totals is not None:
                    totals.append(buffers[nxt])
                left = deps[nxt] - 1
                deps[nxt] = left
                if left == 0:
                    if type(nxt) is AccumulateGrad:
                        _sink(nxt, buffers.pop(nxt), only, create_graph, trace, accumulate)
                    else:
                        push(ready, (-nxt.seq, nxt))
    finally:
        _grad_enabled[0] = prev_mode


def _sink(node: AccumulateGrad, grad: Any, only: set[int] | None, create_graph: bool,
          trace: list | None, accumulate: Callable[..., None]) -> None:  # fmt: skip
    if only is None or id(node) in only:
        accumulate(node.variable, grad, create_graph)
    if trace is not None:
        leaf_grad = node.variable._grad
        snapshot = None if leaf_grad is None else np.array(F.data(leaf_grad), copy=True)
        trace.append((node, grad, [], [snapshot]))  # .grad as it is after this step


def _accumulate(t: Any, grad: Any, create_graph: bool) -> None:
    """`t.grad` gets the gradient the first time, and adds it afterwards, as in PyTorch:
    in place when no graph is being built, out of place when one is."""
    from .tensors import Tensor

    if create_graph:
        g = grad if _is_tensor(grad) else Tensor._make(np.asarray(grad), None)
        if t._grad is None:
            # PyTorch stores a copy, recorded as CopyBackwards, so .grad is its own tensor.
            from .functions import copy_backwards
            from .tensors import _apply

            t._grad = _apply(copy_backwards, (g,), {})
        else:
            t._grad = t._grad + g
        return
    data = grad._data if _is_tensor(grad) else grad
    if t._grad is None:
        t._grad = Tensor._make(np.array(data, dtype=t.dtype.np, copy=True), None)
    else:
        existing = t._grad._data
        if existing.flags.writeable:
            np.add(existing, data, out=existing, casting="unsafe")
            t._grad._version[0] += 1
        else:
            t._grad = Tensor._make(existing + data, None)
