"""The op registry: every node type a graph document can hold, defined once.

Each op names its ports, its params (kind, default, doc), its palette group, its one-line
doc and how it runs, as a call into the torch-like API (whose derivatives live in
`functions.py`). Everything else is derived from this table: document validation
(`document.py`), the JSON catalog the web palette reads and the op table of
docs/graph-format.md (`catalog.py`).

Each op also says the shape of its result from the shapes of its inputs and its params,
without computing anything: the session sizes every node of a document that way before
running any (`session.size_shapes`), since a few characters of a share link can ask for a
tensor of any size (a 20000×1 tensor plus a 1×20000 one).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import tensors as T
from .dtypes import BY_NAME
from .nn.functional import mse_loss
from .random import Generator, randn_array
from .tensors import Tensor

GROUPS = (
    ("tensors", "Tensors"),
    ("arithmetic", "Arithmetic"),
    ("functions", "Functions"),
    ("reductions", "Reductions"),
    ("linalg", "Linear algebra"),
    ("losses", "Losses"),
    ("gradient", "Gradient control"),
)

DTYPE_CHOICES = ("float32", "float64", "int64", "bool")


@dataclass(frozen=True)
class Port:
    name: str
    optional: bool = False


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # value | bool | number | int | choice | shape | dims
    default: Any
    doc: str
    choices: tuple[str, ...] | None = None


Shape = tuple[int, ...]
# (input shapes by port, None for an unconnected port; params) -> the shape, or None when
# the inputs do not fit together, in which case the op raises PyTorch's own error before it
# allocates anything.
ShapeRule = Callable[[list[Shape | None], dict[str, Any]], Shape | None]


def broadcast(shapes: list[Shape | None], params: dict[str, Any]) -> Shape | None:
    """The elementwise rule: the connected inputs broadcast together (numpy's rule is
    PyTorch's); one input keeps its shape."""
    try:
        return tuple(np.broadcast_shapes(*(s for s in shapes if s is not None)))
    except ValueError:
        return None


@dataclass(frozen=True)
class Op:
    name: str
    group: str
    doc: str
    run: Callable[..., Tensor]
    inputs: tuple[Port, ...] = ()
    params: tuple[Param, ...] = ()
    leaf: bool = False
    # How the op reads in a PyTorch script: a template over the input names (by port) and
    # the params, or a function of (inputs, params) for ops whose spelling depends on them.
    code: str | Callable[[dict[str, str], dict[str, Any]], str] = ""
    # The result's shape (see ShapeRule); elementwise ops keep the default.
    result_shape: ShapeRule = broadcast
    # For an op that builds a tensor bigger than its result on the way (mse_loss broadcasts
    # input against target, then averages): that tensor's shape, bounded like a result.
    work_shape: ShapeRule | None = None
    param_names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "param_names", frozenset(p.name for p in self.params))
        if not self.code:
            ports = ", ".join("{" + p.name + "}" for p in self.inputs)
            object.__setattr__(self, "code", f"torch.{self.name}({ports})")

    def to_code(self, inputs: dict[str, str], params: dict[str, Any]) -> str:
        if callable(self.code):
            return self.code(inputs, params)
        return self.code.format(**inputs, **{k: py(v) for k, v in params.items()})


def py(value: Any) -> str:
    """A JSON param value as Python source: always a literal (repr), never raw text, so a
    param can only ever be data in an exported script."""
    return repr(tuple(value)) if isinstance(value, list) else repr(value)


def literal(value: Any, dtype: str) -> str:
    """Numbers as torch.tensor reads them back in the same dtype: floats always with a
    point (so that [0, 1] is float32, as in the document), ints and bools as they are."""
    if isinstance(value, list):
        return "[" + ", ".join(literal(v, dtype) for v in value) + "]"
    if dtype in ("float32", "float64"):
        return repr(float(value))
    if dtype == "int64":
        return repr(int(value))
    return repr(bool(value))


# The dtype attribute is looked up here rather than spliced in: a name from a document never
# becomes code, even if a check upstream were to let an odd choice through.
DTYPE_CODE = {name: f"torch.{name}" for name in DTYPE_CHOICES}


def _creation_kwargs(params: dict[str, Any], default_dtype: str) -> str:
    parts = []
    if params["dtype"] != default_dtype:
        parts.append(f"dtype={DTYPE_CODE[params['dtype']]}")
    if params["requires_grad"]:
        parts.append("requires_grad=True")
    return "".join(", " + p for p in parts)


def _reduction_code(
    method: str, values: bool = False
) -> Callable[[dict[str, str], dict[str, Any]], str]:
    def code(inputs: dict[str, str], params: dict[str, Any]) -> str:
        if params["dim"] is None:
            return f"{inputs['input']}.{method}()"
        keep = ", keepdim=True" if params["keepdim"] else ""
        return f"{inputs['input']}.{method}(dim={py(params['dim'])}{keep})" + (
            ".values" if values else ""
        )

    return code


def _norm_code(inputs: dict[str, str], params: dict[str, Any]) -> str:
    args = [] if params["p"] == 2 else [f"p={py(params['p'])}"]
    if params["dim"] is not None:
        args.append(f"dim={py(params['dim'])}")
        if params["keepdim"]:
            args.append("keepdim=True")
    return f"{inputs['input']}.norm({', '.join(args)})"


# ---------------------------------------------------------------------------- shared params
def _dtype(default: str = "float32") -> Param:
    return Param("dtype", "choice", default, "Element type.", DTYPE_CHOICES)


REQUIRES_GRAD = Param("requires_grad", "bool", False, "Track gradients: .grad fills on backward.")
SIZE = Param("size", "shape", [3], "Shape, e.g. [2, 3].")
DIM = Param("dim", "dims", None, "Dimension(s) to reduce; null reduces everything.")
KEEPDIM = Param("keepdim", "bool", False, "Keep reduced dimensions with size 1.")

X = (Port("input"),)
XY = (Port("input"), Port("other"))


def _leaf(values: Tensor, requires_grad: bool) -> Tensor:
    return values.requires_grad_(True) if requires_grad else values


def _reduce(fn: Callable[..., Any]) -> Callable[..., Tensor]:
    def run(x: Tensor, dim: Any, keepdim: bool) -> Tensor:
        out = fn(x) if dim is None else fn(x, dim, keepdim)
        return out[0] if isinstance(out, tuple) else out  # max(dim) -> its values

    return run


def _pow(x: Tensor, exponent_tensor: Tensor | None, exponent: float) -> Tensor:
    return T.pow(x, exponent_tensor if exponent_tensor is not None else exponent)


def _inferred_dtype(params: dict[str, Any]) -> str:
    """The dtype torch.tensor infers from what `literal` writes (floats read as float32)."""
    return {"bool": "bool", "int64": "int64"}.get(params["dtype"], "float32")


def _randn(size: list[int], seed: int, dtype: str, requires_grad: bool) -> Tensor:
    dt = BY_NAME[dtype]
    if not dt.is_floating_point:
        raise NotImplementedError(f"\"normal_kernel_cpu\" not implemented for '{dt.short}'")
    gen = Generator().manual_seed(seed)
    values = Tensor._make(randn_array(tuple(size), dt.np, gen), None)
    return _leaf(values, requires_grad)


# ---------------------------------------------------------------------------- shape rules
def _value_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape:
    """A nested list's shape along its first elements: the count of its numbers is bounded
    by the param check already, and a ragged list is torch.tensor's own error."""
    shape: list[int] = []
    value = p["value"]
    while isinstance(value, list):
        shape.append(len(value))
        if not value:
            break
        value = value[0]
    return tuple(shape)


def _arange_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    start, end, step = p["start"], p["end"], p["step"]
    if step == 0 or (end - start) * step < 0:
        return None
    n = (end - start) / step  # as T.arange counts, so the check sees what would be made
    return (math.ceil(n),) if math.isfinite(n) else None


def _size_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    return tuple(p["size"]) if all(n >= 0 for n in p["size"]) else None


def _reduced(shape: Shape, dim: Any, keepdim: bool) -> Shape | None:
    """`shape` reduced over `dim` (None for all, an int or a list), as T._dims reads it."""
    if dim is None:
        return ()
    ndim = len(shape)
    dims = [dim] if isinstance(dim, int) else dim
    if not all(-max(ndim, 1) <= d < max(ndim, 1) for d in dims):
        return None  # dimension out of range
    if ndim == 0:
        return ()  # a 0-d tensor reduced over its one allowed dim is itself
    axes = {d % ndim for d in dims}
    if len(axes) != len(dims):
        return None  # a dim given twice
    if keepdim:
        return tuple(1 if i in axes else n for i, n in enumerate(shape))
    return tuple(n for i, n in enumerate(shape) if i not in axes)


def _reduction_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    (shape,) = shapes
    assert shape is not None
    return _reduced(shape, p["dim"], p["keepdim"])


def _extreme_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    return None if isinstance(p["dim"], list) else _reduction_shape(shapes, p)


def _norm_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    (shape,) = shapes
    assert shape is not None
    if p["dim"] is None and p["keepdim"]:  # every dimension kept, with size 1
        return tuple(1 for _ in shape)
    return _reduced(shape, p["dim"], p["keepdim"])


def _matmul_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    a, b = shapes
    assert a is not None and b is not None
    if not (1 <= len(a) <= 2 and 1 <= len(b) <= 2) or a[-1] != b[0]:
        return None
    return a[:-1] + b[1:]


def _dot_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    a, b = shapes
    assert a is not None and b is not None
    return () if len(a) == len(b) == 1 and a == b else None


def _mv_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    a, b = shapes
    assert a is not None and b is not None
    return _matmul_shape(shapes, p) if len(a) == 2 and len(b) == 1 else None


def _mm_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    a, b = shapes
    assert a is not None and b is not None
    return _matmul_shape(shapes, p) if len(a) == 2 and len(b) == 2 else None


def _t_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    (shape,) = shapes
    assert shape is not None
    return shape[::-1] if len(shape) <= 2 else None


def _reshape_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    (shape,) = shapes
    assert shape is not None
    new, numel = p["shape"], math.prod(shape)
    known = math.prod(n for n in new if n != -1)
    if new.count(-1) > 1 or any(n < -1 for n in new):
        return None
    if -1 in new:
        if known == 0 or numel % known:
            return None
        return tuple(numel // known if n == -1 else n for n in new)
    return tuple(new) if known == numel else None


def _scalar(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    return () if broadcast(shapes, p) is not None else None


# fmt: off
OPS: tuple[Op, ...] = (
    # tensors (leaves)
    Op("tensor", "tensors", "A tensor from a number or a nested list: torch.tensor(value).",
       lambda value, dtype, requires_grad: T.tensor(value, dtype=BY_NAME[dtype], requires_grad=requires_grad),
       params=(Param("value", "value", [1.0, 2.0, 3.0], "A number or a nested list, e.g. [0, 1, 2, 3]."),
               _dtype(), REQUIRES_GRAD), leaf=True, result_shape=_value_shape,
       code=lambda i, p: f"torch.tensor({literal(p['value'], p['dtype'])}"
                         f"{_creation_kwargs(p, _inferred_dtype(p))})"),
    Op("arange", "tensors", "Evenly spaced values from start up to (not including) end.",
       lambda start, end, step, dtype, requires_grad: T.arange(
           start, end, step, dtype=BY_NAME[dtype], requires_grad=requires_grad),
       params=(Param("start", "number", 0, "First value."), Param("end", "number", 4, "End (excluded)."),
               Param("step", "number", 1, "Spacing."), _dtype(), REQUIRES_GRAD), leaf=True,
       result_shape=_arange_shape,
       code=lambda i, p: f"torch.arange({py(p['start'])}, {py(p['end'])}, {py(p['step'])}"
                         f"{_creation_kwargs(p, '')})"),
    Op("ones", "tensors", "A tensor filled with ones.",
       lambda size, dtype, requires_grad: T.ones(size, dtype=BY_NAME[dtype], requires_grad=requires_grad),
       params=(SIZE, _dtype(), REQUIRES_GRAD), leaf=True, result_shape=_size_shape,
       code=lambda i, p: f"torch.ones({py(p['size'])}{_creation_kwargs(p, 'float32')})"),
    Op("zeros", "tensors", "A tensor filled with zeros.",
       lambda size, dtype, requires_grad: T.zeros(size, dtype=BY_NAME[dtype], requires_grad=requires_grad),
       params=(SIZE, _dtype(), REQUIRES_GRAD), leaf=True, result_shape=_size_shape,
       code=lambda i, p: f"torch.zeros({py(p['size'])}{_creation_kwargs(p, 'float32')})"),
    Op("randn", "tensors", "Standard normal samples; the same seed gives PyTorch's numbers.",
       _randn, params=(SIZE, Param("seed", "int", 0, "torch.manual_seed(seed) before sampling."),
                       _dtype(), REQUIRES_GRAD), leaf=True, result_shape=_size_shape,
       code=lambda i, p: f"torch.randn({py(p['size'])}, generator=torch.Generator().manual_seed("
                         f"{py(p['seed'])}){_creation_kwargs(p, 'float32')})"),
    # arithmetic
    Op("add", "arithmetic", "input + other, elementwise with broadcasting.", T.add, XY,
       code="{input} + {other}"),
    Op("sub", "arithmetic", "input - other, elementwise with broadcasting.", T.sub, XY,
       code="{input} - {other}"),
    Op("mul", "arithmetic", "input * other, elementwise with broadcasting.", T.mul, XY,
       code="{input} * {other}"),
    Op("div", "arithmetic", "input / other, elementwise true division.", T.div, XY,
       code="{input} / {other}"),
    Op("pow", "arithmetic", "input ** exponent: a tensor at the exponent port, else the number param.",
       _pow, (Port("input"), Port("exponent", optional=True)),
       (Param("exponent", "number", 2, "Exponent used when the exponent port is not connected."),),
       code=lambda i, p: f"{i['input']} ** {i.get('exponent') or py(p['exponent'])}"),
    Op("neg", "arithmetic", "-input.", T.neg, X, code="-{input}"),
    # functions
    Op("exp", "functions", "e ** input, elementwise.", T.exp, X),
    Op("log", "functions", "Natural logarithm, elementwise.", T.log, X),
    Op("sin", "functions", "Sine, elementwise.", T.sin, X),
    Op("cos", "functions", "Cosine, elementwise.", T.cos, X),
    Op("tanh", "functions", "Hyperbolic tangent, elementwise.", T.tanh, X),
    Op("sigmoid", "functions", "1 / (1 + e ** -input), elementwise.", T.sigmoid, X),
    Op("relu", "functions", "max(input, 0), elementwise.", T.relu, X),
    Op("abs", "functions", "|input|, elementwise.", T.abs, X),
    Op("sqrt", "functions", "Square root, elementwise.", T.sqrt, X),
    # reductions
    Op("sum", "reductions", "Sum of all elements, or over dim.", _reduce(T.sum), X, (DIM, KEEPDIM),
       result_shape=_reduction_shape, code=_reduction_code("sum")),
    Op("mean", "reductions", "Mean of all elements, or over dim.", _reduce(T.mean), X, (DIM, KEEPDIM),
       result_shape=_reduction_shape, code=_reduction_code("mean")),
    Op("max", "reductions", "Largest element, or the largest along dim (values only).",
       _reduce(T.max), X, (Param("dim", "dims", None, "One dimension, or null for all."), KEEPDIM),
       result_shape=_extreme_shape, code=_reduction_code("max", values=True)),
    Op("min", "reductions", "Smallest element, or the smallest along dim (values only).",
       _reduce(T.min), X, (Param("dim", "dims", None, "One dimension, or null for all."), KEEPDIM),
       result_shape=_extreme_shape, code=_reduction_code("min", values=True)),
    # linear algebra
    Op("dot", "linalg", "Dot product of two 1-D tensors.", T.dot, (Port("input"), Port("tensor")),
       result_shape=_dot_shape),
    Op("matmul", "linalg", "Matrix product input @ other (1-D or 2-D operands).", T.matmul, XY,
       code="{input} @ {other}", result_shape=_matmul_shape),
    Op("mv", "linalg", "Matrix-vector product.", T.mv, (Port("input"), Port("vec")), result_shape=_mv_shape),
    Op("mm", "linalg", "Matrix-matrix product.", T.mm, (Port("input"), Port("mat2")), result_shape=_mm_shape),
    Op("norm", "linalg", "Vector p-norm of all elements, or over dim.", T.norm, X,
       (Param("p", "number", 2, "The order p of the norm."), DIM, KEEPDIM), code=_norm_code,
       result_shape=_norm_shape),
    Op("t", "linalg", "Transpose of a matrix (a vector stays as it is).", T.t, X, code="{input}.t()",
       result_shape=_t_shape),
    Op("reshape", "linalg", "The same elements in a new shape; -1 infers one dimension.",
       T.reshape, X, (Param("shape", "shape", [-1], "New shape, e.g. [2, 2] or [-1]."),),
       code="{input}.reshape({shape})", result_shape=_reshape_shape),
    # losses
    Op("mse_loss", "losses", "Mean squared error between input and target.", mse_loss,
       (Port("input"), Port("target")),
       code="torch.nn.functional.mse_loss({input}, {target})", result_shape=_scalar,
       work_shape=broadcast),
    # gradient control
    Op("detach", "gradient", "The same values, cut from the graph: no gradient flows back.",
       T.detach, X, code="{input}.detach()"),
)
# fmt: on

BY_NAME_OP: dict[str, Op] = {op.name: op for op in OPS}
assert len(BY_NAME_OP) == len(OPS), "duplicate op name"
assert {op.group for op in OPS} <= {g for g, _ in GROUPS}
