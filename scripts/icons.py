#!/usr/bin/env python3
"""Render web/public/icons/icon.svg into the PNG icons the web app manifest lists.

Browsers want PNG icons of 192 and 512 px to offer installing the page; the SVG stays the
one source. Run after editing the SVG (the PNGs are committed: the build needs no browser).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "web" / "public" / "icons"
sys.path.insert(0, str(ROOT / "scripts"))

import chromium  # noqa: E402  (scripts/ is not a package, hence the sys.path line)


def main() -> int:
    svg = (ICONS / "icon.svg").read_text()
    with sync_playwright() as p:
        browser = chromium.launch(p)
        try:
            for size in (192, 512):
                page = browser.new_page(viewport={"width": size, "height": size})
                page.set_content(
                    "<style>html,body{margin:0;background:transparent}"
                    f"svg{{display:block;width:{size}px;height:{size}px}}</style>{svg}"
                )
                page.screenshot(path=ICONS / f"icon-{size}.png", omit_background=True)
                page.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
