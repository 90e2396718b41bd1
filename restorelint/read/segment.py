"""Segment: cut a text into the stretches of prose worth parsing.

A segment keeps the exact offset of each of its characters in the original
text, so findings point at the user's own words whatever was masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import load_lexicon
from restorelint.read.scan import code_spans, delimited
from restorelint.records import Segment

if TYPE_CHECKING:
    from restorelint.read.mapping import Mapped

# The parser's and the dependency matcher's cost grows with the length of a
# sentence (the matcher tries every combination of candidate tokens in one
# sentence), so no sentence handed to them is longer than MAX_SENTENCE_CHARS:
# a longer run without a full stop (a run-on rant, a 1 MB line) is cut at a
# line break, a comma or semicolon, or a space, in that order. Segments are
# held to MAX_SEGMENT_CHARS, cut between sentences. Honest prose rarely comes
# near either limit; together they make the cost of a text linear in its size.
MAX_SENTENCE_CHARS = 500
MAX_SEGMENT_CHARS = 5_000

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_QUOTE_LINE = re.compile(r"^[ \t]{0,3}>")
# Word processors write "you’re"; the tagger only knows "you're" (its "’re"
# has no lemma "be"). Same length, so every offset stays valid.
_CURLY_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A sentence ends at terminal punctuation (and closing quotes or brackets) before
# whitespace; the lookbehind starts a match only at a run's first mark, so a run
# of "!!!!" is read once, not once per mark.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*(?=\s)")


def parseable(text: str) -> str:
    """The text as handed to the parser: same length, apostrophes straightened, a
    lone surrogate (which a str from the API may hold, and the tokenizer cannot hash)
    read as U+FFFD, and first names that are also words ("Will", "Grace") given as
    plain names."""
    if "’" in text:
        text = _CURLY_APOSTROPHE.sub("'", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return _names(text)


_TITLE_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z']+)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z&']+)[ \t]+$")
_OPENING = re.compile(r"(?:^|[.!?:;]\s+|\n\s*(?:[-*+>]\s+)?)$")


def _names(text: str) -> str:
    lex = load_lexicon()
    ambiguous, not_after, stand_ins = lex.ambiguous_names, lex.not_after_name, lex.stand_ins
    pieces: list[str] = []
    cursor = 0
    for match in _TITLE_WORD.finditer(text):
        word = match.group(0)
        if word.lower() not in ambiguous or not 2 <= len(word) <= len(stand_ins) + 1:
            continue
        opening = _OPENING.search(text, max(0, match.start() - 4), match.start()) is not None
        previous = _PREVIOUS_WORD.search(text, max(0, match.start() - 12), match.start())
        if previous is not None and previous.group(1).lower() in lex.not_before_name:
            continue  # "in May", "this Summer": a date or a season
        if opening:
            following = _NEXT_WORD.match(text, match.end())
            if following is None or following.group(1).lower() in not_after:
                continue  # "Will you …?", "Mark the ticket": the word, not the name
        pieces.append(text[cursor : match.start()])
        pieces.append(stand_ins[len(word) - 2])
        cursor = match.end()
    if not pieces:
        return text
    pieces.append(text[cursor:])
    return "".join(pieces)


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    # Same-length blanks keep every offset valid while hiding code from the parser.
    out: list[str] = []
    at = 0
    for start, end in spans:
        out.append(text[at:start])
        out.append(" " * (end - start))
        at = end
    out.append(text[at:])
    return "".join(out)


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        yield start, text[start : brk.start()]
        start = brk.end()
    yield start, text[start:]


def _cut(text: str, lo: int, hi: int) -> int:
    """Where to cut a sentence that runs past ``hi``: after the last line break, clause
    mark or space in the second half of ``[lo, hi)``, else at ``hi``."""
    floor = lo + (hi - lo) // 2
    for marks in ("\n", ",;:", " \t"):
        best = max(text.rfind(mark, floor, hi) for mark in marks)
        if best >= 0:
            return best + 1
    return hi


def _units(text: str) -> Iterator[tuple[int, bool]]:
    """Ends of sentences (False) and of forced cuts inside over-long ones (True)."""
    prev = 0
    ends = (m.end() for m in _SENTENCE_END.finditer(text))
    for end in (*ends, len(text)):
        while end - prev > MAX_SENTENCE_CHARS:
            prev = _cut(text, prev, prev + MAX_SENTENCE_CHARS)
            yield prev, True
        if end > prev:
            yield end, False
            prev = end


def _split_long(start: int, text: str) -> Iterator[tuple[int, str]]:
    """Pieces of a paragraph within both limits (see MAX_SENTENCE_CHARS)."""
    if len(text) <= MAX_SENTENCE_CHARS:
        yield start, text
        return
    begin = end = 0
    for unit_end, forced in _units(text):
        if unit_end - begin > MAX_SEGMENT_CHARS and end > begin:
            yield start + begin, text[begin:end]
            begin = end
        end = unit_end
        if forced:  # a piece of its own, so the parser cannot join it to the rest
            yield start + begin, text[begin:end]
            begin = end
    if end > begin:
        yield start + begin, text[begin:end]


def _without_fences(text: str) -> str:
    """Blank out fenced code blocks (Markdown and chat both use them)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
        else:
            out.append(line)
            continue
        out.append(" " * len(body) + line[len(body) :])
    return "".join(out)


def segment_text(source: int, text: str) -> Iterator[Segment]:
    """Paragraphs of prose, with code fences, inline code, URLs and HTML comments
    blanked out (an issue template's "<!-- PLEASE READ THE FAQ -->" pasted into a
    plain-text comment is markup nobody sees, never prose)."""
    unfenced = _without_fences(text)
    masked = _mask(unfenced, code_spans(unfenced, multiline=False))
    masked = _mask(masked, delimited(masked, "<!--", "-->"))
    masked = parseable(_mask(masked, (m.span() for m in _URL.finditer(masked))))
    for start, para in _paragraphs(masked):
        if not para.strip():
            continue
        lines = para.splitlines()
        quoted = bool(lines) and all(_QUOTE_LINE.match(line) or not line.strip() for line in lines)
        for piece_start, piece in _split_long(start, para):
            if piece.strip():
                yield Segment(source=source, start=piece_start, text=piece, quoted=quoted)


def segment_mapped(source: int, view: Mapped, quoted: bool = False) -> Iterator[Segment]:
    """Paragraphs of a rewritten text (markup readers), each with its offset map."""
    for start, para in _paragraphs(parseable(view.text)):
        if not para.strip():
            continue
        for piece_start, piece in _split_long(start, para):
            if not piece.strip():
                continue
            offsets = view.offsets.slice(piece_start, piece_start + len(piece))
            exact = offsets.single_exact()
            if exact is not None:
                yield Segment(source=source, start=exact, text=piece, quoted=quoted)
            else:
                yield Segment(
                    source=source,
                    start=offsets.point(0),
                    text=piece,
                    quoted=quoted,
                    offsets=offsets,
                )
