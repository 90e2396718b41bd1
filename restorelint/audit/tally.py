"""Aggregates of audited messages, built one row at a time and merged in any order.

A ``Cell`` holds the counts for one slice of the messages (all of them, one
group, one period, one role, one group in one period); a ``Tally`` holds the
cells and the example excerpts. Everything is a count or a sum of integers
(readability figures are summed in tenths, as they are rounded to one decimal),
so merging tallies of partitions in any order gives exactly the tally of the
whole: the single-process and the Dask audit agree to the last digit.
Memory grows with the number of groups, periods and rules, never with the
number of messages.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from restorelint.audit.excerpts import Excerpt
from restorelint.audit.rows import Row
from restorelint.records import CATEGORIES

_TONE = frozenset(CATEGORIES)


def _tenths(value: float) -> int:
    return round(value * 10)


@dataclass
class Cell:
    messages: int = 0
    flagged: int = 0  # messages with at least one finding of a tone category
    findings: int = 0
    categories: Counter[str] = field(default_factory=Counter)  # findings
    category_messages: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)  # findings
    rule_messages: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)
    scores: Counter[int] = field(default_factory=Counter)  # score -> messages
    checklist: Counter[str] = field(default_factory=Counter)  # element -> messages with it
    measured: int = 0  # messages with a reading ease (some prose to measure)
    words: int = 0
    sentences: int = 0
    ease_tenths: int = 0
    grade_tenths: int = 0
    above_max_grade: int = 0
    long_sentences: int = 0

    def add(self, row: Row) -> None:
        tone = [f for f in row.findings if f[1] in _TONE]
        self.messages += 1
        self.flagged += bool(tone)
        self.findings += len(tone)
        for rule, category, severity, _start, _end in tone:
            self.categories[category] += 1
            self.rules[rule] += 1
            self.severities[severity] += 1
        self.category_messages.update({f[1] for f in tone})
        self.rule_messages.update({f[0] for f in tone})
        self.scores[row.score] += 1
        self.checklist.update(row.present)
        self.words += row.words
        self.sentences += row.sentences
        if row.reading_ease is not None and row.grade is not None:
            self.measured += 1
            self.ease_tenths += _tenths(row.reading_ease)
            self.grade_tenths += _tenths(row.grade)
        self.above_max_grade += row.above_max_grade
        self.long_sentences += row.long_sentences

    def merge(self, other: Cell) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, Counter):
                mine.update(value)
            else:
                setattr(self, name, mine + value)


@dataclass
class Tally:
    examples_wanted: int = 0
    total: Cell = field(default_factory=Cell)
    groups: dict[str, Cell] = field(default_factory=dict)
    periods: dict[str, Cell] = field(default_factory=dict)
    roles: dict[str, Cell] = field(default_factory=dict)
    group_periods: dict[tuple[str, str], Cell] = field(default_factory=dict)
    # category -> up to examples_wanted (sampling key, excerpt), smallest keys kept
    examples: dict[str, list[tuple[str, Excerpt]]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    parsed: int = 0  # messages parsed rather than read from the cache (never reported)

    def add(
        self, row: Row, group: str | None = None, period: str | None = None, role: str | None = None
    ) -> None:
        self.total.add(row)
        if group is not None:
            self.groups.setdefault(group, Cell()).add(row)
        if period is not None:
            self.periods.setdefault(period, Cell()).add(row)
        if role is not None:
            self.roles.setdefault(role, Cell()).add(row)
        if group is not None and period is not None:
            self.group_periods.setdefault((group, period), Cell()).add(row)

    def wants_example(self, category: str, key: str) -> bool:
        """Would an excerpt with this sampling key be kept? (Saves masking ones that
        would not.)"""
        kept = self.examples.get(category, [])
        if self.examples_wanted <= 0:
            return False
        return len(kept) < self.examples_wanted or key < max(k for k, _ in kept)

    def offer(self, key: str, excerpt: Excerpt) -> None:
        kept = self.examples.setdefault(excerpt.category, [])
        if (key, excerpt) in kept:
            return
        kept.append((key, excerpt))
        self.examples[excerpt.category] = heapq.nsmallest(
            self.examples_wanted, kept, key=lambda pair: (pair[0], pair[1].text)
        )

    def merge(self, other: Tally) -> Tally:
        self.total.merge(other.total)
        for mine, theirs in (
            (self.groups, other.groups),
            (self.periods, other.periods),
            (self.roles, other.roles),
            (self.group_periods, other.group_periods),
        ):
            for name, cell in theirs.items():
                mine.setdefault(name, Cell()).merge(cell)  # type: ignore[attr-defined]
        for kept in other.examples.values():
            for key, excerpt in kept:
                self.offer(key, excerpt)
        self.skipped.update(other.skipped)
        self.parsed += other.parsed
        return self


def merge_all(tallies: Iterable[Tally]) -> Tally:
    """One tally of many (each step of Dask's tree reduction)."""
    out: Tally | None = None
    for tally in tallies:
        out = Tally(tally.examples_wanted).merge(tally) if out is None else out.merge(tally)
    return out if out is not None else Tally()
