"""What the review of a message is asked for (kept apart so the command line can
build it without loading the review itself)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from restorelint.review.readability import DEFAULT_MAX_GRADE, DEFAULT_MAX_SENTENCE_WORDS

if TYPE_CHECKING:
    from restorelint.catalog.checklist import Checklist


@dataclass(frozen=True)
class ReviewSettings:
    max_grade: float = DEFAULT_MAX_GRADE
    max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS
    checklist: Checklist | None = None
    # textstat loads the CMU pronouncing dictionary (about a second) on first use;
    # a run that shows no readability can skip it.
    readability: bool = True
