"""torch.autograd: `backward` and `grad` over the graph that tensor ops record.

Laid out like PyTorch's own torch/autograd/: `grad_mode.py` (no_grad, enable_grad,
set_grad_enabled), `graph.py` (Node, AccumulateGrad and the compiled derivative rows),
`engine.py` (run_backward), `derivatives.py` (the derivatives table, PyTorch's
derivatives.yaml) and `formulas.py` (the helpers its formulas call, PyTorch's
FunctionsManual.cpp). Autograd never imports the tensors above it: `seam.py` is how it
reaches them.
"""

from __future__ import annotations

import warnings

from typing import Any

import numpy as np

from . import seam
from .anomaly_mode import detect_anomaly, set_detect_anomaly
from .engine import run_backward
from . import functional
from .function import Function, FunctionCtx, once_differentiable
from .grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from .gradcheck import GradcheckError, gradcheck

__all__ = [
    "Function",
    "FunctionCtx",
    "GradcheckError",
    "backward",
    "detect_anomaly",
    "enable_grad",
    "functional",
    "grad",
    "gradcheck",
    "inference_mode",
    "is_grad_enabled",
    "is_inference_mode_enabled",
    "no_grad",
    "once_differentiable",
    "set_detect_anomaly",
    "set_grad_enabled",
]


def prepare_backward(
    tensors: Any, grad_tensors: Any, retain_graph: bool | None, create_graph: bool
) -> tuple[list[Any], list[Any], bool]:
    """Check what PyTorch checks before a backward pass; the roots, their seeds and whether
    to keep the graph."""
    roots = [tensors] if seam.is_tensor(tensors) else list(tensors)
    if grad_tensors is None or seam.is_tensor(grad_tensors):
        grads_in = [grad_tensors] * len(roots) if grad_tensors is None else [grad_tensors]
    else:
        grads_in = list(grad_tensors)
    grads = []
    for i, (root, g) in enumerate(zip(roots, grads_in)):
        if not root._rg:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        if g is None:
            if root._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            g = np.ones(root._data.shape, dtype=root.dtype.np)
        else:
            g_t = g if seam.is_tensor(g) else seam.tensor(g, dtype=root.dtype)
            if g_t.shape != root.shape:
                raise RuntimeError(
                    f"Mismatch in shape: grad_output[{i}] has a shape of {g_t.shape} and "
                    f"output[{i}] has a shape of {root.shape}."
                )
            g = g_t if create_graph else g_t._data.astype(root.dtype.np, copy=False)
        grads.append(g)
    keep = create_graph if retain_graph is None else retain_graph
    return roots, grads, keep


def backward(
    tensors: Any,
    grad_tensors: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs: Any = None,
) -> None:
    """torch.autograd.backward: checks what PyTorch checks, then runs the engine."""
    roots, grads, keep = prepare_backward(tensors, grad_tensors, retain_graph, create_graph)
    if inputs is not None:
        inputs = [inputs] if seam.is_tensor(inputs) else list(inputs)
        if not inputs:
            raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    if create_graph and not _warned_create_graph:
        _warned_create_graph.append(True)  # torch's TORCH_WARN_ONCE: once per process
        warnings.warn(CREATE_GRAPH_WARNING, UserWarning, stacklevel=3)
    run_backward(roots, grads, keep, create_graph, inputs)


CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the "
    "parameter and its gradient which can cause a memory leak. We recommend using "
    "autograd.grad when creating the graph to avoid this. If you have to use this function, "
    "make sure to reset the .grad fields of your parameters to None after use to break the "
    "cycle and avoid the leak. (Triggered internally at "
    "/__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp:1307.)"
)
_warned_create_graph: list[bool] = []


def _as_grad(g: Any, like: Any) -> Any:
    if g is None or seam.is_tensor(g):
        return g
    return seam.make(np.array(g, dtype=like.dtype.np, copy=True), None)


def grad(
    outputs: Any,
    inputs: Any,
    grad_outputs: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    allow_unused: bool = False,
) -> tuple[Any, ...]:
    """torch.autograd.grad: the gradients of `outputs` with respect to `inputs`, returned
    instead of accumulated into .grad."""
    ins = [inputs] if seam.is_tensor(inputs) else list(inputs)
    roots, grads, keep = prepare_backward(outputs, grad_outputs, retain_graph, create_graph)
    captured: dict[int, Any] = {id(t): None for t in ins}
    run_backward(roots, grads, keep, create_graph, ins, capture=captured)
    result = tuple(_as_grad(captured[id(t)], t) for t in ins)
    for i, r in enumerate(result):
        if r is None and not allow_unused:
            raise RuntimeError(
                f"The differentiated Tensor at index {i} appears to not have been used in the "
                "graph. Set allow_unused=True if this is the desired behavior."
            )
    return result
