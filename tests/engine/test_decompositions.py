"""torch.linalg.svd, torch.svd, torch.linalg.eigh and torch.linalg.qr (and torch.qr), each
compared with torch: values, grad_fn names, gradients, printed results and refusals.

A singular or eigen vector's sign is the LAPACK library's choice (torch's MKL and numpy's
OpenBLAS differ on some matrices, and may differ between CPUs), so vectors are compared
through what does not depend on it: reconstructions, projections U Uᵀ, |U|, and gradients
of losses made of those. QR's Householder convention fixes its signs: Q and R are compared
as they are. LAPACK's sums run in a CPU-dependent order: within difftest's float32 rtol
scaled up, as the comparisons say."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

A32 = [[1.0, 2.0, 0.5], [3.0, -1.0, 2.0], [0.5, 4.0, -2.0], [2.0, 0.0, 1.0]]
SQUARE = [[4.0, 1.0, -2.0], [1.0, 3.0, 0.5], [-2.0, 0.5, 5.0]]
W4 = [[0.3, -1.0, 2.0, 0.5], [1.5, 0.2, -0.7, 1.0], [0.0, 2.0, 1.0, -1.0], [1.0, 1.0, 0.5, 0.25]]


def _invariants(torch: Any, U: Any, S: Any, Vh: Any, A: Any) -> dict[str, Any]:
    k = S.shape[-1]
    Uk, Vhk = U[..., :k], Vh[..., :k, :]
    return {
        "S": S,
        "shapes": (U.shape, S.shape, Vh.shape),
        "reconstruction": (Uk * S.unsqueeze(-2)) @ Vhk - A,
        "UtU": U.mT @ U,
        "VVt": Vh @ Vh.mT,
        "projection_U": Uk @ Uk.mT,
        "abs_U": Uk.abs(),
        "abs_Vh": Vhk.abs(),
    }


@pytest.mark.parametrize("shape", ["tall", "wide", "square", "batch"])
@pytest.mark.parametrize("full_matrices", [True, False])
def test_svd_factors_and_gauge_invariant_gradient(shape: str, full_matrices: bool) -> None:
    def program(torch: Any) -> Any:
        base = torch.tensor(A32)
        A = {"tall": base, "wide": base.T, "square": base[:3],
             "batch": torch.stack([base, base * 0.5 + 1])}[shape]  # fmt: skip
        A = A.clone().requires_grad_()
        U, S, Vh = torch.linalg.svd(A, full_matrices=full_matrices)
        k = S.shape[-1]
        Uk, Vhk = U[..., :k], Vh[..., :k, :]
        m, n = A.shape[-2:]
        # depends on the subspaces and |entries| only, not on the vectors' signs
        loss = (
            (Uk @ Uk.mT * torch.tensor(W4)[:m, :m]).sum()
            + (Vhk.mT @ Vhk * torch.tensor(W4)[:n, :n]).sum()
            + (S**2).sum() + S.sum() + Uk.abs().sum() + Vhk.abs().sum()
        )  # fmt: skip
        loss.backward()
        out = _invariants(torch, U.detach(), S.detach(), Vh.detach(), A.detach())
        names = [t.grad_fn.name() for t in (U, S, Vh)]
        return out, names, A.grad

    check(program, rtol=1e-4, atol=1e-5)  # LAPACK's sums, then a gradient of 1/(s_j² - s_k²)


def test_torch_svd_returns_v_as_a_transpose_and_zeros_without_uv() -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor(A32, requires_grad=True)
        U, S, V = torch.svd(A)
        (U.abs().sum() + V.abs().sum() + S.sum()).backward()
        full = torch.svd(A.detach(), some=False)
        no_uv = torch.svd(A.detach().double(), compute_uv=False)
        m = A.detach().svd()
        return (
            [t.grad_fn.name() for t in (U, S, V)], U.abs(), S, V.abs(), A.grad,
            full.U.shape, full.V.shape, no_uv, m.S, type(full).__name__,
            (U * S) @ V.mT - A,
        )  # fmt: skip

    check(program, rtol=1e-5, atol=1e-5)  # LAPACK's sums


def test_svd_prints_as_torch_where_the_signs_agree() -> None:
    # a matrix whose signs MKL and OpenBLAS choose alike (checked over CPU paths)
    def program(torch: Any) -> Any:
        A = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
        U, S, Vh = torch.linalg.svd(A)
        return repr(torch.linalg.svd(A)), repr(torch.svd(A)), repr(S)

    check(program)


def test_svd_of_an_empty_matrix_and_refusals() -> None:
    def program(torch: Any) -> Any:
        out: dict[str, Any] = {}
        out["empty"] = torch.linalg.svd(torch.zeros(0, 3))
        out["empty_reduced"] = torch.linalg.svd(torch.zeros(2, 0), full_matrices=False)
        cases = {
            "int": lambda: torch.linalg.svd(torch.tensor([[1, 2], [3, 4]])),
            "vector": lambda: torch.linalg.svd(torch.tensor([1.0, 2.0])),
            "old_vector": lambda: torch.svd(torch.tensor([1.0, 2.0])),
            "half": lambda: torch.linalg.svd(torch.zeros(2, 3, dtype=torch.float16)),
            "nan": lambda: torch.linalg.svd(torch.ones(3, 3) * float("nan")),
            "driver": lambda: torch.linalg.svd(torch.ones(3, 3), driver="gesvd"),
        }
        for name, fn in cases.items():
            try:
                fn()
            except Exception as e:
                out[name] = (type(e).__name__, str(e))
        return out

    check(program)


def test_svd_and_svdvals_agree() -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor(A32, dtype=torch.float64, requires_grad=True)
        S = torch.linalg.svd(A, full_matrices=False).S
        (S * torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)).sum().backward()
        g1 = A.grad.clone()
        A.grad = None
        torch.linalg.svdvals(A).mul(
            torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
        ).sum().backward()
        return S, g1, A.grad

    check(program, rtol=1e-10, atol=1e-12)  # LAPACK's sums


@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigh_values_vectors_and_gradient(uplo: str) -> None:
    def program(torch: Any) -> Any:
        base = torch.tensor(SQUARE)
        # only one triangle is read: the other holds noise
        noisy = (
            base
            + (torch.triu(torch.ones(3, 3), 1) if uplo == "L" else torch.tril(torch.ones(3, 3), -1))
            * 7
        )
        A = torch.stack([noisy, noisy * 2 - torch.eye(3)]).requires_grad_()
        L, V = torch.linalg.eigh(A, UPLO=uplo)
        W = torch.tensor(W4)[:3, :3]
        loss = (V @ torch.diag_embed(L.exp()) @ V.mT * W).sum() + V.abs().sum() + (L * L).sum()
        loss.backward()
        Vd = V.detach()
        return (
            L, (Vd * L.detach().unsqueeze(-2)) @ Vd.mT, Vd.mT @ Vd, Vd.abs(), A.grad,
            L.grad_fn.name(), V.grad_fn.name(), torch.linalg.eigvalsh(A, UPLO=uplo),
        )  # fmt: skip

    check(program, rtol=1e-4, atol=1e-5)  # LAPACK's sums, then 1/(λ_j - λ_i)


def test_eigh_prints_and_refuses_as_torch() -> None:
    def program(torch: Any) -> Any:
        out: dict[str, Any] = {
            "values": torch.linalg.eigh(torch.tensor([[2.0, 1.0], [1.0, 3.0]])).eigenvalues
        }
        out["type"] = type(torch.linalg.eigh(torch.eye(2))).__name__
        out["nan"] = torch.linalg.eigh(torch.ones(2, 2) * float("nan"))
        cases = {
            "eigvalsh_int": lambda: torch.linalg.eigvalsh(torch.tensor([[1, 2], [3, 4]])),
            "eigvalsh_half": lambda: torch.linalg.eigvalsh(torch.ones(2, 2, dtype=torch.float16)),
            "svdvals_nan": lambda: torch.linalg.svdvals(torch.ones(2, 2) * float("nan")),
            "int": lambda: torch.linalg.eigh(torch.tensor([[1, 2], [3, 4]])),
            "rect": lambda: torch.linalg.eigh(torch.ones(3, 2)),
            "vector": lambda: torch.linalg.eigh(torch.ones(2)),
            "uplo": lambda: torch.linalg.eigh(torch.eye(2), UPLO="X"),
        }
        for name, fn in cases.items():
            try:
                fn()
            except Exception as e:
                out[name] = (type(e).__name__, str(e))
        return out

    check(program)


@pytest.mark.parametrize("name", ["eig", "eigvals"])
def test_eig_says_its_complex_results_are_not_in_the_engine(name: str) -> None:
    # torch gives complex tensors; the engine has no complex dtype, and says so by name
    import py_engine

    with pytest.raises(NotImplementedError, match=rf"torch\.linalg\.{name} .*complex"):
        getattr(py_engine.linalg, name)(py_engine.eye(2))
    assert hasattr(py_engine.linalg, name)


@pytest.mark.parametrize("shape", ["tall", "wide", "square"])
@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
def test_qr_factors_and_gradient(shape: str, mode: str) -> None:
    def program(torch: Any) -> Any:
        base = torch.tensor(A32)
        A = {"tall": base, "wide": base.T, "square": base[:3]}[shape].clone().requires_grad_()
        Q, R = torch.linalg.qr(A, mode=mode)
        out: dict[str, Any] = {"Q": Q, "R": R, "type": type(torch.linalg.qr(A.detach())).__name__}
        try:
            (Q.sum() * 0.5 + (R * R).sum() + R.sum()).backward()
            out["grad"] = A.grad
        except RuntimeError as e:
            out["grad"] = str(e)
        return out

    check(program, rtol=1e-5, atol=1e-5)  # LAPACK's sums


def test_torch_qr_and_batches_and_refusals() -> None:
    def program(torch: Any) -> Any:
        A = torch.tensor([A32, [[2 * x - 1 for x in row] for row in A32]], dtype=torch.float64,
                         requires_grad=True)  # fmt: skip
        Q, R = torch.qr(A)
        (Q[..., 0].sum() + R.triu(1).sum()).backward()
        out: dict[str, Any] = {
            "Q": Q,
            "R": R,
            "grad": A.grad,
            "complete": torch.qr(A.detach(), some=False),
        }
        out["method"] = A.detach()[0].qr()
        out["type"] = type(out["method"]).__name__
        cases = {
            "int": lambda: torch.linalg.qr(torch.tensor([[1, 2], [3, 4]])),
            "vector": lambda: torch.linalg.qr(torch.ones(2)),
            "mode": lambda: torch.linalg.qr(torch.ones(2, 2), mode="foo"),
        }
        for name, fn in cases.items():
            try:
                fn()
            except Exception as e:
                out[name] = (type(e).__name__, str(e))
        return out

    check(program, rtol=1e-10, atol=1e-12)  # LAPACK's sums


@pytest.mark.parametrize("shape", ["tall", "wide"])
def test_low_rank_svd_and_pca_draw_torchs_projection(shape: str) -> None:
    # the random projection is torch's randn after manual_seed; the small SVD's signs are
    # LAPACK's, so U and V are compared through |.| and the reconstruction
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        base = torch.tensor(A32 + [[1.0, 1.0, 1.0], [0.0, 2.0, -1.0]])
        A = (base if shape == "tall" else base.T).clone().requires_grad_()
        U, S, V = torch.pca_lowrank(A, q=2)
        (S.sum() + (U @ U.mT).trace()).backward()
        U2, S2, V2 = torch.svd_lowrank(A.detach(), q=2, niter=3)
        centered = A.detach() - A.detach().mean(dim=0)
        return (
            S, U.abs(), V.abs(), A.grad, S2, (U2 * S2) @ V2.mT, torch.pca_lowrank(A.detach(), center=False)[1],
            [t.grad_fn.name() for t in (U, S, V)], (U.detach() * S.detach()) @ V.detach().mT - centered,
            torch.rand(2),
        )  # fmt: skip

    check(program, rtol=1e-4, atol=1e-5)  # LAPACK's sums through three QRs and an SVD


def test_pca_lowrank_refusals() -> None:
    def program(torch: Any) -> Any:
        out = []
        for q, niter in ((5, 2), (-1, 2), (2, -1)):
            try:
                torch.pca_lowrank(torch.ones(4, 3), q=q, niter=niter)
            except ValueError as e:
                out.append(str(e))
        return out

    check(program)
