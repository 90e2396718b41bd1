"""Paths as CI systems want them: relative to the working directory (the checkout)."""

from __future__ import annotations

import os
from pathlib import Path


def relative_to_cwd(path: str) -> str | None:
    """``path`` as a POSIX path relative to the working directory, or None when it is
    outside it (or names no file, such as ``<stdin>``)."""
    if path.startswith("<"):
        return None
    cwd = Path.cwd()
    try:
        relative = Path(os.path.relpath(os.path.abspath(path), cwd))
    except ValueError:  # another drive on Windows
        return None
    if relative.parts and relative.parts[0] == os.pardir:
        return None
    return relative.as_posix()


def display_path(path: str) -> str:
    """The repository-relative path when there is one, otherwise the path as given."""
    return relative_to_cwd(path) or path
