"""Linear-time scanners for the delimited things markup readers skip.

A regular expression such as ``<!--.*?-->`` or ``(`+).+?\\1`` is tried again
from every opener when there is no closer, so a document of openers costs
the square of its length. These scanners find each closer once: a search for
a closer that found nothing (or found one further on) answers every later
search that starts before that point, so the total work is linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator


class NextFinder:
    """``text.find(sub, i)`` for (mostly) increasing ``i``, in linear time overall."""

    def __init__(self, text: str, sub: str) -> None:
        self.text, self.sub = text, sub
        self._asked = len(text) + 1
        self._found = -1

    def find(self, i: int) -> int:
        if self._asked <= i and (self._found < 0 or self._found >= i):
            return self._found
        self._asked, self._found = i, self.text.find(self.sub, i)
        return self._found


class NextMatch:
    """``pattern.search(text, i)`` for increasing ``i``, each stretch searched once."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.text, self.pattern = text, pattern
        self._asked = len(text) + 1
        self._found: re.Match[str] | None = None

    def search(self, i: int) -> re.Match[str] | None:
        found = self._found
        if self._asked <= i and (found is None or found.start() >= i):
            return found
        self._asked, self._found = i, self.pattern.search(self.text, i)
        return self._found


def delimited(text: str, opener: str, closer: str) -> Iterator[tuple[int, int]]:
    """Non-overlapping ``opener … closer`` spans, leftmost first (``<!-- … -->``)."""
    at = 0
    while True:
        start = text.find(opener, at)
        if start < 0:
            return
        end = text.find(closer, start + len(opener))
        if end < 0:
            return  # no closer after this opener, so none after any later one
        at = end + len(closer)
        yield start, at


_TICKS = re.compile(r"`+")


def code_spans(text: str, multiline: bool = True) -> Iterator[tuple[int, int]]:
    """Code spans as CommonMark reads them: a run of backticks up to the next run of
    the same length (on the same line unless ``multiline``)."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    breaks = [] if multiline else [m.start() for m in re.finditer("\n", text)]
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        later = bisect_right(same, index)
        if later < len(same):
            close_start, close_end = runs[same[later]]
            line_break = bisect_left(breaks, end)
            if multiline or line_break == len(breaks) or breaks[line_break] >= close_start:
                yield start, close_end
                index = same[later] + 1
                continue
        index += 1


def skip_overlapping(
    spans: Iterator[tuple[int, int]], taken: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """The ``spans`` (in order) that overlap none of ``taken`` (sorted, disjoint)."""
    at = 0
    for start, end in spans:
        while at < len(taken) and taken[at][1] <= start:
            at += 1
        if at < len(taken) and taken[at][0] < end:
            continue
        yield start, end
