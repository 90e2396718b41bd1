"""Plain text (and e-mail, reStructuredText, text templates once their tags are read):
paragraphs, with code fences, inline code and URLs blanked, '>'-quoted paragraphs
read as quotation."""

from __future__ import annotations

from collections.abc import Iterator

from restorelint.read.mapping import Mapped
from restorelint.read.segment import segment_text
from restorelint.records import Segment

NAME = "plain"
SUFFIXES = (".txt", ".text", ".rst", ".eml")


def segments(source: int, view: Mapped) -> Iterator[Segment]:
    """Plain text after template reading: same rules as plain text, positions through
    the view's map."""
    for seg in segment_text(source, view.text):
        piece = view.slice(seg.start, seg.start + len(seg.text))
        exact = piece.offsets.single_exact()
        if exact is not None:
            yield Segment(source, exact, seg.text, seg.quoted)
        else:
            yield Segment(source, piece.offsets.point(0), seg.text, seg.quoted, piece.offsets)
