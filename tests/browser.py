"""Debian's Chromium, driven by Playwright, for the tests and scripts that look at the
HTML audit report as a reader's browser shows it."""

from __future__ import annotations

import os
import shutil

# Chromium in a container: no sandbox or GPU, and none of its own traffic (updates,
# sync, safe browsing), so every request the page makes is the page's own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    return (
        os.environ.get("RESTORELINT_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
