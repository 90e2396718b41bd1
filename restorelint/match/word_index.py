"""Requirements (the word sets a text must meet before a pattern can match it) and
the index that finds, for a text's words, the few requirements it could meet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

Requirement = tuple[frozenset[str], ...]  # every set must meet the segment's words
# By word: the requirements indexed under it, each with its other sets (the
# indexed set is met by the word that found it)
RestIndex = dict[str, tuple[tuple[int, tuple[frozenset[str], ...]], ...]]


def _costs(requirements: Sequence[Requirement]) -> dict[frozenset[str], int]:
    """Each set's cost: how many requirements use its words."""
    uses = Counter(word for requirement in requirements for need in requirement for word in need)
    return {need: sum(uses[w] for w in need) for r in requirements for need in r}


def _rarest(
    requirements: Sequence[Requirement], costs: dict[frozenset[str], int]
) -> list[frozenset[str]]:
    """Each requirement's least common set, judged by how many requirements use
    its words: "to" and "you" are in hundreds of them and in most sentences,
    "careless" in one; indexing by the smallest set instead gave three times
    the candidates to check."""
    return [min(requirement, key=costs.__getitem__) for requirement in requirements]


def index_by_rarest(requirements: Sequence[Requirement]) -> RestIndex:
    """The requirements by the words of one set of each (a text can meet one
    only if it holds a word of every set, so one set's words find every
    candidate), each with the sets left to check: the planner asks this of
    every sentence, and checking again the set a word just met was a third of
    its work."""
    costs = _costs(requirements)
    lists: dict[str, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
    for number, best in enumerate(_rarest(requirements, costs)):
        requirement = requirements[number]
        # the rarer sets first: they fail soonest
        rest = tuple(sorted((n for n in requirement if n is not best), key=costs.__getitem__))
        for word in best:
            lists.setdefault(word, []).append((number, rest))
    return {word: tuple(entries) for word, entries in lists.items()}


def met_requirements(index: RestIndex, found: set[str]) -> set[int]:
    """The numbers of the requirements these words meet."""
    met: set[int] = set()
    tried: set[int] = set()
    for word in found:
        for number, rest in index.get(word, ()):
            if number in tried:
                continue
            tried.add(number)
            for need in rest:  # a loop, not all(): this runs a million times a check
                if found.isdisjoint(need):
                    break
            else:
                met.add(number)
    return met
