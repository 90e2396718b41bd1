"""Markdown: the prose of headings, paragraphs, list items and table cells.

Blocks come from markdown-it-py (CommonMark, plus GFM tables and
strikethrough), which gives each block's source lines. Inside a block,
markup is blanked with same-length spaces — list and quote markers, ``#``,
emphasis, link brackets and destinations, inline code, URLs, inline HTML and
comments — so positions stay exact; only entities are decoded. Code blocks,
HTML comments and front matter are never read. Block quotes are quoted speech.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache, partial
from typing import TYPE_CHECKING

from restorelint.read.formats import html as html_format
from restorelint.read.mapping import Builder, Mapped, blank
from restorelint.read.scan import NextFinder, code_spans, delimited
from restorelint.read.segment import segment_mapped
from restorelint.records import Segment

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

NAME = "markdown"
SUFFIXES = (".md", ".markdown")
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*$", re.S | re.M)
# Container markers at the start of a line: quote markers, list bullets and
# numbers, and a task-list box.
_PREFIX = re.compile(
    r"^[ \t]*(?:(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*)*(?:\[[ xX]\][ \t]+)?"
)
_ATX_OPEN = re.compile(r"#{1,6}(?=[ \t]|$)")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# A bare URL, without the sentence's punctuation after it.
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]]")
_EMPHASIS = re.compile(r"(?<![\w\\])[*_]+(?=\S)|(?<=\S)[*_]+(?!\w)|~~")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])|\\$", re.M)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Only the block structure is read (inline markup is blanked by ``inline``):
    # markdown-it's inline pass, slow on long runs of "[" and "![", is skipped.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")


def _blank_spans(chars: list[str], spans: Iterable[tuple[int, int]]) -> None:
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "


class _Brackets:
    """``[…]`` and what may follow it (``(…)``, ``[…]``) on one line, each closer
    found once however many openers there are (see ``read.scan``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._close = {c: NextFinder(text, c) for c in "])"}
        self._newline = NextFinder(text, "\n")

    def closer(self, closer: str, at: int) -> int:
        """The next ``closer`` at or after ``at`` on the same line, or -1."""
        found = self._close[closer].find(at)
        newline = self._newline.find(at)
        return -1 if found < 0 or 0 <= newline < found else found

    def tail(self, at: int) -> int:
        """The end of a ``(destination)`` or ``[label]`` starting at ``at``, or -1."""
        nxt = self.text[at : at + 1]
        if nxt not in ("(", "["):
            return -1
        end = self.closer(")" if nxt == "(" else "]", at + 1)
        return end + 1 if end >= 0 else -1


def _images(text: str) -> Iterator[tuple[int, int]]:
    """``![alt]``, ``![alt](src)``, ``![alt][ref]`` spans."""
    brackets = _Brackets(text)
    at = 0
    while (start := text.find("![", at)) >= 0:
        close = brackets.closer("]", start + 2)
        if close < 0:
            at = start + 1
            continue
        tail = brackets.tail(close + 1)
        at = tail if tail >= 0 else close + 1
        yield start, at


def _links(text: str) -> Iterator[tuple[int, int, int]]:
    """``[text](target)`` and ``[text][ref]``: (start, end of text, end)."""
    brackets = _Brackets(text)
    at = 0
    while (start := text.find("[", at)) >= 0:
        close = brackets.closer("]", start + 1)
        tail = brackets.tail(close + 1) if close >= 0 else -1
        if tail < 0:
            at = start + 1
            continue
        at = tail
        yield start, close, tail


def _spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    return (m.span() for m in pattern.finditer(text))


def inline(text: str) -> Mapped:
    """One block's text with inline markup blanked and entities decoded (0-based map)."""
    chars = list(text)
    _blank_spans(chars, code_spans(text))
    blankers: tuple[Callable[[str], Iterable[tuple[int, int]]], ...] = (
        lambda t: delimited(t, "<!--", "-->"),
        _images,
        partial(_spans, _AUTOLINK),
        partial(_spans, _HTML_TAG),
    )
    for blanker in blankers:
        _blank_spans(chars, blanker("".join(chars)))
    for start, close, end in _links("".join(chars)):  # keep the link text, blank the rest
        _blank_spans(chars, [(start, start + 1), (close, end)])
    for pattern in (_URL, _ESCAPE, _EMPHASIS):
        _blank_spans(chars, _spans(pattern, "".join(chars)))
    masked = "".join(chars)
    if "&" not in masked:
        return Mapped.identity(masked)
    out = Builder()
    at = 0
    for entity in _ENTITY.finditer(masked):
        out.keep(masked[at : entity.start()], at)
        out.put(html_lib.unescape(entity.group(0)).replace("\xa0", " "), *entity.span())
        at = entity.end()
    out.keep(masked[at:], at)
    return out.build()


def _strip_prefixes(text: str) -> str:
    out = []
    for line in text.split("\n"):
        marker = _PREFIX.match(line)
        end = marker.end() if marker else 0
        out.append(blank(line[:end]) + line[end:])
    return "\n".join(out)


def _table_cells(line: str) -> Iterator[tuple[int, int]]:
    """Cell spans in one table row: split at pipes outside code spans and escapes."""
    code = list(code_spans(line))
    start = 0
    i = 0
    span = 0  # the first code span that does not end before i
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            i += 2
            continue
        while span < len(code) and code[span][1] <= i:
            span += 1
        if ch == "|" and not (span < len(code) and code[span][0] <= i):
            yield start, i
            start = i + 1
        i += 1
    yield start, len(line)


class _Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets of lines [first, last), without the final line break."""
        start = self.starts[first] if first < len(self.starts) else len(self.text)
        end = self.starts[last] - 1 if last < len(self.starts) else len(self.text)
        return start, max(start, end)


def blocks(view: Mapped) -> Iterator[tuple[Mapped, bool]]:
    """Stretches of prose in a Markdown text: (text with map, quoted?)."""
    text = view.text
    front = _FRONT_MATTER.match(text)
    if front:
        text = blank(front.group(0)) + text[front.end() :]
    lines = _Lines(text)
    quote_depth = 0
    for token in _parser().parse(text):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.map is None:
            continue
        elif token.type in ("paragraph_open", "heading_open"):
            start, end = lines.span(*token.map)
            body = _strip_prefixes(text[start:end]).replace("\r", " ")
            if token.type == "heading_open":
                body = _heading(body, setext=token.markup in ("=", "-"))
            yield inline(body).through(view.slice(start, end)), quote_depth > 0
        elif token.type == "tr_open":
            start, end = lines.span(*token.map)
            row = _strip_prefixes(text[start:end]).replace("\r", " ")
            for cell_start, cell_end in _table_cells(row):
                cell = row[cell_start:cell_end]
                if cell.strip():
                    local = inline(cell)
                    yield (
                        local.through(view.slice(start + cell_start, start + cell_end)),
                        quote_depth > 0,
                    )
        elif token.type == "html_block":
            start, end = lines.span(*token.map)
            for block, quoted in html_format.blocks(view.slice(start, end)):
                yield block, quoted or quote_depth > 0


def _heading(body: str, setext: bool) -> str:
    if setext:  # the underline is the last line
        head, _, underline = body.rpartition("\n")
        return head + "\n" + blank(underline) if head else body
    stripped = body.lstrip(" ")
    indent = len(body) - len(stripped)
    opener = _ATX_OPEN.match(stripped)
    if opener:
        stripped = blank(opener.group(0)) + stripped[opener.end() :]
    closer = _closing_sequence(stripped)
    if closer is not None:
        stripped = stripped[:closer] + blank(stripped[closer:])
    return " " * indent + stripped


def _closing_sequence(line: str) -> int | None:
    """Where an ATX heading's closing ``#``s (and the blanks around them) start.

    Read from the end, once: as a regular expression searched from every blank,
    a heading padded with spaces cost the square of its length."""
    body = line.rstrip(" \t")
    hashes = len(body) - len(body.rstrip("#"))
    if hashes == 0:
        return None
    before = len(body) - hashes
    if before == 0:
        return 0
    if body[before - 1] not in " \t":
        return None  # "#b": the hashes are part of the text
    return len(body[:before].rstrip(" \t"))


def segments(source: int, view: Mapped) -> Iterator[Segment]:
    for block, quoted in blocks(view):
        yield from segment_mapped(source, block, quoted)
