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

from . import dtypes


class _PrintOptions:
    """torch._tensor_str.PRINT_OPTS: what torch.set_printoptions changes."""

    precision = 4
    threshold: float = 1000
    edgeitems = 3
    linewidth = 80
    sci_mode: bool | None = None


OPTS = _PrintOptions()

_PROFILES = {"default": (4, 1000, 3, 80), "short": (2, 1000, 2, 80),
             "full": (4, math.inf, 3, 80)}  # fmt: skip


def set_printoptions(precision: int | None = None, threshold: float | None = None,
                     edgeitems: int | None = None, linewidth: int | None = None,
                     profile: str | None = None, sci_mode: bool | None = None) -> None:  # fmt: skip
    """torch.set_printoptions: a profile first, then the options given; sci_mode is always
    set (None is torch's automatic choice), as torch sets it."""
    if profile in _PROFILES:
        OPTS.precision, OPTS.threshold, OPTS.edgeitems, OPTS.linewidth = _PROFILES[profile]
    if precision is not None:
        OPTS.precision = precision
    if threshold is not None:
        OPTS.threshold = threshold
    if edgeitems is not None:
        OPTS.edgeitems = edgeitems
    if linewidth is not None:
        OPTS.linewidth = linewidth
    OPTS.sci_mode = sci_mode


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
        self.sci_mode = (
            hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4 if OPTS.sci_mode is None
            else OPTS.sci_mode
        )  # fmt: skip
        if self.sci_mode:
            width = max(len(f"{v:.{OPTS.precision}e}") for v in items)
        elif self.int_mode:
            width = max(len(f"{v:.0f}") for v in items) + 1
        else:
            width = max(len(f"{v:.{OPTS.precision}f}") for v in items)
        self.max_width = max(self.max_width, width)

    def format(self, value: Any) -> str:  # a numpy scalar
        if self.floating:
            v = float(value)
            if self.sci_mode:
                text = f"{v:{self.max_width}.{OPTS.precision}e}"
            elif self.int_mode:
                text = f"{v:.0f}"
                if not (math.isinf(v) or math.isnan(v)):
                    text += "."
            else:
                text = f"{v:.{OPTS.precision}f}"
        else:
            text = str(value)
        return text.rjust(self.max_width)


def _summarized(values: np.ndarray) -> np.ndarray:
    """The elements that a summarized print shows: the edges of every dimension."""
    if values.ndim == 0:
        return values
    if values.ndim == 1:
        if values.shape[0] > 2 * OPTS.edgeitems:
            return np.concatenate((values[: OPTS.edgeitems], values[-OPTS.edgeitems :]))
        return values
    rows: range | list[int] = range(values.shape[0])
    if values.shape[0] > 2 * OPTS.edgeitems:
        rows = [*range(OPTS.edgeitems), *range(values.shape[0] - OPTS.edgeitems, values.shape[0])]
    return np.stack([_summarized(values[i]) for i in rows])


def _vector(values: np.ndarray, indent: int, summarize: bool, fmt: _Formatter) -> str:
    per_line = max(1, math.floor((OPTS.linewidth - indent) / (fmt.max_width + 2)))
    if summarize and values.shape[0] > 2 * OPTS.edgeitems:
        data = [fmt.format(v) for v in values[: OPTS.edgeitems].tolist()]
        data += [" ..."] + [fmt.format(v) for v in values[-OPTS.edgeitems :].tolist()]
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
    if summarize and n > 2 * OPTS.edgeitems:
        parts = [_nested(values[i], indent + 1, summarize, fmt) for i in range(OPTS.edgeitems)]
        parts.append("...")
        parts += [
            _nested(values[i], indent + 1, summarize, fmt) for i in range(n - OPTS.edgeitems, n)
        ]
    else:
        parts = [_nested(values[i], indent + 1, summarize, fmt) for i in range(n)]
    return "[" + ("," + "\n" * (values.ndim - 1) + " " * (indent + 1)).join(parts) + "]"


def tensor_body(values: np.ndarray, indent: int) -> str:
    if values.size == 0:
        return "[]"
    summarize = values.size > OPTS.threshold
    floating = values.dtype.kind == "f"
    fmt = _Formatter(_summarized(values) if summarize else values, floating)
    return _nested(values, indent, summarize, fmt)


PREVIEW_ITEMS = 3


def preview_text(values: np.ndarray) -> str:
    """A few of a tensor's numbers in reading order, each as its repr prints it, then `…`
    and the last one: `[0.1000, 0.2000, 0.3000, …, 1.2000]` (the page's summary of a node)."""
    flat = values.reshape(-1)
    if flat.size == 0:
        return "[]"
    fmt = _Formatter(_summarized(values) if values.size > OPTS.threshold else values,
                     values.dtype.kind == "f")  # fmt: skip
    items = [fmt.format(v).strip() for v in flat[:PREVIEW_ITEMS].tolist()]
    if flat.size > PREVIEW_ITEMS + 1:
        items.append("…")
    if flat.size > PREVIEW_ITEMS:
        items.append(fmt.format(flat[-1].item()).strip())
    return "[" + ", ".join(items) + "]"


def _add_suffixes(body: str, suffixes: list[str], indent: int) -> str:
    parts = [body]
    last_line_len = len(body) - body.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > OPTS.linewidth:
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
        if dtype_name != dtypes.DEFAULT_FLOAT.name:
            suffixes.append(f"dtype=torch.{dtype_name}")
        body = "[]"
    else:
        if dtype_name not in (dtypes.DEFAULT_FLOAT.name, "int64", "bool"):
            suffixes.append(f"dtype=torch.{dtype_name}")
        body = tensor_body(values, indent)
    if grad_fn_name is not None:
        suffixes.append(f"grad_fn=<{grad_fn_name}>")
    elif requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)
