"""torch.linalg.matrix_exp, the LU family (linalg.lu, lu_factor, lu_factor_ex,
torch.lu_unpack), the triangular solvers (linalg.solve_triangular, torch.triangular_solve,
torch.cholesky_solve) and linalg.cond, each compared with torch: values, dtypes, grad_fn
names, gradients and refusals. LU's pivots are exact (getrf picks the first largest
entry); the numbers go through LAPACK's blocked sums and MKL's matmuls in torch, so floats
are compared within a tolerance, as each check says."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

M3 = [[4.0, 1.0, -2.0], [1.0, -3.0, 0.5], [-2.0, 0.5, 5.0]]
TALL = [[1.0, 2.0], [3.0, 4.0], [5.0, 7.0], [-1.0, 0.5]]


def _raised(fn: Any) -> Any:
    try:
        fn()
    except Exception as e:
        return (type(e).__name__, str(e))
    return None


@pytest.mark.parametrize("scale", [1e-9, 1e-3, 0.05, 0.3, 1.0, 2.5, 40.0])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_matrix_exp_each_degree_and_its_gradient(scale: float, dtype: str) -> None:
    # the scales pick each of PyTorch's Taylor degrees and scaling-and-squaring
    def program(torch: Any) -> Any:
        base = torch.tensor(M3, dtype=getattr(torch, dtype)) / 12
        A = (base * scale).requires_grad_()
        E = torch.linalg.matrix_exp(A)
        (E * torch.arange(9.0, dtype=A.dtype).reshape(3, 3)).sum().backward()
        return E, A.grad, A.detach().matrix_exp(), torch.matrix_exp(A.detach())

    # float32: matmul sums in MKL's order, and squaring e^(A/2^s) s times multiplies them
    check(
        program,
        rtol=1e-5 if dtype == "float32" else 1e-12,
        atol=1e-6 if dtype == "float32" else 1e-13,
    )


def test_matrix_exp_of_batches_one_by_one_and_refusals() -> None:
    def program(torch: Any) -> Any:
        rot = torch.tensor([[[0.0, -1.0], [1.0, 0.0]], [[0.5, 0.0], [0.0, -0.5]]]) * 1.5707963
        out: dict[str, Any] = {
            "batch": torch.linalg.matrix_exp(rot),
            "one": torch.linalg.matrix_exp(torch.tensor([[2.0]])),
        }
        out["empty"] = torch.linalg.matrix_exp(torch.zeros(0, 0))
        out["int"] = _raised(lambda: torch.linalg.matrix_exp(torch.tensor([[1, 2], [3, 4]])))
        out["rect"] = _raised(lambda: torch.linalg.matrix_exp(torch.ones(2, 3)))
        out["vector"] = _raised(lambda: torch.linalg.matrix_exp(torch.ones(3)))
        return out

    check(program, rtol=1e-6, atol=1e-6)  # MKL's matmuls


@pytest.mark.parametrize("shape", ["square", "tall", "wide", "batch"])
def test_lu_factors_pivots_and_gradients(shape: str) -> None:
    def program(torch: Any) -> Any:
        t = torch.tensor(TALL, dtype=torch.float64)
        A = {"square": torch.tensor(M3, dtype=torch.float64), "tall": t, "wide": t.T,
             "batch": torch.stack([t, t.flip(0) * 2])}[shape].clone().requires_grad_()  # fmt: skip
        P, L, U = torch.linalg.lu(A)
        W = torch.arange(float(L.numel()), dtype=A.dtype).reshape(L.shape).cos()
        (L * W).sum().backward(retain_graph=True)
        gL = A.grad.clone()
        A.grad = None
        ((U * U).sum() + (L * W).sum()).backward()
        LU, piv = torch.linalg.lu_factor(A)
        A2 = A.detach().clone().requires_grad_()
        LU2, piv2 = torch.linalg.lu_factor(A2)
        (LU2 * LU2).sum().backward()
        P3, L3, U3 = torch.lu_unpack(LU, piv)
        return (P, L, U, gL, A.grad, LU, piv, A2.grad, P3, L3, U3, (P @ L @ U) - A,
                [t.grad_fn.name() for t in (L, U, LU, L3, U3)], P.requires_grad,
                torch.linalg.lu_factor_ex(A.detach()), type(torch.linalg.lu(A.detach())).__name__)  # fmt: skip

    check(program, rtol=1e-10, atol=1e-12)  # getrf's blocked sums


def test_lu_unpack_gradient_and_singular_matrices() -> None:
    def program(torch: Any) -> Any:
        LU = torch.tensor([[5.0, 7.0], [0.2, 0.6], [0.6, -0.3]], requires_grad=True)
        piv = torch.tensor([3, 3], dtype=torch.int32)
        P, L, U = torch.lu_unpack(LU, piv)
        (L.sum() * 2 + (U * U).sum()).backward()
        S = torch.tensor([[1.0, 2.0], [2.0, 4.0]])
        out: dict[str, Any] = {"P": P, "L": L, "U": U, "grad": LU.grad}
        out["lu_of_singular"] = torch.linalg.lu(S)
        out["ex"] = torch.linalg.lu_factor_ex(S)
        out["factor"] = _raised(lambda: torch.linalg.lu_factor(S))
        out["factor_batch"] = _raised(
            lambda: torch.linalg.lu_factor(torch.stack([torch.eye(2), S]))
        )
        out["ex_checked"] = _raised(lambda: torch.linalg.lu_factor_ex(S, check_errors=True))
        out["no_pivot"] = _raised(lambda: torch.linalg.lu(S, pivot=False))
        out["int"] = _raised(lambda: torch.linalg.lu_factor(torch.tensor([[1, 2], [3, 4]])))
        out["vector"] = _raised(lambda: torch.linalg.lu(torch.ones(3)))
        out["pivots_long"] = _raised(lambda: torch.lu_unpack(torch.eye(2), torch.tensor([1, 2])))
        out["no_data"] = torch.lu_unpack(
            torch.eye(2), piv[:2] * 0 + torch.tensor([1, 2], dtype=torch.int32), unpack_data=False
        )
        out["empty"] = torch.linalg.lu(torch.zeros(0, 2))
        return out

    check(program, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("upper", [True, False])
@pytest.mark.parametrize("left", [True, False])
@pytest.mark.parametrize("unitriangular", [True, False])
def test_solve_triangular_reads_one_triangle_and_its_gradients(
    upper: bool, left: bool, unitriangular: bool
) -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor(M3, requires_grad=True)
        B = torch.tensor([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0], [2.0, 1.0, 1.0]]).repeat(2, 1, 1)
        B = (B if left else B.mT).clone().requires_grad_()
        X = torch.linalg.solve_triangular(A, B, upper=upper, left=left, unitriangular=unitriangular)
        (X * X).sum().backward()
        return X, A.grad, B.grad

    check(program, rtol=1e-5, atol=1e-6)  # trsm's sums


def test_solve_triangular_dtypes_and_refusals() -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor([[2.0, 1.0], [0.0, 4.0]])
        out: dict[str, Any] = {
            "cast": torch.linalg.solve_triangular(
                A, torch.ones(2, 2, dtype=torch.float64), upper=True
            )
        }
        out["double"] = torch.linalg.solve_triangular(A.double(), torch.ones(2, 2), upper=True)
        out["zero_pivot"] = torch.linalg.solve_triangular(
            torch.tensor([[0.0, 1.0], [0.0, 1.0]]), torch.ones(2, 1), upper=True
        )
        cases = {
            "B_vector": lambda: torch.linalg.solve_triangular(A, torch.ones(2), upper=True),
            "A_vector": lambda: torch.linalg.solve_triangular(
                torch.ones(3), torch.ones(3, 2), upper=True
            ),
            "rect": lambda: torch.linalg.solve_triangular(
                torch.ones(2, 3), torch.ones(3, 2), upper=True
            ),
            "shapes": lambda: torch.linalg.solve_triangular(A, torch.ones(3, 2), upper=True),
            "shapes_right": lambda: torch.linalg.solve_triangular(
                A, torch.ones(2, 3), upper=True, left=False
            ),
            "int": lambda: torch.linalg.solve_triangular(
                A.long(), torch.ones(2, 2).long(), upper=True
            ),
        }
        for name, fn in cases.items():
            out[name] = _raised(fn)
        return out

    check(program)


@pytest.mark.parametrize("upper", [True, False])
@pytest.mark.parametrize("transpose", [True, False])
def test_triangular_solve_returns_a_clone_and_warns(upper: bool, transpose: bool) -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor(M3, requires_grad=True)
        b = torch.tensor([[1.0, 2.0], [0.0, -1.0], [2.0, 1.0]], requires_grad=True)
        X, M = torch.triangular_solve(b, A, upper=upper, transpose=transpose)
        ((X * X).sum() + (M * torch.arange(9.0).reshape(3, 3)).sum()).backward()
        return X, M, A.grad, b.grad, type(torch.triangular_solve(b.detach(), A.detach())).__name__

    check(program, rtol=1e-5, atol=1e-6, warns=True)  # trsm's sums


def test_triangular_solve_refusals() -> None:
    def program(torch: Any) -> Any:
        return [
            _raised(lambda: torch.triangular_solve(torch.ones(3), torch.eye(2))),
            _raised(lambda: torch.triangular_solve(torch.ones(3, 2), torch.eye(2))),
            _raised(lambda: torch.triangular_solve(torch.ones(2, 2), torch.ones(2, 3))),
            _raised(lambda: torch.triangular_solve(torch.ones(2, 3), torch.eye(2).long())),
        ]

    check(program)


@pytest.mark.parametrize("upper", [True, False])
def test_cholesky_solve_and_its_gradients(upper: bool) -> None:
    def program(torch: Any) -> Any:
        S = torch.tensor(M3) @ torch.tensor(M3).T + torch.eye(3)
        L = torch.linalg.cholesky(S, upper=upper).detach().requires_grad_()
        b = torch.tensor([[1.0, 2.0], [0.0, -1.0], [2.0, 1.0]], requires_grad=True)
        X = torch.cholesky_solve(b, L, upper=upper)
        (X * torch.tensor([[1.0, -2.0], [0.5, 3.0], [2.0, 1.0]])).sum().backward()
        return X, L.grad, b.grad, S @ X - b.detach(), b.detach().cholesky_solve(L.detach(), upper)

    check(program, rtol=1e-4, atol=1e-5)  # potrs' sums, then a product of three solves


def test_cholesky_solve_refusals() -> None:
    def program(torch: Any) -> Any:
        return [
            _raised(lambda: torch.cholesky_solve(torch.ones(3), torch.eye(2))),
            _raised(lambda: torch.cholesky_solve(torch.ones(3, 3), torch.eye(2))),
            _raised(lambda: torch.cholesky_solve(torch.ones(2, 3).double(), torch.eye(2))),
            _raised(lambda: torch.cholesky_solve(torch.ones(2, 2).long(), torch.eye(2).long())),
        ]

    check(program)


@pytest.mark.parametrize("p", [None, 2, -2, 1, -1, float("inf"), -float("inf"), "fro", "nuc"])
def test_cond_in_each_norm(p: Any) -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor(M3, requires_grad=True)
        c = torch.linalg.cond(A, p)
        # torch's ‖A‖‖A⁻¹‖ fills the saved inverse in place: its backward fails, and so must ours
        backward = _raised(c.backward)
        singular = torch.linalg.cond(torch.tensor([[1.0, 2.0], [2.0, 4.0]]), p)
        batch = torch.linalg.cond(torch.stack([A.detach(), A.detach().T * 2]), p)
        return (
            c,
            A.grad,
            backward,
            batch,
            singular if p in ("fro", 1, -1, float("inf"), -float("inf")) else None,
        )

    check(program, rtol=1e-5, atol=1e-6)  # LAPACK's sums


def test_cond_refusals() -> None:
    def program(torch: Any) -> Any:
        m = torch.ones(2, 3)
        return [
            _raised(lambda: torch.linalg.cond(m, 1)),
            _raised(lambda: torch.linalg.cond(m, 1.0)),
            _raised(lambda: torch.linalg.cond(m, float("inf"))),
            _raised(lambda: torch.linalg.cond(m, "fro")),
            _raised(lambda: torch.linalg.cond(m, 3)),
            _raised(lambda: torch.linalg.cond(m, "abc")),
            _raised(lambda: torch.linalg.cond(torch.ones(3))),
            torch.linalg.cond(torch.zeros(0, 0)),
            torch.linalg.cond(torch.zeros(2, 0, 0)),
        ]

    check(program)


@pytest.mark.parametrize("left", [True, False])
@pytest.mark.parametrize("adjoint", [True, False])
def test_lu_solve_and_its_gradients(left: bool, adjoint: bool) -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor(M3, dtype=torch.float64)
        LU, piv = torch.linalg.lu_factor(A)
        LU = LU.clone().requires_grad_()
        B = torch.tensor([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]], dtype=torch.float64)
        B = (B.T if left else B).clone().requires_grad_()
        X = torch.linalg.lu_solve(LU, piv, B, left=left, adjoint=adjoint)
        (X * X).sum().backward()
        check_ = (A.mT if adjoint else A) @ X if left else X @ (A.mT if adjoint else A)
        return X, X.grad_fn.name(), LU.grad, B.grad, check_ - B.detach()

    check(program, rtol=1e-10, atol=1e-12)  # getrs' sums


def test_cholesky_inverse_and_the_deprecated_spellings() -> None:
    def program(torch: Any) -> Any:
        S = torch.tensor(M3) @ torch.tensor(M3).T + torch.eye(3)
        L = torch.linalg.cholesky(S).requires_grad_()
        inv = torch.cholesky_inverse(L)
        (inv * torch.arange(9.0).reshape(3, 3)).sum().backward()
        U = torch.linalg.cholesky(S, upper=True)
        A = S.clone().requires_grad_()
        C = torch.cholesky(A)
        C.sum().backward()
        LU, piv = torch.lu(S)
        return (
            inv, inv.grad_fn.name(), L.grad, torch.cholesky_inverse(U, upper=True), L.detach().cholesky_inverse(),
            C, C.grad_fn.name(), A.grad, torch.cholesky(S, upper=True), LU, piv, len(torch.lu(S, get_infos=True)),
            torch.lu_solve(torch.ones(3, 1), LU, piv), type(torch.lu(S)).__name__,
            _raised(lambda: torch.cholesky_inverse(torch.ones(3))), _raised(lambda: torch.cholesky_inverse(torch.ones(2, 3))),
        )  # fmt: skip

    check(program, rtol=1e-5, atol=1e-6, warns=True)  # potri's sums


def test_the_ex_variants_report_info_instead_of_raising() -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor([[4.0, 1.0], [1.0, 3.0]], requires_grad=True)
        S = torch.tensor([[1.0, 2.0], [2.0, 4.0]])
        inv, info = torch.linalg.inv_ex(A)
        inv.sum().backward()
        sol = torch.linalg.solve_ex(A.detach(), torch.ones(2))
        return (
            inv, info, A.grad, torch.linalg.inv_ex(S), torch.linalg.cholesky_ex(A.detach()),
            torch.linalg.cholesky_ex(-A.detach()), torch.linalg.cholesky_ex(torch.tensor([[4.0, 2.0, 1.0], [2.0, 1.0, 5.0], [1.0, 5.0, 3.0]])),
            torch.linalg.cholesky_ex(A.detach(), upper=True), sol, sol.result.grad_fn, torch.linalg.solve_ex(S, torch.ones(2)),
            torch.linalg.inv_ex(torch.stack([A.detach(), S])).info,
            _raised(lambda: torch.linalg.inv_ex(S, check_errors=True)),
            _raised(lambda: torch.linalg.cholesky_ex(torch.tensor([[1.0, 2.0], [2.0, 1.0]]), check_errors=True)),
            _raised(lambda: torch.linalg.inv_ex(torch.stack([A.detach(), S]), check_errors=True)),
        )  # fmt: skip

    check(program)


def test_linalg_vander_tensorinv_and_tensorsolve() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([1.0, 2.0, -3.0], requires_grad=True)
        V = torch.linalg.vander(x)
        (V * torch.arange(9.0).reshape(3, 3)).sum().backward()
        T = (torch.eye(4) * torch.tensor([1.0, 2.0, 4.0, 0.5])).reshape(4, 2, 2)
        A = torch.tensor([[2.0, 1.0, 0.0, 0.0, 1.0, 0.0], [0.0, 3.0, 1.0, 0.0, 0.0, 1.0], [1.0, 0.0, 4.0, 1.0, 0.0, 0.0],
                          [0.0, 1.0, 0.0, 5.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0, 6.0, 1.0], [1.0, 0.0, 0.0, 1.0, 0.0, 7.0]]).reshape(2, 3, 6)  # fmt: skip
        return (
            V, V.grad_fn.name(), x.grad, torch.linalg.vander(torch.tensor([[1, 2], [3, 4]]), N=3),
            torch.linalg.vander(torch.tensor(2.0), N=3), torch.linalg.tensorinv(T, ind=1),
            torch.linalg.tensorsolve(A, torch.ones(2, 3)), torch.linalg.tensorsolve(A.movedim(2, 0), torch.ones(2, 3), dims=(0,)),
            _raised(lambda: torch.linalg.vander(torch.tensor([1.0, 2.0]), N=1)),
            _raised(lambda: torch.linalg.vander(torch.tensor([True]))),
            _raised(lambda: torch.linalg.tensorinv(torch.ones(2, 3))),
            _raised(lambda: torch.linalg.tensorinv(torch.ones(4, 2, 2), ind=0)),
            _raised(lambda: torch.linalg.tensorsolve(torch.ones(2, 3, 4), torch.ones(2, 3))),
        )  # fmt: skip

    check(program, rtol=1e-6, atol=1e-6)  # getrf's sums
