"""Random numbers that match PyTorch's CPU generator: same seed, same numbers.

PyTorch's CPU generator is a 32-bit Mersenne Twister seeded like `init_genrand`; numpy's
MT19937 with its legacy seeding produces the identical stream. `randn` then follows
PyTorch's two code paths: fewer than 16 elements draw Box-Muller pairs in double precision
(caching the second value), 16 or more fill uniforms first and transform them in blocks of 16.
"""

from __future__ import annotations

import math
import os
from typing import Any

import numpy as np

from ._fused import fma

# randn_array is no torch function, but the package has always exported it.
__all__ = ["Generator", "default_generator", "get_rng_state", "initial_seed", "manual_seed",
           "randn_array", "seed", "set_rng_state"]  # fmt: skip

_DEFAULT_SEED = 67280421310721  # PyTorch's default_rng_seed_val


class Generator:
    def __init__(self, device: str = "cpu") -> None:
        self.manual_seed(_DEFAULT_SEED)

    def manual_seed(self, seed: int) -> Generator:
        self._seed = int(seed)
        # Made at the first draw: numpy.random (nine C extensions, and `secrets`) then loads
        # only when a program draws, not while the page's engine starts.
        self._mt: np.random.MT19937 | None = None
        self._next_normal: float | None = None
        return self

    def initial_seed(self) -> int:
        return self._seed

    # The state as PyTorch's CPUGeneratorImplState lays it out (5056 bytes): the seed, the
    # Mersenne Twister's words and position (left/next), the cached Box-Muller normal.
    _STATE_SIZE = 5056

    def get_state(self) -> Any:
        from ._tensor.core import Tensor

        out = np.zeros(self._STATE_SIZE, dtype=np.uint8)
        if self._mt is None:  # seeded, nothing drawn: init_genrand's words, a twist due
            mt = np.random.MT19937()
            mt._legacy_seeding(self._seed & 0xFFFFFFFF)
            key, left, nxt = mt.state["state"]["key"], 1, 0
        else:
            st = self._mt.state["state"]
            key, pos = st["key"], int(st["pos"])
            left, nxt = (1, pos) if pos >= 624 else (625 - pos, pos)
        header = np.array([self._seed & 0xFFFFFFFFFFFFFFFF], dtype="<u8").view(np.uint8)
        out[0:8] = header
        out[8:16] = np.array([left, 1], dtype="<i4").view(np.uint8)
        out[16:24] = np.array([nxt], dtype="<u8").view(np.uint8)
        out[24:5016] = np.asarray(key, dtype="<u8").view(np.uint8)
        if self._next_normal is not None:
            out[5024:5032] = np.array([self._next_normal], dtype="<f8").view(np.uint8)
            out[5040:5044] = np.array([1], dtype="<i4").view(np.uint8)
        return Tensor._make(out, None)

    def set_state(self, new_state: Any) -> Generator:
        from . import dtypes
        from ._tensor.core import Tensor

        if not isinstance(new_state, Tensor):
            raise TypeError(f"expected a torch.ByteTensor, but got {type(new_state).__name__}")
        if new_state.dtype is not dtypes.uint8:
            raise TypeError("RNG state must be a torch.ByteTensor")
        raw = np.ascontiguousarray(new_state._data).reshape(-1)
        if raw.size != self._STATE_SIZE:
            raise RuntimeError(
                f"Expected a CPUGeneratorImplState of size {self._STATE_SIZE} but found the "
                f"input RNG state size to be {raw.size}"
            )
        seed = int(raw[0:8].view("<i8")[0])
        left = int(raw[8:12].view("<i4")[0])
        nxt = int(raw[16:24].view("<u8")[0])
        key = raw[24:5016].view("<u8").astype(np.uint32)
        self._seed = seed
        self._mt = np.random.MT19937()
        # left == 1: the next draw twists first (numpy's position 624)
        pos = 624 if left == 1 else nxt
        self._mt.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": pos}}
        valid = int(raw[5040:5044].view("<i4")[0])
        self._next_normal = float(raw[5024:5032].view("<f8")[0]) if valid else None
        return self

    def _u32(self, n: int) -> np.ndarray:
        if self._mt is None:
            self._mt = np.random.MT19937()
            # init_genrand takes the seed's low 32 bits, as PyTorch's mt19937 does
            self._mt._legacy_seeding(self._seed & 0xFFFFFFFF)
        return self._mt.random_raw(n).astype(np.uint64)

    def _uniform_double(self, n: int) -> np.ndarray:
        raw = self._u32(2 * n)
        hi, lo = raw[0::2], raw[1::2]
        r64 = (hi << np.uint64(32)) | lo
        return (r64 & np.uint64((1 << 53) - 1)).astype(np.float64) * 2.0**-53

    def _uniform_float(self, n: int) -> np.ndarray:
        raw = self._u32(n)
        return ((raw & np.uint64((1 << 24) - 1)).astype(np.float64) * 2.0**-24).astype(np.float32)

    def uniform(self, n: int, low: float, high: float, np_dtype: Any) -> np.ndarray:
        """torch's CPU uniform_(low, high): 53 random bits of a 64-bit draw for float64, 24 of
        a 32-bit draw otherwise, then x * (high - low) + low fused, as torch's vectorised
        kernel computes it."""
        if np.dtype(np_dtype) == np.float64:
            return fma(self._uniform_double(n), high - low, low)
        x = (self._u32(n) & np.uint64((1 << 24) - 1)).astype(np.float64) * 2.0**-24
        lo, hi = np.float32(low), np.float32(high)
        # a 24-bit x times a float32 is exact in double: one rounding to float32 is the fused one
        return (x * float(hi - lo) + float(lo)).astype(np.float32)

    def normal_small(self, n: int) -> np.ndarray:
        out = np.empty(n, dtype=np.float64)
        for i in range(n):
            if self._next_normal is not None:
                out[i], self._next_normal = self._next_normal, None
                continue
            u1, u2 = self._uniform_double(2)
            r = math.sqrt(-2.0 * math.log1p(-u2))
            theta = 2.0 * math.pi * u1
            self._next_normal = r * math.sin(theta)
            out[i] = r * math.cos(theta)
        return out

    def normal_fill(self, n: int, np_dtype: np.dtype) -> np.ndarray:
        if np_dtype == np.float32:
            data = self._uniform_float(n)
        else:
            data = self._uniform_double(n)

        def fill16(block: np.ndarray) -> None:
            u1 = 1 - block[:8]
            u2 = block[8:16]
            radius = np.sqrt(-2 * np.log(u1))
            theta = (2.0 * math.pi * u2.astype(np.float64)).astype(block.dtype)
            block[:8] = radius * np.cos(theta)
            block[8:16] = radius * np.sin(theta)

        for i in range(0, n - 15, 16):
            fill16(data[i : i + 16])
        if n % 16:
            tail = self._uniform_float(16) if np_dtype == np.float32 else self._uniform_double(16)
            data[n - 16 :] = tail
            fill16(data[n - 16 :])
        return data


def _nondeterministic_seed() -> int:
    # What PyTorch draws from std::random_device: 64 bits, different in every process.
    return int.from_bytes(os.urandom(8), "little")


# A new Generator() starts from PyTorch's fixed default seed, but the default generator, as in
# PyTorch 2.13, from a fresh random seed in every process (page load): without manual_seed, a
# program draws other numbers each run.
default_generator = Generator().manual_seed(_nondeterministic_seed())


def manual_seed(seed: int) -> Generator:
    return default_generator.manual_seed(seed)


def seed() -> int:
    s = _nondeterministic_seed()
    default_generator.manual_seed(s)
    return s


def initial_seed() -> int:
    return default_generator.initial_seed()


def get_rng_state() -> Any:
    return default_generator.get_state()


def set_rng_state(new_state: Any) -> None:
    default_generator.set_state(new_state)


def randn_array(shape: tuple[int, ...], np_dtype: Any, generator: Generator | None) -> np.ndarray:
    gen = generator or default_generator
    n = math.prod(shape)
    if n >= 16:
        flat = gen.normal_fill(n, np.dtype(np_dtype))
    else:
        flat = gen.normal_small(n)
    return flat.astype(np_dtype).reshape(shape)
