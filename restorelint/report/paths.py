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


def printable(path: str) -> str:
    """A path as text any encoder accepts. A file name that is not UTF-8 reaches
    Python as surrogate escapes; it is shown byte for byte as ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file name produced
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def path_bytes(path: str) -> bytes:
    """The path as the bytes the operating system gave."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace")


def display_path(path: str) -> str:
    """The repository-relative path when there is one, otherwise the path as given."""
    return printable(relative_to_cwd(path) or path)
