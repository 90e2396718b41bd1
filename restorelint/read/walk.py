"""Walk a directory for text files without recursion, loops or silent gaps.

The walk is iterative (a tree 10,000 folders deep is no deeper for it than
one), never follows a symbolic link to a folder, enters each folder once (by
device and inode, so bind mounts and hard-linked trees cannot loop it), and
reports every folder it cannot list or search, and every entry with a text
suffix that is not a regular file (a FIFO would block a reader forever).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from restorelint.records import InputError

SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".venv", "venv"}
)
# skip(path, is_dir[, walked]) -> True when configuration excludes the path;
# walked=True says the folders above it were checked on the way down.
Skip = Callable[..., bool]

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def why(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or type(exc).__name__


def _listing(folder: Path) -> list[os.DirEntry[str]] | InputError:
    try:
        with os.scandir(folder) as entries:
            listed = sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        return InputError(str(folder), f"cannot list this directory ({why(exc)}), not linted")
    # Listing needs read permission, opening what is listed needs search (x):
    # a folder with one but not the other would otherwise fail file by file.
    if not os.access(folder, os.X_OK):
        return InputError(str(folder), "cannot search this directory (permission denied)")
    return listed


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def walk(
    directory: Path,
    suffixes: frozenset[str],
    skip: Skip | None = None,
    skipped: list[Path] | None = None,
    problems: list[InputError] | None = None,
) -> Iterator[Path]:
    """Files with one of ``suffixes`` under ``directory``, in sorted depth-first order;
    hidden and tool folders are never entered, and ``skip`` (the configuration's
    excludes) prunes folders and files. Problems are appended to ``problems``."""
    seen: set[tuple[int, int]] = set()
    stack = [directory]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
        except OSError as exc:
            if problems is not None:
                problems.append(InputError(str(folder), f"cannot open directory ({why(exc)})"))
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue  # the same folder reached twice: a loop or a bind mount
        seen.add((info.st_dev, info.st_ino))
        listed = _listing(folder)
        if isinstance(listed, InputError):
            if problems is not None:
                problems.append(listed)
            continue
        subfolders: list[Path] = []
        for entry in listed:
            path = folder / entry.name
            if _is_dir(entry):
                if entry.name in SKIPPED_DIRS or entry.name.startswith("."):
                    continue
                if skip is not None and skip(path, True, True):
                    if skipped is not None:
                        skipped.append(path)
                    continue
                subfolders.append(path)
                continue
            if Path(entry.name).suffix.lower() not in suffixes or entry.name.startswith("~$"):
                continue
            if skip is not None and skip(path, False, True):
                if skipped is not None:
                    skipped.append(path)
                continue
            yield path
        stack.extend(reversed(subfolders))
