"""Requirements (the word sets a text must meet before a pattern can match it) and
the index that finds, for a text's words, the few requirements it could meet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

Requirement = tuple[frozenset[str], ...]  # every set must meet the segment's words


def index_by_rarest(requirements: Sequence[Requirement]) -> dict[str, tuple[int, ...]]:
    """The numbers of ``requirements`` by the words of one set of each: a text can
    meet a requirement only if it holds a word of every set, so one set's words
    find every candidate. Each is indexed by its least common set, judged by how
    many requirements use its words: "to" and "you" are in hundreds of them and
    in most sentences, "careless" in one; indexing by the smallest set instead
    gave three times the candidates to check."""
    uses = Counter(word for requirement in requirements for need in requirement for word in need)
    costs: dict[frozenset[str], int] = {}  # sets recur across requirements: cost each once
    lists: dict[str, list[int]] = {}
    for number, requirement in enumerate(requirements):
        best: frozenset[str] = frozenset()
        lowest = -1
        for need in requirement:
            cost = costs.get(need)
            if cost is None:
                cost = costs[need] = sum(uses[w] for w in need)
            if lowest < 0 or cost < lowest:
                best, lowest = need, cost
        for word in best:
            lists.setdefault(word, []).append(number)
    return {word: tuple(numbers) for word, numbers in lists.items()}
