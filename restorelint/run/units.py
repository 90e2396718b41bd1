"""What the engine hands between planning, its workers and the try: lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from restorelint.records import Hit, Segment
from restorelint.run.windows import Window

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A stretch that holds findings, with its parse when it was kept (see engine.KEEP_TOKENS).
Stretch = tuple[Segment, "Doc | None"]
# The stretches of one paragraph to parse: the unit of work, never split.
Group = list[Window]
# A paragraph's source number, its hits and the stretches that hold them.
Judged = tuple[int, list[Hit], list[Stretch]]
Tick = Callable[[int], None]  # segments parsed so far in this run
