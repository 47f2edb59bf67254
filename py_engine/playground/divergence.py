"""Why a training run's loss became nan or inf, and where the first non-finite value was.

Training stops at the first step whose loss is not finite (before its backward), and the
answer says where that value came from: a parameter the previous step's update made
non-finite (its grad was already nan or inf, or the update overflowed: a learning rate too
large), or a node of this forward pass whose inputs were all finite (log of zero, a division
by zero, an overflow). The page words it from `cause` in the person's language.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from py_engine import Tensor

from .plan import Plan
from .wire import all_finite


def grad_norms(p: Plan, leaves: dict[str, tuple[str, Tensor]]) -> dict[str, float | None]:
    """The 2-norm of each trainable leaf's grad (in float64, so that a finite float32 grad
    never overflows to inf here), by leaf id; None for a grad holding nan or inf."""
    out: dict[str, float | None] = {}
    for spec in p.order:
        kept = leaves.get(spec.id)
        if kept is None or not kept[1].requires_grad or kept[1]._grad is None:
            continue
        g = kept[1]._grad._data
        norm = math.sqrt(float(np.dot(g.ravel().astype(np.float64), g.ravel())))
        out[spec.id] = norm if math.isfinite(norm) else None
    return out


def _finite(t: Tensor | None) -> bool:
    return t is None or t._data.dtype.kind != "f" or bool(np.isfinite(t._data).all())


def _cause(spec_op: str, inputs: list[Tensor | None]) -> str:
    """What most likely made a node's output non-finite from finite inputs."""

    def has_zero(t: Tensor | None) -> bool:
        return t is not None and bool((t._data == 0).any())

    if spec_op == "log" and has_zero(inputs[0]):
        return "log_of_zero"
    if spec_op == "div" and has_zero(inputs[1]):
        return "division_by_zero"
    if spec_op in ("log", "sqrt", "pow"):
        return "invalid_input"  # log or sqrt of a negative number, 0 ** -1
    return "overflow"


class Watch:
    """What a run has shown so far that explains a later non-finite loss: the leaf whose grad
    held nan or inf at the last step, and whether the loss grew at the last step (an
    overflow after growing losses is a learning rate too large, not a bad op)."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self.bad_grad: str | None = None
        self.rising = False
        self._last: float | None = None

    def loss(self, loss: Tensor) -> bool:
        """Notes a step's loss; False when it is not finite (the run stops there)."""
        data = loss._data
        if data.dtype.kind == "f" and not all_finite(data):
            return False
        if data.size == 1:
            value = float(data.reshape(-1)[0])
            self.rising = self._last is not None and value > self._last
            self._last = value
        return True

    def grads(self, norms: dict[str, float | None]) -> None:
        self.bad_grad = next((k for k, v in norms.items() if v is None), None)

    def explain(self, p: Plan, tensors: dict[str, Tensor], loss: Tensor) -> dict[str, Any]:
        found = explain(p, tensors, loss, self.bad_grad)
        if found["cause"] == "overflow" and self.rising:
            found["cause"] = "learning_rate"
        elif found["where"] == "grad" and not self.rising:
            # a grad went non-finite with the loss finite and not growing: an op whose
            # slope is infinite there (sqrt at 0), not a run that diverged
            found["cause"] = "infinite_gradient"
        return found


def explain(
    p: Plan, tensors: dict[str, Tensor], loss: Tensor, bad_grad: str | None
) -> dict[str, Any]:
    """The answer's `nonfinite`: the loss ("nan", "inf" or "-inf"), `where` the first
    non-finite value appeared ("forward": at `node` in this forward pass; "grad": in the
    grad of `node` at the step before; "step": the update of `node` at the step before) and
    the likely `cause` (learning_rate, log_of_zero, division_by_zero, invalid_input,
    overflow; `Watch.explain` adds infinite_gradient)."""
    value = float(loss._data.reshape(-1)[0]) if loss.numel() else math.nan
    text = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    for spec in p.order:
        t = tensors.get(spec.id)
        if _finite(t) or spec.op is None:
            continue
        if spec.op.leaf:
            if bad_grad is not None:
                return {"loss": text, "where": "grad", "node": bad_grad, "cause": "learning_rate"}
            return {"loss": text, "where": "step", "node": spec.id, "cause": "learning_rate"}
        inputs = [tensors.get(src) if src else None for src in spec.inputs]
        return {"loss": text, "where": "forward", "node": spec.id,
                "cause": _cause(spec.op.name, inputs)}  # fmt: skip
    return {"loss": text, "where": "forward", "node": None, "cause": "overflow"}
