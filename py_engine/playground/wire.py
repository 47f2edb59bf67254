"""Tensors as the page receives them: one JSON description of a tensor, used for a
document's nodes (session) and for the graph code built (code graph), and gradients as
printed text (trace, gradient check)."""

from __future__ import annotations

import json
import json.encoder
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from py_engine import Tensor
from py_engine.formatting import OPTS, preview_text, tensor_repr

MAX_DATA_ELEMENTS = 4_096  # numbers sent for heat maps; larger tensors send only text
# Above this many numbers a node shows a summary (shape, dtype, a few values) until expanded.
PREVIEW_ABOVE = 8
# A tensor whose repr would run past this many lines is printed the way PyTorch prints a large
# one (three items per edge and `...`): a 1000-row column is 1000 lines even under PyTorch's
# 1000-number threshold, and would make a node thousands of pixels tall.
MAX_VALUE_LINES = 20


def all_finite(values: np.ndarray) -> bool:
    """np.isfinite(values).all(), without `.all()`'s Python wrapper: once or twice per
    training step, where it cost more than the loss's own forward op."""
    return bool(np.logical_and.reduce(np.isfinite(values), None))


def numbers(values: np.ndarray) -> Any:
    """An array as nested lists; non-finite floats as the strings "nan", "inf", "-inf"
    (JSON has no such numbers)."""
    if values.size > MAX_DATA_ELEMENTS:
        return None
    if values.dtype.kind == "f" and not all_finite(values):

        def fix(v: Any) -> Any:
            if isinstance(v, list):
                return [fix(x) for x in v]
            return (
                v
                if math.isfinite(v)
                else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))
            )

        return fix(values.tolist())
    return values.tolist()


_described_cache: dict[tuple[Any, ...], tuple[str, Any, str | None]] = {}


def shown_repr(t: Tensor) -> str:
    """repr(t), printed as PyTorch prints a tensor above its threshold (`...` after three
    items per edge) when the full text would be taller than MAX_VALUE_LINES."""
    text = repr(t)
    if text.count("\n") < MAX_VALUE_LINES:
        return text
    saved = OPTS.threshold
    OPTS.threshold = 0
    try:
        return repr(t)
    finally:
        OPTS.threshold = saved


def print_options() -> tuple[Any, ...]:
    """torch.set_printoptions as it stands: a code cell can change how every node prints."""
    return (OPTS.precision, OPTS.threshold, OPTS.edgeitems, OPTS.linewidth, OPTS.sci_mode)


def described(t: Tensor) -> tuple[str, Any, str | None]:
    """repr(t) as shown, its numbers as JSON and its preview (None for a few numbers),
    remembered by content: after a backward most values are byte-identical to the previous
    response, and printing them is the costliest part of describing a graph."""
    data = t._data
    if data.size > MAX_DATA_ELEMENTS:
        return shown_repr(t), None, preview_text(data)
    key = (data.tobytes(), data.dtype.char, data.shape,
           type(t.grad_fn), t.grad_fn.name() if t.grad_fn is not None else None, t._rg,
           print_options())  # fmt: skip
    found = _described_cache.get(key)
    if found is None:
        if len(_described_cache) >= 8192:
            _described_cache.clear()
        preview = preview_text(data) if data.size > PREVIEW_ABOVE else None
        found = _described_cache[key] = (shown_repr(t), numbers(data), preview)
    return found


def tensor_json(t: Tensor) -> dict[str, Any]:
    """What the page shows of a tensor: its printed value and grad, numbers for heat maps,
    shape, dtype and autograd state (docs/engine-protocol.md)."""
    # Whether PyTorch keeps a .grad for it: a leaf that requires grad, or a retained grad.
    has_grad = t._rg and (t.grad_fn is None or t._retains)
    g = t._grad if has_grad else None
    text, data, preview = described(t)
    grad_text, grad_data, grad_preview = described(g) if g is not None else (None, None, None)
    return {
        "value": text,
        "shape": list(t._data.shape),
        "dtype": repr(t.dtype),
        "requires_grad": t._rg,
        "is_leaf": t.grad_fn is None,
        "grad_fn": t.grad_fn.name() if t.grad_fn is not None else None,
        "has_grad": has_grad,
        "grad": grad_text,
        "data": data,
        "grad_data": grad_data,
        "preview": preview,
        "grad_preview": grad_preview,
    }


def json_key(t: Tensor, options: tuple[Any, ...]) -> tuple[Any, ...]:
    """Everything tensor_json(t) reads, by value (the numbers as bytes, not a version
    counter that some write might not bump): equal keys give equal descriptions, so a node
    whose key is unchanged since the last answer keeps that answer's text. `options` is
    print_options(), read once per answer. Kept flat and inline: it runs for every node of
    every answer."""
    data = t._data
    fn = t.grad_fn
    rg = t._rg
    grad: Any = None  # PyTorch keeps no .grad for it
    if rg and (fn is None or t._retains):
        g = t._grad
        if g is None:
            grad = False
        else:
            gd = g._data
            gfn = g.grad_fn
            grad = (gd.tobytes(), gd.dtype, gd.shape, g.dtype, g._rg, type(gfn),
                    gfn.name() if gfn is not None else None)  # fmt: skip
    # grad_fn by what it prints, not by identity: a new forward pass that computes the same
    # values (after a step with zero grads, say) changes no node's description
    return (data.tobytes(), data.dtype, data.shape, t.dtype, rg, type(fn),
            fn.name() if fn is not None else None, grad, options)  # fmt: skip


def _json_writer() -> Callable[[Any], str]:
    """json.dumps(o, allow_nan=False), without its set-up on every call (a new encoder and
    its C object), which in Pyodide cost twice the encoding of one node's description."""
    encoder = json.JSONEncoder(allow_nan=False)
    make = getattr(json.encoder, "c_make_encoder", None)  # not in the typeshed stubs
    if make is None:  # a Python without the C accelerator
        return encoder.encode
    encode = make(None, encoder.default, json.encoder.encode_basestring_ascii, None,
                  encoder.key_separator, encoder.item_separator, False, False, False)  # fmt: skip
    return lambda o: "".join(encode(o, 0))


to_json = _json_writer()


def failed_json(error: str) -> dict[str, Any]:
    """A document node that has no tensor, and why."""
    return {
        "value": None, "shape": None, "dtype": None, "requires_grad": None, "is_leaf": None,
        "grad_fn": None, "has_grad": False, "grad": None, "data": None, "grad_data": None,
        "preview": None, "grad_preview": None, "error": error,
    }  # fmt: skip


def gradient_text(values: Any) -> str | None:
    """A gradient flowing through the graph (an array or a tensor), printed as PyTorch
    prints it."""
    if values is None:
        return None
    arr = np.asarray(values._data if isinstance(values, Tensor) else values)
    return tensor_repr(arr, str(arr.dtype) if arr.dtype != np.bool_ else "bool", None, False)
