"""Double backward through the nn rows and the learner reductions: the gradient made with
create_graph=True (its values and its grad_fn, the node PyTorch records for a gradient),
the gradients of that gradient (for the input, and for a scale on the loss, which reaches
the backward nodes' grad_output formulas), and autograd.functional.hessian."""

from __future__ import annotations

from typing import Any

import pytest
from difftest import check

# Expressions of x (3x4, float64 or float32) giving a scalar; w, p, t, idx, W, b, m are constants.
CASES = {
    "softmax": "(F.softmax(x, 1) * w).sum()",
    "log_softmax": "(F.log_softmax(x, 1) * w).sum()",
    "log_softmax dim 0": "(F.log_softmax(x * x, 0) * w).sum()",
    "cross_entropy": "F.cross_entropy(x, t)",
    "cross_entropy sum": "F.cross_entropy(x * x, t, reduction='sum')",
    "cross_entropy weight ignore": "F.cross_entropy(x, t2, weight=cw, ignore_index=0)",
    "nll_loss": "F.nll_loss(x * x, t)",
    "nll_loss none": "(F.nll_loss(x * x, t, reduction='none') * w[:, 0]).sum()",
    "mse_loss": "F.mse_loss(x * x, w)",
    "mse_loss direct": "F.mse_loss(x, w)",
    "mse_loss sum": "F.mse_loss(x, w, reduction='sum')",
    "mse_loss none": "(F.mse_loss(x, w, reduction='none') * w).sum()",
    "binary_cross_entropy": "F.binary_cross_entropy(torch.sigmoid(x), p)",
    "binary_cross_entropy sum": "F.binary_cross_entropy(torch.sigmoid(x), p, reduction='sum')",
    "binary_cross_entropy none": "(F.binary_cross_entropy(torch.sigmoid(x), p, reduction='none') * w).sum()",
    "bce_with_logits": "F.binary_cross_entropy_with_logits(x, p)",
    "bce_with_logits sum": "F.binary_cross_entropy_with_logits(x * x, p, reduction='sum')",
    "linear": "(F.linear(x, W, b) ** 2).sum()",
    "relu": "(F.relu(x) ** 2).sum()",
    "relu alone": "(F.relu(x) * w).sum()",
    "tanh": "(torch.tanh(x) * w).sum()",
    "sigmoid": "(torch.sigmoid(x) * w).sum()",
    "prod": "x.prod()",
    "prod dim": "x.prod(1).sum()",
    "prod keepdim": "(x.prod(0, keepdim=True) * w[:1]).sum()",
    "prod one zero": "(x * m).prod()",
    "prod dim zeros": "(x * m).prod(1).sum()",
    "cumsum": "(x.cumsum(1) ** 2).sum()",
    "cumsum dim 0": "(x.cumsum(0) * w * x).sum()",
    "std": "x.std()",
    "std dim": "x.std(1).sum()",
    "var": "x.var()",
    "var dim": "(x.var(0) * w[0]).sum()",
    "var dims keepdim": "(x.var((0, 1), keepdim=True, correction=0) * x).sum()",
    "gather": "(x.gather(1, idx) ** 2).sum()",
    "topk": "(x.topk(2, 1).values ** 2).sum()",
    "sort": "(x.sort(1).values ** 2 * w).sum()",
    "sort descending dim 0": "(x.sort(0, descending=True)[0] ** 2 * w).sum()",
    "max dim": "(x.max(1).values ** 2).sum()",
    "min dim keepdim": "(x.min(0, keepdim=True)[0] ** 2).sum()",
    "cumprod": "(x.cumprod(1) * w).sum()",
    "cumprod dim 0": "(x.cumprod(0) ** 2).sum()",
    "amax": "(x.amax(1) ** 2).sum()",
    "amin keepdim": "(x.amin(0, keepdim=True) * x).sum()",
    "amax all dims": "(x * m).amax((0, 1)) * x.sum()",
    "amax ties": "(x - x.detach() + 1).amax(1).sum() * (x * x).sum()",
    "logsumexp": "x.logsumexp(1).sum()",
    "logsumexp all": "(x * x).logsumexp((0, 1))",
}


def _env(torch: Any, dtype: str) -> dict[str, Any]:
    f64 = getattr(torch, dtype)
    rows = [[0.5, -1.5, 2.0, 0.25], [1.0, 0.3, -0.7, 0.9], [0.1, 0.2, 0.35, -2.0]]
    w = torch.tensor([[1.0, -2.0, 0.5, 3.0]] * 3, dtype=f64)
    return {
        "torch": torch,
        "F": torch.nn.functional,
        "x": torch.tensor(rows, dtype=f64, requires_grad=True),
        "w": w * torch.tensor([[1.0], [0.5], [-1.0]], dtype=f64),
        "p": torch.tensor([[0.2, 0.9, 0.5, 0.0]] * 3, dtype=f64),
        "t": torch.tensor([1, 3, 0]),
        "t2": torch.tensor([1, 0, 2]),
        "cw": torch.tensor([0.5, 2.0, 1.0, 3.0], dtype=f64),
        "idx": torch.tensor([[0, 2], [3, 3], [1, 0]]),
        "W": torch.tensor([[0.5, -1.0, 2.0, 0.1], [0.3, 0.3, -0.2, 1.0]], dtype=f64),
        "b": torch.tensor([0.1, -0.2], dtype=f64),
        "m": torch.tensor([[1.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]],
                          dtype=f64),
    }  # fmt: skip


def _second(expr: str, dtype: str = "float64") -> Any:
    def program(torch: Any) -> Any:
        env = _env(torch, dtype)
        x, w = env["x"], env["w"]
        # s scales the loss, so that the second pass also differentiates the backward
        # nodes with respect to the gradient they were given
        s = torch.tensor(1.5, dtype=getattr(torch, dtype), requires_grad=True)
        out = eval(expr, env)
        (g,) = torch.autograd.grad(out, x, create_graph=True)
        (gs,) = torch.autograd.grad(out * s, x, create_graph=True)
        (h,) = torch.autograd.grad((g * w).sum(), x, retain_graph=True)
        hx, hs = torch.autograd.grad((gs * w).sum(), (x, s))
        return {"g": g, "gs": gs, "h": h, "hx": hx, "hs": hs}

    return program


@pytest.mark.parametrize("expr", CASES.values(), ids=CASES.keys())
def test_second_derivatives_and_grad_fns(expr: str) -> None:
    # reductions and transcendentals: within rtol (their summation order is the CPU's)
    check(_second(expr), rtol=1e-10, atol=1e-12)


def test_third_derivative_through_softmax_and_cross_entropy() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = torch.tensor([[0.3, -1.0, 2.0], [1.0, 0.5, -0.5]], dtype=torch.float64,
                         requires_grad=True)  # fmt: skip
        loss = F.cross_entropy(x, torch.tensor([2, 0])) + F.softmax(x, 1)[:, 0].sum()
        (g,) = torch.autograd.grad(loss, x, create_graph=True)
        (h,) = torch.autograd.grad(g[:, 1].sum(), x, create_graph=True)
        (k,) = torch.autograd.grad((h * h).sum(), x)
        return [g, h, k]

    check(program, rtol=1e-10, atol=1e-12)


HESSIANS = {
    "cross_entropy": "lambda z: F.cross_entropy(z.reshape(2, 3), torch.tensor([2, 0]))",
    "softmax": "lambda z: (F.softmax(z, 0) * torch.arange(6.0, dtype=torch.float64)).sum()",
    "mse_loss": "lambda z: F.mse_loss(torch.tanh(z), torch.ones(6, dtype=torch.float64))",
    "bce_with_logits": "lambda z: F.binary_cross_entropy_with_logits(z, torch.full((6,), 0.25, dtype=torch.float64))",
    "std": "lambda z: z.std()",
    "prod": "lambda z: z.prod()",
    "logsumexp": "lambda z: z.logsumexp(0)",
    "sort": "lambda z: (z.sort()[0] * torch.arange(6.0, dtype=torch.float64)).pow(2).sum()",
}


@pytest.mark.parametrize("fn", HESSIANS.values(), ids=HESSIANS.keys())
def test_hessian(fn: str) -> None:
    def program(torch: Any) -> Any:
        z = torch.tensor([0.3, -1.0, 2.0, 1.0, 0.5, -0.5], dtype=torch.float64)
        env = {"torch": torch, "F": torch.nn.functional}
        return torch.autograd.functional.hessian(eval(fn, env), z)

    check(program, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("expr", CASES.values(), ids=CASES.keys())
def test_second_derivatives_float32(expr: str) -> None:
    # float32 gradients keep their dtype; values agree to float32's rounding
    check(_second(expr, "float32"), rtol=1e-4, atol=1e-5)
