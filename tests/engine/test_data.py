"""torch.utils.data against PyTorch: a seeded program sees torch's batches, epoch after epoch,
and the random streams are where torch leaves them afterwards."""

from __future__ import annotations

from typing import Any

from difftest import check
from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(0, 40),
    batch_size=st.integers(1, 12),
    drop_last=st.booleans(),
    seed=st.integers(0, 2**63 - 1),
    own_generator=st.booleans(),
    epochs=st.integers(1, 3),
)
def test_shuffled_batches_are_torchs(n: int, batch_size: int, drop_last: bool, seed: int,
                                     own_generator: bool, epochs: int) -> None:  # fmt: skip
    def program(torch: Any) -> Any:
        torch.manual_seed(seed)
        ds = torch.utils.data.TensorDataset(torch.arange(2.0 * n).reshape(n, 2), torch.arange(n))
        g = torch.Generator().manual_seed(seed + 1) if own_generator else None
        loader = torch.utils.data.DataLoader(ds, batch_size=batch_size, shuffle=True,
                                             drop_last=drop_last, generator=g)  # fmt: skip
        out: list[Any] = [len(loader)]
        for _ in range(epochs):
            out.append([[xb, yb] for xb, yb in loader])
        # both streams go on where torch leaves them (the default one, the loader's own)
        out.append(torch.randint(0, 1000, (4,)))
        if g is not None:
            out.append(torch.randint(0, 1000, (4,), generator=g))
        return out

    check(program)


def test_a_first_batch_then_training_draws() -> None:
    """next(iter(loader)) draws the shuffle's seed and the iterator's base seed, no more; an
    nn.Linear made afterwards starts from the stream torch leaves."""

    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        ds = torch.utils.data.TensorDataset(torch.randn(10, 3), torch.arange(10) % 2)
        loader = torch.utils.data.DataLoader(ds, batch_size=3, shuffle=True)
        first = next(iter(loader))
        lin = torch.nn.Linear(3, 2)
        rest = [yb for _, yb in loader]
        return [first, lin.weight, lin.bias, rest, torch.randperm(3000)[-8:]]

    # nn.Linear's uniform_ fuses its multiply-add as torch's AVX2 kernel does: an ulp
    # apart on a CPU without FMA (tests/engine/test_nn_optim.py)
    check(program, ulps={"torch.float32": 1})


def test_unshuffled_and_unbatched() -> None:
    def program(torch: Any) -> Any:
        ds = torch.utils.data.TensorDataset(torch.arange(7.0), torch.arange(7) * 2)
        return [
            [b for b in torch.utils.data.DataLoader(ds, batch_size=3)],
            [b for b in torch.utils.data.DataLoader(ds, batch_size=3, drop_last=True)],
            [b for b in torch.utils.data.DataLoader(ds, batch_size=None)],
            len(torch.utils.data.DataLoader(ds, batch_size=3, drop_last=True)),
        ]

    check(program)
