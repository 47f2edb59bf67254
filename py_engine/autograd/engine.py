"""The backward engine: runs a graph's nodes in PyTorch's order and fills `.grad`."""

from __future__ import annotations

import heapq
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import formulas as F
from .anomaly_mode import _anomaly, check_nan
from . import seam
from .derivatives import copy_backwards
from .grad_mode import _grad_enabled
from .graph import SECOND_BACKWARD, AccumulateGrad, Node
from .seam import is_tensor

# Tensor.register_hook's hooks, by the node they run before (a tensor's grad_fn, or a leaf's
# AccumulateGrad): PyTorch's tensor pre-hooks. Each is {handle id: hook}, in order added.
tensor_hooks: weakref.WeakKeyDictionary[Any, dict[int, Callable[[Any], Any]]] = (
    weakref.WeakKeyDictionary()
)
# Its underlying dict, to ask "any hooks at all?" per node: `if tensor_hooks` runs the weak
# dictionary's Python __len__, a visible cost in a long backward.
_hook_table: dict[Any, Any] = tensor_hooks.data  # type: ignore[attr-defined]


def _run_hooks(hooks: dict[int, Callable[[Any], Any]], grad: Any, create_graph: bool) -> Any:
    """Each hook sees the gradient and may return a new one, which the next hook sees."""
    for hook in list(hooks.values()):
        g = grad if is_tensor(grad) else seam.make(np.asarray(grad), None)
        result = hook(g)
        if result is not None:
            grad = result if create_graph else result._data
    return grad


def run_backward(
    roots: Sequence[Any],
    grads: Sequence[Any],
    retain_graph: bool,
    create_graph: bool,
    inputs: Sequence[Any] | None = None,
    trace: list | None = None,
    capture: dict[int, Any] | None = None,
) -> None:
    """Run the backward pass from `roots` (tensors) seeded with `grads`, in PyTorch's order:
    a node runs once every node that feeds it a gradient has run; among ready nodes, the
    most recently created runs first."""

    # Gradients flow through the graph as arrays, or as tensors when building a graph.
    def wrap(g: Any) -> Any:
        if create_graph:
            return g if is_tensor(g) else seam.make(np.asarray(g), None)
        return g._data if is_tensor(g) else g

    # With `inputs=`, only those tensors receive .grad, non-leaves included. With `capture`
    # (autograd.grad), their gradients are returned in it instead, keyed by id(tensor).
    accumulate = _accumulate
    if capture is not None:

        def accumulate(t: Any, grad: Any, create_graph: bool) -> None:
            key = id(t)
            capture[key] = grad if capture.get(key) is None else capture[key] + grad

    only: set[int] | None = None
    captured: dict[Any, Any] = {}
    if inputs is not None:
        only = set()
        for t in inputs:
            only.add(id(t._accumulator() if t.grad_fn is None else t))
            if t.grad_fn is not None:
                captured[t.grad_fn.port(t) if t.grad_fn.multi else t.grad_fn] = t

    start: list[Any] = []
    buffers: dict[Any, Any] = {}
    for t, g in zip(roots, grads):
        node = t.grad_fn if t.grad_fn is not None else t._accumulator()
        start.append(node)
        if node.multi:
            _into_output(buffers, node, node.output_of(t), wrap(g))
        else:
            buffers[node] = wrap(g) if node not in buffers else buffers[node] + wrap(g)

    # Count, for every reachable node, how many edges bring it a gradient.
    deps: dict[Any, int] = {}
    seen = set(start)
    stack = list(start)
    while stack:
        node = stack.pop()
        for nxt in node.next:
            if nxt is None:
                continue
            deps[nxt] = deps.get(nxt, 0) + 1
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)

    # A ready AccumulateGrad runs at once (PyTorch gives it top priority); other nodes wait
    # in a heap keyed by creation order, newest first. Sequence numbers are unique.
    ready: list[tuple[int, Node]] = []
    for n in dict.fromkeys(start):
        if deps.get(n, 0) == 0:
            if isinstance(n, AccumulateGrad):
                _sink(n, buffers.pop(n), only, create_graph, trace, accumulate)
            else:
                ready.append((-n.seq, n))
    heapq.heapify(ready)
    pop, push = heapq.heappop, heapq.heappush
    prev_mode = _grad_enabled[0]
    _grad_enabled[0] = create_graph
    try:
        while ready:
            node = pop(ready)[1]
            grad = buffers.pop(node)
            if node.multi:
                _outputs_seen(node, grad, only, captured, accumulate, create_graph)
            elif _hook_table and node in tensor_hooks:
                grad = _run_hooks(tensor_hooks[node], grad, create_graph)
            if node.retained is not None or only is not None:
                _deliver(node, grad, only, captured, accumulate, create_graph)
            if node.released and node.has_saved:
                raise RuntimeError(SECOND_BACKWARD)
            in_grads = node.apply(grad, create_graph)
            if _anomaly[0] and _anomaly[1]:
                check_nan(node.name(), in_grads)
            totals: list[Any] | None = None
            if trace is not None:
                totals = []  # filled as the gradients arrive, below
                trace.append((node, grad, in_grads, totals))
            if not retain_graph:
                node.released = True
                if node.has_saved:
                    node.saved = {}
                    node.out_data = None
            for nxt, g, read in zip(node.next, in_grads, node.inputs):
                if nxt is None:
                    continue
                if g is not None:
                    if nxt.multi:  # the gradient of one output of nxt: the tensor this node read
                        _into_output(buffers, nxt, nxt.output_of(read), g)
                    elif nxt in buffers:
                        buffers[nxt] = buffers[nxt] + g
                    else:
                        buffers[nxt] = g
                    if totals is not None:
                        totals.append(buffers[nxt])
                left = deps[nxt] - 1
                deps[nxt] = left
                if left == 0:
                    if nxt not in buffers:  # no gradient arrived (slogdet's sign): it runs not
                        _pass_over(nxt, deps, buffers, ready, only, create_graph, trace, accumulate)
                    elif type(nxt) is AccumulateGrad:
                        _sink(nxt, buffers.pop(nxt), only, create_graph, trace, accumulate)
                    else:
                        push(ready, (-nxt.seq, nxt))
    finally:
        _grad_enabled[0] = prev_mode


def _pass_over(node: Any, deps: dict[Any, int], buffers: dict[Any, Any], ready: list[Any],
               only: set[int] | None, create_graph: bool, trace: list | None,
               accumulate: Callable[..., None]) -> None:  # fmt: skip
    """A node no gradient reached does not run (PyTorch's undefined gradient: a leaf's
    .grad stays None), but the nodes after it stop waiting for it."""
    stack = [node]
    while stack:
        for nxt in stack.pop().next:
            if nxt is None:
                continue
            deps[nxt] -= 1
            if deps[nxt]:
                continue
            if nxt not in buffers:
                stack.append(nxt)
            elif type(nxt) is AccumulateGrad:
                _sink(nxt, buffers.pop(nxt), only, create_graph, trace, accumulate)
            else:
                heapq.heappush(ready, (-nxt.seq, nxt))


def _into_output(buffers: dict[Any, Any], node: Node, i: int, g: Any) -> None:
    """A multi-output node's gradient is a list, one entry per output."""
    slots = buffers.get(node)
    if slots is None:
        slots = buffers[node] = [None] * len(node.params["ports"])
    slots[i] = g if slots[i] is None else slots[i] + g


def _outputs_seen(node: Node, grads: list[Any], only: set[int] | None, captured: dict[Any, Any],
                  accumulate: Callable[..., None], create_graph: bool) -> None:  # fmt: skip
    """Each output's hooks, retain_grad and autograd.grad capture, on its whole gradient."""
    for i, port in enumerate(node.params["ports"]):
        g = grads[i]
        if g is None:
            continue
        if _hook_table and port in tensor_hooks:
            g = grads[i] = _run_hooks(tensor_hooks[port], g, create_graph)
        _deliver(port, g, only, captured, accumulate, create_graph)


def _sink(node: AccumulateGrad, grad: Any, only: set[int] | None, create_graph: bool,
          trace: list | None, accumulate: Callable[..., None]) -> None:  # fmt: skip
    if _hook_table and node in tensor_hooks:
        grad = _run_hooks(tensor_hooks[node], grad, create_graph)
    # .grad before and after this step (accumulation is in place, so copies)
    before = _snapshot(node.variable._grad) if trace is not None else None
    if only is None or id(node) in only:
        accumulate(node.variable, grad, create_graph)
    if trace is not None:
        trace.append((node, grad, [], [_snapshot(node.variable._grad), before]))


def _snapshot(leaf_grad: Any) -> Any:
    return None if leaf_grad is None else np.array(F.data(leaf_grad), copy=True)


def _accumulate(t: Any, grad: Any, create_graph: bool) -> None:
    """`t.grad` gets the gradient the first time, and adds it afterwards, as in PyTorch:
    in place when no graph is being built, out of place when one is."""
    if create_graph:
        g = grad if is_tensor(grad) else seam.make(np.asarray(grad), None)
        if t._grad is None:
            # PyTorch stores a copy, recorded as CopyBackwards, so .grad is its own tensor.
            t._grad = seam.apply(copy_backwards, (g,), {})
        else:
            t._grad = t._grad + g
        return
    data = grad._data if is_tensor(grad) else grad
    if t._grad is None:
        t._grad = seam.make(np.array(data, dtype=t.dtype.np, copy=True), None)
    else:
        existing = t._grad._data
        if existing.flags.writeable:
            np.add(existing, data, out=existing, casting="unsafe")
            t._grad._ver[0] += 1
        else:
            t._grad = seam.make(existing + data, None)


def _deliver(holder: Any, grad: Any, only: Any, captured: Any, accumulate: Any,
             create_graph: bool) -> None:  # fmt: skip
    """A gradient reaching a node (or one output of a multi-output node) goes to the tensor
    that retains its grad there, or to autograd.grad's answer for a captured input."""
    if holder.retained is not None:
        t = holder.retained()
        if t is not None and (only is None or id(t) in only):
            accumulate(t, grad, create_graph)
    elif only is not None and holder in captured:
        accumulate(captured[holder], grad, create_graph)
