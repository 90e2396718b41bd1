"""What the engine hands between planning, its workers and the try: lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from restorelint.records import Hit, Segment
from restorelint.run.tone import Scored
from restorelint.run.windows import Window

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A stretch that holds findings, with its parse when it was kept (see engine.KEEP_TOKENS).
Stretch = tuple[Segment, "Doc | None"]
# A paragraph with its sentences' tone scores, before the planner cuts it.
Planned = tuple[Segment, list[Scored]]
# The stretches of one paragraph to parse: the unit of work, never split.
Group = list[Window]
# A paragraph's source number, its hits and the stretches that hold them.
Judged = tuple[int, list[Hit], list[Stretch]]
Tick = Callable[[int], None]  # stretches (or paragraphs, in workers) done so far
