"""The whole message with its flagged sentences rewritten, and at most one closing
(an open question or an offer of support) for the whole message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from restorelint.catalog.rewrite import load_rewrite_data
from restorelint.suggest.pieces import PLACEHOLDER, Piece
from restorelint.suggest.sentence import SentenceRewrite


@dataclass(frozen=True)
class ComposedMessage:
    """The whole message with its flagged sentences rewritten.

    ``generated`` lists the [start, end) spans of ``text`` restorelint wrote;
    ``placeholders`` the spans of the [placeholders] to fill in.
    """

    text: str
    generated: tuple[tuple[int, int], ...]
    placeholders: tuple[tuple[int, int], ...]


def choose_closings(rewrites: Sequence[SentenceRewrite]) -> dict[int, str]:
    """At most one closing (an open question or an offer of support) for the whole
    message, after the rewrite that asked for it first by category precedence (at
    the end of its paragraph); none when a rewrite already asks its own question.

    Returns {index of the rewrite it follows: closing}.
    """
    data = load_rewrite_data()
    nonempty = [k for k, r in enumerate(rewrites) if r.body_text]
    if not nonempty or any(r.body_text.rstrip().endswith("?") for r in rewrites):
        return {}
    wanting = [k for k, r in enumerate(rewrites) if r.closing]
    if not wanting:
        return {}
    lead = min(wanting, key=lambda k: (data.style(rewrites[k].category).priority, k))
    closing = rewrites[lead].closing
    return {lead: closing} if closing and rewrites[lead].body_text else {}


def _without_repeats(rewrites: Sequence[SentenceRewrite]) -> list[SentenceRewrite]:
    """A template said once is enough: a later identical one is dropped."""
    seen: set[str] = set()
    out = []
    for rewrite in sorted(rewrites, key=lambda r: r.start):
        text = rewrite.body_text
        if text and all(p.generated for p in rewrite.body) and text in seen:
            rewrite = replace(rewrite, body=())
        seen.add(text)
        out.append(rewrite)
    return out


def _ends_sentence(text: str, offset: int) -> bool:
    tail = text[:offset].rstrip("\"'”’)*_")
    return bool(tail) and tail[-1] in ".!?…"


def _parts(
    text: str, rewrites: Sequence[SentenceRewrite], anchors: Mapping[int, int] | None = None
) -> list[tuple[int, int, list[Piece]]]:
    """(start, end, pieces): each rewritten sentence, and the message's closing.

    The closing goes at the end of its sentence's paragraph (``anchors``: paragraph → offset
    after its last sentence) when that ends a sentence, else right after the
    last rewritten sentence.
    """
    ordered = _without_repeats(rewrites)
    closings = choose_closings(ordered)
    parts: list[tuple[int, int, list[Piece]]] = []
    cursor = 0
    for k, rewrite in enumerate(ordered):
        start, end = rewrite.start, rewrite.end
        if start < cursor:
            continue
        pieces = list(rewrite.body)
        if k in closings:
            closing = Piece(" " + closings[k], True)
            anchor = (anchors or {}).get(rewrite.paragraph)
            if anchor is not None and anchor > end and _ends_sentence(text, anchor):
                parts.append((anchor, anchor, [closing]))
            else:
                pieces.append(closing)
        if not pieces:
            start, end = _swallow_space(text, start, end)
        parts.append((start, end, pieces))
        cursor = end
    return sorted(parts, key=lambda part: (part[0], part[1]))


def compose_edits(
    text: str, rewrites: Sequence[SentenceRewrite], anchors: Mapping[int, int] | None = None
) -> list[tuple[int, int, str]]:
    """The rewrites as plain edits (start, end, new text) on the message."""
    parts = _parts(text, rewrites, anchors)
    return [(s, e, "".join(p.text for p in pieces)) for s, e, pieces in parts]


def compose(
    text: str, rewrites: Sequence[SentenceRewrite], anchors: Mapping[int, int] | None = None
) -> ComposedMessage:
    """The whole message with every flagged sentence replaced by its rewrite."""
    out: list[str] = []
    generated: list[tuple[int, int]] = []
    placeholders: list[tuple[int, int]] = []
    length = 0

    def emit(chunk: str, made: bool) -> None:
        nonlocal length
        if made and chunk:
            generated.append((length, length + len(chunk)))
            placeholders.extend(
                (length + m.start(), length + m.end()) for m in PLACEHOLDER.finditer(chunk)
            )
        out.append(chunk)
        length += len(chunk)

    cursor = 0
    for start, end, pieces in _parts(text, rewrites, anchors):
        emit(text[cursor:start], False)
        for piece in pieces:
            emit(piece.text, piece.generated)
        cursor = end
    emit(text[cursor:], False)
    return ComposedMessage("".join(out), tuple(generated), tuple(placeholders))


def _swallow_space(text: str, start: int, end: int) -> tuple[int, int]:
    """A deleted sentence takes the spaces before it (or after it, at a line start)."""
    s = start
    while s > 0 and text[s - 1] in " \t":
        s -= 1
    if s > 0 and text[s - 1] != "\n":
        return s, end
    e = end
    while e < len(text) and text[e] in " \t":
        e += 1
    return start, e
