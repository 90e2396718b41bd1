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

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    view: int  # first character in the view
    size: int  # length in the view
    orig: int  # first character in the original
    orig_size: int  # length in the original

    @property
    def exact(self) -> bool:
        return self.size == self.orig_size


@dataclass(frozen=True)
class OffsetMap:
    """Runs sorted by view position, covering the view without gaps."""

    runs: tuple[Run, ...]
    _starts: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(r.view for r in self.runs))

    @property
    def size(self) -> int:
        return self.runs[-1].view + self.runs[-1].size if self.runs else 0

    def _run_at(self, index: int) -> Run:
        return self.runs[max(0, bisect_right(self._starts, index) - 1)]

    def point(self, index: int) -> int:
        """The original offset of view position ``index`` (``size`` maps to the end)."""
        if not self.runs:
            return 0
        if index >= self.size:
            last = self.runs[-1]
            return last.orig + last.orig_size
        run = self._run_at(index)
        return run.orig + (index - run.view) if run.exact else run.orig

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original stretch ``[start, end)`` of the view came from, end exclusive."""
        if end <= start or not self.runs:
            at = self.point(start)
            return at, at
        first = self._run_at(start)
        last = self._run_at(end - 1)
        begin = first.orig + (start - first.view) if first.exact else first.orig
        finish = last.orig + (end - last.view) if last.exact else last.orig + last.orig_size
        return begin, max(begin, finish)

    def slice(self, start: int, end: int) -> OffsetMap:
        """The map of view ``[start, end)``, re-based so that ``start`` is 0."""
        out: list[Run] = []
        for run in self.runs:
            lo, hi = max(start, run.view), min(end, run.view + run.size)
            if lo >= hi:
                continue
            if run.exact:
                out.append(Run(lo - start, hi - lo, run.orig + (lo - run.view), hi - lo))
            else:
                out.append(Run(lo - start, hi - lo, run.orig, run.orig_size))
        return OffsetMap(tuple(out))

    def through(self, outer: OffsetMap) -> OffsetMap:
        """Compose: this map points into a text that ``outer`` maps to the original."""
        out = _Runs()
        for run in self.runs:
            if not run.exact:
                begin, finish = outer.span(run.orig, run.orig + run.orig_size)
                out.add(Run(run.view, run.size, begin, finish - begin))
                continue
            for piece in outer.runs:
                lo = max(run.orig, piece.view)
                hi = min(run.orig + run.size, piece.view + piece.size)
                if lo >= hi:
                    continue
                view = run.view + (lo - run.orig)
                if piece.exact:
                    out.add(Run(view, hi - lo, piece.orig + (lo - piece.view), hi - lo))
                else:
                    out.add(Run(view, hi - lo, piece.orig, piece.orig_size))
        return OffsetMap(tuple(out.runs))

    def single_exact(self) -> int | None:
        """The original start when the whole view is one exact run (no map needed)."""
        if len(self.runs) == 1 and self.runs[0].exact:
            return self.runs[0].orig
        return None


class _Runs:
    def __init__(self) -> None:
        self.runs: list[Run] = []

    def add(self, run: Run) -> None:
        if run.size == 0:
            return
        last = self.runs[-1] if self.runs else None
        if (
            last is not None
            and last.exact
            and run.exact
            and last.view + last.size == run.view
            and last.orig + last.orig_size == run.orig
        ):
            self.runs[-1] = Run(
                last.view, last.size + run.size, last.orig, last.orig_size + run.size
            )
        else:
            self.runs.append(run)


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
        self._runs = _Runs()
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
