"""aminmax, nanmedian, quantile/nanquantile, cov/corrcoef and histogram against torch:
values, dtypes, printed text, grad_fn names (the composites' whole chains), gradients,
warnings and refusals word for word."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check, grad_fn_chain

NAN = float("nan")
EXACT = {"rtol": 0.0, "atol": 0.0}
# torch's vectorised lerp fuses the multiply-add on FMA CPUs: quantile's interpolated
# values may differ from the unfused form in the last bit
LERP = {"ulps": {"torch.float32": 1.0, "torch.float64": 1.0}}


def _graded(op: Callable[[Any, Any], Any], data: Any) -> Callable[[Any], Any]:
    """op's result (and repr), its grad_fn chain, and the input's grad after a weighted
    backward of the (first) result, so that a gradient in the wrong place shows."""

    def program(torch: Any) -> Any:
        x = torch.tensor(data, requires_grad=True)
        out = op(torch, x)
        first = out[0] if isinstance(out, tuple) else out
        w = torch.arange(first.numel(), dtype=first.dtype).reshape(first.shape) * 0.5 + 1
        (first * w).sum().backward()
        return out, repr(out), grad_fn_chain(first), x.grad

    return program


TABLE = [[1.0, 5.0, 2.0], [4.0, 3.0, 0.5], [2.0, 2.0, 7.0], [0.0, 1.0, 1.0]]
WITH_NAN = [[1.0, NAN, 1.0, 3.0], [NAN, NAN, NAN, NAN], [2.0, 2.0, NAN, 0.5]]

EXACT_CASES: dict[str, Callable[[Any, Any], Any]] = {
    "aminmax": lambda torch, x: torch.aminmax(x),
    "aminmax dim": lambda torch, x: torch.aminmax(x, dim=0),
    "aminmax keepdim": lambda torch, x: x.aminmax(dim=-1, keepdim=True),
    "aminmax all keepdim": lambda torch, x: torch.aminmax(x, keepdim=True),
    "aminmax max only": lambda torch, x: (torch.aminmax(x, dim=1).max,),
    "nanmedian": lambda torch, x: torch.nanmedian(x),
    "nanmedian dim": lambda torch, x: torch.nanmedian(x, 1),
    "nanmedian dim keepdim": lambda torch, x: x.nanmedian(0, keepdim=True),
    "quantile lower": lambda torch, x: torch.quantile(x, 0.3, interpolation="lower"),
    "quantile higher dim": lambda torch, x: torch.quantile(x, 0.3, 0, interpolation="higher"),
    "quantile nearest q vector": lambda torch, x: torch.quantile(
        x, torch.tensor([0.1, 0.5, 0.9]), dim=1, interpolation="nearest"
    ),
}


@pytest.mark.parametrize("name", list(EXACT_CASES))
@pytest.mark.parametrize("data", [TABLE, WITH_NAN], ids=["table", "nan"])
def test_selections_match_torch_exactly(name: str, data: Any) -> None:
    check(_graded(EXACT_CASES[name], data), **EXACT)


QUANTILE_CASES: dict[str, Callable[[Any, Any], Any]] = {
    "all": lambda torch, x: torch.quantile(x, 0.3),
    "dim 0": lambda torch, x: torch.quantile(x, 0.75, dim=0),
    "dim -1 keepdim": lambda torch, x: x.quantile(0.4, dim=-1, keepdim=True),
    "all keepdim": lambda torch, x: torch.quantile(x, 0.5, keepdim=True),
    "q vector": lambda torch, x: torch.quantile(x, torch.tensor([0.25, 0.5, 0.75])),
    "q vector dim keepdim": lambda torch, x: torch.quantile(
        x, torch.tensor([0.0, 0.6, 1.0]), dim=0, keepdim=True
    ),
    "midpoint": lambda torch, x: torch.quantile(x, 0.3, dim=1, interpolation="midpoint"),
    "nanquantile": lambda torch, x: torch.nanquantile(x, 0.3, dim=1),
    "nanquantile q vector": lambda torch, x: x.nanquantile(torch.tensor([0.2, 0.9])),
    "nanquantile lower": lambda torch, x: torch.nanquantile(x, 0.7, 0, interpolation="lower"),
}


@pytest.mark.parametrize("name", list(QUANTILE_CASES))
@pytest.mark.parametrize("data", [TABLE, WITH_NAN], ids=["table", "nan"])
def test_quantile_is_torch_composite(name: str, data: Any) -> None:
    check(_graded(QUANTILE_CASES[name], data), **LERP)


def test_quantile_of_a_batch_along_a_middle_dim_in_double() -> None:
    def program(torch: Any) -> Any:
        x = (torch.arange(24.0, dtype=torch.float64).reshape(2, 3, 4) * 7 % 5).requires_grad_()
        q = torch.quantile(x, torch.tensor([0.1, 0.6], dtype=torch.float64), dim=1)
        q.sum().backward()
        return q, grad_fn_chain(q), x.grad, torch.quantile(x, 0.35, dim=0, keepdim=True)

    check(program, **LERP)


COV_CASES: dict[str, Callable[[Any, Any], Any]] = {
    "cov": lambda torch, x: torch.cov(x.T),
    "cov correction 0": lambda torch, x: torch.cov(x.T, correction=0),
    "cov of a vector": lambda torch, x: x[:, 0].cov(),
    "cov fweights": lambda torch, x: torch.cov(x.T, fweights=torch.tensor([1, 2, 1, 3])),
    "cov aweights": lambda torch, x: torch.cov(x.T, aweights=torch.tensor([0.5, 1.0, 1.0, 2.0])),
    "cov both weights": lambda torch, x: torch.cov(
        x.T,
        correction=2,
        fweights=torch.tensor([1, 2, 1, 3]),
        aweights=torch.tensor([0.5, 1.0, 1.0, 2.0]),
    ),  # fmt: skip
    "corrcoef": lambda torch, x: torch.corrcoef(x.T),
    "corrcoef method": lambda torch, x: x.T.corrcoef(),
    "corrcoef of a vector": lambda torch, x: torch.corrcoef(x[:, 1]),
}


@pytest.mark.parametrize("name", list(COV_CASES))
def test_cov_and_corrcoef_are_torch_composites(name: str) -> None:
    # sums and a matrix product: within float32 rounding (difftest's default)
    check(_graded(COV_CASES[name], TABLE))


def test_cov_of_integers_and_its_degenerate_cases() -> None:
    def program(torch: Any) -> Any:
        i = torch.tensor([[1, 2, 3, 4], [2, 2, 5, 1]])
        return (torch.cov(i), torch.corrcoef(i), torch.cov(torch.ones(2, 1)),
                torch.corrcoef(torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])))  # fmt: skip

    check(program, warns=True)


REFUSED: dict[str, Callable[[Any], Any]] = {
    "aminmax of nothing": lambda torch: torch.aminmax(torch.tensor([])),
    "aminmax over an empty dim": lambda torch: torch.aminmax(torch.zeros(2, 0), dim=1),
    "aminmax dim out of range": lambda torch: torch.aminmax(torch.ones(2, 3), dim=2),
    "aminmax positional dim": lambda torch: torch.aminmax(torch.ones(2, 3), 1),
    "aminmax method positional dim": lambda torch: torch.ones(2, 3).aminmax(1),
    "aminmax tuple dim": lambda torch: torch.ones(2, 3).aminmax(dim=(0, 1)),
    "nanmedian over an empty dim": lambda torch: torch.nanmedian(torch.zeros(2, 0), 1),
    "quantile q out of range": lambda torch: torch.quantile(torch.ones(3), 1.5),
    "quantile q printed as C++": lambda torch: torch.quantile(torch.ones(3), -0.123456789),
    "quantile q tensor out of range": lambda torch: torch.quantile(
        torch.ones(3), torch.tensor([0.5, 1.5])
    ),
    "quantile q dtype": lambda torch: torch.quantile(
        torch.ones(3), torch.tensor([0.5], dtype=torch.float64)
    ),
    "quantile q 2-d": lambda torch: torch.quantile(torch.ones(3), torch.tensor([[0.5]])),
    "quantile of integers": lambda torch: torch.quantile(torch.arange(3), 0.5),
    "quantile of half": lambda torch: torch.quantile(torch.ones(3).half(), 0.5),
    "quantile of nothing": lambda torch: torch.quantile(torch.tensor([]), 0.5),
    "quantile interpolation": lambda torch: torch.quantile(
        torch.ones(3), 0.5, interpolation="cubic"
    ),
    "quantile dim": lambda torch: torch.quantile(torch.ones(2, 3), 0.5, dim=3),
    "quantile of a list": lambda torch: torch.quantile(torch.ones(3), [0.1, 0.5]),
    "cov of 3 dims": lambda torch: torch.cov(torch.ones(2, 2, 2)),
    "corrcoef of 3 dims": lambda torch: torch.corrcoef(torch.ones(2, 2, 2)),
    "cov of bools": lambda torch: torch.cov(torch.ones(2, 2, dtype=torch.bool)),
    "cov float fweights": lambda torch: torch.cov(torch.ones(2, 3), fweights=torch.ones(3)),
    "cov long aweights": lambda torch: torch.cov(
        torch.ones(2, 3), aweights=torch.ones(3, dtype=torch.long)
    ),
    "cov fweights count": lambda torch: torch.cov(
        torch.ones(2, 3), fweights=torch.ones(2, dtype=torch.long)
    ),
    "cov fweights 2-d": lambda torch: torch.cov(
        torch.ones(2, 3), fweights=torch.ones(1, 3, dtype=torch.long)
    ),
    "cov negative fweights": lambda torch: torch.cov(
        torch.ones(2, 3), fweights=torch.tensor([1, -1, 1])
    ),
    "cov zero weights": lambda torch: torch.cov(torch.ones(2, 3), aweights=torch.zeros(3)),
    "histogram of integers": lambda torch: torch.histogram(torch.arange(3), 3),
    "histogram no bins": lambda torch: torch.histogram(torch.ones(3), 0),
    "histogram range reversed": lambda torch: torch.histogram(torch.ones(3), 3, range=(5.0, 1.0)),
    "histogram nan range": lambda torch: torch.histogram(torch.tensor([1.0, NAN]), 3),
    "histogram inf range": lambda torch: torch.histogram(torch.tensor([1.0, float("inf")]), 3),
    "histogram weight shape": lambda torch: torch.histogram(torch.ones(5), 3, weight=torch.ones(2)),
    "histogram weight dtype": lambda torch: torch.histogram(
        torch.ones(5), 3, weight=torch.ones(5, dtype=torch.long)
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refusals_are_torch_words(name: str) -> None:
    check(REFUSED[name])


def test_results_of_odd_inputs() -> None:
    def program(torch: Any) -> Any:
        return [
            torch.aminmax(torch.zeros(2, 0), dim=0),
            torch.aminmax(torch.tensor([1, 5, 3])),
            torch.aminmax(torch.tensor([True, False])),
            torch.aminmax(torch.tensor(3.0), dim=0, keepdim=True),
            torch.aminmax(torch.tensor([1, 2], dtype=torch.uint8)),
            torch.nanmedian(torch.tensor([NAN, NAN])),
            torch.nanmedian(torch.tensor([])),
            torch.nanmedian(torch.tensor([3, 1, 2])),
            torch.nanmedian(torch.tensor(2.0), 0),
            torch.quantile(torch.tensor(3.0), 0.2, dim=0),
            torch.quantile(torch.tensor(3.0), torch.tensor([0.2]), dim=0, keepdim=True),
            torch.quantile(
                torch.arange(6.0), torch.tensor([0.1, 0.3, 0.5, 0.7, 0.9]), interpolation="nearest"
            ),  # fmt: skip
        ]

    check(program, text=True, **EXACT)


HISTOGRAMS: dict[str, Callable[[Any], Any]] = {
    "bins": lambda torch: torch.histogram(torch.tensor([1.0, 2, 1, 4, 2.5]), 3),
    "edges": lambda torch: torch.histogram(
        torch.tensor([1.0, 2, 1, 4, 2.5]), bins=torch.tensor([0.0, 1, 3, 5])
    ),
    "range": lambda torch: torch.histogram(torch.tensor([1.0, 2, 1, 4, 2.5]), 3, range=(0, 10)),
    "density": lambda torch: torch.histogram(
        torch.tensor([1.0, 2, 1, 4, 2.5]), 3, range=(0.0, 10.0), density=True
    ),
    "weight density": lambda torch: torch.histogram(
        torch.tensor([1.0, 2, 1, 4, 2.5]),
        3,
        weight=torch.tensor([1.0, 2, 3, 4, 5]),
        density=True,
    ),  # fmt: skip
    "empty": lambda torch: torch.histogram(torch.tensor([]), 3),
    "one value": lambda torch: torch.histogram(torch.tensor([2.0, 2.0]), 2),
    "double, 2-d, method": lambda torch: torch.tensor([[1.0, 2], [3, 9]]).double().histogram(2),
    "values on the edges": lambda torch: torch.histogram(torch.linspace(0, 1, 101), 7),
    "values outside the range": lambda torch: torch.histogram(
        torch.arange(0, 1, 0.01), 10, range=(0.1, 0.9)
    ),
}


@pytest.mark.parametrize("name", list(HISTOGRAMS))
def test_histogram_counts_and_edges(name: str) -> None:
    # linspace's edges are torch's bits; counting and dividing are exact here
    check(lambda torch: (HISTOGRAMS[name](torch), repr(HISTOGRAMS[name](torch))), **EXACT)


def test_histogram_is_a_named_pair() -> None:
    def program(torch: Any) -> Any:
        h = torch.histogram(torch.tensor([0.1, 0.3, 0.3, 0.5, 0.7, 0.7, 0.7, 0.9]), 4,
                            range=(0.0, 1.0))  # fmt: skip
        hist, edges = h
        return h.hist, h.bin_edges, hist, edges, type(h).__name__, str(type(h))

    check(program, **EXACT)


def test_nanmedian_of_rows_of_nans_picks_where_nth_element_leaves_them() -> None:
    check(lambda torch: [torch.nanmedian(torch.full((2, n), NAN), 1) for n in range(1, 21)])
