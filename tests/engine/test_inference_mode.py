"""torch.inference_mode: inference tensors, the modes it sets, and PyTorch's refusals when
an inference tensor meets autograd or an in-place write outside inference mode."""

from __future__ import annotations

from typing import Any

import pytest
from difftest import check

SNIPPETS = {
    "save": "w = torch.ones(2, requires_grad=True)\nwith torch.inference_mode():\n    x = torch.ones(2)\ny = x * w\nres = y",
    "save backward": "w = torch.ones(2, requires_grad=True)\nwith torch.inference_mode():\n    x = torch.ones(2)\n(x * w).sum().backward()\nres = w.grad",
    "add ok": "w = torch.ones(2, requires_grad=True)\nwith torch.inference_mode():\n    x = torch.ones(2)\ny = x + w\ny.sum().backward()\nres = (y, w.grad, y.is_inference())",
    "requires_grad_": "with torch.inference_mode():\n    x = torch.ones(2)\nx.requires_grad_()\nres = x",
    "requires_grad_ inside": "with torch.inference_mode():\n    x = torch.ones(2)\n    x.requires_grad_()\nres = (x, x.requires_grad)",
    "inplace": "with torch.inference_mode():\n    x = torch.ones(2)\nx.add_(1)\nres = x",
    "inplace mul": "with torch.inference_mode():\n    x = torch.ones(2)\nx *= 2\nres = x",
    "setitem": "with torch.inference_mode():\n    x = torch.ones(2)\nx[0] = 3\nres = x",
    "clone ok": "w = torch.ones(2, requires_grad=True)\nwith torch.inference_mode():\n    x = torch.ones(2)\nc = x.clone()\n(c * w).sum().backward()\nres = (w.grad, c.is_inference())",
    "view of normal in inf": "a = torch.ones(3)\nwith torch.inference_mode():\n    v = a[1:]\n    r = a * 2\nres = (v.is_inference(), r.is_inference(), a.is_inference())",
    "leaf req grad inside": "w = torch.ones(2, requires_grad=True)\nwith torch.inference_mode():\n    y = w * 2\nres = (y.requires_grad, y.is_inference(), y.grad_fn)",
    "nested false": "with torch.inference_mode():\n    with torch.inference_mode(False):\n        x = torch.ones(2)\n        e = torch.is_inference_mode_enabled()\nres = (x.is_inference(), e, torch.is_inference_mode_enabled())",
    "decorator": "@torch.inference_mode()\ndef f(a):\n    return a * 2\nw = torch.ones(2, requires_grad=True)\nr = f(w)\nres = (r.is_inference(), r.requires_grad)",
    "param from inf": "with torch.inference_mode():\n    x = torch.ones(2)\np = torch.nn.Parameter(x)\nres = p",
    "mixed inplace into normal": "a = torch.ones(2)\nwith torch.inference_mode():\n    x = torch.ones(2)\na.add_(x)\nres = (a, a.is_inference())",
    "normal inplace inside": "a = torch.ones(2)\nwith torch.inference_mode():\n    a.add_(1)\nres = (a, a.is_inference())",
    "detach": "with torch.inference_mode():\n    x = torch.ones(2)\nres = (x.detach().is_inference(), (x+1).is_inference())",
    "grad mode inside": "with torch.inference_mode():\n    with torch.enable_grad():\n        w = torch.ones(2, requires_grad=True)\n        y = w * 2\nres = (y.requires_grad, torch.is_grad_enabled())",
    "mode false": "with torch.inference_mode(False):\n    x=torch.ones(1)\nres=(x.is_inference(), torch.is_inference_mode_enabled())",
}

SNIPPETS.update(
    {
        # the number's tensor is cached (dispatch._wrap): made inside, reused outside
        "constant first made inside": "w = torch.ones(2, requires_grad=True)\nwith torch.inference_mode():\n    y = torch.ones(2) * 7.25\n(w * 7.25).sum().backward()\nres = w.grad",
        "zero_ outside": "with torch.inference_mode():\n    x = torch.ones(2)\nres = x.zero_()",
        "fill_ outside": "with torch.inference_mode():\n    x = torch.ones(2)\nres = x.fill_(2)",
        "copy_ outside": "with torch.inference_mode():\n    x = torch.ones(2)\nres = x.copy_(torch.ones(2))",
        "requires_grad setter": "with torch.inference_mode():\n    x = torch.ones(2)\nx.requires_grad = True\nres = x",
        "requires_grad_(False)": "with torch.inference_mode():\n    x = torch.ones(2)\nres = x.requires_grad_(False)",
        "exp saves the other": "w = torch.ones(2, requires_grad=True)\nwith torch.inference_mode():\n    x = torch.ones(2)\nres = (w.exp() * x).sum()",
        "view of requires-grad leaf inside": "w = torch.ones(3, requires_grad=True)\nwith torch.inference_mode():\n    v = w[1:]\n    d = w.detach()\nres = (v.requires_grad, v.is_inference(), v.grad_fn, d.is_inference())",
        "view of inference tensor outside": "with torch.inference_mode():\n    x = torch.ones(2)\nres = x.view(2).is_inference()",
        "no_grad then inference_mode(False)": "with torch.no_grad():\n    with torch.inference_mode(False):\n        e = torch.is_grad_enabled()\nres = (e, torch.is_grad_enabled())",
        "grad mode restored": "with torch.inference_mode():\n    with torch.inference_mode(False):\n        e = (torch.is_grad_enabled(), torch.is_inference_mode_enabled())\n    f = torch.is_grad_enabled()\nres = (e, f, torch.is_grad_enabled())",
    }
)


def _program(source: str) -> Any:
    def program(torch: Any) -> Any:
        env = {"torch": torch}
        exec(source, env)
        return env["res"]

    return program


@pytest.mark.parametrize("source", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_inference_mode(source: str) -> None:
    check(_program(source), text=True)
