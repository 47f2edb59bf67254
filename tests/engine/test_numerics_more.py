"""gcd, lcm, frexp, ldexp, nextafter, renorm, vander, torch.gradient and the window functions
(hann, hamming, blackman, bartlett, kaiser), compared with torch: values, dtypes (integer
and bool inputs, promotion), grad_fn chains, gradients and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check, grad_fn_chain


def _raised(fn: Any) -> Any:
    try:
        fn()
    except Exception as e:
        return (type(e).__name__, str(e))
    return None


def test_gcd_and_lcm_of_integers_in_each_dtype() -> None:
    # integers: exact
    def program(torch: Any) -> Any:
        a = torch.tensor([12, -18, 0, 7, 0])
        b = torch.tensor([8, 12, 5, 0, 0])
        x = a.clone()
        x.gcd_(b)
        y = a.clone()
        y.lcm_(b)
        return [
            torch.gcd(a, b), torch.lcm(a, b), a.gcd(b), x, y, torch.gcd(a.int(), b),
            torch.lcm(a.to(torch.uint8), b.to(torch.uint8)), torch.lcm(torch.tensor([3], dtype=torch.int8), torch.tensor([1000])),
            torch.gcd(torch.tensor(12), torch.tensor([8, 9])), torch.lcm(a.to(torch.int16), b.to(torch.int16)),
            _raised(lambda: torch.gcd(a, 6)), _raised(lambda: torch.gcd(a.float(), b.float())),
            _raised(lambda: torch.gcd(a.bool(), b.bool())), _raised(lambda: torch.lcm(a, b.double())),
        ]  # fmt: skip

    check(program)


def test_frexp_ldexp_nextafter() -> None:
    # frexp, ldexp by integers and nextafter are exact; 2**1.5 is a float32 power
    def program(torch: Any) -> Any:
        x = torch.tensor([1.5, -3.0, 0.0, 8.0, 0.1, 1e-40], requires_grad=True)
        e = torch.tensor([1.0, 2.0, 3.0, -1.0, 0.0, 1.5], requires_grad=True)
        m, ex = torch.frexp(x)
        ld = torch.ldexp(x, e)
        nx = torch.nextafter(x, torch.tensor(10.0))
        (m * 2 + ld + nx).sum().backward()
        special = torch.frexp(torch.tensor([float("inf"), float("nan"), -0.0], dtype=torch.float64))
        y = torch.tensor([1.0, 2.0])
        y.ldexp_(torch.tensor([3, 1]))
        z = torch.tensor([1.0, 2.0])
        z.nextafter_(torch.tensor([3.0, 0.0]))
        return (
            m, ex, ld, nx, x.grad, e.grad, special, x.frexp(), y, z,
            torch.ldexp(torch.tensor([1, 3]), torch.tensor([2, -1])),
            torch.ldexp(torch.tensor([1.0], dtype=torch.float64), torch.tensor([2.0])),
            torch.nextafter(x.detach().double(), torch.tensor(-10.0, dtype=torch.float64)),
            torch.nextafter(x.detach(), torch.tensor(10.0, dtype=torch.float64)),
            _raised(lambda: torch.frexp(torch.tensor([1, 2]))),
            _raised(lambda: torch.nextafter(torch.tensor([1, 2]), torch.tensor([3, 4]))),
            _raised(lambda: torch.ldexp(x, 2)),
        )  # fmt: skip

    check(program, rtol=1e-6, atol=0)


@pytest.mark.parametrize("p", [1, 2, 3, float("inf")])
@pytest.mark.parametrize("dim", [0, 1, -1])
def test_renorm_values_and_gradient(p: Any, dim: int) -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0], [0.1, 0.2, 0.0]], requires_grad=True)
        r = torch.renorm(x, p, dim, 5)
        (r * torch.arange(9.0).reshape(3, 3).sin()).sum().backward()
        y = x.detach().clone()
        y.renorm_(p, dim, 2.5)
        return r, x.grad, y, x.detach().renorm(p, dim, 100.0)

    # norms summed in double, as torch's CPU accumulate type, then one float32 rounding
    check(program, rtol=2e-6, atol=1e-7)


def test_renorm_refusals() -> None:
    def program(torch: Any) -> Any:
        m = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        return [
            _raised(lambda: torch.renorm(m, -1, 1, 6)), _raised(lambda: torch.renorm(m, 0, 1, 6)),
            _raised(lambda: torch.renorm(torch.ones(3), 2, 0, 1)),
            _raised(lambda: torch.renorm(m, 2, 0, -1)), _raised(lambda: torch.renorm(m, 2, 2, 1)),
        ]  # fmt: skip

    check(program)


def test_vander_as_torch_builds_it() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([1.5, -3.0, 0.0, 2.0], requires_grad=True)
        v = torch.vander(x)
        (v * torch.arange(16.0).reshape(4, 4)).sum().backward()
        a = torch.tensor([2, -1, 3])
        return (
            v, grad_fn_chain(v), x.grad, torch.vander(x.detach(), N=3, increasing=True),
            torch.vander(a, 4), torch.vander(a.int(), 3), torch.vander(a.bool(), 3),
            torch.vander(a.to(torch.uint8), 2), torch.vander(x.detach(), N=0), torch.vander(x.detach(), 1),
            _raised(lambda: torch.vander(torch.ones(2, 2))), _raised(lambda: torch.vander(x, N=-1)),
        )  # fmt: skip

    check(program)


GRADIENT_CASES: dict[str, Any] = {
    "plain": lambda torch, y, m: torch.gradient(y),
    "spacing": lambda torch, y, m: torch.gradient(y, spacing=2.0),
    "int_spacing": lambda torch, y, m: torch.gradient(y, spacing=3),
    "edge2": lambda torch, y, m: torch.gradient(y, edge_order=2),
    "coords": lambda torch, y, m: torch.gradient(
        y, spacing=(torch.tensor([0.0, 1.0, 1.5, 3.5, 4.0]),)
    ),
    "coords_edge2": lambda torch, y, m: torch.gradient(
        y, spacing=[torch.tensor([0.0, 1.0, 1.5, 3.5, 4.0])], edge_order=2
    ),
    "matrix": lambda torch, y, m: torch.gradient(m),
    "matrix_dim": lambda torch, y, m: torch.gradient(m, dim=1),
    "matrix_dims_spacing": lambda torch, y, m: torch.gradient(m, spacing=[2.0, 3.0]),
    "matrix_tuple_dim": lambda torch, y, m: torch.gradient(m, spacing=2, dim=(0, -1), edge_order=2),
}


@pytest.mark.parametrize("name", list(GRADIENT_CASES))
def test_gradient_estimates_and_their_autograd(name: str) -> None:
    def program(torch: Any) -> Any:
        y = torch.tensor([1.0, 4.0, 9.5, 16.0, 25.0], requires_grad=True)
        m = torch.tensor([[1.0, 2, 4, 8], [10, 20, 40, 80], [5, 3, 1, 0]], requires_grad=True)
        outs = GRADIENT_CASES[name](torch, y, m)
        sum(((o * o).sum() for o in outs), torch.tensor(0.0)).backward()
        return outs, [grad_fn_chain(o) for o in outs], y.grad, m.grad

    check(program, rtol=1e-6, atol=1e-6)  # weights from divided differences of coordinates


def test_gradient_of_integers_and_refusals() -> None:
    def program(torch: Any) -> Any:
        m = torch.tensor([[1.0, 2, 4, 8], [10, 20, 40, 80]])
        return [
            torch.gradient(torch.tensor([1, 4, 9, 16, 25])), torch.gradient(torch.tensor([1.0, 4.0])),
            _raised(lambda: torch.gradient(torch.tensor([1.0, 4.0, 5.0]), edge_order=3)),
            _raised(lambda: torch.gradient(torch.tensor([1.0, 4.0]), edge_order=2)),
            _raised(lambda: torch.gradient(m, spacing=[1.0, 2.0, 3.0])),
            _raised(lambda: torch.gradient(m, spacing=[1.0, 2.0], dim=1)),
        ]  # fmt: skip

    check(program)


@pytest.mark.parametrize("name", ["hann", "hamming", "blackman", "bartlett", "kaiser"])
@pytest.mark.parametrize("periodic", [True, False])
@pytest.mark.parametrize("n", [0, 1, 2, 5, 8, 33])
def test_windows(name: str, periodic: bool, n: int) -> None:
    def program(torch: Any) -> Any:
        fn = getattr(torch, f"{name}_window")
        return (
            fn(n, periodic),
            fn(n, periodic=periodic, dtype=torch.float64),
            fn(n, periodic, requires_grad=True),
        )

    # float32 cosines (vectorised in torch) and Bessel series: within a few ulps
    check(program, ulps={"torch.float32": 8, "torch.float64": 64})


def test_window_options_and_refusals() -> None:
    def program(torch: Any) -> Any:
        return [
            torch.hamming_window(5, False, alpha=0.5, beta=0.4), torch.kaiser_window(6, False, beta=5.0),
            torch.hann_window(4).dtype, _raised(lambda: torch.hann_window(-1)),
            _raised(lambda: torch.hann_window(5, dtype=torch.int64)),
            _raised(lambda: torch.kaiser_window(5, dtype=torch.int32)),
            _raised(lambda: torch.bartlett_window(-2)),
        ]  # fmt: skip

    check(program, ulps={"torch.float32": 8})


def test_windows_follow_the_default_dtype() -> None:
    def program(torch: Any) -> Any:
        torch.set_default_dtype(torch.float64)
        try:
            return torch.hann_window(6), torch.blackman_window(3, periodic=False)
        finally:
            torch.set_default_dtype(torch.float32)

    check(program, ulps={"torch.float64": 64})
