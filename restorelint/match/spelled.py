"""Token patterns read from their spelling alone, matched on the tokenizer's tokens.

The prefilter's word sets cannot tell "it's on you" from a sentence that holds
"on", "you" and "is" anywhere; a token pattern stripped of what only a parse
decides (``anchors.relaxed_patterns``) can, and the tokenizer is a hundred times
cheaper than the parse. The tokenizer is the pipeline's own, loaded only when a
text's words already meet such a pattern's (a parse then most often follows),
so a run with nothing to parse still never imports spaCy.

The patterns are run here, not by spaCy's ``Matcher``: its word-list
predicates build a Python token object per token per pattern, which cost more
than the parse they saved. A pattern is a sequence of nodes (a set of
spellings or any token, perhaps with spellings it may not take and flags the
tokenizer decides, such as ``IS_PUNCT``; repeated between a least and a most
number of times), simulated as a set of states over the tokens: linear in the
tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from restorelint.parse.model import tokenizer

_RANGE = re.compile(r"\{(\d*),(\d*)\}|\{(\d+)\}")
_OPS = {"1": (1, 1), "?": (0, 1), "*": (0, None), "+": (1, None), "!": (1, 1)}


def _is_punct(token: str) -> bool:
    # spaCy's own lexical IS_PUNCT: every character a punctuation mark
    return bool(token) and all(unicodedata.category(c).startswith("P") for c in token)


def _is_alpha(token: str) -> bool:
    # lower-casing can add a combining mark ("İ" becomes "i̇"): a non-ASCII
    # token with a letter in it counts as alphabetic, so no match is lost
    return token.isalpha() or (not token.isascii() and any(c.isalpha() for c in token))


# the flags a relaxed node may keep: the tokenizer alone decides them, and they
# read the same on a lower-cased token as on the token
_FLAGS: dict[str, Callable[[str], bool]] = {
    "IS_PUNCT": _is_punct,
    "IS_ALPHA": _is_alpha,
    "IS_DIGIT": str.isdigit,
    "IS_SPACE": str.isspace,
}


@dataclass(frozen=True)
class Node:
    forms: frozenset[str] | None  # None: any token
    least: int
    most: int | None  # None: no limit
    excluded: frozenset[str] = frozenset()  # spellings it may not take
    flags: tuple[tuple[Callable[[str], bool], bool], ...] = ()  # (test, wanted)

    def takes(self, token: str) -> bool:
        if self.forms is not None and token not in self.forms:
            return False
        if token in self.excluded:
            return False
        return all(test(token) == wanted for test, wanted in self.flags)


def compile_pattern(pattern: Sequence[Mapping[str, Any]]) -> tuple[Node, ...]:
    """ValueError for a node this module cannot read (a damaged stored pattern)."""
    nodes = []
    for spec in pattern:
        op = str(spec.get("OP", "1"))
        if op in _OPS:
            least, most = _OPS[op]
        elif found := _RANGE.fullmatch(op):
            low, high, exact = found.groups()
            least = int(exact or low or 0)
            most = int(exact) if exact else (int(high) if high else None)
        else:
            raise ValueError(f"unknown OP {op!r}")
        lower = spec.get("LOWER")
        forms: frozenset[str] | None = None
        excluded: frozenset[str] = frozenset()
        if lower is None:
            pass
        elif isinstance(lower, dict) and isinstance(lower.get("IN"), list):
            forms = frozenset(str(f) for f in lower["IN"])
        elif isinstance(lower, dict) and isinstance(lower.get("NOT_IN"), list):
            excluded = frozenset(str(f) for f in lower["NOT_IN"])
        else:
            raise ValueError(f"unreadable LOWER {lower!r}")
        flags = []
        for name, test in _FLAGS.items():
            if name in spec:
                if not isinstance(spec[name], bool):
                    raise ValueError(f"unreadable {name} {spec[name]!r}")
                flags.append((test, spec[name]))
        nodes.append(Node(forms, least, most, excluded, tuple(flags)))
    if not nodes:
        raise ValueError("an empty pattern")
    return tuple(nodes)


class Compiled:
    """One pattern as a set-of-states simulation; each state's closure (the states
    reached by leaving nodes that have taken enough tokens) is worked out once."""

    def __init__(self, nodes: Sequence[Node]) -> None:
        self.nodes = tuple(nodes)
        self._closures: dict[tuple[int, int], frozenset[tuple[int, int]]] = {}
        self._start = self._closure((0, 0))
        # the tokens a match can start with (None: any): while no match is under
        # way, the other tokens are passed over without stepping every state
        openers = [self.nodes[n].forms for n, _ in self._start if n < len(self.nodes)]
        anywhere = None in openers or len(self._start) > len(openers)
        self._openers = None if anywhere else frozenset().union(*openers)

    def matches(self, tokens: Sequence[str], present: set[str]) -> bool:
        """Does the pattern match some run of these (lower-case) tokens?"""
        nodes = self.nodes
        if any(n.least and n.forms is not None and n.forms.isdisjoint(present) for n in nodes):
            return False  # a word it must have is missing: most texts end here
        end = len(nodes)
        states: set[tuple[int, int]] = set()  # (node, tokens it has taken so far)
        openers = self._openers
        for token in tokens:
            if not states and openers is not None and token not in openers:
                continue
            moved: set[tuple[int, int]] = set()
            for node_at, taken in states.union(self._start):  # a match may start here
                if node_at == end:
                    return True
                node = nodes[node_at]
                if (node.most is None or taken < node.most) and node.takes(token):
                    # past its least, an unlimited node's count no longer matters
                    count = taken + 1 if node.most is not None else min(taken + 1, node.least)
                    moved |= self._closure((node_at, count))
            states = moved
        return any(node_at == end for node_at, _ in states)

    def _closure(self, state: tuple[int, int]) -> frozenset[tuple[int, int]]:
        found = self._closures.get(state)
        if found is None:
            reached = {state}
            node_at, taken = state
            while node_at < len(self.nodes) and taken >= self.nodes[node_at].least:
                node_at, taken = node_at + 1, 0
                reached.add((node_at, taken))
            found = self._closures[state] = frozenset(reached)
        return found


class SpelledMatcher:
    """The relaxed patterns by requirement number, each number's compiled on first
    use: a text is matched against the patterns of the requirements its words
    meet, not all of them."""

    def __init__(self, patterns: Mapping[int, Sequence[Sequence[Mapping[str, Any]]]]) -> None:
        self._patterns = patterns
        self._compiled: dict[int, tuple[Compiled, ...] | None] = {}

    def matches(self, text: str, numbers: Iterable[int]) -> bool:
        """Could a pattern of these requirements match this text's tokens? True when
        one cannot be read (a damaged stored prefilter): a prefilter may let
        through more than it must, never less."""
        tokens = [t.lower_ for t in tokenizer()(text)]
        return self.matches_tokens(tokens, set(tokens), numbers)

    def matches_tokens(
        self, tokens: Sequence[str], present: set[str], numbers: Iterable[int]
    ) -> bool:
        """The same, for tokens already at hand (a parsed doc's, lower case)."""
        for number in numbers:
            compiled = self._nodes(number)
            if compiled is None:
                return True
            if any(pattern.matches(tokens, present) for pattern in compiled):
                return True
        return False

    def _nodes(self, number: int) -> tuple[Compiled, ...] | None:
        if number not in self._compiled:
            try:
                found = tuple(Compiled(compile_pattern(p)) for p in self._patterns[number])
            except (ValueError, TypeError, AttributeError):
                found = None
            self._compiled[number] = found
        return self._compiled[number]
