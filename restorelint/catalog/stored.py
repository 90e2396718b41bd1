"""The bundled catalog's checked data, kept on disk between runs.

Reading the catalog (YAML, each file checked against its JSON Schema, and
importing both libraries) is most of the start of a run with nothing to parse.
Every bundled file's data, as read and checked, is stored in one entry named by
a hash of everything that decides it: the bytes of every bundled file and
schema, the catalog's own code, and the versions of Python, PyYAML and
jsonschema. Editing any of them reads the YAML again. An entry that cannot be
read, or does not hold the file asked for, is treated as missing; team rule
folders are never stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

ENV_DIR = "RESTORELINT_CACHE_DIR"
FORMAT = 1
_HERE = Path(__file__).resolve().parent
# False in a process that promises to write no files (the language server).
_WRITE = [True]


def write_nothing() -> None:
    """Read a stored entry when there is one, never write one."""
    _WRITE[0] = False


def default_dir() -> Path:
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("restorelint", appauthor=False))


def schema_of(path: Path) -> str:
    """The schema a bundled file is checked against: ``_context.yaml`` has its own."""
    return path.stem[1:] if path.name.startswith("_") else "rule"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file())


@cache
def installed_version(name: str) -> str:
    """The installed version of a distribution, or "-": read off its
    ``name-version.dist-info`` folder name (as installers write it), since
    importing importlib.metadata costs a tenth of a run with nothing to parse.
    Used only in cache keys, which need to change when a version does."""

    def normal(text: str) -> str:
        return re.sub(r"[-_.]+", "_", text).lower()

    wanted = normal(name)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for found in names:
            project, _, version = found.removesuffix(".dist-info").partition("-")
            if found.endswith(".dist-info") and version and normal(project) == wanted:
                return version
    return "-"


def _key(folder: Path, files: list[Path]) -> str:
    h = hashlib.sha256()
    stamp = [sys.version, installed_version("pyyaml"), installed_version("jsonschema"), str(FORMAT)]
    code = sorted(_HERE.glob("*.py")) + sorted((_HERE / "schemas").glob("*.json"))
    for part in stamp:
        h.update(part.encode() + b"\0")
    for path in code + files:
        name = path.relative_to(folder) if path.is_relative_to(folder) else path.name
        h.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


class Stored:
    """One bundled folder's entry: each file's checked data as JSON text, decoded
    afresh for every caller (a caller may keep or change what it gets)."""

    def __init__(self, folder: Path, directory: Path) -> None:
        self.folder = folder
        self.files = _files(folder)
        self.path = directory / "catalog" / f"{_key(folder, self.files)}.json"
        self.texts: dict[str, str] | None = None

    def read(self) -> bool:
        try:
            payload = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            return False
        texts = payload.get("files")
        if not isinstance(texts, dict):
            return False
        if sorted(texts) != sorted(self._name(p) for p in self.files):
            return False
        if not all(isinstance(t, str) for t in texts.values()):
            return False
        self.texts = texts
        return True

    def fill(self, check: Callable[[Path, str], Any]) -> None:
        """Read and check every file as the loader does, and keep it if all pass
        and survive JSON unchanged (a YAML date or a number as a key would not)."""
        texts = {}
        for path in self.files:
            data = check(path, schema_of(path))
            text = json.dumps(data, ensure_ascii=False)
            if json.loads(text) != data:
                return
            texts[self._name(path)] = text
        self.texts = texts
        if _WRITE[0]:
            payload = {"format": FORMAT, "files": texts}
            write_entry(self.path, json.dumps(payload, ensure_ascii=False))

    def get(self, path: Path) -> tuple[bool, Any]:
        text = self.texts.get(self._name(path)) if self.texts is not None else None
        if text is None:
            return False, None
        try:
            return True, json.loads(text)
        except ValueError:
            return False, None

    def _name(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()


def write_entry(path: Path, text: str) -> None:
    """Write a cache entry atomically; a failure to write is never a run's failure."""
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except (OSError, ValueError):
        # a read-only home, a full disk (or text no file can hold) must never fail a run
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


@cache
def stored(folder: Path, check: Callable[[Path, str], Any]) -> Stored | None:
    """The folder's entry, read or (once per change) filled; None when it cannot
    be made (a file that fails its check is then reported by the loader)."""
    try:
        entry = Stored(folder, default_dir())
        if not entry.read():
            entry.fill(check)
    except Exception:  # whatever fails here, the loader reports it itself
        return None
    return entry if entry.texts is not None else None
