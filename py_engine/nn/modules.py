"""torch.nn's Module and the modules learners build first models from."""

from __future__ import annotations

import math
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import numpy as np

from .._tensor.autograd_methods import RemovableHandle
from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.device import _check_device, _to_dtype
from ..autograd.function import Function
from ..autograd.grad_mode import is_grad_enabled, no_grad
from . import functional as F
from . import init
from .parameter import Parameter, is_lazy

__all__ = ["BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "Dropout", "Flatten", "Identity", "L1Loss", "Linear",
           "LogSoftmax", "MSELoss", "Module", "ModuleDict", "ModuleList", "NLLLoss",
           "ParameterDict", "ParameterList", "ReLU", "Sequential", "Sigmoid",
           "Softmax", "Tanh", "CELU", "ELU", "GELU", "Hardsigmoid", "Hardswish", "Hardtanh",
           "LeakyReLU", "LogSigmoid", "Mish", "ReLU6", "SELU", "SiLU", "Softmin", "Softplus",
           "Softsign", "Tanhshrink", "Threshold", "LayerNorm", "BatchNorm1d", "BatchNorm2d",
           "Embedding", "Conv1d", "Conv2d", "MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d",
           "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d"]  # fmt: skip


def _addindent(s_: str, num_spaces: int) -> str:
    s = s_.split("\n")
    if len(s) == 1:
        return s_
    first = s.pop(0)
    s = [(num_spaces * " ") + line for line in s]
    return first + "\n" + "\n".join(s)


class Module:
    training: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_forward_pre_hooks", OrderedDict())
        object.__setattr__(self, "_forward_hooks", OrderedDict())
        object.__setattr__(self, "_backward_pre_hooks", OrderedDict())
        object.__setattr__(self, "_backward_hooks", OrderedDict())

    def forward(self, *input: Any) -> Any:
        raise NotImplementedError(
            f'Module [{type(self).__name__}] is missing the required "forward" function'
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        d = self.__dict__
        if not (d.get("_forward_pre_hooks") or d.get("_forward_hooks")
                or d.get("_backward_hooks") or d.get("_backward_pre_hooks")):  # fmt: skip
            return self.forward(*args, **kwargs)
        return _call_with_hooks(self, args, kwargs)

    # ------------------------------------------------------------------ hooks
    def register_forward_pre_hook(self, hook: Any, *, prepend: bool = False,
                                  with_kwargs: bool = False) -> RemovableHandle:  # fmt: skip
        """hook(module, args) before forward; a result other than None replaces args."""
        return _add_hook(self._forward_pre_hooks, hook, prepend, with_kwargs)

    def register_forward_hook(self, hook: Any, *, prepend: bool = False,
                              with_kwargs: bool = False,
                              always_call: bool = False) -> RemovableHandle:  # fmt: skip
        """hook(module, args, output) after forward; a result other than None replaces output."""
        return _add_hook(self._forward_hooks, hook, prepend, with_kwargs)

    def register_full_backward_pre_hook(self, hook: Any, prepend: bool = False) -> RemovableHandle:
        """hook(module, grad_output) before the module's gradients are computed."""
        return _add_hook(self._backward_pre_hooks, hook, prepend, False)

    def register_full_backward_hook(self, hook: Any, prepend: bool = False) -> RemovableHandle:
        """hook(module, grad_input, grad_output) once the gradients with respect to the
        module's inputs are computed; a result other than None replaces grad_input."""
        return _add_hook(self._backward_hooks, hook, prepend, False)

    # ------------------------------------------------------------------ registration
    def __setattr__(self, name: str, value: Any) -> None:
        params = self.__dict__.get("_parameters")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            self.__dict__.pop(name, None)
            self._modules.pop(name, None)
            params[name] = value
        elif isinstance(value, Module):
            modules = self.__dict__.get("_modules")
            if modules is None:
                raise AttributeError("cannot assign module before Module.__init__() call")
            self.__dict__.pop(name, None)
            if params is not None:
                params.pop(name, None)
            modules[name] = value
        elif "_buffers" in self.__dict__ and name in self._buffers:
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(
                    f"cannot assign '{type(value).__name__}' as buffer '{name}' "
                    "(torch.nn.Buffer, torch.Tensor or None expected)"
                )
            self._buffers[name] = value
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{type(value).__module__}.{type(value).__name__}' as "
                    f"parameter '{name}' (torch.nn.Parameter or None expected)"
                )
            params[name] = value
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> Any:
        d = self.__dict__
        for store in ("_parameters", "_buffers", "_modules"):
            if store in d and name in d[store]:
                return d[store][name]
        if name in _UNSUPPORTED:
            from .._unsupported import unsupported

            raise unsupported(f"nn.Module.{name}")
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name: str) -> None:
        for store in (self._parameters, self._buffers, self._modules):
            if name in store:
                del store[name]
                return
        object.__delattr__(self, name)

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        if not isinstance(name, str):
            raise TypeError(f"parameter name should be a string. Got {type(name).__name__}")
        if "." in name:
            raise KeyError('parameter name can\'t contain "."')
        if name == "":
            raise KeyError('parameter name can\'t be empty string ""')
        if hasattr(self, name) and name not in self._parameters:
            raise KeyError(f"attribute '{name}' already exists")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{type(param).__module__}.{type(param).__name__}' object to "
                f"parameter '{name}' (torch.nn.Parameter or None required)"
            )
        self._parameters[name] = param

    def register_buffer(self, name: str, tensor: Tensor | None, persistent: bool = True) -> None:
        self._buffers[name] = tensor
        # a non-persistent buffer is the module's state but not its state_dict's
        skipped = self.__dict__.setdefault("_non_persistent_buffers_set", set())
        if persistent:
            skipped.discard(name)
        else:
            skipped.add(name)

    def add_module(self, name: str, module: Module | None) -> None:
        self._modules[name] = module

    register_module = add_module

    # ------------------------------------------------------------------ traversal
    def named_modules(self, memo: set[int] | None = None, prefix: str = "",
                      remove_duplicate: bool = True) -> Iterator[tuple[str, Module]]:  # fmt: skip
        if memo is None:
            memo = set()
        if id(self) in memo and remove_duplicate:
            return
        memo.add(id(self))
        yield prefix, self
        for name, module in self._modules.items():
            if module is None:
                continue
            sub = prefix + ("." if prefix else "") + name
            yield from module.named_modules(memo, sub, remove_duplicate)

    def modules(self) -> Iterator[Module]:
        for _, m in self.named_modules():
            yield m

    def named_children(self) -> Iterator[tuple[str, Module]]:
        seen: set[int] = set()
        for name, module in self._modules.items():
            if module is not None and id(module) not in seen:
                seen.add(id(module))
                yield name, module

    def children(self) -> Iterator[Module]:
        for _, m in self.named_children():
            yield m

    def named_parameters(self, prefix: str = "", recurse: bool = True,
                         remove_duplicate: bool = True) -> Iterator[tuple[str, Parameter]]:  # fmt: skip
        seen: set[int] = set()
        mods = self.named_modules(prefix=prefix) if recurse else [(prefix, self)]
        for mod_prefix, module in mods:
            for name, p in module._parameters.items():
                if p is None or (remove_duplicate and id(p) in seen):
                    continue
                seen.add(id(p))
                yield mod_prefix + ("." if mod_prefix else "") + name, p

    def parameters(self, recurse: bool = True) -> Iterator[Parameter]:
        for _, p in self.named_parameters(recurse=recurse):
            yield p

    def named_buffers(self, prefix: str = "", recurse: bool = True) -> Iterator[tuple[str, Any]]:
        for mod_prefix, module in self.named_modules(prefix=prefix):
            for name, b in module._buffers.items():
                if b is not None:
                    yield mod_prefix + ("." if mod_prefix else "") + name, b

    def buffers(self, recurse: bool = True) -> Iterator[Any]:
        for _, b in self.named_buffers():
            yield b

    # ------------------------------------------------------------------ modes and grads
    def train(self, mode: bool = True) -> Module:
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        for m in self.modules():
            object.__setattr__(m, "training", mode)
        return self

    def eval(self) -> Module:
        return self.train(False)

    def requires_grad_(self, requires_grad: bool = True) -> Module:
        for p in self.parameters():
            p.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none: bool = True) -> None:
        for p in self.parameters():
            if p._grad is not None:
                if set_to_none:
                    p._grad = None
                else:
                    p._grad = p._grad.detach()
                    p._grad._data[...] = 0

    # ------------------------------------------------------------------ device and dtype
    def to(self, *args: Any, **kwargs: Any) -> Module:
        """The CPU is the one device, so only a dtype changes anything: floating parameters
        (and their grads) and buffers take it in place; the Parameter objects stay."""
        dt = _to_dtype(None, args, kwargs)  # type: ignore[arg-type]
        if dt is None:
            return self
        if not dt.is_floating_point:
            raise TypeError(
                "nn.Module.to only accepts floating point or complex dtypes, but got desired "
                f"dtype={dt}"
            )
        return self._cast(dt)

    def _cast(self, dt: Any) -> Module:
        for t in [*self.parameters(), *self.buffers()]:
            if t.dtype.is_floating_point:
                t.data = t.data.to(dt)
                if t._grad is not None:
                    t._grad.data = t._grad.data.to(dt)
        return self

    def cpu(self) -> Module:
        return self

    def cuda(self, device: Any = None) -> Module:
        raise AssertionError("Torch not compiled with CUDA enabled")

    def float(self) -> Module:
        return self._cast(dtypes.float32)

    def double(self) -> Module:
        return self._cast(dtypes.float64)

    def half(self) -> Module:
        return self._cast(dtypes.float16)

    def apply(self, fn: Any) -> Module:
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # ------------------------------------------------------------------ state
    def state_dict(self, destination: Any = None, prefix: str = "",
                   keep_vars: bool = False) -> OrderedDict[str, Any]:  # fmt: skip
        out: OrderedDict[str, Any] = OrderedDict() if destination is None else destination
        for name, p in self._parameters.items():
            if p is not None:  # an uninitialised one has nothing to detach: it goes as it is
                out[prefix + name] = p if keep_vars or is_lazy(p) else p.detach()
        skipped = self.__dict__.get("_non_persistent_buffers_set", ())
        for name, b in self._buffers.items():
            if b is not None and name not in skipped:
                out[prefix + name] = b if keep_vars or is_lazy(b) else b.detach()
        for name, m in self._modules.items():
            if m is not None:
                m.state_dict(out, prefix + name + ".", keep_vars)
        return out

    def load_state_dict(self, state_dict: Any, strict: bool = True, assign: bool = False) -> Any:
        for prefix, module in self.named_modules():
            if "_initialize_hook" in module.__dict__:  # a lazy module takes the loaded shapes
                module._lazy_load_hook(state_dict, prefix + "." if prefix else "")
        own = self.state_dict(keep_vars=True)
        missing = [k for k in own if k not in state_dict]
        unexpected = [k for k in state_dict if k not in own]
        errors = []
        for k, v in state_dict.items():
            if k in own:
                if is_lazy(own[k]):
                    continue  # both uninitialised: nothing to copy
                if tuple(v.shape) != tuple(own[k].shape):
                    errors.append(
                        f"size mismatch for {k}: copying a param with shape {v.shape} from "
                        f"checkpoint, the shape in current model is {own[k].shape}."
                    )
                    continue
                own[k]._data[...] = v._data
                own[k]._ver[0] += 1
        if strict:
            if unexpected:
                errors.insert(0, "Unexpected key(s) in state_dict: "
                              + ", ".join(f'"{k}"' for k in unexpected) + ". ")  # fmt: skip
            if missing:
                errors.insert(0, "Missing key(s) in state_dict: "
                              + ", ".join(f'"{k}"' for k in missing) + ". ")  # fmt: skip
        if errors:
            raise RuntimeError(
                "Error(s) in loading state_dict for {}:\n\t{}".format(
                    type(self).__name__, "\n\t".join(errors)
                )
            )
        return _IncompatibleKeys(missing, unexpected)

    # ------------------------------------------------------------------ printing
    def extra_repr(self) -> str:
        return ""

    def _get_name(self) -> str:
        return type(self).__name__

    def __repr__(self) -> str:
        extra_lines = []
        extra_repr = self.extra_repr()
        if extra_repr:
            extra_lines = extra_repr.split("\n")
        child_lines = []
        for key, module in self._modules.items():
            mod_str = _addindent(repr(module), 2)
            child_lines.append("(" + key + "): " + mod_str)
        lines = extra_lines + child_lines
        main_str = self._get_name() + "("
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                main_str += extra_lines[0]
            else:
                main_str += "\n  " + "\n  ".join(lines) + "\n"
        main_str += ")"
        return main_str

    def __dir__(self) -> list[str]:
        return sorted(set(object.__dir__(self)) | set(self._parameters) | set(self._modules))


# torch.nn.Module methods the playground lacks: a NotImplementedError names them.
_UNSUPPORTED = frozenset({
    "register_backward_hook", "bfloat16", "ipu", "xpu", "mtia", "to_empty",
    "get_submodule", "get_parameter", "get_buffer", "get_extra_state", "set_extra_state",
    "share_memory", "compile", "register_state_dict_pre_hook", "register_state_dict_post_hook",
    "register_load_state_dict_pre_hook", "register_load_state_dict_post_hook",
    "set_submodule",
})  # fmt: skip


def _add_hook(hooks: OrderedDict[int, Any], hook: Any, prepend: bool, with_kwargs: bool
              ) -> RemovableHandle:  # fmt: skip
    if with_kwargs:
        raise NotImplementedError(
            "nn.Module hooks with_kwargs=True are not supported in the playground"
        )
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook
    if prepend:
        hooks.move_to_end(handle.id, last=False)
    return handle


def _call_with_hooks(module: Module, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Module.__call__ with hooks, in torch's order: forward pre-hooks, the backward hooks'
    wrapping of the inputs, forward, forward hooks, the wrapping of the output."""
    for hook in list(module._forward_pre_hooks.values()):
        result = hook(module, args)
        if result is not None:
            args = result if isinstance(result, tuple) else (result,)
    bw: _BackwardHook | None = None
    if module._backward_hooks or module._backward_pre_hooks:
        bw = _BackwardHook(module)
        args = bw.setup_inputs(args)
    output = module.forward(*args, **kwargs)
    for hook in list(module._forward_hooks.values()):
        result = hook(module, args, output)
        if result is not None:
            output = result
    if bw is not None:
        output = bw.setup_output(output)
    return output


class _BackwardHook:
    """torch.utils.hooks.BackwardHook: identity nodes (BackwardHookFunctionBackward) on the
    module's output and input see grad_output, then grad_input, and call the hooks. One
    input tensor that requires grad and one output tensor are supported (torch takes
    several of each)."""

    def __init__(self, module: Module) -> None:
        self.module = module
        self.grad_outputs: tuple[Any, ...] | None = None
        self.n_inputs = 0
        self.input_index: list[int] | None = None
        self.n_outputs = 0
        self.output_index: list[int] = []

    @staticmethod
    def _tensors(values: tuple[Any, ...]) -> list[int]:
        return [i for i, v in enumerate(values) if isinstance(v, Tensor)]

    def _wrap(self, values: tuple[Any, ...], where: str) -> tuple[tuple[Any, ...], list[int]]:
        index = self._tensors(values)
        tensors = [values[i] for i in index]
        if not (is_grad_enabled() and any(t.requires_grad for t in tensors)):
            return values, []
        if len(tensors) > 1:
            raise NotImplementedError(
                f"full backward hooks on a module with {len(tensors)} tensor {where}s are not "
                "supported in the playground (one tensor in, one out)"
            )
        out = list(values)
        out[index[0]] = BackwardHookFunction.apply(tensors[0], self, where)
        return tuple(out), index

    def setup_inputs(self, args: tuple[Any, ...]) -> tuple[Any, ...]:
        self.n_inputs = len(args)
        args, index = self._wrap(args, "input")
        self.input_index = index or None
        return args

    def setup_output(self, output: Any) -> Any:
        is_tuple = isinstance(output, tuple)
        values = output if is_tuple else (output,)
        self.n_outputs = len(values)
        values, self.output_index = self._wrap(values, "output")
        return values if is_tuple else values[0]

    def _pack(self, index: list[int], grads: tuple[Any, ...], size: int) -> tuple[Any, ...]:
        out: list[Any] = [None] * size
        for i, g in zip(index, grads):
            out[i] = g
        return tuple(out)

    def on_output_grad(self, grad: Any) -> Any:
        self.grad_outputs = self._pack(self.output_index, (grad,), self.n_outputs)
        for hook in list(self.module._backward_pre_hooks.values()):
            result = hook(self.module, self.grad_outputs)
            if result is not None:
                self.grad_outputs = tuple(result)
        grad = self.grad_outputs[self.output_index[0]]
        if self.input_index is None:
            # no input requires grad: the hooks fire now, with None for every grad_input
            warnings.warn(
                "Full backward hook is firing when gradients are computed with respect to "
                "module outputs since no inputs require gradients. See "
                "https://docs.pytorch.org/docs/main/generated/torch.nn.Module.html"
                "#torch.nn.Module.register_full_backward_hook for more details.",
                UserWarning,
                stacklevel=2,
            )
            grad_inputs = (None,) * self.n_inputs
            for hook in list(self.module._backward_hooks.values()):
                result = hook(self.module, grad_inputs, self.grad_outputs)
                if result is not None and not (
                    isinstance(result, tuple) and all(r is None for r in result)
                ):
                    raise RuntimeError(
                        "Backward hook for Modules where no input requires gradient should "
                        "always return None or None for all gradients."
                    )
            self.grad_outputs = None
        return grad

    def on_input_grad(self, grad: Any) -> Any:
        if self.grad_outputs is None or self.input_index is None:
            return grad
        res = self._pack(self.input_index, (grad,), self.n_inputs)
        for hook in list(self.module._backward_hooks.values()):
            out = hook(self.module, res, self.grad_outputs)
            if out is None:
                continue
            if len(out) != len(res):
                raise RuntimeError(
                    "Backward hook returned an invalid number of grad_input, got "
                    f"{len(out)}, but expected {len(res)}"
                )
            res = tuple(out)
        self.grad_outputs = None
        return res[self.input_index[0]]


class BackwardHookFunction(Function):
    @staticmethod
    def forward(ctx: Any, x: Tensor, hook: _BackwardHook, where: str) -> Tensor:
        ctx.hook, ctx.where = hook, where
        return x.detach()

    @staticmethod
    def backward(ctx: Any, grad: Any) -> Any:
        if ctx.where == "output":
            return ctx.hook.on_output_grad(grad), None, None
        return ctx.hook.on_input_grad(grad), None, None


class _IncompatibleKeys(tuple):
    def __new__(cls, missing: list[str], unexpected: list[str]) -> _IncompatibleKeys:
        t = super().__new__(cls, (missing, unexpected))
        return t

    @property
    def missing_keys(self) -> list[str]:
        return self[0]

    @property
    def unexpected_keys(self) -> list[str]:
        return self[1]

    def __repr__(self) -> str:
        if not self[0] and not self[1]:
            return "<All keys matched successfully>"
        return f"_IncompatibleKeys(missing_keys={self[0]}, unexpected_keys={self[1]})"


class _Numbered(Module):
    """Sequential's and ModuleList's indexing: children named 0, 1, 2, ... by position."""

    def _key(self, idx: Any) -> str:
        size = len(self._modules)
        i = int(idx)
        if not -size <= i < size:
            raise IndexError(f"index {idx} is out of range")
        return list(self._modules)[i % size]

    def __setitem__(self, idx: int, module: Module) -> None:
        setattr(self, self._key(idx), module)

    def __delitem__(self, idx: Any) -> None:
        if isinstance(idx, slice):
            for key in list(self._modules)[idx]:
                del self._modules[key]
        else:
            del self._modules[self._key(idx)]
        # torch renumbers what is left, so that the names stay 0, 1, 2, ...
        modules = list(self._modules.values())
        self._modules.clear()
        for i, m in enumerate(modules):
            self._modules[str(i)] = m


class Sequential(_Numbered):
    def __init__(self, *args: Any) -> None:
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for key, module in args[0].items():
                self.add_module(key, module)
        else:
            for idx, module in enumerate(args):
                self.add_module(str(idx), module)

    def forward(self, input: Any) -> Any:
        for module in self._modules.values():
            input = module(input)
        return input

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def __getitem__(self, idx: Any) -> Any:
        if isinstance(idx, slice):
            return Sequential(OrderedDict(list(self._modules.items())[idx]))
        return self._modules[self._key(idx)]

    def append(self, module: Module) -> Sequential:
        self.add_module(str(len(self)), module)
        return self


class ModuleList(_Numbered):
    """Modules in a list, registered as its children "0", "1", ..."""

    def __init__(self, modules: Any = None) -> None:
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def __getitem__(self, idx: Any) -> Any:
        if isinstance(idx, slice):
            return type(self)(list(self._modules.values())[idx])
        return self._modules[self._key(idx)]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def __iadd__(self, modules: Any) -> ModuleList:
        return self.extend(modules)

    def __add__(self, other: Any) -> ModuleList:
        return ModuleList([*self, *other])

    def append(self, module: Module) -> ModuleList:
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules: Any) -> ModuleList:
        for m in modules:
            self.append(m)
        return self

    def insert(self, index: int, module: Module) -> None:
        modules = list(self._modules.values())
        modules.insert(index, module)
        self._modules.clear()
        for i, m in enumerate(modules):
            self._modules[str(i)] = m

    def __repr__(self) -> str:
        # torch prints a run of equal modules once: "(0-2): 3 x ReLU()"
        reprs = [repr(m) for m in self]
        if not reprs:
            return self._get_name() + "()"
        runs: list[list[Any]] = []
        for i, r in enumerate(reprs):
            if runs and runs[-1][2] == r:
                runs[-1][1] = i
            else:
                runs.append([i, i, r])
        lines = []
        for start, end, r in runs:
            text = (
                f"({start}): {r}" if start == end else f"({start}-{end}): {end - start + 1} x {r}"
            )
            lines.append(_addindent(text, 2))
        return self._get_name() + "(\n  " + "\n  ".join(lines) + "\n)"


class _NamedStore(Module):
    """The mapping methods ModuleDict and ParameterDict share: `_store` names which of the
    module's own dicts holds the entries (`_modules` or `_parameters`)."""

    _store = "_modules"

    def __init__(self, entries: Any = None) -> None:
        super().__init__()
        if entries is not None:
            self.update(entries)

    def _entries(self) -> dict[str, Any]:
        return self.__dict__[self._store]

    def __getitem__(self, key: str) -> Any:
        return self._entries()[key]

    def __delitem__(self, key: str) -> None:
        del self._entries()[key]

    def __len__(self) -> int:
        return len(self._entries())

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries())

    def __contains__(self, key: object) -> bool:
        return key in self._entries()

    def keys(self) -> Any:
        return self._entries().keys()

    def items(self) -> Any:
        return self._entries().items()

    def values(self) -> Any:
        return self._entries().values()

    def pop(self, key: str) -> Any:
        return self._entries().pop(key)

    def clear(self) -> None:
        self._entries().clear()

    def update(self, entries: Any) -> None:
        pairs = entries.items() if hasattr(entries, "items") else entries
        for key, value in pairs:
            self[key] = value


class ModuleDict(_NamedStore):
    """Modules by name, registered as children of those names."""

    def __setitem__(self, key: str, module: Module) -> None:
        self.add_module(key, module)


def _parameter_line(key: Any, p: Any, dtype_text: str) -> str:
    kind = "Parameter" if isinstance(p, Parameter) else "Tensor"
    size = "x".join(str(n) for n in p.shape)
    return f"  ({key}): {kind} containing: [{dtype_text} of size {size}]"


class ParameterList(Module):
    """Parameters in a list, registered as "0", "1", ... (a plain tensor becomes one)."""

    def __init__(self, values: Any = None) -> None:
        super().__init__()
        object.__setattr__(self, "_size", 0)
        if values is not None:
            self.extend(values)

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, idx: Any) -> Any:
        if isinstance(idx, slice):
            return ParameterList(list(self)[idx])
        size = self._size
        if not -size <= int(idx) < size:
            raise IndexError(f"index {idx} is out of range")
        return getattr(self, str(int(idx) % size))

    def __setitem__(self, idx: int, param: Any) -> None:
        self.register_parameter(str(int(idx) % self._size), _as_parameter(param))

    def __iter__(self) -> Iterator[Any]:
        return iter(self[i] for i in range(self._size))

    def __iadd__(self, values: Any) -> ParameterList:
        return self.extend(values)

    def append(self, value: Any) -> ParameterList:
        object.__setattr__(self, "_size", self._size + 1)
        self.register_parameter(str(self._size - 1), _as_parameter(value))
        return self

    def extend(self, values: Any) -> ParameterList:
        for v in values:
            self.append(v)
        return self

    def extra_repr(self) -> str:
        return "\n".join(_parameter_line(k, p, str(p.dtype)) for k, p in enumerate(self))


class ParameterDict(_NamedStore):
    """Parameters by name."""

    _store = "_parameters"

    def __setitem__(self, key: str, value: Any) -> None:
        self.register_parameter(key, _as_parameter(value))

    def extra_repr(self) -> str:
        return "\n".join(
            _parameter_line(k, p, f"torch.{p.dtype.short}Tensor") for k, p in self.items()
        )


def _as_parameter(value: Any) -> Any:
    # torch wraps a plain tensor put into a ParameterList/Dict as a Parameter
    if isinstance(value, Tensor) and not isinstance(value, Parameter):
        return Parameter(value)
    return value


class Identity(Module):
    def forward(self, input: Any) -> Any:
        return input


class Linear(Module):
    def __init__(self, in_features: int, out_features: int, bias: bool = True,
                 device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        if device is not None:
            _check_device(device)
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        np_dtype = dtypes.DEFAULT_FLOAT.np if dtype is None else dtype.np
        self.weight = Parameter(Tensor._make(np.empty((out_features, in_features), np_dtype), None))
        if bias:
            self.bias = Parameter(Tensor._make(np.empty((out_features,), np_dtype), None))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input: Tensor) -> Tensor:
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")  # fmt: skip


class ReLU(Module):
    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.relu(input, inplace=self.inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class _DropoutNd(Module):
    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p = p
        self.inplace = inplace

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"


class Dropout(_DropoutNd):
    def forward(self, input: Tensor) -> Tensor:
        return F.dropout(input, self.p, self.training, self.inplace)


class Dropout1d(_DropoutNd):
    def forward(self, input: Tensor) -> Tensor:
        return F.dropout1d(input, self.p, self.training, self.inplace)


class Dropout2d(_DropoutNd):
    def forward(self, input: Tensor) -> Tensor:
        return F.dropout2d(input, self.p, self.training, self.inplace)


class Dropout3d(_DropoutNd):
    def forward(self, input: Tensor) -> Tensor:
        return F.dropout3d(input, self.p, self.training, self.inplace)


__all__ += ["Dropout1d", "Dropout2d", "Dropout3d"]


class Sigmoid(Module):
    def forward(self, input: Tensor) -> Tensor:
        return F.sigmoid(input)


class Tanh(Module):
    def forward(self, input: Tensor) -> Tensor:
        return F.tanh(input)


class Softmax(Module):
    def __init__(self, dim: int | None = None) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:
        return F.softmax(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class LogSoftmax(Softmax):
    def forward(self, input: Tensor) -> Tensor:
        return F.log_softmax(input, self.dim)


class Flatten(Module):
    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input: Tensor) -> Tensor:
        return F._flatten(input, self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class _Loss(Module):
    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = reduction


class MSELoss(_Loss):
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.mse_loss(input, target, reduction=self.reduction)


class L1Loss(_Loss):
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.l1_loss(input, target, reduction=self.reduction)


class SmoothL1Loss(_Loss):
    def __init__(self, size_average: Any = None, reduce: Any = None, reduction: str = "mean",
                 beta: float = 1.0) -> None:  # fmt: skip
        super().__init__(reduction)
        self.beta = beta

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.smooth_l1_loss(input, target, reduction=self.reduction, beta=self.beta)


class HuberLoss(_Loss):
    def __init__(self, reduction: str = "mean", delta: float = 1.0) -> None:
        super().__init__(reduction)
        self.delta = delta

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.huber_loss(input, target, reduction=self.reduction, delta=self.delta)


class KLDivLoss(_Loss):
    def __init__(self, size_average: Any = None, reduce: Any = None, reduction: str = "mean",
                 log_target: bool = False) -> None:  # fmt: skip
        super().__init__(reduction)
        self.log_target = log_target

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.kl_div(input, target, reduction=self.reduction, log_target=self.log_target)


__all__ += ["HuberLoss", "KLDivLoss", "SmoothL1Loss"]


class CrossEntropyLoss(_Loss):
    def __init__(self, weight: Any = None, size_average: Any = None, ignore_index: int = -100,
                 reduce: Any = None, reduction: str = "mean",
                 label_smoothing: float = 0.0) -> None:  # fmt: skip
        super().__init__(reduction)
        self.weight = weight
        self.ignore_index = ignore_index
        self.label_smoothing = label_smoothing

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.cross_entropy(input, target, weight=self.weight,
                               ignore_index=self.ignore_index, reduction=self.reduction,
                               label_smoothing=self.label_smoothing)  # fmt: skip


class NLLLoss(CrossEntropyLoss):
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.nll_loss(input, target, weight=self.weight,
                          ignore_index=self.ignore_index, reduction=self.reduction)  # fmt: skip


class BCELoss(_Loss):
    def __init__(self, weight: Any = None, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:  # fmt: skip
        super().__init__(reduction)
        self.register_buffer("weight", weight)

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.binary_cross_entropy(input, target, weight=self.weight, reduction=self.reduction)


class BCEWithLogitsLoss(_Loss):
    def __init__(self, weight: Any = None, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean", pos_weight: Any = None) -> None:  # fmt: skip
        super().__init__(reduction)
        self.register_buffer("weight", weight)
        self.register_buffer("pos_weight", pos_weight)

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.binary_cross_entropy_with_logits(input, target, self.weight,
                                                  pos_weight=self.pos_weight,
                                                  reduction=self.reduction)  # fmt: skip


class _Activation(Module):
    """An activation module: its options, shown as PyTorch shows them (inplace only when
    set), passed to its F function on each call."""

    _fn: Any = None
    _options: tuple[str, ...] = ()
    _inplace_arg = True  # whether the F function takes inplace=
    _shows_inplace = True  # Hardsigmoid and Hardswish take it but never show it

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        names = (*self._options, "inplace") if self._inplace_arg else self._options
        given = dict(zip(names, args, strict=False))
        for k, v in kwargs.items():
            if k not in names:
                raise TypeError(
                    f"{type(self).__name__}.__init__() got an unexpected keyword argument '{k}'"
                )
            given[k] = v
        for name in self._options:
            setattr(self, name, given.get(name, self._defaults[name]))
        if self._inplace_arg:
            self.inplace = bool(given.get("inplace", False))

    _defaults: dict[str, Any] = {}

    def forward(self, input: Tensor) -> Tensor:
        options = {name: getattr(self, name) for name in self._options}
        if self._inplace_arg:
            options["inplace"] = self.inplace
        return type(self)._fn(input, **options)

    def extra_repr(self) -> str:
        shown = [f"{name}={getattr(self, name)!r}" for name in self._options]
        if self._inplace_arg and self._shows_inplace and self.inplace:
            shown.append("inplace=True")
        return ", ".join(shown)


def _activation_class(
    name: str, fn: Any, inplace: bool = True, shows_inplace: bool = True, **defaults: Any
) -> type:
    return type(name, (_Activation,), {
        "_fn": staticmethod(fn), "_options": tuple(defaults), "_defaults": defaults,
        "_inplace_arg": inplace, "_shows_inplace": shows_inplace, "__qualname__": name,
    })  # fmt: skip


LeakyReLU = _activation_class("LeakyReLU", F.leaky_relu, negative_slope=0.01)
ELU = _activation_class("ELU", F.elu, alpha=1.0)
SELU = _activation_class("SELU", F.selu)
CELU = _activation_class("CELU", F.celu, alpha=1.0)
GELU = _activation_class("GELU", F.gelu, inplace=False, approximate="none")
SiLU = _activation_class("SiLU", F.silu)
Mish = _activation_class("Mish", F.mish)
Softplus = _activation_class("Softplus", F.softplus, inplace=False, beta=1.0, threshold=20.0)
ReLU6 = _activation_class("ReLU6", F.relu6)
Hardtanh = _activation_class("Hardtanh", F.hardtanh, min_val=-1.0, max_val=1.0)
Hardsigmoid = _activation_class("Hardsigmoid", F.hardsigmoid, shows_inplace=False)
Hardswish = _activation_class("Hardswish", F.hardswish, shows_inplace=False)
LogSigmoid = _activation_class("LogSigmoid", F.logsigmoid, inplace=False)
Softsign = _activation_class("Softsign", F.softsign, inplace=False)
Tanhshrink = _activation_class("Tanhshrink", F.tanhshrink, inplace=False)
Threshold = _activation_class("Threshold", F.threshold, threshold=None, value=None)


class Hardshrink(Module):
    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def forward(self, input: Tensor) -> Tensor:
        return F.hardshrink(input, self.lambd)

    def extra_repr(self) -> str:
        return f"{self.lambd}"


class Softshrink(Hardshrink):
    def forward(self, input: Tensor) -> Tensor:
        return F.softshrink(input, self.lambd)


class GLU(Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:
        return F.glu(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class PReLU(Module):
    def __init__(self, num_parameters: int = 1, init: float = 0.25, device: Any = None,
                 dtype: Any = None) -> None:  # fmt: skip
        super().__init__()
        self.num_parameters = num_parameters
        self.init = init
        np_dtype = dtypes.DEFAULT_FLOAT.np if dtype is None else dtype.np
        self.weight = Parameter(Tensor._make(np.full((num_parameters,), init, np_dtype), None))

    def forward(self, input: Tensor) -> Tensor:
        return F.prelu(input, self.weight)

    def extra_repr(self) -> str:
        return f"num_parameters={self.num_parameters}"


class Unflatten(Module):
    def __init__(self, dim: int | str, unflattened_size: Any) -> None:
        super().__init__()
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input: Tensor) -> Tensor:
        return input.unflatten(self.dim, self.unflattened_size)

    def extra_repr(self) -> str:
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"


class CosineSimilarity(Module):
    def __init__(self, dim: int = 1, eps: float = 1e-8) -> None:
        super().__init__()
        self.dim = dim
        self.eps = eps

    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return F.cosine_similarity(x1, x2, self.dim, self.eps)


class PairwiseDistance(Module):
    def __init__(self, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> None:
        super().__init__()
        self.norm = p
        self.eps = eps
        self.keepdim = keepdim

    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return F.pairwise_distance(x1, x2, self.norm, self.eps, self.keepdim)


__all__ += ["CosineSimilarity", "GLU", "Hardshrink", "PairwiseDistance", "PReLU", "Softshrink",
            "Unflatten"]  # fmt: skip


class _Pad(Module):
    """nn.ZeroPad2d, nn.ReflectionPad1d and the like: F.pad with a fixed padding and mode."""

    _mode = "constant"
    _dims = 1

    def __init__(self, padding: Any, value: float | None = None) -> None:
        super().__init__()
        if isinstance(padding, int):
            padding = (padding,) * (2 * self._dims)
        self.padding = tuple(padding)
        self.value = value

    def forward(self, input: Tensor) -> Tensor:
        if self._mode == "constant":
            return F.pad(input, self.padding, "constant", self.value or 0.0)
        return F.pad(input, self.padding, self._mode)

    def extra_repr(self) -> str:
        if type(self).__name__.startswith("Constant"):
            return f"padding={self.padding}, value={self.value}"
        return f"{self.padding}"


def _pad_class(name: str, mode: str, dims: int, constant: bool = False) -> type:
    def __init__(self: _Pad, padding: Any, value: float = 0.0) -> None:
        _Pad.__init__(self, padding, float(value) if constant else 0.0)

    def __init_plain(self: _Pad, padding: Any) -> None:
        _Pad.__init__(self, padding, 0.0)

    return type(name, (_Pad,), {"_mode": mode, "_dims": dims, "__qualname__": name,
                                "__init__": __init__ if constant else __init_plain})  # fmt: skip


ZeroPad1d = _pad_class("ZeroPad1d", "constant", 1)
ZeroPad2d = _pad_class("ZeroPad2d", "constant", 2)
ConstantPad1d = _pad_class("ConstantPad1d", "constant", 1, constant=True)
ConstantPad2d = _pad_class("ConstantPad2d", "constant", 2, constant=True)
ReflectionPad1d = _pad_class("ReflectionPad1d", "reflect", 1)
ReflectionPad2d = _pad_class("ReflectionPad2d", "reflect", 2)
ReplicationPad1d = _pad_class("ReplicationPad1d", "replicate", 1)
ReplicationPad2d = _pad_class("ReplicationPad2d", "replicate", 2)
__all__ += ["ConstantPad1d", "ConstantPad2d", "ReflectionPad1d", "ReflectionPad2d",
            "ReplicationPad1d", "ReplicationPad2d", "ZeroPad1d", "ZeroPad2d"]  # fmt: skip


class Softmin(Softmax):
    def forward(self, input: Tensor) -> Tensor:
        return F.softmin(input, self.dim)


class LayerNorm(Module):
    def __init__(self, normalized_shape: Any, eps: float = 1e-5, elementwise_affine: bool = True,
                 bias: bool = True, device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        if device is not None:
            _check_device(device)
        super().__init__()
        shape = (normalized_shape,) if isinstance(normalized_shape, int) else normalized_shape
        self.normalized_shape = tuple(int(n) for n in shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        np_dtype = dtypes.DEFAULT_FLOAT.np if dtype is None else dtype.np
        if elementwise_affine:
            self.weight = Parameter(Tensor._make(np.ones(self.normalized_shape, np_dtype), None))
            if bias:
                self.bias = Parameter(Tensor._make(np.zeros(self.normalized_shape, np_dtype), None))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, input: Tensor) -> Tensor:
        return F.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (
            f"{self.normalized_shape}, eps={self.eps}, "
            f"elementwise_affine={self.elementwise_affine}, bias={self.bias is not None}"
        )


class _BatchNorm(Module):
    _dims: tuple[int, ...] = ()

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1,
                 affine: bool = True, track_running_stats: bool = True, device: Any = None,
                 dtype: Any = None, bias: bool = True) -> None:  # fmt: skip
        if device is not None:
            _check_device(device)
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        np_dtype = dtypes.DEFAULT_FLOAT.np if dtype is None else dtype.np
        if affine:
            self.weight = Parameter(Tensor._make(np.ones(num_features, np_dtype), None))
            if bias:
                self.bias = Parameter(Tensor._make(np.zeros(num_features, np_dtype), None))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer(
                "running_mean", Tensor._make(np.zeros(num_features, np_dtype), None)
            )
            self.register_buffer("running_var", Tensor._make(np.ones(num_features, np_dtype), None))
            self.register_buffer("num_batches_tracked", Tensor._make(np.array(0, np.int64), None))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)

    def reset_running_stats(self) -> None:
        if self.track_running_stats:
            with no_grad():
                self.running_mean.zero_()
                self.running_var.fill_(1)
                self.num_batches_tracked.zero_()

    def reset_parameters(self) -> None:
        self.reset_running_stats()
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def forward(self, input: Tensor) -> Tensor:
        if input.ndim not in self._dims:
            want = " or ".join(f"{d}D" for d in self._dims)
            raise ValueError(f"expected {want} input (got {input.ndim}D input)")
        momentum = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            assert self.num_batches_tracked is not None
            self.num_batches_tracked.add_(1)
            if self.momentum is None:  # a cumulative moving average
                momentum = 1.0 / float(self.num_batches_tracked.item())
        use_batch = self.training or self.running_mean is None
        return F.batch_norm(
            input,
            self.running_mean if not self.training or self.track_running_stats else None,
            self.running_var if not self.training or self.track_running_stats else None,
            self.weight, self.bias, use_batch, momentum, self.eps,
        )  # fmt: skip

    def extra_repr(self) -> str:
        return (
            f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, "
            f"affine={self.affine}, bias={self.bias is not None}, "
            f"track_running_stats={self.track_running_stats}"
        )


class BatchNorm1d(_BatchNorm):
    _dims = (2, 3)


class BatchNorm2d(_BatchNorm):
    _dims = (4,)


class Embedding(Module):
    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None,
                 max_norm: Any = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False,
                 sparse: bool = False, _weight: Tensor | None = None, _freeze: bool = False,
                 device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        if device is not None:
            _check_device(device)
        super().__init__()
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        if padding_idx is not None and padding_idx < 0:
            padding_idx += num_embeddings
        self.padding_idx = padding_idx
        if _weight is None:
            np_dtype = dtypes.DEFAULT_FLOAT.np if dtype is None else dtype.np
            w = Tensor._make(np.empty((num_embeddings, embedding_dim), np_dtype), None)
            self.weight = Parameter(w, requires_grad=not _freeze)
            with no_grad():  # nn.Embedding's reset_parameters: normal_, then the padding row
                self.weight.normal_()
                if padding_idx is not None:
                    self.weight[padding_idx].fill_(0)
        else:
            self.weight = Parameter(_weight, requires_grad=not _freeze)

    def forward(self, input: Tensor) -> Tensor:
        return F.embedding(input, self.weight, self.padding_idx)

    def extra_repr(self) -> str:
        s = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            s += f", padding_idx={self.padding_idx}"
        return s

    @classmethod
    def from_pretrained(cls, embeddings: Tensor, freeze: bool = True,
                        padding_idx: int | None = None) -> Embedding:  # fmt: skip
        rows_, cols = embeddings.shape
        return cls(rows_, cols, padding_idx, _weight=embeddings, _freeze=freeze)


def _ntuple(value: Any, n: int) -> tuple[Any, ...]:
    """torch.nn.modules.utils' _single/_pair: an int repeated, an iterable as a tuple."""
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,) * n


class _ConvNd(Module):
    """nn.Conv1d and nn.Conv2d: PyTorch's checks, parameters and initialisation."""

    _dims = 2
    # nn.ConvTranspose1d/2d: the weight is (in, out / groups, *kernel)
    _transposed = False

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1,
                 padding: Any = 0, dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        if device is not None:
            _check_device(device)
        super().__init__()
        n = self._dims
        kernel_size, stride, dilation = (_ntuple(v, n) for v in (kernel_size, stride, dilation))
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        # set literals as torch writes them, so that their printed order is torch's
        valid_padding_strings = {"same", "valid"}
        if isinstance(padding, str):
            if padding not in valid_padding_strings:
                raise ValueError(
                    f"Invalid padding string {padding!r}, should be one of {valid_padding_strings}"
                )
            if padding == "same" and any(s != 1 for s in stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
        valid_padding_modes = {"zeros", "reflect", "replicate", "circular"}
        if padding_mode not in valid_padding_modes:
            raise ValueError(
                f"padding_mode must be one of {valid_padding_modes}, but got "
                f"padding_mode='{padding_mode}'"
            )
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = kernel_size
        self.stride = stride
        self.padding = padding if isinstance(padding, str) else _ntuple(padding, n)
        self.dilation = dilation
        self.transposed = self._transposed
        self.output_padding = (0,) * n
        self.groups = groups
        self.padding_mode = padding_mode
        np_dtype = dtypes.DEFAULT_FLOAT.np if dtype is None else dtype.np
        if self._transposed:
            shape = (in_channels, out_channels // groups, *kernel_size)
        else:
            shape = (out_channels, in_channels // groups, *kernel_size)
        self.weight = Parameter(Tensor._make(np.empty(shape, np_dtype), None))
        if bias:
            self.bias = Parameter(Tensor._make(np.empty((out_channels,), np_dtype), None))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            if fan_in != 0:
                bound = 1 / math.sqrt(fan_in)
                init.uniform_(self.bias, -bound, bound)

    def _reversed_padding_repeated_twice(self) -> list[int]:
        """F.pad's padding for this layer's (last dim first, before and after each)."""
        if not isinstance(self.padding, str):
            return [p for p in reversed(self.padding) for _ in range(2)]
        out = [0, 0] * self._dims
        if self.padding == "same":
            for i, (d, k) in enumerate(zip(reversed(self.dilation), reversed(self.kernel_size),
                                           strict=True)):  # fmt: skip
                total = d * (k - 1)
                out[2 * i], out[2 * i + 1] = total // 2, total - total // 2
        return out

    def _conv_forward(self, input: Tensor, weight: Tensor, bias: Tensor | None) -> Tensor:
        conv = F.conv2d if self._dims == 2 else F.conv1d
        if self.padding_mode != "zeros":
            # PyTorch pads first (reflect, replicate, circular), then convolves unpadded
            padded = F.pad(input, self._reversed_padding_repeated_twice(), mode=self.padding_mode)
            return conv(padded, weight, bias, self.stride, (0,) * self._dims, self.dilation,
                        self.groups)  # fmt: skip
        return conv(input, weight, bias, self.stride, self.padding, self.dilation, self.groups)

    def forward(self, input: Tensor) -> Tensor:
        return self._conv_forward(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        s = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
             f"stride={self.stride}")  # fmt: skip
        if self.padding != (0,) * len(self.padding):
            s += f", padding={self.padding}"
        if self.dilation != (1,) * len(self.dilation):
            s += f", dilation={self.dilation}"
        if self.output_padding != (0,) * len(self.output_padding):
            s += f", output_padding={self.output_padding}"
        if self.groups != 1:
            s += f", groups={self.groups}"
        if self.bias is None:
            s += ", bias=False"
        if self.padding_mode != "zeros":
            s += f", padding_mode={self.padding_mode}"
        return s


class Conv2d(_ConvNd):
    _dims = 2


class Conv1d(_ConvNd):
    _dims = 1


class _ConvTransposeNd(_ConvNd):
    """nn.ConvTranspose1d and nn.ConvTranspose2d: a convolution's parameters and checks,
    the weight laid out (in, out / groups, *kernel), and the forward's output_size."""

    _transposed = True

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1,
                 padding: Any = 0, output_padding: Any = 0, groups: int = 1, bias: bool = True,
                 dilation: Any = 1, padding_mode: str = "zeros", device: Any = None,
                 dtype: Any = None) -> None:  # fmt: skip
        if padding_mode != "zeros":
            raise ValueError(
                f'Only "zeros" padding mode is supported for {self.__class__.__name__}'
            )
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias, padding_mode, device, dtype)  # fmt: skip
        self.output_padding = _ntuple(output_padding, self._dims)

    def _output_padding(self, input: Tensor, output_size: Any) -> Any:
        """PyTorch's: the output_padding that makes the output output_size (given with or
        without its batch and channel dims), refused outside the sizes the stride allows."""
        if output_size is None:
            return self.output_padding
        n = self._dims
        non_spatial = 2 if input.dim() == n + 2 else 1
        if len(output_size) == non_spatial + n:
            output_size = output_size[non_spatial:]
        if len(output_size) != n:
            raise ValueError(
                f"ConvTranspose{n}D: for {input.dim()}D input, output_size must have {n} "
                f"or {non_spatial + n} elements (got {len(output_size)})"
            )
        min_sizes = [(input.size(d + non_spatial) - 1) * self.stride[d] - 2 * self.padding[d]
                     + self.dilation[d] * (self.kernel_size[d] - 1) + 1 for d in range(n)]  # fmt: skip
        max_sizes = [m + s - 1 for m, s in zip(min_sizes, self.stride, strict=True)]
        for size, lo, hi in zip(output_size, min_sizes, max_sizes, strict=True):
            if size < lo or size > hi:
                raise ValueError(
                    f"requested an output size of {output_size}, but valid sizes range "
                    f"from {min_sizes} to {max_sizes} (for an input of {input.size()[2:]})"
                )
        return [size - lo for size, lo in zip(output_size, min_sizes, strict=True)]

    def forward(self, input: Tensor, output_size: Any = None) -> Tensor:
        conv = F.conv_transpose2d if self._dims == 2 else F.conv_transpose1d
        if isinstance(self.padding, str):  # what PyTorch's argument parser says of it
            raise TypeError(
                f"conv_transpose{self._dims}d(): argument 'padding' (position 5) must be tuple "
                "of ints, but found element of type str at pos 0"
            )
        output_padding = self._output_padding(input, output_size)
        return conv(input, self.weight, self.bias, self.stride, self.padding, output_padding,
                    self.groups, self.dilation)  # fmt: skip


class ConvTranspose2d(_ConvTransposeNd):
    _dims = 2


class ConvTranspose1d(_ConvTransposeNd):
    _dims = 1


__all__ += ["ConvTranspose1d", "ConvTranspose2d"]


class _MaxPoolNd(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1,
                 return_indices: bool = False, ceil_mode: bool = False) -> None:  # fmt: skip
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if (stride is not None) else kernel_size
        self.padding = padding
        self.dilation = dilation
        self.return_indices = return_indices
        self.ceil_mode = ceil_mode

    def extra_repr(self) -> str:
        return (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
                f"dilation={self.dilation}, ceil_mode={self.ceil_mode}")  # fmt: skip


class MaxPool2d(_MaxPoolNd):
    def forward(self, input: Tensor) -> Any:
        return F.max_pool2d(input, self.kernel_size, self.stride, self.padding, self.dilation,
                            ceil_mode=self.ceil_mode, return_indices=self.return_indices)  # fmt: skip


class MaxPool1d(_MaxPoolNd):
    def forward(self, input: Tensor) -> Any:
        return F.max_pool1d(input, self.kernel_size, self.stride, self.padding, self.dilation,
                            ceil_mode=self.ceil_mode, return_indices=self.return_indices)  # fmt: skip


class AvgPool2d(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0,
                 ceil_mode: bool = False, count_include_pad: bool = True,
                 divisor_override: int | None = None) -> None:  # fmt: skip
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if (stride is not None) else kernel_size
        self.padding = padding
        self.ceil_mode = ceil_mode
        self.count_include_pad = count_include_pad
        self.divisor_override = divisor_override

    def forward(self, input: Tensor) -> Tensor:
        return F.avg_pool2d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad, self.divisor_override)  # fmt: skip

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AvgPool1d(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0,
                 ceil_mode: bool = False, count_include_pad: bool = True) -> None:  # fmt: skip
        super().__init__()
        self.kernel_size = _ntuple(kernel_size, 1)
        self.stride = _ntuple(stride if stride is not None else kernel_size, 1)
        self.padding = _ntuple(padding, 1)
        self.ceil_mode = ceil_mode
        self.count_include_pad = count_include_pad

    def forward(self, input: Tensor) -> Tensor:
        return F.avg_pool1d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad)  # fmt: skip

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class _AdaptivePool(Module):
    def __init__(self, output_size: Any, return_indices: bool = False) -> None:
        super().__init__()
        self.output_size = output_size
        self.return_indices = return_indices

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"


class AdaptiveAvgPool2d(_AdaptivePool):
    def __init__(self, output_size: Any) -> None:
        super().__init__(output_size)
        del self.return_indices

    def forward(self, input: Tensor) -> Tensor:
        return F.adaptive_avg_pool2d(input, self.output_size)


class AdaptiveAvgPool1d(AdaptiveAvgPool2d):
    def forward(self, input: Tensor) -> Tensor:
        return F.adaptive_avg_pool1d(input, self.output_size)


class AdaptiveMaxPool2d(_AdaptivePool):
    def forward(self, input: Tensor) -> Any:
        return F.adaptive_max_pool2d(input, self.output_size, self.return_indices)


class AdaptiveMaxPool1d(_AdaptivePool):
    def forward(self, input: Tensor) -> Any:
        return F.adaptive_max_pool1d(input, self.output_size, self.return_indices)


# type(m) prints torch's path (<class 'torch.nn.modules.linear.Linear'>); a learner's own
# subclass keeps its module.
for _home, _classes in {
    "module": (Module,),
    "container": (Sequential,),
    "linear": (Identity, Linear),
    "activation": (
        ReLU,
        Sigmoid,
        Tanh,
        Softmax,
        LogSoftmax,
        LeakyReLU,
        ELU,
        SELU,
        CELU,
        GELU,
        SiLU,
        Mish,
        Softplus,
        ReLU6,
        Hardtanh,
        Hardsigmoid,
        Hardswish,
        LogSigmoid,
        Softsign,
        Tanhshrink,
        Threshold,
        Softmin,
        Hardshrink,
        Softshrink,
        GLU,
        PReLU,
    ),
    "flatten": (Flatten, Unflatten),
    "distance": (CosineSimilarity, PairwiseDistance),
    "padding": (
        ZeroPad1d,
        ZeroPad2d,
        ConstantPad1d,
        ConstantPad2d,
        ReflectionPad1d,
        ReflectionPad2d,
        ReplicationPad1d,
        ReplicationPad2d,
    ),
    "normalization": (LayerNorm,),
    "batchnorm": (BatchNorm1d, BatchNorm2d),
    "sparse": (Embedding,),
    "conv": (Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d),
    "pooling": (
        MaxPool1d,
        MaxPool2d,
        AvgPool1d,
        AvgPool2d,
        AdaptiveAvgPool1d,
        AdaptiveAvgPool2d,
        AdaptiveMaxPool1d,
        AdaptiveMaxPool2d,
    ),
    "dropout": (_DropoutNd, Dropout, Dropout1d, Dropout2d, Dropout3d),
    "loss": (
        MSELoss,
        L1Loss,
        CrossEntropyLoss,
        NLLLoss,
        BCELoss,
        BCEWithLogitsLoss,
        SmoothL1Loss,
        HuberLoss,
        KLDivLoss,
    ),
}.items():
    for _cls in _classes:
        _cls.__module__ = f"torch.nn.modules.{_home}"
