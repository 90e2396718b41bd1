"""Offset maps: where each character of a rewritten text came from in the original.

Markup readers do not lint the file as written: they drop tags, decode
entities and put a stand-in name where a template placeholder was. The text
they hand on (the *view*) is built from *runs*. A run is either *exact* (the
view holds the original characters, or same-length blanks over them, one for
one) or *atomic* (the view holds a stand-in for a stretch of the original,
such as "&amp;" decoded to "&" or "{{ name }}" read as "Alex"). A match
that touches part of an atomic run is mapped to the whole stretch it stands
for, so a finding never points into the middle of an entity or placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from restorelint.records import OffsetMap, Run, RunList


@dataclass(frozen=True)
class Mapped:
    """A view text and the map from its characters back to the original."""

    text: str
    offsets: OffsetMap

    @classmethod
    def identity(cls, text: str, orig: int = 0) -> Mapped:
        return cls(text, OffsetMap((Run(0, len(text), orig, len(text)),) if text else ()))

    def slice(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.offsets.slice(start, end))

    def through(self, outer: Mapped) -> Mapped:
        """This view was built from ``outer.text``; map it to what ``outer`` maps to."""
        return Mapped(self.text, self.offsets.through(outer.offsets))


class Builder:
    """Build a view piece by piece, recording where each piece came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs = RunList()
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def keep(self, text: str, orig: int) -> None:
        """``text`` is the original's own characters (or same-length blanks) at ``orig``."""
        self._add(text, orig, len(text))

    def put(self, text: str, orig: int, orig_end: int) -> None:
        """``text`` stands in for the original ``[orig, orig_end)``."""
        self._add(text, orig, orig_end - orig)

    def _add(self, text: str, orig: int, orig_size: int) -> None:
        if not text:
            return
        self._runs.add(Run(self._size, len(text), orig, orig_size))
        self._parts.append(text)
        self._size += len(text)

    def build(self) -> Mapped:
        return Mapped("".join(self._parts), OffsetMap(tuple(self._runs.runs)))


def blank(text: str) -> str:
    """Same-length blanks that keep line breaks (so line structure survives)."""
    return "".join(ch if ch in "\r\n" else " " for ch in text)


def apply_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> Mapped:
    """Apply non-overlapping ``(start, end, replacement)`` edits, sorted by start."""
    out = Builder()
    at = 0
    for start, end, replacement in edits:
        if start < at:
            continue  # overlaps an earlier edit: the earlier one wins
        out.keep(text[at:start], at)
        out.put(replacement, start, end)
        at = end
    out.keep(text[at:], at)
    return out.build()
