"""Token patterns read from their spelling alone, matched on the tokenizer's doc.

The prefilter's word sets cannot tell "it's on you" from a sentence that holds
"on", "you" and "is" anywhere; a token pattern stripped of what only a parse
decides (``anchors.relaxed_patterns``) can, and the tokenizer is a hundred times
cheaper than the parse. spaCy is imported only when a text's words already meet
such a pattern's, so a run with nothing to parse still never imports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from restorelint.parse.model import tokenizer

if TYPE_CHECKING:
    from spacy.matcher import Matcher


class SpelledMatcher:
    """The relaxed patterns by requirement number, each number's compiled on first
    use: a text is matched against the patterns of the requirements its words
    meet, not all of them (a Matcher of every pattern cost more than the parse
    it saved)."""

    def __init__(self, patterns: Mapping[int, Sequence[list[dict[str, Any]]]]) -> None:
        self._patterns = patterns
        self._matchers: dict[int, Matcher | None] = {}

    def matches(self, text: str, numbers: Iterable[int]) -> bool:
        """Could a pattern of these requirements match this text's tokens? True when
        one cannot be compiled (a damaged stored prefilter): a prefilter may let
        through more than it must, never less."""
        doc = None
        for number in numbers:
            matcher = self._compiled(number)
            if matcher is None:
                return True
            doc = doc if doc is not None else tokenizer()(text)
            if matcher(doc):
                return True
        return False

    def _compiled(self, number: int) -> Matcher | None:
        if number not in self._matchers:
            from spacy.matcher import Matcher

            matcher: Matcher | None = Matcher(tokenizer().vocab, validate=True)
            try:
                # one key for all: any match of any pattern is the answer
                matcher.add("spelled", list(self._patterns[number]))  # type: ignore[union-attr]
            except (ValueError, KeyError, TypeError):
                matcher = None
            self._matchers[number] = matcher
        return self._matchers[number]
