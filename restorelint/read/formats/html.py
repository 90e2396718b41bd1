"""HTML: text nodes only, entities decoded, every character mapped back.

``script``, ``style`` and code elements are skipped, attribute values are never
read, block elements (``p``, ``li``, ``td``, ...) each start a new stretch of
prose, ``blockquote`` is quoted speech and ``<q>`` becomes quotation marks.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from restorelint.read.mapping import Builder, Mapped
from restorelint.read.scan import NextFinder
from restorelint.read.segment import segment_mapped
from restorelint.records import Segment

NAME = "html"
SUFFIXES = (".html", ".htm")

SKIP = frozenset(
    {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "svg", "math", "template"}
)
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "li",
        "main", "nav", "ol", "option", "p", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "ul", "button", "center",
    }
)  # fmt: skip
_INLINE_SKIP = frozenset({"code", "kbd", "samp", "var"})
_ENTITY_AT = re.compile(r"&#?[0-9A-Za-z]+;?")
_END_TAG_AT = re.compile(r"</[^>]*>")
# A document that holds any of these is HTML, whatever its extension says.
_LOOKS_LIKE_HTML = re.compile(r"</[A-Za-z][\w-]*\s*>|<br\s*/?>|<!DOCTYPE", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


class _Reader(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        self.line_starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
        self.blocks: list[tuple[Mapped, bool]] = []
        self.skipping: list[str] = []
        self.quote_depth = 0
        self.current = Builder()
        self.current_quoted = False

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # "<![if …]>", "<![foo[" and other marked sections the standard library
        # does not know make it raise; browsers skip them to the next ">".
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return len(self.rawdata) if end < 0 else end + 1

    def _at(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def flush(self) -> None:
        if len(self.current):
            self.blocks.append((self.current.build(), self.current_quoted))
        self.current = Builder()
        self.current_quoted = self.quote_depth > 0

    # Text -----------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        at = self._at()
        if self.text[at : at + len(data)] != data:  # never expected; stay exact or skip
            return
        if "&" in data:  # an unterminated reference at the end of the input
            self._with_entities(data, at)
        else:
            self.current.keep(data.replace("\xa0", " "), at)

    def _with_entities(self, data: str, at: int) -> None:
        pos = 0
        for match in _ENTITY_AT.finditer(data):
            self.current.keep(data[pos : match.start()], at + pos)
            self._entity(match.group(0), at + match.start())
            pos = match.end()
        self.current.keep(data[pos:], at + pos)

    def _entity(self, raw: str, at: int) -> None:
        decoded = html.unescape(raw).replace("\xa0", " ")
        if decoded == raw:
            self.current.keep(raw, at)
        else:
            self.current.put(decoded, at, at + len(raw))

    def _reference(self) -> None:
        if self.skipping:
            return
        at = self._at()
        match = _ENTITY_AT.match(self.text, at)
        if match:
            self._entity(match.group(0), at)

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    # Tags -----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._at()
        raw = self.get_starttag_text() or ""
        if tag in SKIP:
            if not self.skipping:
                if tag in _INLINE_SKIP:
                    # inline code stays a gap in its sentence: one blank stands in for it
                    self.current.put(" ", at, at + len(raw))
                else:
                    self.flush()
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        if tag == "br":
            self.current.put("\n", at, at + len(raw))
        elif tag == "q":
            self.current.put("“", at, at + len(raw))
        elif tag in BLOCKS:
            if tag == "blockquote":
                self.quote_depth += 1
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        at = self._at()
        if tag == "q":
            match = _END_TAG_AT.match(self.text, at)
            self.current.put("”", at, match.end() if match else at)
        elif tag in BLOCKS:
            self.flush()
            if tag == "blockquote" and self.quote_depth:
                self.quote_depth -= 1
                self.current_quoted = self.quote_depth > 0


def defanged(text: str) -> str:
    """The text with every "<" that cannot open a complete tag blanked (same length).

    The standard library's parser scans to the end of the input again from each
    unclosed "<", "<!--", "<![" or "<?", which costs the square of the length of
    a document full of them. A "<" with another "<" before the next ">" (or no
    ">" at all), a "<!--" never closed and a "<![" that is not a closed CDATA
    section are read as the text they are; attribute values, the only place a
    tag may hold a "<", are never linted anyway.
    """
    if "<" not in text:
        return text
    out = list(text)
    closes = NextFinder(text, ">")
    opens = NextFinder(text, "<")
    comment_close = NextFinder(text, "-->")
    cdata_close = NextFinder(text, "]]>")
    at = 0
    while (i := text.find("<", at)) >= 0:
        at = i + 1
        close, reopen = closes.find(i + 1), opens.find(i + 1)
        if text.startswith("<!--", i):
            if comment_close.find(i + 4) < 0:
                out[i] = " "
            continue  # a closed comment may hold "<" and ">" as it likes
        if text.startswith("<![", i):
            if text.startswith("<![CDATA[", i) and cdata_close.find(i + 9) >= 0:
                continue
            complete = close >= 0 and (reopen < 0 or close < reopen)
            for k in range(i, close + 1 if complete else i + 1):  # skipped as browsers do
                out[k] = out[k] if out[k] in "\r\n" else " "
            continue
        if close < 0 or 0 <= reopen < close:
            out[i] = " "
    return "".join(out)


def blocks(view: Mapped) -> Iterator[tuple[Mapped, bool]]:
    """Stretches of prose in an HTML text: (text with map, quoted?)."""
    text = defanged(view.text)
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    reader.flush()
    for block, quoted in reader.blocks:
        yield block.through(view), quoted


def segments(source: int, view: Mapped) -> Iterator[Segment]:
    for block, quoted in blocks(view):
        yield from segment_mapped(source, block, quoted)
