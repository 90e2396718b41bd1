"""A gated rule's gates: each of its patterns' own prefilter. A parsed doc whose
words do not meet a gate's requirement, or whose tokens its relaxed form does
not match, cannot hold that pattern's match, so its matcher is not run on it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from restorelint.match.anchors import words
from restorelint.match.word_index import Requirement


class Requirements(Protocol):
    """What a gate reads of the rules' prefilter (``match.prefilter``)."""

    @property
    def requirements(self) -> tuple[Requirement, ...]: ...

    @property
    def relaxed(self) -> dict[int, tuple[Any, ...]]: ...

    def tokens_match(self, number: int, tokens: Sequence[str], present: set[str]) -> bool: ...


@dataclass(frozen=True, eq=False)
class Gate:
    """One pattern's own prefilter (a requirement of the rules' prefilter)."""

    prefilter: Requirements
    number: int  # its requirement

    @property
    def requirement(self) -> Requirement:
        return self.prefilter.requirements[self.number]

    def words_meet(self, found: set[str]) -> bool:
        return all(not found.isdisjoint(need) for need in self.prefilter.requirements[self.number])

    def spelled(self, tokens: Sequence[str], present: set[str]) -> bool:
        """With its words met: could its relaxed form match these tokens?"""
        if self.number not in self.prefilter.relaxed:
            return True
        return self.prefilter.tokens_match(self.number, tokens, present)


def opens(gates: Sequence[Gate], pattern: re.Pattern[str] | None, text: str) -> bool:
    """Could a gated rule match this text: do its words meet one of the rule's
    gates, or (a check's) its pattern is found in it?"""
    found = words(text)
    return any(g.words_meet(found) for g in gates) or bool(pattern and pattern.search(text))
