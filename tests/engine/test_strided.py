"""x.storage_offset() and torch.as_strided compared with torch: offsets of views, the
elements as_strided names (overlapping windows too), its AsStridedBackward0 gradient
(added where windows overlap) and its refusals."""

from __future__ import annotations

from typing import Any

from difftest import check


def _raised(fn: Any) -> Any:
    try:
        fn()
    except Exception as e:
        return (type(e).__name__, str(e))
    return None


def test_storage_offsets_of_views() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(24.0).reshape(2, 3, 4)
        views = [x, x[1], x[:, 1:], x[..., 2], x[1, 2, 3], x.t() if x.ndim == 2 else x.transpose(0, 2),
                 x.view(6, 4)[3:], x.narrow(2, 1, 2), x.select(1, 2), x[0].diagonal(), x.unfold(2, 2, 1)[1]]  # fmt: skip
        return [(v.storage_offset(), v.stride(), v.shape) for v in views]

    check(program)


def test_as_strided_windows_and_their_gradient() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(12.0, requires_grad=True)
        windows = x.as_strided((5, 3), (2, 1))  # overlapping sliding windows
        (windows * torch.arange(15.0).reshape(5, 3)).sum().backward()
        m = torch.arange(12.0).reshape(3, 4)
        return (
            windows, windows.grad_fn.name(), x.grad, torch.as_strided(m, (2, 2), (1, 2), 1),
            m[1:].as_strided((2, 2), (1, 1)), torch.tensor(5.0).as_strided((2,), (0,)),
            m.as_strided((0, 3), (1, 1), 100), m.as_strided((2, 3), (4, 1), 2),
        )  # fmt: skip

    check(program)


def test_as_strided_refusals() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(12.0).reshape(3, 4)
        return [
            _raised(lambda: torch.as_strided(x, (5, 5), (4, 1))),
            _raised(lambda: x.as_strided((2, 2), (1,))),
            _raised(lambda: x.as_strided((2,), (-1,))),
            _raised(lambda: x.as_strided((2, 2), (4, 1), 10)),
        ]

    check(program)
