#!/usr/bin/env python3
"""Find, install and launch the Chromium that e2e tests and benchmarks drive.

Debian's /usr/bin/chromium is preferred: it installs from apt, which is reachable
where Playwright's own browser download is not. Without root (a laptop), Playwright's
bundled Chromium is used instead.

  chromium.py install   make sure a browser and Chinese fonts are there (apt as root,
                        else Playwright's browser and a notice about the fonts)
  chromium.py path      print the executable in use ("" = Playwright's bundled one)

Environment: CHROMIUM_PATH overrides the executable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Playwright

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")

# Headless, and quiet: no background traffic (updates, sync, field trials) that would
# both reach for the network and muddy "no request left the origin" checks and timings.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def executable() -> str | None:
    """The Chromium to launch, or None for Playwright's bundled one."""
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        return override
    if DEBIAN_CHROMIUM.exists():
        return str(DEBIAN_CHROMIUM)
    return None


def launch(playwright: Playwright, **kwargs: Any) -> Browser:
    return playwright.chromium.launch(
        executable_path=executable(), headless=True, args=LAUNCH_ARGS, **kwargs
    )


def launch_with_profile(playwright: Playwright, profile: Path, **kwargs: Any) -> BrowserContext:
    """A browser whose profile lives on disk at `profile`, as a person's browser does. Contexts
    of `launch()` are off the record, and Chromium keeps no compiled-code cache for those."""
    return playwright.chromium.launch_persistent_context(
        profile, executable_path=executable(), headless=True, args=LAUNCH_ARGS, **kwargs
    )


# Debian's Noto CJK fonts: without them the page's Chinese renders as empty boxes, and the
# zh-CN screenshots and layout checks would show nothing real.
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
APT_PACKAGES = ["chromium", "fonts-liberation", "fonts-noto-cjk"]


def _apt_install(packages: list[str]) -> int:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # Another apt run (a colleague's, unattended-upgrades) may hold the lock: wait for it.
    apt = ["apt-get", "-o", "DPkg::Lock::Timeout=300", "-q"]
    print(f"chromium: installing {' '.join(packages)} with apt-get", flush=True)
    for cmd in (apt + ["update"], apt + ["install", "-y", "--no-install-recommends", *packages]):
        if subprocess.run(cmd, check=False, env=env, stdin=subprocess.DEVNULL).returncode != 0:
            print(f"chromium: {' '.join(cmd)} failed", file=sys.stderr)
            return 1
    return 0


def install() -> int:
    root_apt = os.geteuid() == 0 and shutil.which("apt-get") is not None
    missing = [
        pkg
        for pkg, present in (
            ("chromium", executable() is not None),
            ("fonts-noto-cjk", CJK_FONT.exists()),
        )
        if not present
    ]
    if missing and root_apt:
        wanted = APT_PACKAGES if "chromium" in missing else ["fonts-noto-cjk"]
        if _apt_install(wanted) != 0:
            return 1
        if executable() is None:
            return 1
    if not CJK_FONT.exists():
        # Not fatal: every test still runs; only Chinese glyphs in screenshots are boxes.
        print(
            "chromium: Chinese fonts missing (not root: install Debian's fonts-noto-cjk, "
            "or any CJK font, to see real glyphs in screenshots)",
            file=sys.stderr,
        )
    if executable() is not None:
        print(f"chromium: {executable()}")
        return 0
    print("chromium: not root or no apt-get: using Playwright's own Chromium", flush=True)
    cmd = [sys.executable, "-m", "playwright", "install", "chromium"]
    return subprocess.run(cmd, check=False, stdin=subprocess.DEVNULL).returncode


def main(argv: list[str]) -> int:
    if argv == ["install"]:
        return install()
    if argv == ["path"]:
        print(executable() or "")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
