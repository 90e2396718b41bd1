"""Configuration files: ``[tool.restorelint]`` in ``pyproject.toml``, or
``.restorelint.toml``; the file that governs a document is the nearest one found
walking up from the document's folder (``.restorelint.toml`` first, then a
``pyproject.toml`` that has a ``[tool.restorelint]`` table)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from restorelint.settings.model import Settings
from restorelint.settings.schema import TABLE, ConfigError, parse_config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_NAMES = (".restorelint.toml", "pyproject.toml")


def load_config(path: Path) -> Settings:
    """Read a ``.restorelint.toml`` or a ``pyproject.toml``'s ``[tool.restorelint]``."""
    path = Path(os.path.abspath(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(path, "", "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "", f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"not valid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("restorelint", {})
        if not isinstance(table, dict):
            raise ConfigError(path, TABLE, "must be a table")
        return parse_config(table, path, TABLE)
    return parse_config(data, path, "")


def _declares_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*restorelint\s*[\].]", text, re.M) is not None


def find_config(folder: Path) -> Path | None:
    """The nearest configuration file at or above ``folder``."""
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAMES[0]
        if own.is_file():
            return own
        pyproject = candidate / CONFIG_NAMES[1]
        if pyproject.is_file() and _declares_table(pyproject):
            return pyproject
    return None
