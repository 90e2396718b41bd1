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
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from restorelint.read.formats import html as html_format
from restorelint.read.mapping import Builder, Mapped, blank
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
    r"^[ \t]*(?:(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*)*(?:\[[ xX]\][ \t]+)?"
)
_ATX_OPEN = re.compile(r"#{1,6}(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?")
_LINK = re.compile(r"\[(?=[^\]\n]*\](?:\(|\[))([^\]\n]*)(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# A bare URL, without the sentence's punctuation after it.
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]]")
_EMPHASIS = re.compile(r"(?<![\w\\])[*_]+(?=\S)|(?<=\S)[*_]+(?!\w)|~~")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])|\\$", re.M)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLANK_WHOLE = (_INLINE_CODE, _HTML_COMMENT, _IMAGE, _AUTOLINK, _HTML_TAG)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _blank_spans(chars: list[str], spans: Iterator[tuple[int, int]]) -> None:
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "


def inline(text: str) -> Mapped:
    """One block's text with inline markup blanked and entities decoded (0-based map)."""
    chars = list(text)
    _blank_spans(chars, (m.span() for m in _INLINE_CODE.finditer(text)))
    for pattern in _BLANK_WHOLE[1:]:
        current = "".join(chars)
        _blank_spans(chars, (m.span() for m in pattern.finditer(current)))
    current = "".join(chars)
    for link in _LINK.finditer(current):  # keep the link text, blank the rest
        _blank_spans(chars, iter([(link.start(), link.start() + 1), link.span(2)]))
    for pattern in (_URL, _ESCAPE, _EMPHASIS):
        current = "".join(chars)
        _blank_spans(chars, (m.span() for m in pattern.finditer(current)))
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
    code = [m.span() for m in _INLINE_CODE.finditer(line)]
    start = 0
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "|" and not any(s <= i < e for s, e in code):
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
    closer = _ATX_CLOSE.search(stripped)
    if closer:
        stripped = stripped[: closer.start()] + blank(closer.group(0))
    return " " * indent + stripped


def segments(source: int, view: Mapped) -> Iterator[Segment]:
    for block, quoted in blocks(view):
        yield from segment_mapped(source, block, quoted)
