"""What each paragraph matched, remembered by its text: a process that sees the
same paragraphs again and again (the language server, while the writer edits one
of them) parses only the paragraphs that changed.

A paragraph's matches depend on its own text, whether it is quoted speech and the
rules (one memo per engine, so per rule set); the context filters read nothing
else of a segment. They are kept relative to the paragraph and placed again
through each new segment's offsets, since the same paragraph moves as text is
typed above it.
"""

from __future__ import annotations

from collections import OrderedDict

from restorelint.records import Hit, Segment

# Paragraphs remembered, the least recently seen forgotten first: a few long
# documents' worth.
DEFAULT_SIZE = 4096

Key = tuple[str, bool]


class SegmentMemo:
    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._hits: OrderedDict[Key, tuple[Hit, ...]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._hits)

    def __contains__(self, text: object) -> bool:
        """Is a paragraph with this text (not quoted) remembered?"""
        return (text, False) in self._hits

    def split(self, segments: list[Segment], hits: dict[int, list[Hit]]) -> list[Segment]:
        """Add the remembered segments' hits to ``hits``; return the others, to parse."""
        fresh = []
        for seg in segments:
            known = self._hits.get((seg.text, seg.quoted))
            if known is None:
                fresh.append(seg)
                continue
            self._hits.move_to_end((seg.text, seg.quoted))
            for rule, start, end in known:
                hits[seg.source].append((rule, *seg.original_span(start, end)))
        return fresh

    def put(self, seg: Segment, found: list[Hit]) -> None:
        """``found``: (rule, start, end) in the segment's own text."""
        self._hits[seg.text, seg.quoted] = tuple(found)
        self._hits.move_to_end((seg.text, seg.quoted))
        while len(self._hits) > self.size:
            self._hits.popitem(last=False)
