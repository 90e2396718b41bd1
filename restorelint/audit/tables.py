"""Rows of CSV, JSON Lines and Parquet files, read a little at a time.

Each reader yields ``(row number, row)`` with the row as a mapping of column
names to values, and reports how many bytes of the file it has consumed so a
progress bar can follow it. None of them holds more than one batch of rows:
memory stays flat however long the file is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from restorelint.read.sources import MAX_BYTES

TABLE_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
PARQUET_HINT = "reading Parquet needs pyarrow: pip install 'restorelint[audit]'"
# Rows read from a Parquet file at a time (one Arrow record batch).
PARQUET_BATCH = 1000


class TableError(Exception):
    """A table that cannot be audited at all (a missing column, a broken header)."""


class BadRow(Exception):
    """One row that cannot be read; the others still are."""


def table_format(path: Path) -> str | None:
    return TABLE_FORMATS.get(path.suffix.lower())


class TableReader:
    """The rows of one table, and how far through the file reading has got."""

    def __init__(self, path: Path, fmt: str, needed: Sequence[str]) -> None:
        self.path = path
        self.format = fmt
        self.needed = [c for c in dict.fromkeys(needed)]
        self.size = path.stat().st_size
        self.position = 0
        self.bad: list[tuple[int, str]] = []  # (row, why) of rows that could not be read

    def rows(self) -> Iterator[tuple[int, Mapping[str, Any]]]:
        if self.format == "parquet":
            yield from self._parquet()
            return
        with self.path.open("rb") as raw:
            if self.format == "jsonl":
                yield from self._jsonl(raw)
            else:
                yield from self._csv(raw, "\t" if self.format == "tsv" else ",")
        self.position = self.size

    def _check(self, columns: Sequence[str]) -> None:
        missing = [c for c in self.needed if c not in columns]
        if missing:
            shown = ", ".join(list(columns)[:12]) or "none"
            raise TableError(
                f"{self.path}: no column {', '.join(repr(m) for m in missing)} (columns: {shown})"
            )

    def _csv(self, raw: BinaryIO, delimiter: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
        # A long performance review is more than csv's 128 KiB default field;
        # anything past check's own limit is refused there anyway.
        csv.field_size_limit(MAX_BYTES + 1)
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text, delimiter=delimiter)
        try:
            self._check(reader.fieldnames or [])
            for number, row in enumerate(reader, 1):
                self.position = raw.tell()
                yield number, row
        except UnicodeDecodeError as exc:
            raise TableError(f"{self.path}: not UTF-8 text ({exc.reason})") from None
        except csv.Error as exc:
            raise TableError(f"{self.path}: line {reader.line_num}: {exc}") from None

    def _jsonl(self, raw: BinaryIO) -> Iterator[tuple[int, Mapping[str, Any]]]:
        checked = False
        for number, line in enumerate(raw, 1):
            self.position = raw.tell()
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:  # UnicodeDecodeError is a ValueError too
                self.bad.append((number, "not a JSON object"))
                continue
            if not isinstance(row, dict):
                self.bad.append((number, "not a JSON object"))
                continue
            if not checked:
                self._check(list(row))
                checked = True
            yield number, row

    def _parquet(self) -> Iterator[tuple[int, Mapping[str, Any]]]:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise TableError(f"{self.path}: {PARQUET_HINT}") from None
        try:
            handle = pq.ParquetFile(self.path)
        except Exception as exc:  # pyarrow raises its own error types for a broken file
            raise TableError(f"{self.path}: not a Parquet file ({exc})") from None
        self._check(handle.schema_arrow.names)
        total = max(1, handle.metadata.num_rows)
        number = 0
        for batch in handle.iter_batches(batch_size=PARQUET_BATCH, columns=self.needed):
            for row in batch.to_pylist():
                number += 1
                yield number, row
            self.position = self.size * number // total


_SCAN = 1 << 20  # bytes read at a time when cutting a CSV into blocks


def _row_end(chunk: bytes, base: int, quotes: int, want: int) -> int | None:
    """The offset (from the file's start) just past the first line break in ``chunk``
    at or after ``want`` that ends a row: one with an even number of quotes before
    it (``quotes`` were counted before the chunk)."""
    index = max(0, want - base)
    while (newline := chunk.find(b"\n", index)) >= 0:
        if (quotes + chunk.count(b'"', 0, newline)) % 2 == 0:
            return base + newline + 1
        index = newline + 1
    return None


def csv_blocks(path: Path, target: int) -> tuple[int, list[tuple[int, int]]]:
    """Where a CSV file's header ends, and byte ranges of whole rows of about
    ``target`` bytes each, for readers that work on a range of the file at once.

    A line break inside a quoted field (a review's paragraphs) does not end a row:
    in RFC 4180 quoting, a line break ends a row exactly when the quotes before it
    are even in number, so one pass counting quotes finds the cuts.
    """
    size = path.stat().st_size
    cuts: list[int] = []
    want = quotes = base = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_SCAN):
            while (cut := _row_end(chunk, base, quotes, want)) is not None:
                cuts.append(cut)
                want = cut + max(1, target)  # the header's end is the first cut
            quotes += chunk.count(b'"')
            base += len(chunk)
    header = cuts[0] if cuts else size
    ranges, start = [], header
    for edge in [c for c in cuts[1:] if c < size] + [size]:
        if edge > start:
            ranges.append((start, edge))
            start = edge
    return header, ranges
