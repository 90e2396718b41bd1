"""Configuration files: ``[tool.restorelint]`` in ``pyproject.toml``, or the same keys
at the top level of a ``.restorelint.toml``, ``.restorelint.yaml`` or
``.restorelint.yml``. The file that governs a document is the nearest one found
walking up from the document's folder (in a folder, a ``.restorelint.*`` file
first, then a ``pyproject.toml`` that has a ``[tool.restorelint]`` table). A file
may ``extend`` another, which is read first and overridden key by key."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from restorelint.catalog.load import CatalogError, parse_yaml
from restorelint.settings.model import Settings
from restorelint.settings.schema import TABLE, ConfigError, parse_config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

# Files restorelint owns, any one of which may sit in a folder; a second one beside
# it would leave a reader guessing which applies, so that is an error.
OWN_NAMES = (".restorelint.toml", ".restorelint.yaml", ".restorelint.yml")
PYPROJECT = "pyproject.toml"
CONFIG_NAMES = (*OWN_NAMES, PYPROJECT)
# A chain of `extend`s longer than this is a mistake, not a configuration.
MAX_EXTENDS = 16
# A configuration file is a few hundred bytes; a megabyte is not one.
MAX_CONFIG_BYTES = 1024 * 1024
# [ \t]*, not \s*: \s also matches line breaks, and a file of blank lines would
# then be read again from every line.
_TABLE_HEADER = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*restorelint[ \t]*[\].]", re.M)


def _text(path: Path) -> str:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(path, "", "not a regular file")
        if info.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(path, "", f"{info.st_size} bytes; too large for a configuration file")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(path, "", "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "", f"cannot read: {exc}") from exc


def _read(path: Path) -> dict[str, Any]:
    text = _text(path)
    if path.suffix in (".yaml", ".yml"):
        try:
            data = parse_yaml(text, path)
        except CatalogError as exc:
            raise ConfigError(path, "", exc.problem) from exc
        if data is None:
            return {}  # an empty file: the defaults
        if not isinstance(data, dict):
            raise ConfigError(path, "", "must be a mapping of settings")
        return data
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"not valid TOML: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(path, "", "nested too deeply to read") from exc


def load_config(path: Path, _seen: Sequence[Path] = ()) -> Settings:
    """Read a configuration file, and the files it ``extend``s before it."""
    path = Path(os.path.abspath(path))
    data = _read(path)
    prefix = ""
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(path, "tool", f"must be a table, not {type(tool).__name__}")
        data = tool.get("restorelint", {})
        if not isinstance(data, dict):
            raise ConfigError(path, TABLE, f"must be a table, not {type(data).__name__}")
        prefix = TABLE
    base = None
    extend = data.get("extend")
    if isinstance(extend, str) and extend:
        key = f"{prefix}.extend" if prefix else "extend"
        target = Path(os.path.abspath(path.parent / extend))
        chain = [*_seen, path]
        if target in chain:
            cycle = " → ".join(str(p) for p in [*chain, target])
            raise ConfigError(path, key, f"extends itself: {cycle}")
        if len(chain) > MAX_EXTENDS:
            raise ConfigError(path, key, f"more than {MAX_EXTENDS} files extend each other")
        if not _is_file(target):
            raise ConfigError(path, key, f"no such file: {extend}")
        base = load_config(target, chain)
    return parse_config(data, path, prefix, base)


def _declares_table(pyproject: Path) -> bool:
    try:
        if pyproject.stat().st_size > MAX_CONFIG_BYTES:
            return True  # let load_config say why it cannot be used
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _TABLE_HEADER.search(text) is not None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def own_config(folder: Path) -> Path | None:
    """The configuration file in ``folder`` itself, if it has one."""
    own = [folder / name for name in OWN_NAMES if _is_file(folder / name)]
    if len(own) > 1:
        names = " and ".join(p.name for p in own)
        raise ConfigError(folder, "", f"{names} are both here; keep one of them")
    if own:
        return own[0]
    pyproject = folder / PYPROJECT
    if _is_file(pyproject) and _declares_table(pyproject):
        return pyproject
    return None


def find_config(folder: Path) -> Path | None:
    """The nearest configuration file at or above ``folder``."""
    for candidate in (folder, *folder.parents):
        found = own_config(candidate)
        if found is not None:
            return found
    return None
