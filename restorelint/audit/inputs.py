"""The audit's inputs: tables (CSV, TSV, JSON Lines, Parquet) with one message per
row, and documents (files and folders, read exactly as ``check`` reads them), as
one stream of messages.

A message's ``key`` only has to be unique within the run (the pipeline tells
messages apart by it); it names the input and the row, so it is an
identifier, and it never reaches the report.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from restorelint.audit.tables import TableReader, table_format
from restorelint.read.sources import MAX_BYTES, Skip, expand, read_file
from restorelint.records import InputError

# Rows or documents skipped, by reason; the report counts them, stderr names a few.
EMPTY, UNREADABLE, TOO_LONG = "empty", "unreadable", "too long"
MAX_WARNINGS = 20


@dataclass(frozen=True)
class Columns:
    """Which column of a table holds what; only ``text`` is required."""

    text: str = "text"
    id: str | None = None
    group: str | None = None
    role: str | None = None
    date: str | None = None

    def names(self) -> list[str]:
        chosen = (self.text, self.id, self.group, self.role, self.date)
        return [c for c in dict.fromkeys(chosen) if c is not None]


@dataclass(frozen=True)
class Message:
    key: str
    text: str
    format: str | None = None  # documents: their input format; table rows: plain text
    group: Any = None
    role: Any = None
    date: Any = None
    ident: Any = None  # the id column's value: for sampling and for stderr, never reported


def message_from_row(key: str, row: Any, columns: Columns) -> Message | str:
    """A table row as a message, or why it was skipped (``row`` maps columns to values)."""
    text = row.get(columns.text)
    if text is None or text != text:  # missing, or NaN in a pandas frame
        return EMPTY
    text = text if isinstance(text, str) else str(text)
    if not text.strip():
        return EMPTY
    if len(text) > MAX_BYTES:
        return TOO_LONG

    def value(name: str | None) -> Any:
        return row.get(name) if name is not None else None

    return Message(
        key=key,
        text=text,
        group=value(columns.group),
        role=value(columns.role),
        date=value(columns.date),
        ident=value(columns.id),
    )


class Inputs:
    """Every message of the paths given, streamed in order, with the bytes read so far."""

    def __init__(self, paths: Iterable[str], columns: Columns, skip: Skip | None = None) -> None:
        self.columns = columns
        self.tables: list[tuple[Path, str]] = []
        self.documents: list[Path] = []
        self.errors: list[InputError] = []
        for item in expand(paths, skip):
            if isinstance(item, InputError):
                self.errors.append(item)
                continue
            path, _root = item  # the folder --fix may write in: the audit writes nothing
            if (fmt := table_format(path)) is not None:
                self.tables.append((path, fmt))
            else:
                self.documents.append(path)
        self.total_bytes = sum(_size(p) for p, _ in self.tables) + sum(map(_size, self.documents))
        self.done_bytes = 0
        self.skipped: Counter[str] = Counter()
        self.warnings: list[str] = []

    def _skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(f"{where}: skipped ({reason})")

    def messages(self) -> Iterator[Message]:
        """Raises ``tables.TableError`` for a table that cannot be read at all."""
        for path, fmt in self.tables:
            reader = TableReader(path, fmt, self.columns.names())
            base = self.done_bytes
            prefix = os.path.abspath(path)
            for number, row in reader.rows():
                self.done_bytes = base + reader.position
                made = message_from_row(f"{prefix}/{number}", row, self.columns)
                if isinstance(made, str):
                    ident = row.get(self.columns.id) if self.columns.id else None
                    self._skip(made, f"{path}: row {number}" + (f" (id {ident})" * bool(ident)))
                    continue
                yield made
            for number, why in reader.bad:
                self._skip(UNREADABLE, f"{path}: line {number}: {why}")
            self.done_bytes = base + reader.size
        for path in self.documents:
            source = read_file(path)
            self.done_bytes += _size(path)
            if isinstance(source, InputError):
                self._skip(UNREADABLE, str(source))
            elif not source.text.strip():
                self._skip(EMPTY, str(path))
            else:
                yield Message(key=os.path.abspath(path), text=source.text, format=source.format)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
