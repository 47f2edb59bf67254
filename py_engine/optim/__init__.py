"""torch.optim: SGD, Adam and AdamW as PyTorch runs them on CPU tensors (its single-tensor,
foreach=False code), op for op in float32. Where PyTorch's vectorized kernels fuse a
multiply-add (add with alpha, lerp), the update is fused here too (computed in double and
rounded once), as PyTorch's AVX2/AVX-512 kernels do; a CPU without FMA differs in the last
bit, which is why tests compare the steps within ulps."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes
from .._fused import fma
from . import lr_scheduler as lr_scheduler
from .._tensor.core import Tensor
from .._unsupported import module_getattr as _module_getattr

__all__ = ["SGD", "Adam", "AdamW", "Optimizer"]


# Mixed float32/float64 ufuncs cast through a slow buffered loop, so the double-precision
# work below converts with astype first and then runs same-dtype ufuncs.


def _fused_add(a: np.ndarray, b: np.ndarray, alpha: float,
               out: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """a + alpha * b, rounded once (PyTorch's vec::fmadd(b, alpha, a)); written into `out`
    (an optimizer's state buffer) when given."""
    if a.dtype == np.float32:
        b64 = b.astype(np.float64, copy=False)
        al = float(np.float32(alpha))
        wide = a.astype(np.float64) + (b64 if al == 1.0 else al * b64)
    elif a.dtype == np.float64:
        wide = fma(b, alpha, a)
    else:
        wide = a + alpha * b
        if out is None:
            return wide
    if out is None:
        return wide.astype(a.dtype, copy=False)
    out[...] = wide  # rounds once, as astype would
    return out


def _descend32(param: np.ndarray, grad: np.ndarray, alpha: float) -> None:
    """param += alpha * grad in place for float32, the same numbers as _fused_add (computed in
    double, rounded once) in two ufunc calls instead of six: the step of every parameter of
    every training step, where each numpy call costs several microseconds in WebAssembly."""
    wide = np.multiply(grad, float(np.float32(alpha)), dtype=np.float64)
    np.add(param, wide, out=param, dtype=np.float64, casting="unsafe")


def _lerp(start: np.ndarray, end: np.ndarray, weight: float,
          out: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """PyTorch's lerp with a scalar weight (fused as its vectorized kernel is)."""
    dt = start.dtype
    w = float(dt.type(weight))
    diff = (end - start).astype(np.float64)
    if abs(w) < 0.5:
        wide = start.astype(np.float64) + w * diff
    else:
        wide = end.astype(np.float64) - diff * float(dt.type(1 - w))
    if out is None:
        return wide.astype(dt)
    out[...] = wide  # rounds once, as astype would
    return out


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
        """PyTorch's layout: parameters as their index over all groups, in order, and the
        state's tensors themselves (not copies), keyed by those indices."""
        index: dict[int, int] = {}
        groups = []
        for g in self.param_groups:
            packed = {k: v for k, v in g.items() if k != "params"}
            for p in g["params"]:
                index.setdefault(id(p), len(index))
            packed["params"] = [index[id(p)] for p in g["params"]]
            groups.append(packed)
        state = {index.get(k, k): v for k, v in dict.items(self.state)}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        import copy

        state_dict = state_dict.copy()
        groups = self.param_groups
        saved_groups = copy.deepcopy(state_dict["param_groups"])
        if len(groups) != len(saved_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(g["params"]) != len(s["params"]) for g, s in zip(groups, saved_groups)):
            raise ValueError(
                "loaded state dict contains a parameter group that doesn't match the size of "
                "optimizer's group"
            )
        id_map = {
            old: p
            for g, s in zip(groups, saved_groups)
            for old, p in zip(s["params"], g["params"])
        }  # fmt: skip
        state = _IdDict()
        for k, v in state_dict["state"].items():
            if k in id_map:
                param = id_map[k]
                # tensors take the parameter's dtype (`step` stays as it is), as in PyTorch
                dict.__setitem__(state, id(param), {
                    key: val.to(param.dtype) if isinstance(val, Tensor) and key != "step" else val
                    for key, val in v.items()})  # fmt: skip
            else:
                dict.__setitem__(state, k, v)
        new_groups = []
        for g, s in zip(groups, saved_groups):
            s["params"] = g["params"]
            new_groups.append(s)
        self.state = state
        self.param_groups = new_groups

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

    def __repr__(self) -> str:
        return repr(dict(self))

    def __contains__(self, p: Any) -> bool:
        return super().__contains__(id(p))


def _bump(p: Any, new: np.ndarray) -> None:
    p._data[...] = new
    p._ver[0] += 1


def _put(state: dict[str, Any], key: str, new: np.ndarray) -> None:
    """Optimizer state is tensors, updated in place as PyTorch's are (a state_dict taken
    earlier sees later steps)."""
    t = state.get(key)
    if t is None:
        state[key] = Tensor._make(np.array(new, copy=True), None)
    else:
        _bump(t, new)


def _gradients(group: dict[str, Any]) -> Any:
    """The group's parameters that have a gradient, each with the gradient a step descends
    (negated when the group maximizes)."""
    for p in group["params"]:
        if p._grad is not None:
            yield p, (-p._grad._data if group["maximize"] else p._grad._data)


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
            for p, grad in _gradients(group):
                if wd != 0:
                    grad = _fused_add(grad, p._data, wd)
                if momentum != 0:
                    state = self.state[p]
                    held = state.get("momentum_buffer")
                    if held is None:
                        buf = np.array(grad, copy=True)
                    else:
                        buf = held._data
                        buf = _fused_add((buf * buf.dtype.type(momentum)).astype(buf.dtype),
                                         grad, 1 - dampening)  # fmt: skip
                    _put(state, "momentum_buffer", buf)
                    grad = _fused_add(grad, buf, momentum) if nesterov else buf
                data = p._data
                if data.dtype == np.float32 and data.flags.writeable:
                    _descend32(data, grad, -lr)
                    p._ver[0] += 1
                else:
                    _bump(p, _fused_add(data, grad, -lr))


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
            for p, grad in _gradients(group):
                dt = p._data.dtype.type
                state = self.state[p]
                if not state:
                    # torch's _get_scalar_dtype: float64 under a float64 default, else float32
                    wide = dtypes.DEFAULT_FLOAT is dtypes.float64
                    _put(state, "step", np.array(0.0, np.float64 if wide else np.float32))
                    _put(state, "exp_avg", np.zeros_like(p._data))
                    _put(state, "exp_avg_sq", np.zeros_like(p._data))
                    if group["amsgrad"]:
                        _put(state, "max_exp_avg_sq", np.zeros_like(p._data))
                step_t, avg_t, sq_t = state["step"], state["exp_avg"], state["exp_avg_sq"]
                steps = step_t._data
                steps += np.float32(1)
                step_t._ver[0] += 1
                param = p._data
                if wd != 0:
                    if group["decoupled_weight_decay"]:
                        param = (param * dt(1 - lr * wd)).astype(param.dtype)
                    else:
                        grad = _fused_add(grad, param, wd)
                # the state's tensors are updated in place, as torch's are
                exp_avg = _lerp(avg_t._data, grad, 1 - beta1, out=avg_t._data)
                avg_t._ver[0] += 1
                # (copy=False: these products already have the parameter's dtype)
                sq = (sq_t._data * dt(beta2)).astype(param.dtype, copy=False)
                # addcmul_: self + (value * t1) * t2, the last multiply-add fused
                scaled = (dt(1 - beta2) * grad).astype(param.dtype, copy=False)
                exp_avg_sq = _fused_add(sq, scaled * grad.astype(np.float64), 1.0, out=sq_t._data)
                sq_t._ver[0] += 1
                step = float(steps)
                bias_correction1 = 1 - beta1**step
                bias_correction2 = 1 - beta2**step
                step_size = lr / bias_correction1
                bias_correction2_sqrt = bias_correction2**0.5
                if group["amsgrad"]:
                    source = np.maximum(state["max_exp_avg_sq"]._data, exp_avg_sq)
                    _bump(state["max_exp_avg_sq"], source)
                else:
                    source = exp_avg_sq
                denom = (np.sqrt(source) / dt(bias_correction2_sqrt) + dt(eps)).astype(
                    param.dtype, copy=False
                )
                _bump(p, param + dt(-step_size) * exp_avg / denom)


class AdamW(Adam):
    _decoupled = True

    def __init__(self, params: Any, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 1e-2, amsgrad: bool = False,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, **kwargs)


# type(opt) prints torch's path (<class 'torch.optim.sgd.SGD'>)
Optimizer.__module__ = "torch.optim.optimizer"
SGD.__module__ = "torch.optim.sgd"
Adam.__module__ = "torch.optim.adam"
AdamW.__module__ = "torch.optim.adamw"

__getattr__ = _module_getattr("torch.optim")
