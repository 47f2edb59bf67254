"""A PyTorch-faithful autograd engine in pure Python and numpy.

`import py_engine as torch` runs ordinary PyTorch autograd code for the subset in
docs/graph-format.md: same values, dtypes, printed text, grad_fn names and errors.

This package is the library: `_tensor/` (Tensor and the torch functions), `autograd/`,
`nn/`, dtypes, printing and random numbers. Each of their modules lists its torch names in
`__all__`, and they are re-exported here as they are. `playground/` is the service the page
talks to, built on the library; nothing in the library imports it (docs/architecture.md).
"""

from __future__ import annotations

import numpy as np

from . import autograd, cuda, distributions, dtypes, linalg, nn, optim, serialization, utils
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


def _take_out() -> None:
    """torch's functions take out=: the ops modules' functions are wrapped here, where they
    become torch.name (their Tensor methods, which take no out=, stay as they are)."""
    from ._tensor import elementwise, functions, indexing, reductions, shapes
    from ._tensor.dispatch import with_out

    for module in (functions, elementwise, reductions, shapes, indexing):
        for name in module.__all__:
            fn = globals()[name]
            if callable(fn) and not isinstance(fn, type) and name not in _NO_OUT:
                globals()[name] = with_out(fn)


_NO_OUT = {"is_tensor", "is_floating_point", "numel", "equal", "allclose", "split", "chunk",
           "unbind", "broadcast_shapes"}  # fmt: skip
_take_out()

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


# A torch name the playground lacks: say so, instead of an AttributeError.
__getattr__ = _module_getattr("torch")

_mark_unsupported_methods()  # after every module has added its Tensor methods
