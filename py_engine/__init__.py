"""A PyTorch-faithful autograd engine in pure Python and numpy.

`import py_engine as torch` runs ordinary PyTorch autograd code for the subset in
docs/graph-format.md: same values, dtypes, printed text, grad_fn names and errors.

This package is the library: `_tensor/` (Tensor and the torch functions), `autograd/`,
`nn/`, dtypes, printing and random numbers. Each of their modules lists its torch names in
`__all__`, and they are re-exported here as they are. `playground/` is the service the page
talks to, built on the library; nothing in the library imports it (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import autograd, cuda, dtypes, nn, optim, serialization, utils
from . import backends
from .settings import *  # noqa: F403
from ._unsupported import lazy_names as _lazy_names
from ._unsupported import module_getattr as _module_getattr
from ._tensor.core import *  # noqa: F403
from ._tensor.core import Tensor
from ._tensor.core import _mark_unsupported_methods
from ._tensor.creation import *  # noqa: F403
from ._tensor.device import *  # noqa: F403
from ._tensor.functions import *  # noqa: F403
from ._tensor.indexing import *  # noqa: F403
from ._tensor.shapes import *  # noqa: F403
from ._tensor.elementwise import *  # noqa: F403
from ._tensor.reductions import *  # noqa: F403
from ._tensor.stats import *  # noqa: F403
from ._tensor.determinants import *  # noqa: F403
from ._tensor.decompositions import *  # noqa: F403
from ._tensor.solvers import *  # noqa: F403
from ._tensor.index_writes import *  # noqa: F403
from ._tensor.numerics import *  # noqa: F403
from ._tensor.signal_windows import *  # noqa: F403
from ._tensor.strided import *  # noqa: F403
from ._tensor.spectral import *  # noqa: F403
from ._tensor.aliases import *  # noqa: F403
from ._tensor.integrals import *  # noqa: F403
from ._tensor.indices import *  # noqa: F403
from ._tensor.special import *  # noqa: F403
from ._tensor.einsum import einsum
from .autograd.grad_mode import *  # noqa: F403
from .dtypes import *  # noqa: F403
from .formatting import set_printoptions
from .random import *  # noqa: F403
from .serialization import load, save

# torch.softmax and torch.log_softmax are the Tensor methods' functions (dim required)
softmax = Tensor.softmax  # type: ignore[attr-defined]
log_softmax = Tensor.log_softmax  # type: ignore[attr-defined]

# torch.conv2d, torch.max_pool2d, ...: torch's own names for the nn.functional ones (it has no
# torch.avg_pool2d or torch.adaptive_avg_pool2d)
conv1d = nn.functional.conv1d
conv2d = nn.functional.conv2d
max_pool1d = nn.functional.max_pool1d
avg_pool1d = nn.functional.avg_pool1d
adaptive_avg_pool1d = nn.functional.adaptive_avg_pool1d
max_pool2d = nn.functional._torch_max_pool2d
adaptive_max_pool1d = nn.functional._torch_adaptive_max_pool1d
conv_transpose1d = nn.functional.conv_transpose1d
conv_transpose2d = nn.functional.conv_transpose2d
# and the activations and distances torch also has at the top
cosine_similarity = nn.functional.cosine_similarity
pairwise_distance = nn.functional.pairwise_distance
selu = nn.functional.selu
celu = nn.functional.celu
hardshrink = nn.functional.hardshrink
threshold = nn.functional.threshold
prelu = nn.functional.prelu


def _take_out() -> None:
    """torch's functions take out=: the ops modules' functions are wrapped here, where they
    become torch.name (their Tensor methods, which take no out=, stay as they are)."""
    from ._tensor import elementwise, functions, indexing, reductions, shapes, stats
    from ._tensor.dispatch import with_out

    for module in (functions, elementwise, reductions, shapes, indexing, stats):
        for name in module.__all__:
            fn = globals()[name]
            if callable(fn) and not isinstance(fn, type) and name not in _NO_OUT:
                globals()[name] = with_out(fn)


_NO_OUT = {"is_tensor", "is_floating_point", "numel", "equal", "allclose", "split", "chunk",
           "unbind", "broadcast_shapes"}  # fmt: skip
_take_out()


def _inplace_function(name: str) -> Any:
    """torch.exp_(x) and the like: the Tensor method x.exp_(), under torch's name."""

    def fn(input: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(input, Tensor):
            raise TypeError(
                f"{name}(): argument 'input' (position 1) must be Tensor, not "
                f"{type(input).__name__}"
            )
        return getattr(input, name)(*args, **kwargs)

    fn.__name__ = fn.__qualname__ = name
    return fn


# torch's in-place functions that are its Tensor methods under another roof; selu_, celu_
# and threshold_ have no method and are nn.functional's.
for _name in """abs_ acos_ acosh_ addmv_ arccos_ arccosh_ arcsin_ arcsinh_ arctan_ arctanh_ asin_
        asinh_ atan_ atanh_ ceil_ clamp_ clamp_max_ clamp_min_ clip_ cos_ cosh_ deg2rad_ detach_
        erf_ erfc_ exp2_ exp_ expm1_ fill_ fix_ floor_ frac_ log10_ log1p_ log2_ log_ logit_
        nan_to_num_ neg_ negative_ rad2deg_ reciprocal_ relu_ round_ rsqrt_ sigmoid_ sin_ sinh_
        sqrt_ square_ tan_ tanh_ trunc_ xlogy_ zero_""".split():
    globals()[_name] = _inplace_function(_name)
selu_ = nn.functional.selu_
dropout = nn.functional.dropout  # torch.dropout(input, p, train)
celu_ = nn.functional.celu_
threshold_ = nn.functional.threshold_

# numpy warns on overflow and 0/0; PyTorch silently gives inf and nan, and so do we.
np.seterr(all="ignore")

__version__ = "2.13.0"

# torch's other spellings of the dtypes and the tensor type.
bool = dtypes.bool_
float = dtypes.float32
double = dtypes.float64
long = dtypes.int64
int = dtypes.int32
FloatTensor = Tensor
half = dtypes.float16
short = dtypes.int16


# Imported at their first use (_unsupported.module_getattr says why); tests/test_lazy_imports.py checks
# that each is what importing it gives.
_LAZY = _lazy_names({
    "py_engine.distributions": ["distributions"],
    "py_engine.linalg": ["linalg"],
    "py_engine.special": ["special"],
    "py_engine.compiler": ["compile"],
    "py_engine.func": ["func", "vmap"],
    # nn.functional's, which torch also has at the top
    "py_engine.nn.conv3d": ["conv3d"],
    "py_engine.nn.pool3d:_torch_max_pool3d": ["max_pool3d"],
    "py_engine.nn.shuffle": ["pixel_shuffle", "pixel_unshuffle", "channel_shuffle"],
    "py_engine.nn.random_layers": ["rrelu", "rrelu_", "alpha_dropout", "feature_alpha_dropout"],
    "py_engine.nn.unpool": ["pdist"],
})  # fmt: skip
# A torch name the playground lacks: say so, instead of an AttributeError.
__getattr__ = _module_getattr("torch", _LAZY, __name__)

_mark_unsupported_methods()  # after every module has added its Tensor methods
