"""Which files are not linted: ``exclude`` / ``extend-exclude`` globs and ``.gitignore``.

Globs use ``.gitignore`` syntax and are relative to the configuration file's
folder: ``drafts/`` excludes every folder named drafts, ``/drafts/`` only the
top one, ``*.bak`` any such file, ``archive/**/*.md`` what it says.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pathspec

# Folders no one wants linted; setting `exclude` replaces this list,
# `extend-exclude` adds to it.
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    "build",
    "dist",
    "site-packages",
)


@cache
def compile_globs(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def matches(path: Path, root: Path, patterns: Iterable[str], is_dir: bool = False) -> bool:
    """Does ``path`` (absolute) or a folder above it match a glob relative to ``root``?"""
    spec = compile_globs(tuple(patterns))
    rel = _relative(path, root)
    if rel is None or rel == ".":
        # Outside the configuration's folder: only patterns on names can apply.
        rel = path.name
    candidates = [rel + "/" if is_dir else rel]
    parts = rel.split("/")
    candidates.extend("/".join(parts[:i]) + "/" for i in range(1, len(parts)))
    return any(spec.match_file(c) for c in candidates)


@cache
def _git_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


@cache
def _gitignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    file = folder / ".gitignore"
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def gitignored(path: Path, is_dir: bool = False) -> bool:
    """Is ``path`` (absolute) ignored by a ``.gitignore`` of its git working tree?

    Every ``.gitignore`` from the working tree's root down to the path's folder
    is read, each relative to its own folder; outside a git working tree
    nothing is ignored.
    """
    root = _git_root(path.parent)
    if root is None:
        return False
    folder = path.parent
    chain = []
    while True:
        chain.append(folder)
        if folder == root or folder.parent == folder:
            break
        folder = folder.parent
    for base in reversed(chain):
        spec = _gitignore(base)
        if spec is None:
            continue
        rel = path.relative_to(base).as_posix()
        candidates = [rel + "/" if is_dir else rel]
        parts = rel.split("/")
        candidates.extend("/".join(parts[:i]) + "/" for i in range(1, len(parts)))
        if any(spec.match_file(c) for c in candidates):
            return True
    return False


def forget_gitignores() -> None:
    """Read ``.gitignore`` files (and find working trees) afresh: a long-running
    process (the language server) must see them change."""
    _git_root.cache_clear()
    _gitignore.cache_clear()
