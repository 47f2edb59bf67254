"""The tensor layer: `Tensor` and the torch functions, on top of autograd.

`core.py` (the class) is imported first: every other module here builds on the class, and
its methods call them back once they exist (see the end of `core.py`). The torch names are
each module's `__all__`, re-exported by the py_engine package.
"""

from __future__ import annotations

from . import core  # isort: skip (first: see above)
from . import autograd_methods  # noqa: F401 (adds register_hook, is_inference to Tensor)
from . import creation, dispatch, functions, shapes  # noqa: F401
from . import elementwise, reductions  # noqa: F401 (after functions: they build on it)
from . import inplace_views  # noqa: F401 (adds unsqueeze_, squeeze_, t_, transpose_)
from . import windows  # noqa: F401 (adds unfold)
from . import random_fills  # noqa: F401 (adds random_, exponential_, geometric_, cauchy_, log_normal_)
from ..autograd import seam

seam.connect(
    make_fn=core.Tensor._make,
    apply_fn=dispatch._apply,
    where_fn=functions.where,
    tensor_fn=creation.tensor,
)
