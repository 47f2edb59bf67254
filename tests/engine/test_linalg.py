"""torch.linalg's norms, det, inv and matmul, and the vector functions around them (outer,
ger, vdot, dist, F.normalize, F.pairwise_distance): values, grads, grad_fn names and
PyTorch's refusals, each compared with torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check


def _with_grads(op: Callable[[Any, Any, Any, Any], Any]) -> Callable[[Any], Any]:
    """The result and the grads of its sum for a vector, a matrix and a batch of them."""

    def program(torch: Any) -> Any:
        a = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
        m = torch.tensor([[2.0, -1.0], [1.0, 3.0]], requires_grad=True)
        b = torch.tensor([[[3.0, -3.0, 1.0], [0.0, 2.0, -2.0]]] * 2, requires_grad=True)
        out = op(torch, a, m, b)
        if not out.requires_grad:
            return out
        out.sum().backward()
        return out, a.grad, m.grad, b.grad

    return program


INF = float("inf")

CASES: dict[str, Callable[[Any, Any, Any, Any], Any]] = {
    "linalg.norm of a vector": lambda torch, a, m, b: torch.linalg.norm(a),
    "linalg.norm ord 1": lambda torch, a, m, b: torch.linalg.norm(a, 1),
    "linalg.norm ord 3.5": lambda torch, a, m, b: torch.linalg.norm(a, 3.5),
    "linalg.norm ord inf": lambda torch, a, m, b: torch.linalg.norm(a, INF),
    "linalg.norm of a matrix": lambda torch, a, m, b: torch.linalg.norm(m),
    "linalg.norm fro": lambda torch, a, m, b: torch.linalg.norm(m, "fro"),
    "linalg.norm matrix 1": lambda torch, a, m, b: torch.linalg.norm(m, 1),
    "linalg.norm matrix -1": lambda torch, a, m, b: torch.linalg.norm(m, -1),
    "linalg.norm matrix inf": lambda torch, a, m, b: torch.linalg.norm(m, INF),
    "linalg.norm matrix -inf": lambda torch, a, m, b: torch.linalg.norm(m, -INF),
    "linalg.norm over a dim": lambda torch, a, m, b: torch.linalg.norm(m, dim=1),
    "linalg.norm ord 1 keepdim": lambda torch, a, m, b: torch.linalg.norm(m, 1, 0, True),
    "linalg.norm over two dims": lambda torch, a, m, b: torch.linalg.norm(b, dim=(0, 2)),
    "linalg.norm 1 over two dims keepdim": lambda torch, a, m, b: torch.linalg.norm(
        b, 1, dim=(2, 0), keepdim=True
    ),
    "linalg.norm inf over two dims": lambda torch, a, m, b: torch.linalg.norm(b, INF, (0, 2)),
    "linalg.norm of a batch": lambda torch, a, m, b: torch.linalg.norm(b),
    "linalg.norm ord of a batch": lambda torch, a, m, b: torch.linalg.norm(b, 2),
    "linalg.norm three dims": lambda torch, a, m, b: torch.linalg.norm(b, dim=(0, 1, 2)),
    "linalg.norm no dims": lambda torch, a, m, b: torch.linalg.norm(b, dim=[]),
    "linalg.norm fro of a vector": lambda torch, a, m, b: torch.linalg.norm(a, "fro"),
    "linalg.norm fro over one dim": lambda torch, a, m, b: torch.linalg.norm(m, "fro", dim=0),
    "linalg.norm nuc": lambda torch, a, m, b: torch.linalg.norm(m, "nuc"),
    "vector_norm over dims": lambda torch, a, m, b: torch.linalg.vector_norm(b, 1, (0, 2)),
    "vector_norm inf over a dim": lambda torch, a, m, b: torch.linalg.vector_norm(
        b, INF, dim=1, keepdim=True
    ),
    "vector_norm of a string order": lambda torch, a, m, b: torch.linalg.vector_norm(m, "fro"),
    "vector_norm of longs": lambda torch, a, m, b: torch.linalg.vector_norm(torch.arange(3)),
    "vector_norm dtype": lambda torch, a, m, b: torch.linalg.vector_norm(a, dtype=torch.double),
    "vector_norm bad dim": lambda torch, a, m, b: torch.linalg.vector_norm(a, dim=5),
    "matrix_norm of a batch": lambda torch, a, m, b: torch.linalg.matrix_norm(b),
    "matrix_norm -1 over dims": lambda torch, a, m, b: torch.linalg.matrix_norm(b, -1, (2, 0)),
    "matrix_norm of a vector": lambda torch, a, m, b: torch.linalg.matrix_norm(a),
    "matrix_norm int dim": lambda torch, a, m, b: torch.linalg.matrix_norm(m, dim=0),
    "matrix_norm same dims": lambda torch, a, m, b: torch.linalg.matrix_norm(m, dim=(1, -1)),
    "matrix_norm three dims": lambda torch, a, m, b: torch.linalg.matrix_norm(b, dim=(0, 1, 2)),
    "matrix_norm order 3": lambda torch, a, m, b: torch.linalg.matrix_norm(m, 3),
    "matrix_norm order abc": lambda torch, a, m, b: torch.linalg.matrix_norm(m, "abc"),
    "linalg.det": lambda torch, a, m, b: torch.linalg.det(m),
    "linalg.inv": lambda torch, a, m, b: torch.linalg.inv(m),
    "linalg.inv not square": lambda torch, a, m, b: torch.linalg.inv(torch.ones(2, 3)),
    "linalg.inv singular": lambda torch, a, m, b: torch.linalg.inv(torch.zeros(2, 2)),
    "linalg.matmul": lambda torch, a, m, b: torch.linalg.matmul(m, m),
    "Tensor.outer": lambda torch, a, m, b: a.outer(m[0]),
    "torch.ger": lambda torch, a, m, b: torch.ger(a, a),
    "Tensor.ger": lambda torch, a, m, b: a.ger(m[1]),
    "vdot": lambda torch, a, m, b: torch.vdot(a, a * 2),
    "vdot of sizes": lambda torch, a, m, b: a.vdot(torch.ones(2)),
    "vdot of a matrix": lambda torch, a, m, b: torch.vdot(m, a),
    "vdot of dtypes": lambda torch, a, m, b: torch.vdot(a, torch.ones(3, dtype=torch.double)),
    "dist": lambda torch, a, m, b: torch.dist(a, torch.ones(3)),
    "dist broadcast p=3": lambda torch, a, m, b: torch.dist(a, torch.ones(2, 1), 3),
    "dist p=1": lambda torch, a, m, b: a.dist(a.detach() * 2, 1),
    "dist p=inf": lambda torch, a, m, b: torch.dist(a, a.detach() * 2, INF),
    "dist of dtypes": lambda torch, a, m, b: torch.dist(a, torch.ones(3, dtype=torch.double)),
    "dist of longs": lambda torch, a, m, b: torch.dist(torch.arange(2), torch.arange(2)),
    "dist of sizes": lambda torch, a, m, b: torch.dist(a, torch.ones(2)),
    "dist zero": lambda torch, a, m, b: torch.dist(a, a.detach()),
    "normalize": lambda torch, a, m, b: torch.nn.functional.normalize(m),
    "normalize dim 0": lambda torch, a, m, b: torch.nn.functional.normalize(m, dim=0),
    "normalize a vector": lambda torch, a, m, b: torch.nn.functional.normalize(a, dim=0),
    "normalize p=1": lambda torch, a, m, b: torch.nn.functional.normalize(b, p=1, dim=2),
    "normalize zeros": lambda torch, a, m, b: torch.nn.functional.normalize(m * 0),
    "normalize p=inf": lambda torch, a, m, b: torch.nn.functional.normalize(a, INF, -1),
    "pairwise_distance": lambda torch, a, m, b: torch.nn.functional.pairwise_distance(m, m * 2),
    "pairwise_distance broadcast": lambda torch, a, m, b: torch.nn.functional.pairwise_distance(
        m, torch.zeros(2)
    ),
    "pairwise_distance keepdim": lambda torch, a, m, b: torch.nn.functional.pairwise_distance(
        a, torch.zeros(3), keepdim=True
    ),
    "pairwise_distance p=1": lambda torch, a, m, b: torch.nn.functional.pairwise_distance(
        b, b.detach(), p=1
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_as_torch(name: str) -> None:
    # a few ulps: norms are square roots of float32 sums, which torch vectorises
    check(_with_grads(CASES[name]), ulps={"torch.float32": 4}, text=False)


@pytest.mark.parametrize("ord", [2, -2, "nuc"])
@pytest.mark.parametrize("keepdim", [False, True])
def test_matrix_norms_from_singular_values(ord: Any, keepdim: bool) -> None:
    def program(torch: Any) -> Any:
        m = torch.tensor([[1.0, 2.0, 0.5], [3.0, 4.0, -1.0]], requires_grad=True)
        b = torch.tensor([[[1.0, 2.0], [0.0, 1.0]], [[2.0, -1.0], [1.0, 3.0]], [[0.5, 0.0], [4.0, 1.0]]],
                         requires_grad=True)  # fmt: skip
        r1 = torch.linalg.matrix_norm(m, ord, keepdim=keepdim)
        r2 = torch.linalg.matrix_norm(b, ord, dim=(2, 0), keepdim=keepdim)
        (r1.sum() + r2.sum()).backward()
        return (
            r1,
            r2,
            m.grad,
            b.grad,
            torch.linalg.norm(m.detach(), ord),
            torch.linalg.cond(m.detach(), ord) if ord != "nuc" else None,
        )

    check(program, rtol=1e-5, atol=1e-6)  # LAPACK's sums


def test_inf_norm_second_derivative_as_torch() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([[0.5, -1.0], [2.0, -2.0]], requires_grad=True)
        (g,) = torch.autograd.grad(x.norm(INF, dim=1).sum(), x, create_graph=True)
        (g2,) = torch.autograd.grad((g * x).sum(), x)
        return g, g2

    check(program)
