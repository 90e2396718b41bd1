"""A pattern's match, and one finding per stretch of text per rule."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from restorelint.catalog.rules import Rule

Label = TypeVar("Label")


@dataclass(frozen=True)
class Match(Generic[Label]):
    """Tokens a pattern matched: ``start``/``end`` bound the highlight, ``tokens``
    are the words the pattern named (what context filters look at)."""

    label: Label
    start: int
    end: int
    tokens: tuple[int, ...]

    @property
    def rule(self) -> Label:
        """The rule that matched (for a rule's match, the label is its rule)."""
        return self.label


# A rule's match, as the context stage sees it.
RawMatch = Match[Rule]


def longest_per_rule(matches: list[RawMatch]) -> Iterator[RawMatch]:
    """One finding per stretch of text per rule: drop a match contained in a
    longer one of the same rule, and join matches that touch ("cc'ing the
    whole team" + "so everyone sees" is one act of shaming, not two)."""
    ordered = sorted(matches, key=lambda m: (m.label.id, m.start, -(m.end - m.start)))
    kept: list[RawMatch] = []
    for match in ordered:
        last = kept[-1] if kept else None
        if last is not None and last.label.id == match.label.id and match.start <= last.end:
            if match.end > last.end:
                tokens = tuple(sorted(set(last.tokens) | set(match.tokens)))
                kept[-1] = Match(last.label, last.start, match.end, tokens)
            continue
        kept.append(match)
    yield from sorted(kept, key=lambda m: (m.start, m.label.id))
