"""Sentences without a parse: every line break ends one, and so does ".", "!", "?" or
"…" followed by a space and what can start a sentence. The tone model reads these
sentences in training and in every run, parsed or not, so its findings never
depend on whether the parser ran, and a run that parses nothing never imports
spaCy. Linear in the text: one pass per line, no backtracking."""

from __future__ import annotations

import re
from collections.abc import Iterator

# a sentence end: terminal marks (and closing quotes or brackets), then a space
# before something that can open a sentence; the lookbehind starts a match only at
# a run's first mark, so a run of "...." is read once, not once per mark
_END = re.compile(
    r"(?<![.!?…])"
    # not after a title, an initial or an abbreviation: "Mr. Ellison", "J. Smith",
    # "e.g. This"; a sentence that does end there is only read with the next,
    # while a name cut from its title is parsed as a sentence of its own
    r"(?<!\b[A-Za-z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|vs|No|pp|Mt|Co|Lt|Fr))"
    r"(?<!\b(?:Mrs|Inc|Ltd|etc|Fig|fig|Col|Sgt|Rev|Gov|Gen))(?<!\b(?:Prof|Capt))(?<!\bapprox)"
    r"[.!?…]+[\"'”’)\]]*(?=[ \t]+[\"'“‘(\[]?[A-Z0-9@#])"
)
# at most this many characters in one "sentence": a run-on line is cut at a space
MAX_SENTENCE = 600


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of every sentence of ``text`` with words in it, stripped."""
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _END.finditer(line):
            yield from _pieces(line, offset, start, match.end())
            start = match.end()
        yield from _pieces(line, offset, start, len(line))
        offset += len(line) + 1


def _pieces(line: str, offset: int, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE:
        cut = line.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield from _stripped(line, offset, start, cut)
        start = cut
    yield from _stripped(line, offset, start, end)


def _stripped(line: str, offset: int, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = line[start:end]
    if any(ch.isalnum() for ch in piece):
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        yield offset + start + lead, offset + end - trail
