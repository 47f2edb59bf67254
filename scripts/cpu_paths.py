#!/usr/bin/env python3
"""Run the engine suite as it would run on x86-64 machines with fewer vector units.

Torch's kernels, numpy's ufuncs, MKL, OpenBLAS and glibc's libm each pick a code path from
the CPU they start on, and those paths can differ in the last bits of a float. A suite that
only ever runs on one machine can come to depend on its bits (issue 8: green on the machine
it was written on, red on an AVX-512 one). Every one of those libraries can be told to
behave as if the CPU had fewer features, so this script runs `pytest tests` once per
profile below, each a consistent older machine, skipping profiles that need more than the
host has:

  avx512    the host as it is, when it has AVX-512 (torch's and numpy's AVX-512 kernels)
  avx2      an AVX2 + FMA machine without AVX-512 (most laptops, Zen 2/3)
  baseline  plain x86-64 with SSE only: torch's DEFAULT kernels, numpy's baseline loops

  cpu_paths.py [--profile NAME ...] [-- pytest args]

Exit status: 0 when every profile passed, else the first failing pytest's status.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

# numpy's runtime-dispatched features, newest first; baseline (SSE..SSE3) cannot be disabled
_NPY_AVX512 = [
    "AVX512_SPR", "AVX512_ICL", "AVX512_CNL", "AVX512_CLX", "AVX512_SKX", "AVX512_KNM",
    "AVX512_KNL", "AVX512CD", "AVX512F",
]  # fmt: skip
_NPY_AVX = ["AVX2", "FMA3", "F16C", "AVX"]
_NPY_SSE4 = ["POPCNT", "SSE42", "SSE41", "SSSE3"]
# glibc picks libm's FMA/AVX2 variants (sin, cos, exp, log, pow...) through these
_GLIBC_AVX512 = ["AVX512F", "AVX512CD", "AVX512BW", "AVX512DQ", "AVX512VL"]
_GLIBC_AVX = ["AVX2", "FMA", "FMA4", "AVX"]

PROFILES: dict[str, dict[str, list[str] | str]] = {
    "avx512": {"requires": "avx512f"},
    "avx2": {
        "requires": "avx2",
        "ATEN_CPU_CAPABILITY": "avx2",
        "NPY_DISABLE_CPU_FEATURES": _NPY_AVX512,
        "MKL_ENABLE_INSTRUCTIONS": "AVX2",
        "OPENBLAS_CORETYPE": "Haswell",
        "GLIBC_TUNABLES": _GLIBC_AVX512,
    },
    "baseline": {
        "requires": "sse2",
        "ATEN_CPU_CAPABILITY": "default",
        "NPY_DISABLE_CPU_FEATURES": _NPY_AVX512 + _NPY_AVX + _NPY_SSE4,
        "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
        "OPENBLAS_CORETYPE": "Prescott",
        "GLIBC_TUNABLES": _GLIBC_AVX512 + _GLIBC_AVX,
    },
}


def cpu_flags() -> set[str]:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def numpy_features() -> set[str]:
    """The dispatched features numpy finds here: only those may be named as disabled."""
    out = subprocess.run(
        [sys.executable, "-c", "from numpy._core._multiarray_umath import __cpu_features__ as f;"
         "print(' '.join(k for k, v in f.items() if v))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return set(out.stdout.split())


def environment(profile: dict[str, list[str] | str], found: set[str]) -> dict[str, str]:
    env = dict(os.environ)
    # a profile says everything about the machine it stands for: no leftovers from the shell
    for key in ("ATEN_CPU_CAPABILITY", "NPY_DISABLE_CPU_FEATURES", "MKL_ENABLE_INSTRUCTIONS",
                "GLIBC_TUNABLES"):  # fmt: skip
        env.pop(key, None)
    for key, value in profile.items():
        if key == "requires":
            continue
        if key == "NPY_DISABLE_CPU_FEATURES":
            value = " ".join(v for v in value if v in found)
        elif key == "GLIBC_TUNABLES":
            value = "glibc.cpu.hwcaps=" + ",".join(f"-{v}" for v in value)
        if value:
            env[key] = str(value)
    if "OPENBLAS_CORETYPE" in env:
        # set by some machines' images for old OpenBLAS builds; a profile's core type wins
        env.pop("OPENBLAS_L2_SIZE", None)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", action="append", choices=sorted(PROFILES))
    parser.add_argument("pytest_args", nargs="*", default=["tests", "-q", "-p", "no:cacheprovider"])
    args = parser.parse_args()
    flags, found = cpu_flags(), numpy_features()
    status = 0
    for name in args.profile or list(PROFILES):
        profile = PROFILES[name]
        if profile["requires"] not in flags:
            print(f"cpu_paths: {name}: skipped (this CPU has no {profile['requires']})")
            continue
        env = environment(profile, found)
        shown = {k: env[k] for k in profile if k != "requires"}
        print(f"cpu_paths: {name}: {shown or 'the host as it is'}", flush=True)
        start = time.monotonic()
        rc = subprocess.run([sys.executable, "-m", "pytest", *args.pytest_args], env=env).returncode
        print(f"cpu_paths: {name}: exit {rc} in {time.monotonic() - start:.0f} s", flush=True)
        status = status or rc
    return status


if __name__ == "__main__":
    sys.exit(main())
