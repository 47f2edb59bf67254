#!/usr/bin/env python3
"""Write a content digest of some files and folders to a stamp file, only if it changed.

make compares mtimes, which lie both ways here: pytest touches py_engine/ by writing
__pycache__, and a deleted source file leaves nothing newer behind. A stamp whose
mtime moves only when the content digest moves gives make the right answer; the
Makefile runs this on every call (it is cheap) and depends on the stamp.

Usage: digest.py STAMP PATH... [--exclude GLOB]...   (GLOB matches file and folder names)
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import os
import sys
from pathlib import Path

ALWAYS_EXCLUDED = {"__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", ".DS_Store"}


def is_excluded(name: str, excluded: set[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in excluded)


def iter_files(path: Path, excluded: set[str]) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if not is_excluded(d, excluded))
        found += [Path(dirpath) / f for f in sorted(filenames) if not is_excluded(f, excluded)]
    return found


def digest(paths: list[Path], excluded: set[str]) -> str:
    h = hashlib.sha256()
    for root in paths:
        # Missing inputs count too: a file appearing must change the digest.
        h.update(f"root {root} {root.exists()}\n".encode())
        for f in iter_files(root, excluded):
            h.update(f"file {f}\n".encode())
            with f.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stamp", type=Path)
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--exclude", action="append", default=[])
    args = parser.parse_args(argv)
    value = digest(args.paths, ALWAYS_EXCLUDED | set(args.exclude)) + "\n"
    if args.stamp.is_file() and args.stamp.read_text() == value:
        return 0
    args.stamp.parent.mkdir(parents=True, exist_ok=True)
    args.stamp.write_text(value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
