"""torch's global switches (threads, deterministic algorithms, matmul precision, denormals),
torch.backends, anomaly detection, and torch's top-level activations and distances, against
torch. tests/conftest.py puts the switches back after each test."""

from __future__ import annotations

from typing import Any

import pytest
from difftest import check


def test_deterministic_switches_read_back() -> None:
    def program(torch: Any) -> Any:
        seen: list[Any] = [
            torch.are_deterministic_algorithms_enabled(),
            torch.is_deterministic_algorithms_warn_only_enabled(),
            torch.get_deterministic_debug_mode(),
        ]
        torch.use_deterministic_algorithms(True)
        seen += [torch.are_deterministic_algorithms_enabled(), torch.get_deterministic_debug_mode()]
        torch.use_deterministic_algorithms(True, warn_only=True)
        seen += [torch.is_deterministic_algorithms_warn_only_enabled(),
                 torch.get_deterministic_debug_mode()]  # fmt: skip
        torch.set_deterministic_debug_mode("default")
        seen.append(torch.are_deterministic_algorithms_enabled())
        torch.set_deterministic_debug_mode("error")
        seen.append(torch.get_deterministic_debug_mode())
        return seen

    check(program)


REFUSED = {
    "debug mode name": lambda torch: torch.set_deterministic_debug_mode("foo"),
    "debug mode number": lambda torch: torch.set_deterministic_debug_mode(5),
    "no threads": lambda torch: torch.set_num_threads(0),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refusals(name: str) -> None:
    check(REFUSED[name])


def test_matmul_precision_threads_and_denormals() -> None:
    def program(torch: Any) -> Any:
        seen: list[Any] = [torch.get_float32_matmul_precision()]
        torch.set_float32_matmul_precision("high")
        seen.append(torch.get_float32_matmul_precision())
        torch.set_float32_matmul_precision("fastest")  # warns, changes nothing
        seen.append(torch.get_float32_matmul_precision())
        before = torch.get_num_threads()
        torch.set_num_threads(2)
        seen.append(torch.get_num_threads())
        torch.set_num_threads(before)
        return seen, torch.get_num_interop_threads() > 0, torch.set_flush_denormal(True)

    check(program, warns=True)


def test_backends_answer_as_a_cpu_build() -> None:
    def program(torch: Any) -> Any:
        b = torch.backends
        b.cudnn.deterministic = True
        b.cudnn.benchmark = False
        return [b.cudnn.deterministic, b.cudnn.benchmark, b.cudnn.enabled, b.cudnn.is_available(),
                b.cudnn.allow_tf32, b.cudnn.version(), b.mps.is_available(), b.mps.is_built(),
                b.cuda.matmul.allow_tf32, b.cuda.is_built(), b.mkldnn.is_available(),
                b.openmp.is_available()]  # fmt: skip

    check(program)


def test_anomaly_detection_stops_at_the_node_that_made_a_nan() -> None:
    def program(torch: Any) -> Any:
        seen: list[Any] = []
        with torch.autograd.detect_anomaly():
            x = torch.tensor([0.0], requires_grad=True)
            try:
                (x.sqrt() * 0).sum().backward()
            except RuntimeError as e:
                seen.append(str(e))
            seen.append(torch.is_anomaly_enabled())
        seen.append(torch.is_anomaly_enabled())
        with torch.autograd.set_detect_anomaly(True):
            seen.append(torch.is_anomaly_enabled())
        seen.append(torch.is_anomaly_enabled())
        torch.autograd.set_detect_anomaly(True, check_nan=False)
        (x.sqrt() * 0).sum().backward()  # no check: the nan gradient arrives
        seen += [x.grad, torch.is_anomaly_check_nan_enabled()]
        torch.set_anomaly_enabled(False)
        return seen

    # not warns=True: torch also warns with the forward call's traceback, which is not kept
    check(program)


def test_top_level_activations_and_distances() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([1.0, -1.0, 0.25], requires_grad=True)
        outs = [torch.selu(x), torch.celu(x), torch.hardshrink(x), torch.threshold(x, 0.0, 5.0),
                torch.prelu(x, torch.tensor([0.25])),
                torch.pairwise_distance(x[None], x[None] * 2),
                torch.cosine_similarity(x[None], torch.ones(1, 3))]  # fmt: skip
        sum(o.sum() for o in outs).backward()
        return outs, x.grad

    check(program)
