"""The autograd graph: the compiled rows of the derivatives table (`DerivativeRow`), the nodes
that apply them (`Node`, a tensor's `grad_fn`) and the leaves' sinks (`AccumulateGrad`).

A `DerivativeRow` is one row of the derivatives table (see `derivatives.py`): a forward on numpy
arrays and, per differentiable input, a formula for its gradient. A formula's parameter
names say what it needs, as in PyTorch's derivatives.yaml: `grad`, the inputs by name
(`self`, `other`, `exponent`), `result`, the op's options by name, and `<input>_shape`.
The inputs and result a formula names are the tensors its node saves; a node that saved
tensors cannot be run a second time unless the graph was retained, exactly as in PyTorch.
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import dtypes
from . import formulas as F
from . import linalg_formulas as LA
from . import nn_formulas as NN
from . import seam
from .grad_mode import INFERENCE_SAVED, _inference, _inference_ids, _is_inference_tensor

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


# What a formula's text can name besides its arguments: the helpers (as `F.`, the
# neural-network kernels as `NN.`, the decompositions' gradients as `LA.`) and numpy.
_FORMULA_GLOBALS: dict[str, Any] = {"F": F, "NN": NN, "LA": LA, "np": np}


def _compile_formula(text: str) -> tuple[Callable[..., Any], tuple[str, ...]]:
    """A formula of the table as a function of the names it uses (F, np and builtins aside).
    The text is this package's own source, never data from a document."""
    import ast
    import builtins

    tree = ast.parse(text, mode="eval")
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in names:
            if node.id not in _FORMULA_GLOBALS and not hasattr(builtins, node.id):
                names.append(node.id)
    # "grad" first, as PyTorch writes it; the rest in a fixed order
    uses = tuple(sorted(names, key=lambda n: (n != "grad", n)))
    fn = eval(f"lambda {', '.join(uses)}: {text}", _FORMULA_GLOBALS)
    return fn, uses


_COMPILED_SLOTS = frozenset(("formulas", "uses", "save_plan", "arg_plan", "saves_any", "calls"))


class DerivativeRow:
    """One differentiable op: PyTorch's backward node name, a numpy forward and a gradient
    formula per differentiable input (None where the input has no gradient)."""

    __slots__ = ("name", "forward", "inputs", "formulas", "rules", "uses", "saves_params", "save_plan",
                 "arg_plan", "node_class", "is_view", "saves_any", "calls", "multi", "math")  # fmt: skip

    def __init__(
        self,
        name: str,
        forward: Callable[..., Any],
        inputs: Sequence[str],
        formulas: Sequence[str | None],
        saves_params: Sequence[str] = (),
        is_view: bool = False,
        multi: bool = False,
        math: Sequence[str | None] = (),
    ) -> None:
        self.name = name
        # Each formula's math form (LaTeX, adjoint notation, docs/engine.md), written with
        # the same names as the formula so the page can show it in the graph's names.
        self.math = tuple(math)
        # One node for several outputs (split, chunk, unbind): its gradient arrives as a
        # list, one entry per output (None where none came), as PyTorch's nodes take them.
        self.multi = multi
        # A view of a leaf that requires grad, taken under no_grad, still requires grad.
        self.is_view = is_view
        # Options that PyTorch keeps as saved tensors (indices of max(dim), where's mask):
        # they make a second backward fail like any saved tensor.
        self.saves_params = tuple(saves_params)
        self.forward = forward
        self.inputs = tuple(inputs)
        assert len(self.inputs) == len(formulas), name
        self.rules = tuple(formulas)
        # The formulas are compiled at the row's first use (__getattr__), not here: parsing
        # the table's 230 formulas at import was a sixth of the engine's import in the page.
        self.node_class = type(name.rsplit("::", 1)[-1], (Node,), {"__slots__": (), "multi": multi})

    def __getattr__(self, attr: str) -> Any:
        # Called only for an attribute not set: before the first use, the compiled ones.
        if attr not in _COMPILED_SLOTS:
            raise AttributeError(f"'DerivativeRow' object has no attribute '{attr}'")
        self._compile()
        return object.__getattribute__(self, attr)

    def _compile(self) -> None:
        compiled = [_compile_formula(f) if f is not None else (None, ()) for f in self.rules]
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

    def _arg_kind(self, used: str) -> tuple[int, Any]:
        if used == "grad":
            return (_GRAD, None)
        if used == "result" or used in self.inputs:
            return (_SAVED, used)
        if used.endswith("_shape") and used[:-6] in self.inputs:
            return (_SHAPE, self.inputs.index(used[:-6]))
        return (_PARAM, used)

    def __repr__(self) -> str:
        return f"DerivativeRow({self.name})"


# The row's former name, kept for code that imports it from here; the public
# torch.autograd.Function is the user-facing base class in function.py.
Function = DerivativeRow


_sequence = itertools.count()


def check_gradient_shape(name: str, i: int, got: tuple[int, ...], shape: tuple[int, ...]) -> None:
    """PyTorch's validate_outputs: a gradient must be the input's shape or one that sums back
    to it (the input's shape expandable to the gradient's); anything else is refused, as
    scatter's gradient for a src larger than the index is."""
    if got == shape:
        return
    ok = len(got) >= len(shape) and all(
        n == m or n == 1 for n, m in zip(shape[::-1], got[::-1], strict=False)
    )
    if not ok:
        raise RuntimeError(
            f"Function {name} returned an invalid gradient at index {i} - got "
            f"[{', '.join(map(str, got))}] but expected shape compatible with "
            f"[{', '.join(map(str, shape))}]"
        )


class Node:
    """A `grad_fn`: one application of a DerivativeRow in the graph."""

    # A node of several outputs: the engine routes a gradient to the output it is for
    # (`output_of`), and hooks and retain_grad of an output are its Port's.
    multi = False

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
        fn: DerivativeRow,
        inputs: Sequence[Any],
        params: dict[str, Any],
        out_data: np.ndarray,
        out_version: list[int],
    ) -> None:
        self.fn = fn
        self.params = params
        # The result's numbers while a formula may need them (None once released).
        self.out_data: np.ndarray | None = out_data
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
                        if _inference_ids and not _inference[0] and _is_inference_tensor(src):
                            raise RuntimeError(INFERENCE_SAVED)
                        saved[name] = (src, src._ver[0])
        self.saved = saved
        self.has_saved = bool(saved) or (
            bool(fn.saves_params) and any(e is not None for e in edges)
        )

    # PyTorch's Python API of a grad_fn
    def name(self) -> str:
        # PyTorch's C++ nodes outside the generated ones answer with their full C++ name
        if self.fn.name in ("NotImplemented", "CopySlices"):
            return f"torch::autograd::{self.fn.name}"
        return self.fn.name

    @property
    def next_functions(self) -> tuple[tuple[Any, int], ...]:
        # (node, which of its outputs): only multi-output nodes have more than output 0
        return tuple(
            (e, e.output_of(self.inputs[i]) if e is not None and e.multi else 0)
            for i, e in enumerate(self.next)
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {id(self):#x}>"

    def release(self) -> None:
        self.released = True
        if self.has_saved:
            self.saved = {}
            self.out_data = None

    def _unpack_checked(self, name: str, differentiable: bool) -> Any:
        if self.released and self.has_saved:
            raise RuntimeError(SECOND_BACKWARD)
        src, version = self.saved[name]
        current = self.out_version[0] if name == "result" else src._ver[0]
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
                return seam.make(self.out_data, self, self.out_version)
            return self.out_data
        return src if differentiable else src._data

    def _describe_saved(self, name: str, src: Any) -> str:
        # PyTorch names the producer: this node for a saved output, the tensor's current
        # grad_fn for a saved input, in both cases without the "Backward0" suffix.
        producer: str | None
        if name == "result":
            out = self.out_data
            assert out is not None  # a released node raised SECOND_BACKWARD before this
            shape, dt, producer = out.shape, dtypes.from_numpy(out.dtype), self.fn.name
        else:
            shape, dt = src._data.shape, src.dtype
            producer = src.grad_fn.name() if src.grad_fn is not None else None
            if producer is not None and src._base is not None:
                # a view whose base changed since: torch regenerates its grad_fn on access
                producer = "AsStridedBackward0"
        what = f"[torch.{dt.short}Tensor [{', '.join(map(str, shape))}]]"
        if producer is not None:
            # ExpBackward0 is "Exp", ClampBackward1 "Clamp1"; C++ nodes keep their names
            short = re.sub(r"Backward([0-9]+)$", lambda m: "" if m[1] == "0" else m[1], producer)
            what += f", which is output 0 of {short},"
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
            # The ignores below: an input has an edge only where the row has its formula
            # (Node.__init__), so formulas[i] is no None here; checking it again would cost
            # a test per gradient for nothing.
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
            if g is None:  # no gradient for this input (slogdet's sign alone)
                out.append(None)
                continue
            # In-place ops keep shape and dtype, so the inputs still tell what they were.
            source = self.inputs[i]
            shape, dt = source._data.shape, source.dtype
            # The common case, a gradient of the right shape and dtype, costs two checks.
            if type(g) is np.ndarray or isinstance(g, np.generic):
                if g.shape != shape or g.dtype is not dt.np:
                    check_gradient_shape(fn.name, i, tuple(g.shape), shape)
                    g = F.conform(g, shape, dt)
            else:
                check_gradient_shape(fn.name, i, tuple(g.shape), shape)
                g = F.conform(g, shape, dt)
            out.append(g)
        return out

    def output_of(self, t: Any) -> int:
        """Which output of a multi-output node the tensor t is."""
        return int(self.params["outputs"][id(t)])

    def port(self, t: Any) -> Port:
        return self.params["ports"][self.output_of(t)]

    def _unpack(self, name: str, differentiable: bool) -> Any:
        src, version = self.saved[name]
        if src is not None and not differentiable and src._ver[0] == version:
            return src._data
        return self._unpack_checked(name, differentiable)


class Port:
    """One output of a multi-output node, where its tensor's hooks and retain_grad live."""

    __slots__ = ("node", "index", "retained", "__weakref__")

    def __init__(self, node: Node, index: int) -> None:
        self.node = node
        self.index = index
        self.retained: weakref.ref | None = None


class AccumulateGrad:
    """The graph's sink for a leaf that requires grad: adds into `leaf.grad`."""

    multi = False

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
