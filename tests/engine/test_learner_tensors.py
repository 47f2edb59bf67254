"""What learners paste from PyTorch tutorials: dtype arguments, ranges, lists of tensors,
numpy interop, the integer operators and small dtypes, conversions and their errors."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import torch as real_torch

import py_engine
from difftest import check

# torch's plain x86-64 build (ATEN_CPU_CAPABILITY=default) computes arange and linspace
# without fused multiply-adds, the AVX2/AVX-512 builds (which the engine follows) with them:
# the two differ in the last bit of some elements (an ulp of the range's ends, up to 16 ulps
# of 1 for ranges out to +-10, and an integer linspace can truncate to the next integer).
_NO_FMA = real_torch.backends.cpu.get_cpu_capability() == "DEFAULT"
_RANGE_ULPS = {"torch.float32": 16.0, "torch.float64": 16.0} if _NO_FMA else None


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.tensor([1, 2], dtype=float),
        lambda torch: torch.tensor([1.7, 2.2], dtype=int),
        lambda torch: torch.tensor([0, 2], dtype=bool),
        lambda torch: torch.zeros(2, dtype=float),
        lambda torch: torch.tensor(np.float64(1.5)),
        lambda torch: torch.tensor(np.float32(1.5)),
        lambda torch: torch.tensor(np.int32(3)),
        lambda torch: torch.tensor(np.array([1, 2], dtype=np.int32)),
        lambda torch: torch.tensor([np.float64(1.5), 2]),
        lambda torch: torch.tensor([torch.tensor(1.5), torch.tensor(2.5)]),
        lambda torch: torch.tensor([torch.tensor([1.0]), torch.tensor([2.0])]),
        lambda torch: torch.tensor([torch.tensor(1), torch.tensor(2.5)]),
        lambda torch: torch.tensor([torch.tensor(1.0, dtype=torch.float64), torch.tensor(2.0)]),
        lambda torch: torch.tensor([torch.tensor([1.0, 3.0]), torch.tensor([2.0, 4.0])]),
        lambda torch: torch.tensor([[torch.tensor(1), 2], [3, 4]]),
        lambda torch: torch.tensor(torch.ones(2)),
    ],
)
def test_tensor_dtypes_and_lists_of_tensors(program) -> None:
    check(program, text=True, warns=True)


def test_tensor_of_tensors_that_require_grad_warns_like_torch() -> None:
    check(lambda torch: torch.tensor([torch.tensor(1.0, requires_grad=True), torch.tensor(2.0)]))


@pytest.mark.parametrize(
    "args",
    [(-8.0, 8.0, 0.1), (0, 10, 0.3), (-3, 5, 0.07), (1, 2, 0.01), (0.1, 3.3, 0.1),
     (0, 1000.5, 0.37), (5.0,), (0, 7), (-4, 9, 3), (1.5, 2.0, 0.5)],
)  # fmt: skip
@pytest.mark.parametrize("dtype", [None, "float64"])
def test_arange_gives_torchs_bits(args, dtype) -> None:
    def program(torch):
        kw = {"dtype": getattr(torch, dtype)} if dtype else {}
        return torch.arange(*args, **kw)

    check(program, rtol=0, atol=0, ulps=_RANGE_ULPS)


def test_arange_prints_torchs_tiny_element() -> None:
    if _NO_FMA:
        pytest.skip("torch's plain x86-64 build gives 0 here (no fused multiply-add)")
    check(lambda torch: torch.arange(-8.0, 8.0, 0.1)[78:83], rtol=0, atol=0, text=True)


@pytest.mark.parametrize(
    "args",
    [(-3, 7, 100), (0, 1, 7), (-8, 8, 33), (0.1, 2.7, 1000), (1, -1, 17), (0, 1, 2), (-10, 10, 51),
     (0, 1, 1), (3, 5, 0), (2.5, 2.5, 4)],
)  # fmt: skip
@pytest.mark.parametrize("dtype", [None, "float64", "int64"])
def test_linspace_gives_torchs_bits(args, dtype) -> None:
    if _NO_FMA and dtype == "int64":
        pytest.skip("without fused multiply-adds torch's values can truncate to the next integer")

    def program(torch):
        kw = {"dtype": getattr(torch, dtype)} if dtype else {}
        return torch.linspace(*args, **kw)

    check(program, rtol=0, atol=0, ulps=_RANGE_ULPS)


def test_numpy_scalars_meet_tensors() -> None:
    check(lambda torch: np.float32(2.5) * torch.ones(2), text=True)
    check(lambda torch: np.float64(2.5) + torch.ones(2), text=True)
    check(lambda torch: np.int64(3) - torch.tensor([1, 2]), text=True)
    check(lambda torch: type(np.float32(2.5) * torch.ones(2)).__name__)


def test_from_numpy_and_numpy_share_memory() -> None:
    def program(torch):
        a = np.array([1.0, 2.0])
        t = torch.from_numpy(a)
        a[0] = 5.0
        n = t.numpy()
        n[1] = 7.0
        return t, str(type(n).__name__), torch.from_numpy(np.array([1, 2], dtype=np.int16))

    check(program, text=True)
    check(lambda torch: torch.from_numpy([1, 2]))
    check(lambda torch: torch.ones(2, requires_grad=True).numpy())
    check(lambda torch: torch.ones(2, requires_grad=True).detach().numpy().tolist())


def test_requires_grad_flags() -> None:
    def nonleaf(torch):
        x = torch.ones(2, requires_grad=True)
        y = (x * 2).requires_grad_(True)
        return y, y.requires_grad_()

    check(nonleaf)
    check(lambda torch: (torch.ones(2, requires_grad=True) * 2).requires_grad_(False))
    check(lambda torch: torch.ones(2, dtype=torch.long).requires_grad_())
    check(lambda torch: torch.ones(2, dtype=torch.int32).requires_grad_())


def test_type_is_torch_tensor() -> None:
    check(lambda torch: str(type(torch.ones(2))))
    check(lambda torch: str(type(torch.ones(2).shape)))
    check(lambda torch: isinstance(torch.ones(2), torch.Tensor))
    t = py_engine.tensor([1.0, 2.0], requires_grad=True)
    back = pickle.loads(pickle.dumps(t))
    assert type(back) is py_engine.Tensor and back.tolist() == [1.0, 2.0] and back.requires_grad
    assert pickle.loads(pickle.dumps(t.shape)) == (2,)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.tensor([1.5, -2.5]) // 2,
        lambda torch: torch.tensor([5, -5]) // 3,
        lambda torch: 7 // torch.tensor([5, -5]),
        lambda torch: torch.tensor([5, -5]) // 0,
        lambda torch: torch.tensor([True]) // torch.tensor([True]),
        lambda torch: torch.tensor([5, -5]) % 3,
        lambda torch: torch.tensor([5.0, -5.0]) % torch.tensor([0.0, 3.0]),
        lambda torch: torch.tensor([5, -5]) % 0,
        lambda torch: 7 % torch.tensor([5, -5]),
        lambda torch: 7.5 % torch.tensor([5, -5]),
        lambda torch: torch.tensor([5, 3]) & torch.tensor([3, 1]),
        lambda torch: torch.tensor([5, 3]) | 8,
        lambda torch: torch.tensor([5, 3]) ^ 2,
        lambda torch: torch.tensor([True, False]) ^ torch.tensor([True, True]),
        lambda torch: torch.tensor([True, False]) & True,
        lambda torch: torch.tensor([1.5]) & 1,
        lambda torch: ~torch.tensor([5, 3]),
        lambda torch: ~torch.tensor([True, False]),
        lambda torch: ~torch.tensor([1.0]),
        lambda torch: ~torch.tensor([1, 2], dtype=torch.uint8),
        lambda torch: torch.tensor([5, 3]) << 1,
        lambda torch: torch.tensor([5, 3]) >> torch.tensor([1, 2]),
        lambda torch: torch.tensor([True, False]) << 1,
        lambda torch: torch.tensor([1.0, 2.0]) >> 1,
    ],
)
def test_integer_operators(program) -> None:
    check(program, text=True)


def test_remainder_backward() -> None:
    def program(torch):
        x = torch.tensor([5.0, -5.0, 2.5], requires_grad=True)
        y = torch.tensor([3.0, 3.0, -2.0], requires_grad=True)
        z = x % y
        z.sum().backward()
        return z, x.grad, y.grad

    check(program, text=True)


def test_fmod_backward() -> None:
    def program(torch):
        x = torch.tensor([5.5, -5.5, 2.0, -0.0, 7.25], requires_grad=True)
        y = torch.tensor([2.0, 2.0, -3.0, 1.0, -0.5], requires_grad=True)
        z = torch.fmod(x, y)  # the dividend's sign, where % takes the divisor's
        z.sum().backward()
        w = x * 1
        w.fmod_(0.3)
        return z, x.grad, y.grad, x.fmod(-2), w, w.grad_fn.name()

    check(program, text=True)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.fmod(torch.tensor([5, -5]), 3),
        lambda torch: torch.fmod(torch.tensor([5, -5]), 0.0),
        lambda torch: torch.fmod(torch.tensor([5, -5]), 2.5),
        lambda torch: torch.fmod(torch.tensor([5, -5], dtype=torch.int32), torch.tensor([3, -3])),
        lambda torch: torch.fmod(torch.tensor([5, -5]), torch.tensor([0, 1])),
        lambda torch: torch.fmod(torch.tensor([5, -5]), 0),
        lambda torch: torch.fmod(torch.tensor([True]), True),
    ],
)
def test_fmod_dtypes_and_refusals(program) -> None:
    check(program, text=True)


_SMALL = ["float16", "int32", "int16", "int8", "uint8"]


@pytest.mark.parametrize("name", _SMALL)
def test_small_dtypes_print_and_promote(name) -> None:
    def program(torch):
        dt = getattr(torch, name)
        values = [1.5, 2.25, 1e-3, 100.0] if name == "float16" else [1, 2, 100, 7]
        a = torch.tensor(values, dtype=dt)
        out = [
            a,
            a + 1,
            a * 2.5,
            a / 2,
            a.sum(),
            a + torch.tensor([1, 2, 3, 4]),
            a + torch.tensor([1.0, 2.0, 3.0, 4.0]),
            a.to(torch.float64),
            str(a.dtype),
        ]
        for other in _SMALL:
            out.append(a + torch.ones(4, dtype=getattr(torch, other)))
        return out

    check(program, text=True)


def test_small_dtype_details() -> None:
    check(lambda torch: torch.tensor([200, 100], dtype=torch.uint8) + torch.tensor([100, 200], dtype=torch.uint8), text=True)  # fmt: skip
    check(lambda torch: torch.tensor([1, 2], dtype=torch.int32) * torch.tensor(2.5, dtype=torch.float64), text=True)  # fmt: skip
    check(lambda torch: torch.tensor([1.5, 2.25], dtype=torch.float16).sum(), text=True)
    check(lambda torch: torch.tensor([1 / 3, 1e-5, 65504.0], dtype=torch.float16), text=True)
    check(lambda torch: (torch.int, torch.half, torch.short, torch.long, torch.double))
    check(lambda torch: [torch.ones(2).half(), torch.ones(2).int(), torch.ones(2).short(),
                         torch.ones(2).char(), torch.ones(2).byte(), torch.ones(2).long()], text=True)  # fmt: skip

    def grad16(torch):
        x = torch.tensor([1.5, 2.0], dtype=torch.float16, requires_grad=True)
        (x * x).sum().backward()
        return x.grad

    check(grad16, text=True)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.ones(2, 3).sum(axis=1, keepdims=True),
        lambda torch: torch.ones(2, 3).sum(axis=0),
        lambda torch: torch.ones(2, 3).mean(axis=0),
        lambda torch: torch.ones(2, 3).mean(axis=1, keepdims=True),
        lambda torch: torch.tensor([[1.0, 5.0], [3.0, 2.0]]).max(axis=1),
        lambda torch: torch.tensor([[1.0, 5.0], [3.0, 2.0]]).argmax(axis=1),
        lambda torch: torch.sum(torch.ones(2, 3), axis=1),
    ],
)
def test_numpy_keywords(program) -> None:
    check(program, text=True)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.tensor([1, 2]).to(requires_grad=True),
        lambda torch: torch.tensor([1, 2]).to(foo=1),
        lambda torch: torch.tensor([1, 2]).to("cpu", torch.float64),
        lambda torch: torch.tensor([1, 2]).to(torch.ones(1, dtype=torch.float16)),
        lambda torch: torch.tensor([1, 2]).to(dtype=torch.float32),
        lambda torch: torch.tensor([1, 2]).to(device="cpu"),
        lambda torch: torch.tensor([1, 2]).to(torch.device("cpu")),
        lambda torch: str(torch.tensor([1, 2]).device),
        lambda torch: repr(torch.device("cpu")),
        lambda torch: torch.tensor([1, 2]).cpu(),
        lambda torch: torch.ones(2, 3).t().is_contiguous(),
        lambda torch: torch.ones(2, 3).t().contiguous().is_contiguous(),
    ],
)
def test_to_and_devices(program) -> None:
    check(program, text=True)


def test_in_place_on_a_leaf_that_requires_grad() -> None:
    for name in ("sin_", "exp_", "cos_", "tanh_", "sigmoid_", "relu_", "abs_"):
        check(lambda torch, name=name: getattr(torch.ones(2, requires_grad=True), name)())

    def recorded(torch):
        x = torch.tensor([0.5, 1.0], requires_grad=True)
        y = x * 2
        y.sin_()
        y.sum().backward()
        return y, x.grad

    check(recorded, text=True)
    check(lambda torch: torch.tensor([1, 2]).sin_())


def test_unknown_torch_names_say_so() -> None:
    with pytest.raises(
        NotImplementedError, match="torch.fft_magic is not supported in the playground"
    ):
        py_engine.fft_magic


@pytest.mark.parametrize(
    "name", ["nn.FractionalMaxPool2d", "nn.functional.fractional_max_pool2d",
             "nn.init.trunc_normal_", "optim.RMSprop", "cuda.synchronize"],
)  # fmt: skip
def test_unknown_names_in_submodules_say_so(name) -> None:
    module, _, attr = name.rpartition(".")
    obj = py_engine
    for part in module.split("."):
        obj = getattr(obj, part)
    with pytest.raises(NotImplementedError, match=rf"torch\.{name} is not supported"):
        getattr(obj, attr)
    assert not hasattr(obj, attr)  # feature checks (hasattr(nn, "FractionalMaxPool2d")) still work


def test_cuda_answers_as_torch_without_a_gpu() -> None:
    # d2l's try_gpu(): torch.cuda.device_count() >= i + 1, else torch.device('cpu')
    check(lambda torch: [torch.cuda.is_available(), torch.cuda.device_count(),
                         torch.cuda.manual_seed_all(0), torch.cuda.manual_seed(1)])  # fmt: skip


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.rand(5),
        lambda torch: torch.rand(2, 20),
        lambda torch: torch.rand(3, dtype=torch.float64),
        lambda torch: torch.rand(3, dtype=torch.float16),
        lambda torch: torch.rand_like(torch.ones(2, 2)),
        lambda torch: torch.randint(3, 10, (8,)),
        lambda torch: torch.randint(5, (2, 3)),
        lambda torch: torch.randint(0, 5, (3,), dtype=torch.float32),
        lambda torch: torch.randint(0, 2**40, (3,)),
        lambda torch: torch.randperm(10),
        lambda torch: torch.randperm(30),
        lambda torch: torch.randperm(1),
        lambda torch: torch.normal(2.0, 3.0, (3,)),
        lambda torch: torch.normal(torch.zeros(3), torch.ones(3)),
        lambda torch: [torch.rand(2), torch.randn(3), torch.randint(0, 9, (2,)), torch.rand(1)],
    ],
)
def test_random_streams_after_manual_seed(program) -> None:
    def seeded(torch):
        torch.manual_seed(0)
        return program(torch)

    check(seeded, rtol=0, atol=0, text=True)


@pytest.mark.parametrize("seed", range(8))
def test_normal_of_few_values_rounds_once_as_torch(seed) -> None:
    # fewer than 16 values: torch scales and shifts each draw in double, then rounds once
    # (d2l's torch.normal(0, 0.01, size=(2, 1)) was an ulp off in half of the seeds)
    def program(torch):
        torch.manual_seed(seed)
        return [torch.normal(0, 0.01, size=(2, 1)), torch.normal(3.0, 0.7, (5,)),
                torch.empty(3, 4).normal_(0.5, 2.5), torch.empty(2).normal_(std=0.01)]  # fmt: skip

    check(program, rtol=0, atol=0)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.empty(3).normal_(),
        lambda torch: torch.empty(2, 2).normal_(1.0, 3.0),
        lambda torch: torch.empty(3, dtype=torch.float64).normal_(-1, 0.5),
        lambda torch: torch.empty(40).uniform_(),
        lambda torch: torch.empty(3, dtype=torch.float64).uniform_(-1, 1),
        lambda torch: [torch.empty(5).uniform_(0.5, 2.5), torch.rand(2), torch.empty(2).normal_()],
        lambda torch: torch.empty(2).uniform_(1, 1),
        lambda torch: torch.empty(2).normal_(0, -0.5),
        lambda torch: torch.empty(2).uniform_(2, 1),
        lambda torch: torch.empty(2, dtype=torch.int32).normal_(),
        lambda torch: torch.empty(2, dtype=torch.bool).uniform_(),
        lambda torch: torch.normal(0, -1.0, (2,)),
    ],
)
def test_normal_and_uniform_in_place(program) -> None:
    def seeded(torch):
        torch.manual_seed(0)
        return program(torch)

    check(seeded, rtol=0, atol=0, text=True)


def test_random_fills_and_autograd() -> None:
    def program(torch):
        torch.manual_seed(0)
        x = torch.ones(3, requires_grad=True)
        try:
            x.normal_()
        except RuntimeError as e:
            refused = str(e)
        y = x * 2
        y.normal_()
        z = (x * 3).uniform_()
        (y + z).sum().backward()
        with torch.no_grad():
            x.uniform_(-1, 1)  # the refused write drew nothing: the stream is torch's
        return refused, y, z, x.grad, x

    check(program, rtol=0, atol=0)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.eye(3),
        lambda torch: torch.eye(2, 3, dtype=torch.int64),
        lambda torch: torch.full((2, 2), 7),
        lambda torch: torch.full((2,), 1.5),
        lambda torch: torch.full_like(torch.ones(2, dtype=torch.int32), 4),
        lambda torch: torch.empty(2, 3).shape,
        lambda torch: torch.empty_like(torch.ones(2)).shape,
        lambda torch: torch.broadcast_shapes((2, 1), (3,)),
        lambda torch: torch.is_tensor(torch.ones(1)),
        lambda torch: torch.numel(torch.ones(2, 3)),
    ],
)
def test_creation(program) -> None:
    check(program, text=True)


def test_memory_layout_as_torch_describes_it() -> None:
    # tutorials show views sharing memory with data_ptr() and stride()
    def program(torch):
        x = torch.ones(3, 4)
        p = x.data_ptr()
        layout = [x.element_size(), x.nbytes, x.itemsize, x[1].data_ptr() - p,
                  x.T.data_ptr() == p, torch.ones(2, dtype=torch.float16).element_size(),
                  x.stride(), x.T.stride(), x.stride(-2), x[:, 1].stride(),
                  x.expand(2, 3, 4).stride(), x[None].stride(), x[::2, 1::2].stride()]  # fmt: skip
        x += 1
        x.mul_(2)
        x[:] = x * 3
        with torch.no_grad():
            x.sub_(1)
        kept = [x.data_ptr() == p, (x + 1).data_ptr() == p, x.view(12).data_ptr() == p,
                x.t().contiguous().data_ptr() == p]  # fmt: skip
        return layout + kept

    check(program)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.arange(3, requires_grad=True),
        lambda torch: torch.zeros(2, dtype=torch.int64, requires_grad=True),
        lambda torch: torch.full((2,), 1, requires_grad=True),
        lambda torch: torch.randint(0, 3, (2,), requires_grad=True),
        lambda torch: torch.zeros_like(torch.arange(2), requires_grad=True),
        lambda torch: torch.tensor([1], requires_grad=True),
        lambda torch: torch.tensor([1]).requires_grad_(),
    ],
)
def test_integer_tensors_refuse_requires_grad_in_torchs_words(program) -> None:
    # factories say "Only Tensors of floating point and complex dtype", requires_grad_()
    # "only Tensors of floating point dtype"
    check(program)


def test_torch_tensor_methods_the_playground_lacks_say_so() -> None:
    x = py_engine.ones(2)
    with pytest.raises(NotImplementedError, match=r"Tensor\.geqrf is not supported"):
        x.geqrf()
    assert not hasattr(x, "geqrf")  # still an AttributeError to feature checks
    # the names are torch's own; a misspelling is torch's AttributeError, word for word
    assert {n for n in dir(real_torch.Tensor) if not n.startswith("_")} == set(
        py_engine._tensor.torch_names.TORCH_TENSOR_NAMES
    )
    check(lambda torch: torch.ones(2).gradd)
    check(lambda torch: torch.nn.Parameter(torch.ones(1)).foo)


def test_size_stays_a_size_through_tuple_operations() -> None:
    def program(torch):
        s = torch.ones(3, 4).shape
        out = [s + (1,), (1,) + s, s[1:], s[::-1], s * 2, 2 * s, s + s, s[0], type(s[0]).__name__]
        try:
            s + [1]
        except TypeError as e:
            out.append(str(e))
        return [repr(o) for o in out]

    check(program)


@pytest.mark.parametrize(
    "expr",
    [
        "f'{torch.tensor(3.14159):.2f}'",
        "f'{torch.tensor(7):5d}'",
        "f'{torch.tensor([1.5, 2.25])}'",
        "f'{torch.tensor([1.5, 2.25]):.2f}'",
        "f'{torch.nn.Parameter(torch.tensor(2.0)):.2f}'",
        "f'{torch.nn.Parameter(torch.tensor(2.0))}'",
        "f'{torch.tensor(2.0, requires_grad=True):.3f}'",
        "[hash(t) == id(t) for t in [torch.ones(2)]]",
    ],
)
def test_format_and_hash_as_torch(expr: str) -> None:
    check(lambda torch: eval(expr))


@pytest.mark.parametrize(
    "expr",
    [
        "x[::-1]",
        "x[::0]",
        "x.reshape(2, 3)[:, ::-1]",
        "x[1:5:-2]",
        "x[::2]",
        "x[::torch.tensor(2)]",
    ],
)
def test_slice_steps_as_torch(expr: str) -> None:
    # numpy's x[::-1] is torch.flip: torch refuses negative steps
    def program(torch):
        x = torch.arange(6.0)  # noqa: F841 (the expression uses it)
        return eval(expr)

    check(program)
