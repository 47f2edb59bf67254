"""The node types: every kind of node a graph document can hold (its `op`), defined once.

Each node type names its ports, its params (kind, default, doc), its palette group, its
one-line doc (each doc in English and in Simplified Chinese), how it runs (a call into the
torch-like library, whose derivatives live in `autograd/derivatives.py`), how it reads as
PyTorch code, and the backward nodes its run records. Everything else is derived from this table: document validation (`document.py`),
the JSON catalog the web palette reads and the op table of docs/graph-format.md
(`catalog.py`), Open as graph (`codegraph.py`), and the names the trace writes rules with.

Each node type also says the shape of its result from the shapes of its inputs and its
params, without computing anything: every node of a document is sized that way before any
runs (`plan.size_shapes`), since a few characters of a share link can ask for a tensor of
any size (a 20000×1 tensor plus a 1×20000 one).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

import py_engine as torch
from py_engine.autograd.graph import Node
from py_engine.dtypes import BY_NAME as DTYPES
from py_engine.random import randn_array

from . import batches, datasets

Tensor = torch.Tensor

# The palette's groups: id, title, title in Simplified Chinese (terms as in docs/glossary.md).
GROUPS = (
    ("tensors", "Tensors", "张量"),
    ("arithmetic", "Arithmetic", "算术运算"),
    ("functions", "Functions", "函数"),
    ("reductions", "Reductions", "归约"),
    ("linalg", "Linear algebra", "线性代数"),
    ("shapes", "Shapes and indexing", "形状与索引"),
    ("nn", "Neural networks", "神经网络"),
    ("losses", "Losses", "损失函数"),
    ("gradient", "Gradient control", "梯度控制"),
    ("data", "Data", "数据"),
)

DTYPE_CHOICES = ("float32", "float64", "int64", "bool")


@dataclass(frozen=True)
class Port:
    name: str
    optional: bool = False


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # value | bool | number | optional_number | int | choice | shape | dims | text
    default: Any
    doc: str
    doc_zh: str  # the same in Simplified Chinese, with the terms of docs/glossary.md
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


# How "Open as graph" reads a node type's params back from one of its backward nodes;
# None when that node was made with an option the node type cannot stand for (a loss
# with class weights), so that the code's value is kept as a constant instead.
ParamsOf = Callable[[Node], dict[str, Any] | None]


def _no_params(node: Node) -> dict[str, Any]:
    return {}


def _reduce_params(node: Node) -> dict[str, Any]:
    dim = node.params.get("dim")
    if dim is None:
        return {}
    dims = list(dim) if isinstance(dim, tuple) else dim
    return {"dim": dims[0] if isinstance(dims, list) and len(dims) == 1 else dims,
            "keepdim": bool(node.params.get("keepdim"))}  # fmt: skip


def _shape_params(node: Node) -> dict[str, Any]:
    return {"shape": list(node.params["shape"])}


def _dim_params(node: Node) -> dict[str, Any]:
    return {"dim": node.params["dim"]}


def _number(value: Any) -> Any:
    """A bound as the row keeps it (a numpy scalar of the op's dtype) as a JSON number: a
    float32 by its shortest text, which reads back as the same float32."""
    if value is None:
        return None
    if isinstance(value, np.floating):
        return float(str(value)) if value.dtype == np.float32 else float(value)
    return int(value) if isinstance(value, np.integer) else value


def _loss_params(node: Node) -> dict[str, Any] | None:
    if node.params.get("weight") is not None or node.params.get("ignore_index", -100) != -100:
        return None  # class weights or an ignored class: no node type stands for those
    return {"reduction": node.params["reduction"]}


def grad_fns(*names: str, params: ParamsOf = _no_params) -> tuple[tuple[str, ParamsOf], ...]:
    return tuple((name, params) for name in names)


@dataclass(frozen=True)
class NodeType:
    name: str
    group: str
    doc: str
    # The same in Simplified Chinese, for the palette in 中文, with the terms of
    # docs/glossary.md; PyTorch's names (torch.mm, requires_grad) stay as they are.
    doc_zh: str
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
    # The backward nodes (grad_fn names, rows of the derivatives table) its run records as
    # the result's own, each with how to read this node type's params back from one. The
    # trace names a rule's inputs after this node's ports, and "Open as graph" turns code's
    # backward nodes back into node types, with these. Helper nodes an op records on the
    # way (matmul's unsqueeze, reshape's clone) are not listed, nor a result whose backward
    # node another node type owns (matmul's mm is mm's).
    grad_fns: tuple[tuple[str, ParamsOf], ...] = ()
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

    def port_of(self, row_input: str, index: int) -> str | None:
        """The port a derivatives row's input stands at: derivatives.yaml's `self` is the
        `input` port, a list input (`tensors` of cat) is numbered ports (`tensors[0]`, ...,
        `index` counting that name's earlier inputs), any other name the port of that name.
        None when the node type has no such port (a cat of more tensors than it has ports)."""
        name = "input" if row_input == "self" else row_input
        ports = {p.name for p in self.inputs}
        if name in ports:
            return name
        numbered = f"{name}[{index}]"
        return numbered if numbered in ports else None


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


def _list_code(fn: str) -> Callable[[dict[str, str], dict[str, Any]], str]:
    """cat/stack: the connected `tensors[i]` ports, in port order, as one list."""

    def code(inputs: dict[str, str], params: dict[str, Any]) -> str:
        return f"torch.{fn}([{', '.join(inputs.values())}], dim={py(params['dim'])})"

    return code


def _loss_code(fn: str) -> Callable[[dict[str, str], dict[str, Any]], str]:
    def code(inputs: dict[str, str], params: dict[str, Any]) -> str:
        reduction = (
            "" if params["reduction"] == "mean" else f", reduction={py(params['reduction'])}"
        )
        return f"torch.nn.functional.{fn}({inputs['input']}, {inputs['target']}{reduction})"

    return code


def _clamp_code(inputs: dict[str, str], params: dict[str, Any]) -> str:
    bounds = "".join(f", {k}={py(params[k])}" for k in ("min", "max") if params[k] is not None)
    return f"torch.clamp({inputs['input']}{bounds})"


def _linear_code(inputs: dict[str, str], params: dict[str, Any]) -> str:
    args = [inputs["input"], inputs["weight"]] + ([inputs["bias"]] if "bias" in inputs else [])
    return f"torch.nn.functional.linear({', '.join(args)})"


# ---------------------------------------------------------------------------- shared params
def _dtype(default: str = "float32") -> Param:
    return Param("dtype", "choice", default, "Element type.", "元素的数据类型。", DTYPE_CHOICES)


REQUIRES_GRAD = Param(
    "requires_grad",
    "bool",
    False,
    "Track gradients: .grad fills on backward.",
    "需要计算梯度：反向传播时会填入 .grad。",
)
SIZE = Param("size", "shape", [3], "Shape, e.g. [2, 3].", "形状，例如 [2, 3]。")
DIM = Param(
    "dim",
    "dims",
    None,
    "Dimension(s) to reduce; null reduces everything.",
    "要归约的维度（一个或多个）；null 表示对所有元素归约。",
)
KEEPDIM = Param(
    "keepdim", "bool", False, "Keep reduced dimensions with size 1.", "保留被归约的维度，大小为 1。"
)

X = (Port("input"),)
XY = (Port("input"), Port("other"))
# cat and stack take a list of tensors; a canvas node has this many ports for it (the
# unconnected ones are left out of the list), so that a document stays a fixed shape.
LIST_PORTS = 4
TENSORS = tuple(Port(f"tensors[{i}]", optional=i > 0) for i in range(LIST_PORTS))
SOFTMAX_DIM = Param(
    "dim", "int", -1, "The dimension the probabilities sum to 1 along.", "沿这一维的概率之和为 1。"
)
REDUCTION = Param("reduction", "choice", "mean", "mean or sum over the batch, or none (one loss "
                  "per sample).", "对批量求平均值 (mean) 或求和 (sum)，或不归约 (none：每个样本一个损失)。",
                  ("mean", "sum", "none"))  # fmt: skip


def _leaf(values: Tensor, requires_grad: bool) -> Tensor:
    return values.requires_grad_(True) if requires_grad else values


def _reduce(fn: Callable[..., Any]) -> Callable[..., Tensor]:
    def run(x: Tensor, dim: Any, keepdim: bool) -> Tensor:
        out = fn(x) if dim is None else fn(x, dim, keepdim)
        return out[0] if isinstance(out, tuple) else out  # max(dim) -> its values

    return run


def _listed(fn: Callable[..., Tensor]) -> Callable[..., Tensor]:
    def run(*tensors: Tensor | None, dim: int) -> Tensor:
        return fn([t for t in tensors if t is not None], dim)

    return run


def _pow(x: Tensor, exponent_tensor: Tensor | None, exponent: float) -> Tensor:
    return torch.pow(x, exponent_tensor if exponent_tensor is not None else exponent)


def _inferred_dtype(params: dict[str, Any]) -> str:
    """The dtype torch.tensor infers from what `literal` writes (floats read as float32)."""
    return {"bool": "bool", "int64": "int64"}.get(params["dtype"], "float32")


def _randn(size: list[int], seed: int, dtype: str, requires_grad: bool) -> Tensor:
    dt = DTYPES[dtype]
    if not dt.is_floating_point:
        raise NotImplementedError(f"\"normal_kernel_cpu\" not implemented for '{dt.short}'")
    gen = torch.Generator().manual_seed(seed)
    values = Tensor._make(randn_array(tuple(size), dt.np, gen), None)
    return _leaf(values, requires_grad)


def _parameter(
    role: str,
    in_features: int,
    out_features: int,
    seed: int,
    requires_grad: bool,
    draws_before: int = 0,
) -> Tensor:
    """A weight or bias as `nn.Linear(in_features, out_features)` initialises it, after
    `torch.manual_seed(seed)` and `draws_before` earlier draws from that stream (the layers
    before it: `parameter_draws`), so that the same script in torch gives the same numbers."""
    if min(in_features, out_features) < 0:  # nn.Linear fails on its weight, bias or not
        torch.empty((out_features, in_features))
    shape = (out_features, in_features) if role == "weight" else (out_features,)
    t = torch.empty(shape)
    gen = torch.Generator().manual_seed(seed)
    gen._u32(draws_before)  # one 32-bit draw per float32 element, as torch's uniform_
    if role == "weight":
        torch.nn.init.kaiming_uniform_(t, a=math.sqrt(5), generator=gen)
    else:  # nn.Linear.reset_parameters: the bias bound from the weight's fan_in
        bound = 1 / math.sqrt(in_features) if in_features > 0 else 0
        torch.nn.init.uniform_(t, -bound, bound, generator=gen)
    return _leaf(t, requires_grad)


def parameter_draws(specs: list[Any]) -> None:
    """Sets each `parameter` node's `draws_before`: the elements drawn before it from its
    seed's stream by the parameter nodes before it in the document, in document order (the
    order a script builds its layers in after torch.manual_seed)."""
    drawn: dict[int, int] = {}
    for spec in specs:
        if spec.op is None or spec.op.name != "parameter" or spec.error is not None:
            continue
        p = spec.params
        seed = p["seed"]
        p["draws_before"] = drawn.get(seed, 0)
        n_in, n_out = max(p["in_features"], 0), max(p["out_features"], 0)
        drawn[seed] = drawn.get(seed, 0) + n_out * (n_in if p["role"] == "weight" else 1)


def _parameter_code(inputs: dict[str, str], params: dict[str, Any]) -> str:
    """The draws spelt with nn.init (the script needs `import math`); Copy as PyTorch writes
    a weight and its bias as one nn.Linear instead (`export.py`)."""
    n_in, n_out, grad = params["in_features"], params["out_features"], params["requires_grad"]
    if params["role"] == "weight":
        init = f"torch.nn.init.kaiming_uniform_(torch.empty({n_out}, {n_in}), a=math.sqrt(5))"
    else:
        bound = f"1 / math.sqrt({n_in})" if n_in > 0 else "0"
        init = f"torch.nn.init.uniform_(torch.empty({n_out}), -{bound}, {bound})"
    return f"{init}.requires_grad_()" if grad else init


def _parameter_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    if p["in_features"] < 0 or p["out_features"] < 0:
        return None
    return (p["out_features"], p["in_features"]) if p["role"] == "weight" else (p["out_features"],)


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
    n = (end - start) / step  # as torch.arange counts, so the check sees what would be made
    return (math.ceil(n),) if math.isfinite(n) else None


def _size_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    return tuple(p["size"]) if all(n >= 0 for n in p["size"]) else None


def _reduced(shape: Shape, dim: Any, keepdim: bool) -> Shape | None:
    """`shape` reduced over `dim` (None for all, an int or a list), as the library reads dims."""
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


def _in_range(dim: int, ndim: int) -> bool:
    """Whether `dim` names a dimension of an ndim-dimensional tensor (a 0-d one has one)."""
    return -max(ndim, 1) <= dim < max(ndim, 1)


def _same_shape_along(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    """softmax and log_softmax: the input's shape, when `dim` is one of its dimensions."""
    (shape,) = shapes
    assert shape is not None
    return shape if _in_range(p["dim"], len(shape)) else None


def _transpose_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    (shape,) = shapes
    assert shape is not None
    n = len(shape)
    if not (_in_range(p["dim0"], n) and _in_range(p["dim1"], n)):
        return None
    if n == 0:
        return shape
    out = list(shape)
    a, b = p["dim0"] % n, p["dim1"] % n
    out[a], out[b] = out[b], out[a]
    return tuple(out)


def _unsqueeze_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    (shape,) = shapes
    assert shape is not None
    n = len(shape) + 1
    if not -n <= p["dim"] < n:
        return None
    d = p["dim"] % n
    return shape[:d] + (1,) + shape[d:]


def _cat_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    # 1-D empty tensors are left out by torch.cat (a legacy rule), unless all are
    given = [s for s in shapes if s is not None]
    kept = [s for s in given if s != (0,)] or given[:1]
    first = kept[0]
    if any(len(s) == 0 for s in given) or not _in_range(p["dim"], len(first)):
        return None
    d = p["dim"] % len(first)
    if any(len(s) != len(first) or s[:d] + s[d + 1 :] != first[:d] + first[d + 1 :] for s in kept):
        return None
    return first[:d] + (sum(s[d] for s in kept),) + first[d + 1 :]


def _stack_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    given = [s for s in shapes if s is not None]
    first = given[0]
    n = len(first) + 1
    if any(s != first for s in given) or not -n <= p["dim"] < n:
        return None
    d = p["dim"] % n
    return first[:d] + (len(given),) + first[d:]


def _gather_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    """The index's shape (its sizes are checked against the input's by the op itself)."""
    shape, index = shapes
    assert shape is not None and index is not None
    if len(index) != len(shape) and not (len(index) <= 1 and len(shape) <= 1):
        return None
    return index if _in_range(p["dim"], len(shape)) else None


def _linear_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    """input (..., in) and weight (out, in) or (in,): (..., out) or (...); a bias must
    broadcast to that."""
    x, w, bias = shapes
    assert x is not None and w is not None
    if not x or not 1 <= len(w) <= 2 or x[-1] != w[-1]:
        return None
    out = x[:-1] + w[:1] if len(w) == 2 else x[:-1]
    if bias is not None:
        try:
            if np.broadcast_shapes(out, bias) != out:
                return None
        except ValueError:
            return None
    return out


def _addmm_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    bias, a, b = shapes
    assert bias is not None and a is not None and b is not None
    if len(a) != 2 or len(b) != 2 or a[1] != b[0] or len(bias) > 2:
        return None
    out = (a[0], b[1])
    try:
        return out if np.broadcast_shapes(out, bias) == out else None
    except ValueError:
        return None


def _loss_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    """A class-index loss: one number, or one per sample (the target's shape) for 'none'."""
    x, target = shapes
    assert x is not None and target is not None
    if len(x) == 1:  # one sample: its class as a 0-d or a (1,) target
        return () if target in ((), (1,)) else None
    if not x or target != x[:1] + x[2:]:
        return None
    return target if p["reduction"] == "none" else ()


def _cross_entropy_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    """cross_entropy also takes class probabilities: a target of the input's own shape."""
    x, target = shapes
    if x is not None and target == x:
        return (x[:1] + x[2:] if len(x) > 1 else ()) if p["reduction"] == "none" else ()
    return _loss_shape(shapes, p)


def _bce_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    """input and target of one shape: one number, or that shape for 'none'."""
    x, target = shapes
    if x is None or x != target:
        return None
    return x if p["reduction"] == "none" else ()


def _mse_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    """One number, or (for 'none') input and target broadcast together."""
    shape = broadcast(shapes, p)
    return shape if shape is None or p["reduction"] == "none" else ()


def _dataset_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    return batches.result_shape(p)


def _targets_shape(shapes: list[Shape | None], p: dict[str, Any]) -> Shape | None:
    """The labels of a batch: one class index per row, or an (rows, 1) regression target;
    which, only the dataset knows, so this is left to the run (it is no bigger)."""
    return None


def _dataset_code(inputs: dict[str, str], params: dict[str, Any]) -> str:
    keep = ("name", "seed", "test_fraction", "batch_size") + (
        ("csv",) if params["name"] == "csv" else ("n", "noise"))  # fmt: skip
    return "dataset(" + ", ".join(f"{k}={py(params[k])}" for k in keep) + ")"


DATASET_PARAMS = (
    Param("name", "choice", "blobs", "Which data: a built-in set, or csv (your own table).",
          "哪一份数据：内置数据集，或 csv（你自己的表格）。", (*datasets.GENERATORS, "csv")),
    Param("n", "int", 200, f"How many points (2 to {datasets.MAX_POINTS}); a csv has its rows.",
          f"点的个数（2 到 {datasets.MAX_POINTS}）；csv 的点数就是它的行数。"),
    Param("noise", "number", 0.1, "Standard deviation of the Gaussian noise added to each point.",
          "加到每个点上的高斯噪声的标准差。"),
    Param("seed", "int", 0, "Seed of the points, the train/test split and the shuffling.",
          "点、训练集/测试集划分和打乱顺序所用的随机种子。"),
    Param("test_fraction", "number", 0.2, "Share of the points held out as the test set (0 to below 1).",
          "留作测试集的点所占的比例（0 到小于 1）。"),
    Param("batch_size", "int", 0, "Rows per mini-batch, shuffled as DataLoader(shuffle=True) does; 0: the whole train set.",
          "每个小批量的行数，按 DataLoader(shuffle=True) 的方式打乱；0 表示整个训练集。"),
    Param("csv", "text", "", "Your table (name csv): a header line, then rows; the last column is the label.",
          "你的表格（name 为 csv 时）：第一行是列名，之后每行一个点；最后一列是标签。"),
)  # fmt: skip


# fmt: off
NODE_TYPES: tuple[NodeType, ...] = (
    # tensors (leaves)
    NodeType("tensor", "tensors", "A tensor from a number or a nested list: torch.tensor(value).",
             "由一个数或嵌套列表创建张量：torch.tensor(value)。",
             lambda value, dtype, requires_grad: torch.tensor(value, dtype=DTYPES[dtype], requires_grad=requires_grad),
             params=(Param("value", "value", [1.0, 2.0, 3.0], "A number or a nested list, e.g. [0, 1, 2, 3].", "一个数或嵌套列表，例如 [0, 1, 2, 3]。"),
               _dtype(), REQUIRES_GRAD), leaf=True, result_shape=_value_shape,
             code=lambda i, p: f"torch.tensor({literal(p['value'], p['dtype'])}"
                         f"{_creation_kwargs(p, _inferred_dtype(p))})"),
    NodeType("arange", "tensors", "Evenly spaced values from start up to (not including) end.",
             "从 start 到 end（不含 end）的等间隔数值。",
             lambda start, end, step, dtype, requires_grad: torch.arange(
           start, end, step, dtype=DTYPES[dtype], requires_grad=requires_grad),
             params=(Param("start", "number", 0, "First value.", "第一个值。"), Param("end", "number", 4, "End (excluded).", "终点（不包含）。"),
               Param("step", "number", 1, "Spacing.", "相邻两个值的间隔（步长）。"), _dtype(), REQUIRES_GRAD), leaf=True,
             result_shape=_arange_shape,
             code=lambda i, p: f"torch.arange({py(p['start'])}, {py(p['end'])}, {py(p['step'])}"
                         f"{_creation_kwargs(p, '')})"),
    NodeType("ones", "tensors", "A tensor filled with ones.",
             "元素全为 1 的张量。",
             lambda size, dtype, requires_grad: torch.ones(size, dtype=DTYPES[dtype], requires_grad=requires_grad),
             params=(SIZE, _dtype(), REQUIRES_GRAD), leaf=True, result_shape=_size_shape,
             code=lambda i, p: f"torch.ones({py(p['size'])}{_creation_kwargs(p, 'float32')})"),
    NodeType("zeros", "tensors", "A tensor filled with zeros.",
             "元素全为 0 的张量。",
             lambda size, dtype, requires_grad: torch.zeros(size, dtype=DTYPES[dtype], requires_grad=requires_grad),
             params=(SIZE, _dtype(), REQUIRES_GRAD), leaf=True, result_shape=_size_shape,
             code=lambda i, p: f"torch.zeros({py(p['size'])}{_creation_kwargs(p, 'float32')})"),
    NodeType("randn", "tensors", "Standard normal samples; the same seed gives PyTorch's numbers.",
             "标准正态分布的样本；种子相同，得到的数就与 PyTorch 的相同。",
             _randn, params=(SIZE, Param("seed", "int", 0, "torch.manual_seed(seed) before sampling.", "采样前先执行 torch.manual_seed(seed)。"),
                       _dtype(), REQUIRES_GRAD), leaf=True, result_shape=_size_shape,
             code=lambda i, p: f"torch.randn({py(p['size'])}, generator=torch.Generator().manual_seed("
                         f"{py(p['seed'])}){_creation_kwargs(p, 'float32')})"),
    NodeType("parameter", "nn", "A weight (out_features, in_features) or bias (out_features) drawn as nn.Linear(in_features, out_features) draws it after torch.manual_seed(seed); the parameter nodes of one seed draw in document order, as layers built one after another.",
             "按 nn.Linear(in_features, out_features) 的方式初始化的权重 (out_features, in_features) 或偏置 (out_features)，在 torch.manual_seed(seed) 之后抽取；同一个种子的各个参数节点按它们在文档中的顺序抽取，如同依次构建各层。",
             _parameter, params=(
                 Param("role", "choice", "weight", "weight (Kaiming-uniform) or bias (uniform within 1/sqrt(in_features)).", "weight（Kaiming 均匀分布）或 bias（在 ±1/sqrt(in_features) 内均匀分布）。", ("weight", "bias")),
                 Param("in_features", "int", 2, "The layer's input size (fan_in).", "该层的输入大小 (fan_in)。"),
                 Param("out_features", "int", 8, "The layer's output size.", "该层的输出大小。"),
                 Param("seed", "int", 0, "torch.manual_seed(seed) before the first layer.", "构建第一层之前先执行 torch.manual_seed(seed)。"),
                 Param("requires_grad", "bool", True, "Track gradients: .grad fills on backward (an nn.Linear parameter does).", "需要计算梯度：反向传播时会填入 .grad（nn.Linear 的参数都需要）。")),
             leaf=True, result_shape=_parameter_shape, code=_parameter_code),
    # arithmetic
    NodeType("add", "arithmetic", "input + other, elementwise with broadcasting.",
             "input + other，按元素计算，支持广播。", torch.add, XY,
             code="{input} + {other}", grad_fns=grad_fns("AddBackward0")),
    NodeType("sub", "arithmetic", "input - other, elementwise with broadcasting.",
             "input - other，按元素计算，支持广播。", torch.sub, XY,
             code="{input} - {other}", grad_fns=grad_fns("SubBackward0")),
    NodeType("mul", "arithmetic", "input * other, elementwise with broadcasting.",
             "input * other，按元素计算，支持广播。", torch.mul, XY,
             code="{input} * {other}", grad_fns=grad_fns("MulBackward0")),
    NodeType("div", "arithmetic", "input / other, elementwise true division.",
             "input / other，按元素做真除法（结果为浮点数）。", torch.div, XY,
             code="{input} / {other}", grad_fns=grad_fns("DivBackward0")),
    NodeType("pow", "arithmetic", "input ** exponent: a tensor at the exponent port, else the number param.",
             "input ** exponent：exponent 端口接了张量就用该张量，否则用数值参数 exponent。",
             _pow, (Port("input"), Port("exponent", optional=True)),
             (Param("exponent", "number", 2, "Exponent used when the exponent port is not connected.", "exponent 端口未连接时使用的指数。"),),
             code=lambda i, p: f"{i['input']} ** {i.get('exponent') or py(p['exponent'])}",
             grad_fns=(("PowBackward0", lambda n: {"exponent": n.params["exponent"]}),
                       ("PowBackward1", _no_params))),
    NodeType("neg", "arithmetic", "-input.",
             "取负：-input。", torch.neg, X, code="-{input}", grad_fns=grad_fns("NegBackward0")),
    # functions
    NodeType("exp", "functions", "e ** input, elementwise.",
             "e ** input，按元素计算。", torch.exp, X, grad_fns=grad_fns("ExpBackward0")),
    NodeType("log", "functions", "Natural logarithm, elementwise.",
             "自然对数，按元素计算。", torch.log, X, grad_fns=grad_fns("LogBackward0")),
    NodeType("sin", "functions", "Sine, elementwise.",
             "正弦，按元素计算。", torch.sin, X, grad_fns=grad_fns("SinBackward0")),
    NodeType("cos", "functions", "Cosine, elementwise.",
             "余弦，按元素计算。", torch.cos, X, grad_fns=grad_fns("CosBackward0")),
    NodeType("tanh", "functions", "Hyperbolic tangent, elementwise.",
             "双曲正切，按元素计算。", torch.tanh, X, grad_fns=grad_fns("TanhBackward0")),
    NodeType("sigmoid", "functions", "1 / (1 + e ** -input), elementwise.",
             "1 / (1 + e ** -input)，按元素计算。", torch.sigmoid, X, grad_fns=grad_fns("SigmoidBackward0")),
    NodeType("relu", "functions", "max(input, 0), elementwise.",
             "max(input, 0)，按元素计算。", torch.relu, X, grad_fns=grad_fns("ReluBackward0")),
    NodeType("leaky_relu", "functions", "input where positive, negative_slope * input elsewhere, elementwise.",
             "input 为正处取 input，其余处取 negative_slope * input，按元素计算。",
             torch.nn.functional.leaky_relu, X,
             (Param("negative_slope", "number", 0.01, "Slope for negative inputs.", "负输入处的斜率。"),),
             code="torch.nn.functional.leaky_relu({input}, negative_slope={negative_slope})",
             grad_fns=grad_fns("LeakyReluBackward0",
                               params=lambda n: {"negative_slope": n.params["negative_slope"]})),
    NodeType("gelu", "functions", "input * Φ(input), Φ the standard normal CDF (tanh: its tanh approximation), elementwise.",
             "input * Φ(input)，Φ 为标准正态分布的累积分布函数（tanh：用 tanh 近似），按元素计算。",
             torch.nn.functional.gelu, X,
             (Param("approximate", "choice", "none", "none (exact, with erf) or tanh.",
                    "none（精确，用 erf）或 tanh（近似）。", ("none", "tanh")),),
             code="torch.nn.functional.gelu({input}, approximate={approximate})",
             grad_fns=grad_fns("GeluBackward0",
                               params=lambda n: {"approximate": n.params["approximate"]})),
    NodeType("silu", "functions", "input * sigmoid(input) (also called swish), elementwise.",
             "input * sigmoid(input)（又称 swish），按元素计算。",
             torch.nn.functional.silu, X, code="torch.nn.functional.silu({input})",
             grad_fns=grad_fns("SiluBackward0")),
    NodeType("softplus", "functions", "log(1 + e ** (beta * input)) / beta, a smooth relu, elementwise.",
             "log(1 + e ** (beta * input)) / beta，平滑的 relu，按元素计算。",
             torch.nn.functional.softplus, X,
             (Param("beta", "number", 1, "Sharpness: larger is closer to relu.", "陡峭程度：越大越接近 relu。"),),
             code="torch.nn.functional.softplus({input}, beta={beta})",
             grad_fns=grad_fns("SoftplusBackward0", params=lambda n: {"beta": n.params["beta"]})),
    NodeType("abs", "functions", "|input|, elementwise.",
             "绝对值 |input|，按元素计算。", torch.abs, X, grad_fns=grad_fns("AbsBackward0")),
    NodeType("sqrt", "functions", "Square root, elementwise.",
             "平方根，按元素计算。", torch.sqrt, X, grad_fns=grad_fns("SqrtBackward0")),
    NodeType("clamp", "functions", "input limited to [min, max], elementwise; leave min or max empty for no bound.",
             "把 input 按元素限制在 [min, max] 内；min 或 max 留空表示那一侧不设界。",
             torch.clamp, X, (Param("min", "optional_number", -1, "Lower bound, or null for none.", "下界；null 表示没有下界。"),
                              Param("max", "optional_number", 1, "Upper bound, or null for none.", "上界；null 表示没有上界。")),
             code=_clamp_code,
             grad_fns=grad_fns("ClampBackward1", params=lambda n: {"min": _number(n.params["lo"]),
                                                                   "max": _number(n.params["hi"])})),
    NodeType("where", "functions", "input where condition is True, else other (condition: a bool tensor).",
             "condition 为 True 处取 input，否则取 other（condition 是布尔张量）。",
             torch.where, (Port("condition"), Port("input"), Port("other")), grad_fns=grad_fns("WhereBackward0")),
    # reductions
    NodeType("sum", "reductions", "Sum of all elements, or over dim.",
             "对所有元素求和，或沿 dim 求和。", _reduce(torch.sum), X, (DIM, KEEPDIM),
             result_shape=_reduction_shape, code=_reduction_code("sum"),
             grad_fns=grad_fns("SumBackward0") + grad_fns("SumBackward1", params=_reduce_params)),
    NodeType("mean", "reductions", "Mean of all elements, or over dim.",
             "所有元素的平均值，或沿 dim 求平均值。", _reduce(torch.mean), X, (DIM, KEEPDIM),
             result_shape=_reduction_shape, code=_reduction_code("mean"),
             grad_fns=grad_fns("MeanBackward0") + grad_fns("MeanBackward1", params=_reduce_params)),
    NodeType("max", "reductions", "Largest element, or the largest along dim (values only).",
             "最大的元素，或沿 dim 的最大值（只取值，不取索引）。",
             _reduce(torch.max), X, (Param("dim", "dims", None, "One dimension, or null for all.", "一个维度；null 表示所有元素。"), KEEPDIM),
             result_shape=_extreme_shape, code=_reduction_code("max", values=True),
             grad_fns=grad_fns("MaxBackward1") + grad_fns("MaxBackward0", params=_reduce_params)),
    NodeType("min", "reductions", "Smallest element, or the smallest along dim (values only).",
             "最小的元素，或沿 dim 的最小值（只取值，不取索引）。",
             _reduce(torch.min), X, (Param("dim", "dims", None, "One dimension, or null for all.", "一个维度；null 表示所有元素。"), KEEPDIM),
             result_shape=_extreme_shape, code=_reduction_code("min", values=True),
             grad_fns=grad_fns("MinBackward1") + grad_fns("MinBackward0", params=_reduce_params)),
    # linear algebra
    NodeType("dot", "linalg", "Dot product of two 1-D tensors.",
             "两个一维张量的点积。", torch.dot, (Port("input"), Port("tensor")),
             result_shape=_dot_shape, grad_fns=grad_fns("DotBackward0")),
    NodeType("matmul", "linalg", "Matrix product input @ other (1-D or 2-D operands).",
             "矩阵乘法 input @ other（操作数为一维或二维张量）。", torch.matmul, XY,
             code="{input} @ {other}", result_shape=_matmul_shape),
    NodeType("mv", "linalg", "Matrix-vector product.",
             "矩阵-向量积。", torch.mv, (Port("input"), Port("vec")), result_shape=_mv_shape,
             grad_fns=grad_fns("MvBackward0")),
    NodeType("mm", "linalg", "Matrix-matrix product.",
             "矩阵-矩阵乘法。", torch.mm, (Port("input"), Port("mat2")), result_shape=_mm_shape,
             grad_fns=grad_fns("MmBackward0")),
    NodeType("norm", "linalg", "Vector p-norm of all elements, or over dim.",
             "所有元素的向量 p-范数，或沿 dim 的 p-范数。", torch.norm, X,
             (Param("p", "number", 2, "The order p of the norm.", "范数的阶 p。"), DIM, KEEPDIM), code=_norm_code,
             result_shape=_norm_shape,
             grad_fns=grad_fns("LinalgVectorNormBackward0",
                               params=lambda n: {"p": n.params["p"], **_reduce_params(n)})),
    NodeType("t", "linalg", "Transpose of a matrix (a vector stays as it is).",
             "矩阵的转置（向量保持不变）。", torch.t, X, code="{input}.t()",
             result_shape=_t_shape, grad_fns=grad_fns("TBackward0")),
    NodeType("reshape", "linalg", "The same elements in a new shape; -1 infers one dimension.",
             "同样的元素，换成新的形状；-1 表示由其余维度推断这一维的大小。",
             torch.reshape, X, (Param("shape", "shape", [-1], "New shape, e.g. [2, 2] or [-1].", "新形状，例如 [2, 2] 或 [-1]。"),),
             code="{input}.reshape({shape})", result_shape=_reshape_shape,
             grad_fns=grad_fns("ViewBackward0", "UnsafeViewBackward0", params=_shape_params)),
    NodeType("addmm", "linalg", "input + mat1 @ mat2: what linear records on a batch.",
             "input + mat1 @ mat2：linear 作用于一个批量时在计算图中记录的运算。", torch.addmm,
             (Port("input"), Port("mat1"), Port("mat2")), result_shape=_addmm_shape,
             grad_fns=grad_fns("AddmmBackward0")),
    # shapes and indexing
    NodeType("transpose", "shapes", "input with dimensions dim0 and dim1 swapped.",
             "交换 input 的第 dim0 维和第 dim1 维。", torch.transpose, X,
             (Param("dim0", "int", 0, "The first dimension to swap.", "要交换的第一个维度。"),
              Param("dim1", "int", 1, "The second dimension to swap.", "要交换的第二个维度。")),
             code="{input}.transpose({dim0}, {dim1})", result_shape=_transpose_shape,
             grad_fns=grad_fns("TransposeBackward0",
                               params=lambda n: {"dim0": n.params["dim0"], "dim1": n.params["dim1"]})),
    NodeType("unsqueeze", "shapes", "input with a new dimension of size 1 inserted at dim.",
             "在第 dim 维处给 input 插入一个大小为 1 的新维度。", torch.unsqueeze, X,
             (Param("dim", "int", 0, "Where the new dimension goes; -1 appends it.", "新维度插入的位置；-1 表示加在最后。"),),
             code="{input}.unsqueeze({dim})", result_shape=_unsqueeze_shape,
             grad_fns=grad_fns("UnsqueezeBackward0", params=_dim_params)),
    NodeType("cat", "shapes", "The connected tensors joined end to end along dim (an existing dimension).",
             "把连接的张量沿第 dim 维（已有的维度）首尾拼接。",
             _listed(torch.cat), TENSORS, (Param("dim", "int", 0, "The dimension to join along.", "沿这一维拼接。"),),
             code=_list_code("cat"), result_shape=_cat_shape,
             grad_fns=grad_fns("CatBackward0", params=_dim_params)),
    NodeType("stack", "shapes", "The connected tensors (all one shape) stacked along a new dimension dim.",
             "把连接的张量（形状相同）沿新的第 dim 维堆叠。",
             _listed(torch.stack), TENSORS, (Param("dim", "int", 0, "Where the new dimension goes.", "新维度插入的位置。"),),
             code=_list_code("stack"), result_shape=_stack_shape,
             grad_fns=grad_fns("StackBackward0", params=_dim_params)),
    NodeType("gather", "shapes", "Values of input picked along dim at the positions in index (an int64 tensor).",
             "沿第 dim 维，按 index（int64 张量）给出的位置从 input 中取值。",
             lambda input, index, dim: torch.gather(input, dim, index), (Port("input"), Port("index")),
             (Param("dim", "int", 0, "The dimension index picks along.", "index 沿这一维取值。"),),
             code="torch.gather({input}, {dim}, {index})", result_shape=_gather_shape,
             grad_fns=grad_fns("GatherBackward0", params=_dim_params)),
    # neural networks
    NodeType("softmax", "nn", "exp(input) normalised to sum to 1 along dim: probabilities.",
             "沿第 dim 维把 exp(input) 归一化为和为 1：得到概率。",
             torch.nn.functional.softmax, X, (SOFTMAX_DIM,),
             code="torch.nn.functional.softmax({input}, dim={dim})", result_shape=_same_shape_along,
             grad_fns=grad_fns("SoftmaxBackward0", params=_dim_params)),
    NodeType("log_softmax", "nn", "log(softmax(input)) along dim, computed stably.",
             "沿第 dim 维计算 log(softmax(input))，数值上更稳定。",
             torch.nn.functional.log_softmax, X, (SOFTMAX_DIM,),
             code="torch.nn.functional.log_softmax({input}, dim={dim})", result_shape=_same_shape_along,
             grad_fns=grad_fns("LogSoftmaxBackward0", params=_dim_params)),
    NodeType("linear", "nn", "input @ weight.T + bias, as nn.Linear computes (bias optional).",
             "input @ weight.T + bias，与 nn.Linear 的计算相同（bias 可选）。",
             torch.nn.functional.linear, (Port("input"), Port("weight"), Port("bias", optional=True)),
             code=_linear_code, result_shape=_linear_shape),
    # losses
    NodeType("cross_entropy", "losses", "Cross entropy of logits input (N, C) and a target of class indices (N, int64) or class probabilities (N, C).",
             "未归一化的分数 (logits) input (N, C) 与目标 target 之间的交叉熵；target 是类别索引 (N, int64) 或类别概率 (N, C)。",
             torch.nn.functional.cross_entropy, (Port("input"), Port("target")), (REDUCTION,),
             code=_loss_code("cross_entropy"), result_shape=_cross_entropy_shape),
    NodeType("binary_cross_entropy_with_logits", "losses", "Binary cross entropy of logits input and a target of probabilities (0 or 1 labels, floats) of the same shape: sigmoid and log in one stable step.",
             "未归一化的分数 (logits) input 与同形状的目标概率 target（浮点数，标签为 0 或 1）之间的二元交叉熵：sigmoid 与 log 在一步中稳定地算出。",
             torch.nn.functional.binary_cross_entropy_with_logits, (Port("input"), Port("target")), (REDUCTION,),
             code=_loss_code("binary_cross_entropy_with_logits"), result_shape=_bce_shape,
             grad_fns=grad_fns("BinaryCrossEntropyWithLogitsBackward0", params=_loss_params)),
    NodeType("nll_loss", "losses", "Negative log likelihood of log-probabilities input at class indices target (int64).",
             "负对数似然损失：在类别索引 target (int64) 处取对数概率 input 的值。",
             torch.nn.functional.nll_loss, (Port("input"), Port("target")), (REDUCTION,),
             code=_loss_code("nll_loss"), result_shape=_loss_shape,
             grad_fns=grad_fns("NllLossBackward0", params=_loss_params)),
    NodeType("mse_loss", "losses", "Mean squared error between input and target.",
             "input 与 target 之间的均方误差。", torch.nn.functional.mse_loss,
             (Port("input"), Port("target")),
             (Param("reduction", "choice", "mean", "mean or sum of the squared errors, or none (each "
                    "one).", "对平方误差求平均值 (mean) 或求和 (sum)，或不归约 (none：逐个给出)。",
                    ("mean", "sum", "none")),),
             code=_loss_code("mse_loss"), result_shape=_mse_shape, work_shape=broadcast,
             grad_fns=grad_fns("MseLossBackward0", params=lambda n: {"reduction": n.params["reduction"]})),
    # gradient control
    NodeType("detach", "gradient", "The same values, cut from the graph: no gradient flows back.",
             "数值相同，但从计算图中分离出来：梯度不会经过它反向传播。",
             torch.detach, X, code="{input}.detach()"),
    # data
    NodeType("dataset", "data", "Features X of the current mini-batch of a dataset (train set); each training step takes the next batch.",
             "数据集当前小批量的特征 X（取自训练集）；每个训练步取下一个小批量。",
             batches.first_batch, params=DATASET_PARAMS, leaf=True, result_shape=_dataset_shape,
             code=_dataset_code),
    NodeType("targets", "data", "Labels y of the same mini-batch as the dataset node at its input: the loss's target.",
             "与输入端的 dataset 节点同一小批量的标签 y：作为损失函数的 target。",
             batches.targets_of, X, code="targets({input})", result_shape=_targets_shape),
)
# fmt: on

BY_NAME: dict[str, NodeType] = {t.name: t for t in NODE_TYPES}
assert len(BY_NAME) == len(NODE_TYPES), "duplicate node type name"
assert {t.group for t in NODE_TYPES} <= {g for g, _, _ in GROUPS}

# grad_fn name -> the node type whose run records it as its result's own, and how to read
# that node type's params back from it.
BY_GRAD_FN: dict[str, tuple[NodeType, ParamsOf]] = {
    name: (t, params) for t in NODE_TYPES for name, params in t.grad_fns
}
assert len(BY_GRAD_FN) == sum(len(t.grad_fns) for t in NODE_TYPES), "a grad_fn of two node types"
