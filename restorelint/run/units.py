"""What the engine hands between planning, its workers and the try: lines, and
what it gives back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from restorelint.records import Finding, Hit, InputError, Segment
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
Parsed = list[tuple[Segment, "Doc"]]


@dataclass
class EngineResult:
    # per source, in source order
    per_source: list[list[Finding]]
    # per source, every segment with its doc (only when the caller kept the docs)
    parsed: list[Parsed]
    # by source number: documents whose markup could not be read (no findings)
    errors: dict[int, InputError] = field(default_factory=dict)
    # per source, the stretches parsed in this run that hold its findings, for the
    # try: lines to read (their parses, or to parse again) instead of whole paragraphs
    stretches: list[list[Stretch]] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for own in self.per_source for f in own]
