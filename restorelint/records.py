"""The records every stage passes along, and the vocabularies they use.

Nothing here imports another part of restorelint: each stage reads and makes
these records, so a stage never needs to know how another one works.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

# -- vocabularies ---------------------------------------------------------------

SEVERITIES = ("error", "warning", "info")
# info 0 < warning 1 < error 2
SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}
# How far a suggestion may be applied, as in ruff.
SAFE, UNSAFE, DISPLAY_ONLY = "safe", "unsafe", "display-only"
APPLICABILITIES = (SAFE, UNSAFE, DISPLAY_ONLY)
# Categories of punitive tone, in the order docs list them.
CATEGORIES = (
    "blame",
    "judgment",
    "biased-trait",
    "shaming",
    "threat",
    "harsh",
    "condescension",
    "passive-aggressive",
    "absolute",
    "policing",
    # what the learned tone model flags that no rule names
    "tone",
)
# Categories of findings about restorelint's own directives, not about tone.
TOOL_CATEGORIES = ("suppression",)
ALL_CATEGORIES = CATEGORIES + TOOL_CATEGORIES

# (rule id, start, end): a finding as the cache and worker processes carry it,
# offsets into the original text, nothing of its words.
Hit = tuple[str, int, int]


# -- inputs ----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A document to lint. ``format`` is one of ``read.formats.INPUT_FORMATS``; None is
    plain text. For ``.docx`` files ``text`` is the paragraphs, one per line."""

    path: str
    text: str
    format: str | None = None
    # Where it was read from, for --fix: the folder named on the command line it
    # was found in (a file's own folder when named itself), its (device, inode,
    # size, mtime) when read, and whether it started with a UTF-8 byte order mark.
    root: str | None = field(default=None, compare=False)
    stamp: tuple[int, int, int, int] | None = field(default=None, compare=False)
    bom: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class InputError:
    """An input that could not be linted. ``fatal``: the run fails (exit 2) even when
    other inputs were linted, as for a path that does not exist (a typo)."""

    path: str
    message: str
    fatal: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


# -- offsets ----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A stretch of a view text and the stretch of the original it came from.

    *Exact* runs hold the original's characters (or same-length blanks) one for
    one; *atomic* runs hold a stand-in ("&amp;" read as "&")."""

    view: int
    size: int
    orig: int
    orig_size: int

    @property
    def exact(self) -> bool:
        return self.size == self.orig_size


class RunList:
    """Runs appended in view order; touching exact runs are merged."""

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
        # From the run holding ``start`` on: slicing a long view piece by piece
        # must not walk every run each time.
        first = max(0, bisect_right(self._starts, start) - 1)
        for k in range(first, len(self.runs)):
            run = self.runs[k]
            if run.view >= end:
                break
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
        out = RunList()
        for run in self.runs:
            if not run.exact:
                begin, finish = outer.span(run.orig, run.orig + run.orig_size)
                out.add(Run(run.view, run.size, begin, finish - begin))
                continue
            first = max(0, bisect_right(outer._starts, run.orig) - 1)
            for k in range(first, len(outer.runs)):
                piece = outer.runs[k]
                if piece.view >= run.orig + run.size:
                    break
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


@dataclass(frozen=True)
class Segment:
    """Prose from one source, as handed to the parser.

    Without ``offsets``, ``text`` starts at ``start`` in the original, char for
    char (plain text, and markup masked by same-length blanks). With
    ``offsets`` (markup whose tags were dropped, entities decoded or template
    placeholders replaced), the map says where each character came from.
    """

    source: int
    start: int
    text: str
    quoted: bool = False
    offsets: OffsetMap | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` in ``text`` to offsets in the original, end exclusive."""
        if self.offsets is None:
            return self.start + start, self.start + end
        return self.offsets.span(start, end)


class LineIndex:
    """Maps character offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(m.end() for m in re.finditer("\n", text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


# -- results ----------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] with ``content``."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Fix:
    """The edits a finding's fix makes, and how safe it is to apply them."""

    applicability: str
    edits: tuple[Edit, ...]

    @classmethod
    def of(cls, applicability: str, edits: Iterable[Edit]) -> Fix:
        return cls(applicability, tuple(edits))


@dataclass(frozen=True, order=True)
class Finding:
    """A punitive pattern found in a text.

    Lines and columns are 1-based; ``end_column`` is exclusive (the column just
    after the last matched character), as in SARIF. ``start``/``end`` are
    0-based character offsets into the original text, ``end`` exclusive.
    ``fix`` is filled in by the fix stage for reports that show edits.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    rule: str
    name: str
    category: str
    severity: str
    text: str
    message: str
    suggestion: str
    applicability: str
    replacement: str | None = None
    fix: Fix | None = field(default=None, compare=False)
    # the tone model's score for findings of the model rule
    score: float | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
