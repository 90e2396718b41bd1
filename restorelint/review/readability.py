"""Readability of a message: unclear feedback is unfair feedback.

Reading ease and grade are textstat's Flesch reading ease and Flesch–Kincaid
grade over the message's prose (code and URLs are already masked by the
segmenter), with each sentence found by the parser ended by a full stop so
that headings and list items count as sentences of their own. A sentence
is *long* when it has more than ``max_sentence_words`` words; a message is
*above grade* when it has at least ``MIN_WORDS_FOR_GRADE`` words and its
grade exceeds ``max_grade`` (on fewer words the grade formulas mean little).

These are style hints: they never change the exit code unless the user
asks for it (``--strict-readability``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from restorelint.records import LineIndex

DEFAULT_MAX_GRADE = 10.0
DEFAULT_MAX_SENTENCE_WORDS = 30
MIN_WORDS_FOR_GRADE = 30

_LIST_ITEM = re.compile(r"\n(?=[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t])")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$")

# Flesch reading ease bands (Flesch, 1948).
_BANDS = (
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "plain English"),
    (50, "fairly difficult"),
    (30, "difficult"),
)


@dataclass(frozen=True)
class SentenceInfo:
    """A sentence as the parser found it: source offsets and its (masked) text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class LongSentence:
    start: int
    end: int
    line: int
    column: int
    words: int


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    reading_ease: float | None
    grade: float | None
    max_grade: float
    max_sentence_words: int
    long_sentences: tuple[LongSentence, ...]

    @property
    def above_max_grade(self) -> bool:
        return (
            self.grade is not None
            and self.words >= MIN_WORDS_FOR_GRADE
            and self.grade > self.max_grade
        )

    @property
    def hints(self) -> int:
        return len(self.long_sentences) + int(self.above_max_grade)

    @property
    def ease_label(self) -> str:
        if self.reading_ease is None:
            return "n/a"
        return next(
            (label for floor, label in _BANDS if self.reading_ease >= floor), "very difficult"
        )


def _units(sentence: SentenceInfo) -> list[tuple[int, str]]:
    """A sentence split at list items the parser ran together: (offset, text)."""
    out: list[tuple[int, str]] = []
    cursor = 0
    for match in _LIST_ITEM.finditer(sentence.text):
        out.append((cursor, sentence.text[cursor : match.start()]))
        cursor = match.end()
    out.append((cursor, sentence.text[cursor:]))
    return [(sentence.start + off, text) for off, text in out if text.strip()]


def assess(
    sentences: Sequence[SentenceInfo],
    positions: LineIndex,
    max_grade: float = DEFAULT_MAX_GRADE,
    max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS,
) -> Readability:
    """``positions`` maps an offset to (line, column)."""
    import textstat

    units: list[tuple[int, str, int]] = []
    for sentence in sentences:
        for offset, text in _units(sentence):
            words = textstat.lexicon_count(text)
            if words:
                units.append((offset, text, words))
    total = sum(w for _, _, w in units)
    long: list[LongSentence] = []
    for offset, text, words in units:
        if words > max_sentence_words:
            lead = len(text) - len(text.lstrip())
            start = offset + lead
            line, column = positions.position(start)
            long.append(LongSentence(start, offset + len(text.rstrip()), line, column, words))
    if not units:
        return Readability(0, 0, None, None, max_grade, max_sentence_words, ())
    prose = " ".join(
        (" ".join(text.split()) + ("" if _TERMINAL.search(text.strip()) else "."))
        for _, text, _ in units
    )
    return Readability(
        words=total,
        sentences=len(units),
        reading_ease=round(float(textstat.flesch_reading_ease(prose)), 1),
        grade=round(float(textstat.flesch_kincaid_grade(prose)), 1),
        max_grade=max_grade,
        max_sentence_words=max_sentence_words,
        long_sentences=tuple(long),
    )
