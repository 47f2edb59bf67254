"""The optimiser of the page's Step and Train: torch.optim.SGD or torch.optim.Adam (the
library's own, `py_engine.optim`), built from the training panel's settings.

The settings travel in a request as `optimizer` (docs/engine-protocol.md):
`{"name": "sgd", "lr": 0.1, "momentum": 0.9, "dampening": 0, "weight_decay": 0,
"nesterov": false}` or `{"name": "adam", "lr": 0.001, "betas": [0.9, 0.999], "eps": 1e-8,
"weight_decay": 0}`; left-out fields take torch's defaults. The session keeps one optimiser
across the chunks of a run and across runs, as a script keeps one `opt` over its loops: its
state (momentum buffers, Adam's moments and step count) goes only when the settings change,
when the leaves it steps are new tensors (Reset, an edited leaf) or when a leaf is added or
removed. `script` writes the same construction as PyTorch source for Copy as PyTorch.
"""

from __future__ import annotations

import json
import math
from typing import Any

from py_engine import Tensor, no_grad
from py_engine.optim import SGD, Adam, Optimizer

from .document import is_finite_number

# name -> {field: torch's default}: the fields each optimiser takes, in torch's order.
FIELDS: dict[str, dict[str, Any]] = {
    "sgd": {"lr": 1e-3, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0, "nesterov": False},
    "adam": {"lr": 1e-3, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.0},
}
CLASSES: dict[str, type[Optimizer]] = {"sgd": SGD, "adam": Adam}
TORCH_NAMES = {"sgd": "SGD", "adam": "Adam"}


class SettingsError(ValueError):
    """Settings that are not an optimiser at all (torch's own checks come after these)."""


def parse(raw: Any) -> dict[str, Any]:
    """The settings with every field filled in; SettingsError naming what is wrong."""
    if not isinstance(raw, dict):
        raise SettingsError(f'\'optimizer\' must be an object like {{"name": "sgd"}}, got {raw!r}')
    name = raw.get("name")
    if name not in FIELDS:
        raise SettingsError(f"'optimizer.name' must be one of {', '.join(FIELDS)}, got {name!r}")
    fields = FIELDS[name]
    unknown = sorted(set(raw) - set(fields) - {"name"})
    if unknown:
        raise SettingsError(
            f"{TORCH_NAMES[name]} takes no {', '.join(map(repr, unknown))} "
            f"(it takes {', '.join(fields)})"
        )
    out: dict[str, Any] = {"name": name}
    for key, default in fields.items():
        value = raw.get(key, default)
        where = f"'optimizer.{key}'"
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise SettingsError(f"{where} must be true or false, got {value!r}")
        elif isinstance(default, list):
            if not (isinstance(value, list) and len(value) == 2
                    and all(is_finite_number(v) for v in value)):  # fmt: skip
                raise SettingsError(f"{where} must be two finite numbers, got {value!r}")
        elif not is_finite_number(value):
            raise SettingsError(f"{where} must be a finite number, got {value!r}")
        out[key] = value  # as given: torch's errors print an int as an int
    return out


def build(settings: dict[str, Any], params: list[Tensor]) -> Optimizer:
    """torch.optim's optimiser over `params`; its own ValueError for a bad value (a negative
    lr: "Invalid learning rate: -1.0")."""
    kwargs = {k: v for k, v in settings.items() if k != "name"}
    if "betas" in kwargs:
        kwargs["betas"] = tuple(kwargs["betas"])
    return CLASSES[settings["name"]](params, **kwargs)


class Keeper:
    """The session's one optimiser, rebuilt only when its settings or its leaves change."""

    def __init__(self) -> None:
        self._key: tuple[str, tuple[int, ...]] | None = None
        self.optimizer: Optimizer | None = None

    def get(self, settings: dict[str, Any], params: list[Tensor]) -> Optimizer:
        key = (json.dumps(settings, sort_keys=True), tuple(id(p) for p in params))
        if self.optimizer is None or key != self._key:
            self.optimizer = build(settings, params)
            self._key = key
        return self.optimizer

    def forget(self) -> None:
        self._key, self.optimizer = None, None


def _number(v: float) -> str:
    """A number as Python source that reads back as the same number: 0.1, 1e-08, 2."""
    return repr(v)


def script(settings: Any, params: str = "params") -> str:
    """The optimiser's construction as PyTorch source, e.g.
    `torch.optim.Adam(params, lr=0.01)`: the fields that differ from torch's defaults (lr
    always), so the script reads as a person would write it."""
    s = parse(settings)
    name = s["name"]
    args = [params]
    for key, default in FIELDS[name].items():
        value = s[key]
        if key != "lr" and value == default:
            continue
        if isinstance(value, bool):
            text = repr(value)
        elif isinstance(value, list):
            text = "(" + ", ".join(_number(v) for v in value) + ")"
        else:
            assert math.isfinite(value)
            text = _number(value)
        args.append(f"{key}={text}")
    return f"torch.optim.{TORCH_NAMES[name]}({', '.join(args)})"


class PlainSGD:
    """A request without `optimizer` (the protocol's first form, kept for old pages, lessons
    and tests): `p -= lr * p.grad` under no_grad, then each grad zeroed in place. torch.optim
    differs from it only in the last bit (its add_ rounds once) and in refusing a negative lr."""

    def __init__(self, params: list[Tensor], lr: float) -> None:
        self.params, self.lr = params, lr

    def step(self) -> None:
        with no_grad():
            for p in self.params:
                if p._grad is not None:
                    p -= self.lr * p._grad

    def zero_grad(self) -> None:
        for p in self.params:
            if p._grad is not None:
                p._grad.zero_()
