"""repr() of tensors, character for character as PyTorch prints them.

PyTorch chooses one format for all elements of a tensor: integer mode (`2.`) when every
finite value is whole, scientific mode when the finite magnitudes span more than 1000x or
leave [1e-4, 1e8], else fixed with four decimals; every element is padded to one width.
Large tensors are summarized with `...` at 1000 elements, keeping three items per edge.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

PRECISION = 4
THRESHOLD = 1000
EDGEITEMS = 3
LINEWIDTH = 80


class _Formatter:
    def __init__(self, values: np.ndarray, floating: bool) -> None:
        self.floating = floating
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        flat = values.reshape(-1)
        if not floating:
            for v in flat.tolist():
                self.max_width = max(self.max_width, len(str(v)))
            return
        if flat.size <= 256:
            # Small tensors (the playground's usual) are faster in plain Python than numpy.
            items = [v for v in map(float, flat.tolist()) if v != 0 and math.isfinite(v)]
        else:
            items = flat[np.isfinite(flat) & (flat != 0)].astype(np.float64).tolist()
        if not items:
            return
        # PyTorch decides modes in float64 whatever the dtype.
        magnitudes = [abs(v) for v in items]
        lo, hi = min(magnitudes), max(magnitudes)
        self.int_mode = all(v == math.ceil(v) for v in items)
        self.sci_mode = hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
        if self.sci_mode:
            width = max(len(f"{v:.{PRECISION}e}") for v in items)
        elif self.int_mode:
            width = max(len(f"{v:.0f}") for v in items) + 1
        else:
            width = max(len(f"{v:.{PRECISION}f}") for v in items)
        self.max_width = max(self.max_width, width)

    def format(self, value: Any) -> str:  # a numpy scalar
        if self.floating:
            v = float(value)
            if self.sci_mode:
                text = f"{v:{self.max_width}.{PRECISION}e}"
            elif self.int_mode:
                text = f"{v:.0f}"
                if not (math.isinf(v) or math.isnan(v)):
                    text += "."
            else:
                text = f"{v:.{PRECISION}f}"
        else:
            text = str(value)
        return text.rjust(self.max_width)


def _summarized(values: np.ndarray) -> np.ndarray:
    """The elements that a summarized print shows: the edges of every dimension."""
    if values.ndim == 0:
        return values
    if values.ndim == 1:
        if values.shape[0] > 2 * EDGEITEMS:
            return np.concatenate((values[:EDGEITEMS], values[-EDGEITEMS:]))
        return values
    rows: range | list[int] = range(values.shape[0])
    if values.shape[0] > 2 * EDGEITEMS:
        rows = [*range(EDGEITEMS), *range(values.shape[0] - EDGEITEMS, values.shape[0])]
    return np.stack([_summarized(values[i]) for i in rows])


def _vector(values: np.ndarray, indent: int, summarize: bool, fmt: _Formatter) -> str:
    per_line = max(1, math.floor((LINEWIDTH - indent) / (fmt.max_width + 2)))
    if summarize and values.shape[0] > 2 * EDGEITEMS:
        data = [fmt.format(v) for v in values[:EDGEITEMS].tolist()]
        data += [" ..."] + [fmt.format(v) for v in values[-EDGEITEMS:].tolist()]
    else:
        data = [fmt.format(v) for v in values.tolist()]
    lines = [", ".join(data[i : i + per_line]) for i in range(0, len(data), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _nested(values: np.ndarray, indent: int, summarize: bool, fmt: _Formatter) -> str:
    if values.ndim == 0:
        return fmt.format(values.item())
    if values.ndim == 1:
        return _vector(values, indent, summarize, fmt)
    n = values.shape[0]
    if summarize and n > 2 * EDGEITEMS:
        parts = [_nested(values[i], indent + 1, summarize, fmt) for i in range(EDGEITEMS)]
        parts.append("...")
        parts += [_nested(values[i], indent + 1, summarize, fmt) for i in range(n - EDGEITEMS, n)]
    else:
        parts = [_nested(values[i], indent + 1, summarize, fmt) for i in range(n)]
    return "[" + ("," + "\n" * (values.ndim - 1) + " " * (indent + 1)).join(parts) + "]"


def tensor_body(values: np.ndarray, indent: int) -> str:
    if values.size == 0:
        return "[]"
    summarize = values.size > THRESHOLD
    floating = values.dtype.kind == "f"
    fmt = _Formatter(_summarized(values) if summarize else values, floating)
    return _nested(values, indent, summarize, fmt)


def _add_suffixes(body: str, suffixes: list[str], indent: int) -> str:
    parts = [body]
    last_line_len = len(body) - body.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > LINEWIDTH:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line_len += len(suffix) + 2
    parts.append(")")
    return "".join(parts)


def tensor_repr(
    values: np.ndarray,
    dtype_name: str,
    grad_fn_name: str | None,
    requires_grad: bool,
    prefix: str = "tensor(",
) -> str:
    indent = len(prefix)
    suffixes: list[str] = []
    if values.size == 0:
        if values.ndim != 1:
            suffixes.append("size=" + str(tuple(values.shape)))
        if dtype_name != "float32":
            suffixes.append(f"dtype=torch.{dtype_name}")
        body = "[]"
    else:
        if dtype_name not in ("float32", "int64", "bool"):
            suffixes.append(f"dtype=torch.{dtype_name}")
        body = tensor_body(values, indent)
    if grad_fn_name is not None:
        suffixes.append(f"grad_fn=<{grad_fn_name}>")
    elif requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)
