"""torch.optim: SGD, Adam and AdamW as PyTorch runs them on CPU tensors (its single-tensor,
foreach=False code), op for op in float32. Where PyTorch's vectorized kernels fuse a
multiply-add (add with alpha, lerp), the update is fused here too (computed in double and
rounded once), as PyTorch's AVX2/AVX-512 kernels do; a CPU without FMA differs in the last
bit, which is why tests compare the steps within ulps."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._fused import fma
from . import lr_scheduler as lr_scheduler

__all__ = ["SGD", "Adam", "AdamW", "Optimizer"]


def _fused_add(a: np.ndarray, b: np.ndarray, alpha: float) -> np.ndarray:
    """a + alpha * b, rounded once (PyTorch's vec::fmadd(b, alpha, a))."""
    if a.dtype == np.float32:
        al = float(np.float32(alpha))
        return (a.astype(np.float64) + al * b.astype(np.float64)).astype(np.float32)
    if a.dtype == np.float64:
        return fma(b, alpha, a)
    return a + alpha * b


def _lerp(start: np.ndarray, end: np.ndarray, weight: float) -> np.ndarray:
    """PyTorch's lerp with a scalar weight (fused as its vectorized kernel is)."""
    dt = start.dtype
    w = float(dt.type(weight))
    s64, e64 = start.astype(np.float64), end.astype(np.float64)
    diff = (end - start).astype(np.float64)
    if abs(w) < 0.5:
        out = s64 + w * diff
    else:
        out = e64 - diff * float(dt.type(1 - w))
    return out.astype(dt)


class Optimizer:
    def __init__(self, params: Any, defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        self.state: dict[Any, dict[str, Any]] = _IdDict()
        self.param_groups: list[dict[str, Any]] = []
        if hasattr(params, "_data"):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or "
                f"dicts, but got {type(params).__module__.split('.')[0] if False else 'torch'}"
                f".{type(params).__name__}"
            )
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for g in groups:
            self.add_param_group(g)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        params = param_group["params"]
        group = dict(param_group)
        group["params"] = [params] if hasattr(params, "_data") else list(params)
        for k, v in self.defaults.items():
            group.setdefault(k, v)
        self.param_groups.append(group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        for group in self.param_groups:
            for p in group["params"]:
                if p._grad is not None:
                    if set_to_none:
                        p._grad = None
                    else:
                        p._grad._data[...] = 0

    def __repr__(self) -> str:
        s = self.__class__.__name__ + " ("
        for i, group in enumerate(self.param_groups):
            s += "\n"
            s += f"Parameter Group {i}\n"
            for key in sorted(group.keys()):
                if key != "params":
                    s += f"    {key}: {group[key]}\n"
        s += ")"
        return s

    def state_dict(self) -> dict[str, Any]:
        return {"state": dict(self.state), "param_groups": [
            {k: v for k, v in g.items() if k != "params"} for g in self.param_groups]}  # fmt: skip

    def _step(self) -> None:
        raise NotImplementedError

    def step(self, closure: Any = None) -> Any:
        from ..autograd.grad_mode import enable_grad, no_grad

        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        with no_grad():
            self._step()
        return loss


class _IdDict(dict):
    """Optimizer state keyed by parameter identity (tensors compare elementwise)."""

    def __getitem__(self, p: Any) -> Any:
        return super().setdefault(id(p), {})

    def __contains__(self, p: Any) -> bool:
        return super().__contains__(id(p))


def _bump(p: Any, new: np.ndarray) -> None:
    p._data[...] = new
    p._ver[0] += 1


class SGD(Optimizer):
    def __init__(self, params: Any, lr: float = 1e-3, momentum: float = 0, dampening: float = 0,
                 weight_decay: float = 0, nesterov: bool = False, *, maximize: bool = False,
                 foreach: Any = None, differentiable: bool = False, fused: Any = None) -> None:  # fmt: skip
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                        nesterov=nesterov, maximize=maximize, foreach=foreach,
                        differentiable=differentiable, fused=fused)  # fmt: skip
        super().__init__(params, defaults)

    def _step(self) -> None:
        for group in self.param_groups:
            lr, momentum, dampening = group["lr"], group["momentum"], group["dampening"]
            wd, nesterov = group["weight_decay"], group["nesterov"]
            for p in group["params"]:
                if p._grad is None:
                    continue
                grad = p._grad._data
                if group["maximize"]:
                    grad = -grad
                if wd != 0:
                    grad = _fused_add(grad, p._data, wd)
                if momentum != 0:
                    state = self.state[p]
                    buf = state.get("momentum_buffer")
                    if buf is None:
                        buf = np.array(grad, copy=True)
                    else:
                        buf = _fused_add((buf * buf.dtype.type(momentum)).astype(buf.dtype),
                                         grad, 1 - dampening)  # fmt: skip
                    state["momentum_buffer"] = buf
                    grad = _fused_add(grad, buf, momentum) if nesterov else buf
                _bump(p, _fused_add(p._data, grad, -lr))


class Adam(Optimizer):
    _decoupled = False

    def __init__(self, params: Any, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0, amsgrad: bool = False, *,
                 foreach: Any = None, maximize: bool = False, capturable: bool = False,
                 differentiable: bool = False, fused: Any = None,
                 decoupled_weight_decay: bool | None = None) -> None:  # fmt: skip
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        decoupled = self._decoupled if decoupled_weight_decay is None else decoupled_weight_decay
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                        maximize=maximize, foreach=foreach, capturable=capturable,
                        differentiable=differentiable, fused=fused,
                        decoupled_weight_decay=decoupled)  # fmt: skip
        super().__init__(params, defaults)

    def _step(self) -> None:
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, eps, wd = group["lr"], group["eps"], group["weight_decay"]
            for p in group["params"]:
                if p._grad is None:
                    continue
                grad = p._grad._data
                if group["maximize"]:
                    grad = -grad
                dt = p._data.dtype.type
                state = self.state[p]
                if not state:
                    state["step"] = np.float32(0.0)
                    state["exp_avg"] = np.zeros_like(p._data)
                    state["exp_avg_sq"] = np.zeros_like(p._data)
                    if group["amsgrad"]:
                        state["max_exp_avg_sq"] = np.zeros_like(p._data)
                state["step"] = np.float32(state["step"] + np.float32(1))
                param = p._data
                if wd != 0:
                    if group["decoupled_weight_decay"]:
                        param = (param * dt(1 - lr * wd)).astype(param.dtype)
                    else:
                        grad = _fused_add(grad, param, wd)
                exp_avg = _lerp(state["exp_avg"], grad, 1 - beta1)
                sq = (state["exp_avg_sq"] * dt(beta2)).astype(param.dtype)
                # addcmul_: self + (value * t1) * t2, the last multiply-add fused
                scaled = (dt(1 - beta2) * grad).astype(param.dtype)
                exp_avg_sq = _fused_add(sq, scaled * grad.astype(np.float64), 1.0)
                state["exp_avg"], state["exp_avg_sq"] = exp_avg, exp_avg_sq
                step = float(state["step"])
                bias_correction1 = 1 - beta1**step
                bias_correction2 = 1 - beta2**step
                step_size = lr / bias_correction1
                bias_correction2_sqrt = bias_correction2**0.5
                if group["amsgrad"]:
                    state["max_exp_avg_sq"] = np.maximum(state["max_exp_avg_sq"], exp_avg_sq)
                    source = state["max_exp_avg_sq"]
                else:
                    source = exp_avg_sq
                denom = (np.sqrt(source) / dt(bias_correction2_sqrt) + dt(eps)).astype(param.dtype)
                _bump(p, (param + dt(-step_size) * exp_avg / denom).astype(param.dtype))


class AdamW(Adam):
    _decoupled = True

    def __init__(self, params: Any, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 1e-2, amsgrad: bool = False,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, **kwargs)
