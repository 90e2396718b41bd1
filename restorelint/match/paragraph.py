"""One paragraph's words and tokens, read once for every stretch of it that the parse
planner asks about: each sentence, pairs of neighbours, the whole.

Sentences end at whitespace (``read.sentences``), and neither the prefilter's
words nor spaCy's tokenizer reads across whitespace: the tokenizer cuts the text
at spaces and reads each piece on its own. So the words of a stretch are its
pieces' words, and its tokens are the paragraph's tokens that start inside it.
A stretch cut inside a piece (a run of 600 characters without a space) is read
on its own, and so is a stretch asked about before the stretches asked about
add up to half the paragraph: a long paragraph with one sentence to check is
not tokenized whole for it.
"""

from __future__ import annotations

from bisect import bisect_left

from restorelint.match.anchors import words
from restorelint.parse.model import tokenizer


class Paragraph:
    def __init__(self, text: str) -> None:
        self.text = text
        self._words: dict[tuple[int, int], set[str]] = {}
        self._starts: list[int] | None = None
        self._lower: list[str] = []
        self._asked = 0

    def words(self, start: int, end: int) -> set[str]:
        found = self._words.get((start, end))
        if found is None:
            found = self._words[start, end] = words(self.text[start:end])
        return found

    def joined_words(self, first: tuple[int, int], last: tuple[int, int]) -> set[str]:
        """The words from the start of ``first`` to the end of ``last``: the two
        spans' own and those of the text between them."""
        if not (self._at_space(first[1]) and self._at_space(last[0] - 1)):
            return self.words(first[0], last[1])
        return self.words(*first) | self.words(first[1], last[0]) | self.words(*last)

    def tokens(self, start: int, end: int) -> list[str]:
        """The lower-case tokens of ``text[start:end]``, as the tokenizer gives them."""
        text = self.text
        self._asked += end - start
        whole = self._starts is not None or 2 * self._asked >= len(text)
        if not (whole and self._at_space(start - 1) and self._at_space(end)):
            return [t.lower_ for t in tokenizer()(text[start:end])]
        if self._starts is None:
            doc = tokenizer()(text)
            self._starts = [t.idx for t in doc]
            self._lower = [t.lower_ for t in doc]
        return self._lower[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def _at_space(self, at: int) -> bool:
        return at < 0 or at >= len(self.text) or self.text[at].isspace()
