"""Pieces of rewritten text, and tidying what edits leave behind: doubled spaces,
dangling commas, a missing capital or full stop."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from restorelint.read.scan import NextFinder

PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")

PAST, PRESENT, PERFECT = "past", "present", "perfect"
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
ATTACHED = (",", ".", ";", ":", "!", "?", "n't", "'s", "'re", "'m", "'ve", "'ll", "'d", ")", "%")
_ORPHAN_PUNCT = {",", ";", ":", "-", "–", "—"}
# Template expressions (Jinja, Liquid, Handlebars, ERB) a rewrite must keep whole.
_TEMPLATE_PAIRS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"), ("<%", "%>"))
_TEMPLATE_OPENER = re.compile(r"\{[{%#]|<%|\$\{")


def template_spans(text: str) -> Iterator[tuple[int, int]]:
    """``{{ }}``, ``{% %}``, ``{# #}``, ``<% %>`` and ``${ }`` spans, leftmost first,
    each closer found once (a pattern like ``{{.*?}}`` searched again from every
    unclosed opener)."""
    closers = {close: NextFinder(text, close) for _, close in _TEMPLATE_PAIRS}
    brace, newline = NextFinder(text, "}"), NextFinder(text, "\n")
    at = 0
    while (opener := _TEMPLATE_OPENER.search(text, at)) is not None:
        start, mark = opener.start(), opener.group(0)
        if mark == "${":  # ${name}: up to the first "}" on the line
            end, line_end = brace.find(start + 2), newline.find(start + 2)
            found = end + 1 if end >= 0 and not 0 <= line_end < end else -1
        else:
            close = dict(_TEMPLATE_PAIRS)[mark]
            end = closers[close].find(start + 2)
            found = end + len(close) if end >= 0 else -1
        if found < 0:
            at = start + 1
            continue
        yield start, found
        at = found


_OPENERS = "\"'“‘(*_#>-"


@dataclass(frozen=True)
class Piece:
    """A run of rewritten text; ``generated`` when restorelint wrote it."""

    text: str
    generated: bool = False


def tidy(pieces: list[Piece]) -> list[Piece]:
    """Whitespace and punctuation left over by edits; a capital and a full stop."""
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and not out[-1].text.strip() and not piece.text.strip():
            keep = out[-1] if "\n" in out[-1].text else piece
            out[-1] = keep if "\n" in keep.text else Piece(" ", out[-1].generated)
            continue
        if (
            out
            and not out[-1].text.strip()
            and "\n" not in out[-1].text
            and piece.text.startswith(ATTACHED)
        ):
            out.pop()
        if out and piece.text.strip() in (",", ".") and out[-1].text.strip() == ",":
            out.pop()  # ", ," or ", ." left by a deletion
        elif (
            out
            and piece.text.strip() in (".", "!", "?")
            and len(out) >= 2
            and not out[-1].text.strip()
            and out[-2].text.strip() == ","
        ):
            out.pop()
            out.pop()
        out.append(piece)
    while out and (not out[0].text.strip() or out[0].text.strip() in _ORPHAN_PUNCT):
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    if out and out[-1].text.strip() in _ORPHAN_PUNCT:
        out.pop()
        while out and not out[-1].text.strip():
            out.pop()
    if not out:
        return []
    # a token's own trailing line break ("ops.\n") never ends a rewrite
    out[-1] = Piece(out[-1].text.rstrip(), out[-1].generated)
    for k, piece in enumerate(out):
        visible = piece.text.lstrip().lstrip(_OPENERS + "[ ")
        if not visible:
            continue
        if visible[0].isalpha():
            j = len(piece.text) - len(visible)
            out[k] = Piece(piece.text[:j] + visible[0].upper() + visible[1:], piece.generated)
        break
    if not _TERMINAL.search(out[-1].text.rstrip()):
        out.append(Piece(".", True))
    return out


def pieces_of(text: str) -> list[Piece]:
    return [Piece(text, True)]
