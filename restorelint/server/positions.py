"""Character offsets (how restorelint counts) to LSP positions and back.

LSP lines end at ``\\n``, ``\\r\\n`` or ``\\r``, and columns count code units of
the negotiated encoding (UTF-16 unless the client offers another), so an emoji
before a finding moves its column by two, not one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from lsprotocol import types

_LINE_END = re.compile(r"\r\n|\r|\n")


class Positions:
    """Positions in one version of one document."""

    def __init__(self, text: str, units: Callable[[str], int]) -> None:
        self.text = text
        self.units = units  # code units of a string in the client's encoding
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return types.Position(
            line=line, character=self.units(self.text[self.starts[line] : offset])
        )

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = (
            self.starts[position.line + 1]
            if position.line + 1 < len(self.starts)
            else len(self.text)
        )
        line = self.text[start:end].rstrip("\r\n")
        counted = 0
        for index, char in enumerate(line):
            if counted >= position.character:
                return start + index
            counted += self.units(char)
        return start + len(line)
