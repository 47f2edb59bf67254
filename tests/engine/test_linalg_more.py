"""torch.slogdet, torch.logdet and torch.linalg.slogdet, and the squeeze nodes PyTorch's
composite ops record: values, grads, grad_fn names, printed text and refusals, each
compared with torch."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check, grad_fn_chain


def test_squeeze_of_dims_and_vector_matmul_name_their_nodes_as_torch() -> None:
    # squeeze((dims)) is SqueezeBackward2; a vector @ matrix ends with an in-place
    # squeeze_ (SqueezeBackward4), whose result is no view: writing it in place stays
    # one AddBackward0
    def program(torch: Any) -> Any:
        x = torch.ones(1, 3, 1, requires_grad=True)
        v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        m = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
        squeezed = (x * 2).squeeze((0, 2))
        y = v @ m
        base_is_none = y._base is None
        y.add_(1)
        y.sum().backward()
        return squeezed, y, base_is_none, v.grad

    check(program)


# log, sums and an inverse: within float32 rounding (difftest's default)
def test_logdet_is_a_where_over_slogdet() -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor([[2.0, 1.0], [1.0, 3.0]], requires_grad=True)
        out = torch.logdet(a)
        out.backward()
        return out, grad_fn_chain(out, along=-1), a.grad, a.logdet()

    check(program)


def test_slogdet_gives_sign_and_logabsdet_from_one_node() -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor([[1.0, 2.0], [3.0, 1.0]], requires_grad=True)
        sign, logabsdet = torch.slogdet(a)
        (sign * logabsdet).backward()
        r = torch.linalg.slogdet(a.detach())
        return sign, logabsdet, a.grad, repr(torch.slogdet(a)), repr(r), type(r).__name__

    check(program)


def test_slogdet_of_a_batch_with_a_singular_matrix() -> None:
    def program(torch: Any) -> Any:
        b = torch.tensor(
            [[[0.0, 1.0], [1.0, 0.0]], [[2.0, 0.0], [0.0, 3.0]], [[1.0, 2.0], [2.0, 4.0]]],
            requires_grad=True,
        )
        out = b.logdet()
        out[1].backward()
        return torch.slogdet(b), b.slogdet(), out, b.grad

    check(program)


def test_a_gradient_only_through_the_sign_leaves_grad_none() -> None:
    # a real matrix's sign has no gradient: the input gets none from it, but still gets
    # the gradients that come another way
    def program(torch: Any) -> Any:
        a = torch.tensor([[2.0, 1.0], [1.0, 3.0]], requires_grad=True)
        b = torch.tensor([[2.0, 1.0], [1.0, 3.0]], requires_grad=True)
        torch.slogdet(a).sign.backward()
        (torch.slogdet(b).sign + b.sum()).backward()
        return a.grad, b.grad

    check(program)


def test_slogdet_and_logdet_refusals() -> None:
    def program(torch: Any) -> Any:
        out = []
        for f in (torch.slogdet, torch.logdet, torch.linalg.slogdet):
            for a in (torch.ones(2, 3), torch.ones(3), torch.ones(2, 2, dtype=torch.long)):
                try:
                    f(a)
                except RuntimeError as e:
                    out.append(str(e))
        return out

    check(program)


# LAPACK's factorizations and solves round differently from numpy's on other CPUs: values
# and gradients within float32 rounding (difftest's default)
def _graded(op: Any, *datas: Any) -> Any:
    def program(torch: Any) -> Any:
        leaves = [torch.tensor(d, requires_grad=True) for d in datas]
        out = op(torch, *leaves)
        w = torch.arange(out.numel(), dtype=out.dtype).reshape(out.shape) * 0.5 + 1
        (out * w).sum().backward()
        return out, grad_fn_chain(out, along=-1), [t.grad for t in leaves]

    return program


SPD = [[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]]
RHS = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
BATCH = [[[2.0, 1.0], [1.0, 3.0]], [[1.0, 0.0], [2.0, 1.0]]]

LINALG = {
    "solve a vector": (lambda torch, A, b: torch.linalg.solve(A, b), SPD, [1.0, 2.0, 3.0]),
    "solve a matrix": (lambda torch, A, B: torch.linalg.solve(A, B), SPD, RHS),
    "solve from the right": (
        lambda torch, A, B: torch.linalg.solve(A, B, left=False),
        SPD,
        [[1.0, 2.0, 3.0]],
    ),
    "solve a batch of vectors": (
        lambda torch, A, b: torch.linalg.solve(A, b),
        BATCH,
        [[1.0, 2.0], [3.0, 4.0]],
    ),
    "solve a broadcast batch": (
        lambda torch, A, B: torch.linalg.solve(A, B, left=False),
        BATCH,
        [[[1.0, 2.0], [3.0, 4.0]]],
    ),
    "cholesky": (lambda torch, A: torch.linalg.cholesky(A), SPD),
    "cholesky upper": (lambda torch, A: torch.linalg.cholesky(A, upper=True), SPD),
    "eigvalsh": (lambda torch, A: torch.linalg.eigvalsh(A), SPD),
    "eigvalsh upper": (
        lambda torch, A: torch.linalg.eigvalsh(A, UPLO="U"),
        [[2.0, 1.0], [5.0, 3.0]],
    ),
    "svdvals": (lambda torch, A: torch.linalg.svdvals(A), [[4.0, 2.0, 1.0], [2.0, 3.0, 0.0]]),
    "svdvals of a batch": (lambda torch, A: torch.linalg.svdvals(A), BATCH),
    "vecdot": (lambda torch, x, y: torch.linalg.vecdot(x, y), SPD, SPD),
    "vecdot dim 0": (lambda torch, x, y: torch.linalg.vecdot(x, y, dim=0), RHS, RHS),
    "cross": (lambda torch, x, y: torch.linalg.cross(x, y), SPD, [[0.0, 1.0, 0.0]] * 3),
    "diagonal": (lambda torch, A: torch.linalg.diagonal(A), BATCH),
    "matrix_power": (lambda torch, A: torch.linalg.matrix_power(A, 3), SPD),
    "multi_dot vector ends": (
        lambda torch, a, M, b: torch.linalg.multi_dot([a, M, b]),
        [1.0, 2.0, 3.0],
        SPD,
        [1.0, 0.0, 2.0],
    ),
    "multi_dot two": (lambda torch, A, B: torch.linalg.multi_dot([A, B]), SPD, RHS),
}


@pytest.mark.parametrize("name", list(LINALG))
def test_linalg_functions_match_torch(name: str) -> None:
    op, *datas = LINALG[name]
    check(_graded(op, *datas))


@pytest.mark.parametrize(
    "shapes",
    [[(5, 3), (3, 4), (4, 2), (2, 6)], [(10, 3), (3, 40), (40, 2)], [(2, 30), (30, 4), (4, 50)]],
    ids=["chain of four", "three, left first", "three, right first"],
)
def test_multi_dot_multiplies_in_torch_order(shapes: list[tuple[int, int]]) -> None:
    # the order shows in the grad_fn chain; float32 sums of products: rtol 1e-6
    def program(torch: Any) -> Any:
        ts = [(torch.arange(float(a * b)).reshape(a, b) % 7).requires_grad_() for a, b in shapes]
        out = torch.linalg.multi_dot(ts)
        out.sum().backward()
        names = [out.grad_fn.name()] + [
            f.name() for f, _ in out.grad_fn.next_functions[0][0].next_functions if f is not None
        ]
        return out, names, [t.grad for t in ts]

    check(program)


def test_matrix_rank() -> None:
    def program(torch: Any) -> Any:
        m = torch.tensor([[1.0, 2.0], [2.0, 4.0001]])
        return [
            torch.linalg.matrix_rank(torch.tensor([[1.0, 2.0], [2.0, 4.0]])),
            torch.linalg.matrix_rank(torch.tensor([[1.0, 2.0], [2.0, 4.0]]), hermitian=True),
            torch.linalg.matrix_rank(m),
            torch.linalg.matrix_rank(m, tol=0.01),
            torch.linalg.matrix_rank(m, atol=0.01),
            torch.linalg.matrix_rank(m, rtol=0.01),
            torch.linalg.matrix_rank(torch.eye(3).expand(2, 3, 3)),
        ]

    check(program)


LINALG_REFUSED = {
    "solve singular": lambda torch: torch.linalg.solve(torch.ones(2, 2), torch.ones(2)),
    "solve not square": lambda torch: torch.linalg.solve(torch.ones(2, 3), torch.ones(2)),
    "solve shapes": lambda torch: torch.linalg.solve(torch.eye(2), torch.ones(3)),
    "solve matrix shapes": lambda torch: torch.linalg.solve(torch.eye(2), torch.ones(3, 2)),
    "solve right shapes": lambda torch: torch.linalg.solve(torch.eye(2), torch.ones(2), left=False),
    "solve dtypes": lambda torch: torch.linalg.solve(
        torch.eye(2), torch.ones(2, dtype=torch.float64)
    ),
    "solve integers": lambda torch: torch.linalg.solve(
        torch.eye(2, dtype=torch.long), torch.ones(2, dtype=torch.long)
    ),
    "cholesky not positive-definite": lambda torch: torch.linalg.cholesky(
        torch.tensor([[1.0, 2.0], [2.0, 1.0]])
    ),
    "cholesky third minor": lambda torch: torch.linalg.cholesky(
        torch.tensor([[4.0, 2.0, 0.0], [2.0, 3.0, 0.0], [0.0, 0.0, -1.0]])
    ),
    "matrix_rank of integers": lambda torch: torch.linalg.matrix_rank(
        torch.eye(3, dtype=torch.long)
    ),
    "vecdot dtypes": lambda torch: torch.linalg.vecdot(torch.ones(2), torch.ones(2).double()),
    "multi_dot one": lambda torch: torch.linalg.multi_dot([torch.ones(2)]),
    "multi_dot shapes": lambda torch: torch.linalg.multi_dot([torch.ones(2, 3), torch.ones(4, 2)]),
    "multi_dot 3-d": lambda torch: torch.linalg.multi_dot([torch.ones(2, 2, 2), torch.ones(2, 2)]),
}


@pytest.mark.parametrize("name", list(LINALG_REFUSED))
def test_linalg_refusals(name: str) -> None:
    check(LINALG_REFUSED[name])


FIT_X = [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]
FIT_Y = [[1.0], [2.9], [5.1], [7.0]]


@pytest.mark.parametrize("driver", [None, "gels", "gelsd", "gelss"])
def test_lstsq_fits_a_line(driver: Any) -> None:
    # LAPACK's least squares: within float32 rounding (difftest's default; atol for the
    # residuals' and gradients' values near zero)
    def program(torch: Any) -> Any:
        X = torch.tensor(FIT_X, requires_grad=True)
        y = torch.tensor(FIT_Y, requires_grad=True)
        r = torch.linalg.lstsq(X, y, driver=driver)
        loss = r.solution.sum() + (r.residuals.sum() if r.residuals.numel() else 0)
        loss.backward()
        return list(r), type(r).__name__, X.grad, y.grad

    check(program, atol=1e-5)


def test_lstsq_of_a_vector_and_of_a_batch() -> None:
    def program(torch: Any) -> Any:
        X = torch.tensor(FIT_X, requires_grad=True)
        y = torch.tensor([1.0, 2.9, 5.1, 7.0], requires_grad=True)
        r = torch.linalg.lstsq(X, y)
        (r.solution * torch.tensor([1.0, 2.0])).sum().backward()
        batch = torch.linalg.lstsq(
            X.detach()[None].expand(2, 4, 2), y.detach()[None, :, None].expand(2, 4, 1),
            driver="gelsd",
        )  # fmt: skip
        wide = torch.linalg.lstsq(X.detach().T, torch.tensor([[1.0], [2.0]]))  # the least norm
        return r.solution, X.grad, y.grad, list(batch), wide.solution

    check(program, atol=1e-5)


@pytest.mark.parametrize("shape", ["tall", "wide"])
def test_pinv_and_its_gradient(shape: str) -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor(FIT_X if shape == "tall" else [[1.0, 1.0, 1.0], [0.0, 1.0, 2.0]],
                         requires_grad=True)  # fmt: skip
        p = torch.linalg.pinv(A)
        (p * torch.arange(p.numel(), dtype=p.dtype).reshape(p.shape)).sum().backward()
        return p, p.grad_fn.name(), A.grad, A.detach().pinverse(), torch.pinverse(A.detach())

    check(program, atol=1e-5)


def test_pinv_of_a_singular_matrix_and_tolerances() -> None:
    def program(torch: Any) -> Any:
        near = torch.tensor([[1.0, 2.0], [2.0, 4.0001]])
        return [torch.linalg.pinv(torch.tensor([[1.0, 2.0], [2.0, 4.0]])),
                torch.linalg.pinv(near, rtol=0.01), torch.linalg.pinv(near, atol=0.01, hermitian=True),
                torch.pinverse(near, rcond=0.01)]  # fmt: skip

    check(program, atol=1e-6)


LSTSQ_REFUSED = {
    "driver": lambda torch: torch.linalg.lstsq(torch.ones(4, 2), torch.ones(4, 1), driver="foo"),
    "rows": lambda torch: torch.linalg.lstsq(torch.ones(4, 2), torch.ones(3, 1)),
    "integers": lambda torch: torch.linalg.lstsq(
        torch.ones(4, 2, dtype=torch.long), torch.ones(4, 1, dtype=torch.long)
    ),
    "dtypes": lambda torch: torch.linalg.lstsq(torch.ones(4, 2), torch.ones(4, 1).double()),
    "pinv of a vector": lambda torch: torch.linalg.pinv(torch.ones(3)),
    "pinv of integers": lambda torch: torch.linalg.pinv(torch.ones(2, 2, dtype=torch.long)),
}


@pytest.mark.parametrize("name", list(LSTSQ_REFUSED))
def test_lstsq_and_pinv_refusals(name: str) -> None:
    check(LSTSQ_REFUSED[name])
