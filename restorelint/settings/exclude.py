"""Which files are not linted: ``exclude`` / ``extend-exclude`` globs and ``.gitignore``.

Globs use ``.gitignore`` syntax and are relative to the configuration file's
folder: ``drafts/`` excludes every folder named drafts, ``/drafts/`` only the
top one, ``*.bak`` any such file, ``archive/**/*.md`` what it says.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

# pathspec is imported where a glob is first compiled: linting files named on the
# command line compiles none, and its import is a tenth of a no-parse start.

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


def gitignore_spec(lines: Iterable[str]) -> pathspec.GitIgnoreSpec:
    # The pure-Python backend: pathspec picks re2 when google-re2 is installed
    # (proselint brings it), and re2 raises on a file name that is not UTF-8.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")


@cache
def compile_globs(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return gitignore_spec(patterns)


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _candidates(rel: str, is_dir: bool, ancestors: bool) -> list[str]:
    """What to match for a relative path: the path, and (unless a walk has already
    checked them on its way down) every folder above it. A walk that checked each
    ancestor again would cost the square of a tree's depth per file."""
    candidates = [rel + "/" if is_dir else rel]
    if ancestors:
        parts = rel.split("/")
        candidates.extend("/".join(parts[:i]) + "/" for i in range(1, len(parts)))
    return candidates


def matches(
    path: Path, root: Path, patterns: Iterable[str], is_dir: bool = False, ancestors: bool = True
) -> bool:
    """Does ``path`` (absolute) or a folder above it match a glob relative to ``root``?"""
    spec = compile_globs(tuple(patterns))
    rel = _relative(path, root)
    if rel is None or rel == ".":
        # Outside the configuration's folder: only patterns on names can apply.
        rel = path.name
    return any(spec.match_file(c) for c in _candidates(rel, is_dir, ancestors))


_ROOTS: dict[Path, Path | None] = {}
_SPECS: dict[Path, tuple[tuple[Path, pathspec.GitIgnoreSpec], ...]] = {}


def _git_root(folder: Path) -> Path | None:
    """The working tree holding ``folder``, remembered for every folder on the way
    up, so a deep tree costs one look per folder."""
    chain: list[Path] = []
    current = folder
    while current not in _ROOTS:
        try:
            found = (current / ".git").exists()
        except OSError:
            found = False  # a folder we may not search is not where .git is
        if found:
            _ROOTS[current] = current
            break
        chain.append(current)
        if current.parent == current:
            _ROOTS[current] = None
            break
        current = current.parent
    result = _ROOTS[current]
    for item in chain:
        _ROOTS[item] = result
    return result


@cache
def _gitignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    file = folder / ".gitignore"
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        return gitignore_spec(lines)
    except Exception:
        # git skips a line it cannot read as a pattern; so does this
        return gitignore_spec(_valid(lines))


def _valid(lines: Iterable[str]) -> list[str]:
    kept = []
    for line in lines:
        try:
            gitignore_spec([line])
        except Exception:
            continue
        kept.append(line)
    return kept


def _specs(folder: Path, root: Path) -> tuple[tuple[Path, pathspec.GitIgnoreSpec], ...]:
    """The .gitignore files from ``root`` down to ``folder``, each with its folder."""
    chain: list[Path] = []
    current = folder
    while current not in _SPECS and current != root and current.parent != current:
        chain.append(current)
        current = current.parent
    if current not in _SPECS:
        own = _gitignore(current)
        _SPECS[current] = ((current, own),) if own is not None else ()
    found = _SPECS[current]
    for item in reversed(chain):
        own = _gitignore(item)
        found = (*found, (item, own)) if own is not None else found
        _SPECS[item] = found
    return found


def gitignored(path: Path, is_dir: bool = False, ancestors: bool = True) -> bool:
    """Is ``path`` (absolute) ignored by a ``.gitignore`` of its git working tree?

    Every ``.gitignore`` from the working tree's root down to the path's folder
    is read, each relative to its own folder; outside a git working tree
    nothing is ignored.
    """
    root = _git_root(path.parent)
    if root is None:
        return False
    for base, spec in _specs(path.parent, root):
        rel = path.relative_to(base).as_posix()
        if any(spec.match_file(c) for c in _candidates(rel, is_dir, ancestors)):
            return True
    return False


def forget_gitignores() -> None:
    """Read ``.gitignore`` files (and find working trees) afresh: a long-running
    process (the language server) must see them change."""
    _ROOTS.clear()
    _SPECS.clear()
    _gitignore.cache_clear()
