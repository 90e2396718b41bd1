"""Token patterns whose possessive slot also takes a name's possessive.

A pattern written with "your", "his" or "her" in one slot ("your bonus depends
on this", "I'll revoke his commit access") means anyone's; in performance
reviews and HR letters the person is named: "Sam's bonus depends on this",
"I'll revoke Priya's commit access". A probe of the flag examples with the
reader swapped for a named colleague lost the rule in 57 of 116 cases, most of
them there. So the catalog adds, for each such slot, a copy of the pattern with
the slot as a person's name and its possessive mark.

A slot counts when its word list holds at least two of the lexicon's
``possessive_slots`` words: the author meant any person's, not the reader's
alone ("Watch your back" stays the reader's).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from restorelint.catalog.load import CONTEXT_ONLY


@dataclass(frozen=True)
class Possessives:
    words: frozenset[str]
    marks: frozenset[str]


def with_named_owners(
    patterns: Sequence[Sequence[Mapping[str, Any]]], possessives: Possessives
) -> list[list[dict[str, Any]]]:
    """The patterns, each followed by its copies with one possessive slot made a name's."""
    out: list[list[dict[str, Any]]] = []
    for pattern in patterns:
        out.append([dict(node) for node in pattern])
        for index, node in enumerate(pattern):
            if _slot(node, possessives.words):
                out.append(
                    [dict(n) for n in pattern[:index]]
                    + _named(node, possessives.marks)
                    + [dict(n) for n in pattern[index + 1 :]]
                )
    return out


def _slot(node: Mapping[str, Any], words: frozenset[str]) -> bool:
    if str(node.get("OP", "1")) != "1":
        return False
    value = node.get("LOWER")
    if not isinstance(value, Mapping):
        return False
    return len({str(v) for v in value.get("IN", ())} & words) >= 2


def _named(node: Mapping[str, Any], marks: frozenset[str]) -> list[dict[str, Any]]:
    name: dict[str, Any] = {"_": {"rl_person": True}, "POS": "PROPN"}
    mark: dict[str, Any] = {"LOWER": {"IN": sorted(marks)}}
    if node.get(CONTEXT_ONLY):
        name[CONTEXT_ONLY] = mark[CONTEXT_ONLY] = True
    return [name, mark]
