"""Token patterns that also take an intensifier between two of their words.

A rule written as "you are on thin ice" must also catch "you are on really
thin ice", and "you skip the checklist every release" must catch "you just
skip …": an intensifier ("just", "really", "even") sharpens a sentence without
changing whom or what it is about. Writing the optional word into every
pattern by hand missed most of them (a probe of the flag examples with
"really" before an adjective or "just" before a verb lost 110 of 219), so the
catalog adds it when it loads a token rule: an optional node that matches only
the lexicon's ``intensifiers`` by spelling, which the prefilter's relaxed
patterns can mirror exactly.

It goes only before a node that matches exactly one token, after one that
matches one or none: around a range ("{0,5}") the pattern already says how
loose it is, and next to punctuation an intensifier reads as a new phrase
("Fix it. Just now.").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Matched, not highlighted (compiled.CONTEXT_ONLY; spelled here to keep the
# catalog below the match layer).
_CONTEXT_ONLY = "CONTEXT_ONLY"
_SPELLINGS = ("ORTH", "LOWER", "TEXT", "NORM")
_CLITIC = ("'", "’", "n't", "n’t")


@dataclass(frozen=True)
class Intensifiers:
    words: frozenset[str]
    # after a negation these limit instead ("not just smart" praises)
    limiting: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()


def widen(pattern: Sequence[Mapping[str, Any]], intensifiers: Intensifiers) -> list[dict[str, Any]]:
    """``pattern`` with an optional intensifier before each node that matches
    one non-punctuation token, after a node that matches at most one."""
    out: list[dict[str, Any]] = []
    for index, node in enumerate(pattern):
        before = pattern[index - 1] if index else None
        if before is not None and _takes_one_word(before, "?") and _takes_one_word(node):
            words = intensifiers.words
            if _after_negation(pattern, index) & intensifiers.negations:
                words -= intensifiers.limiting
            extra: dict[str, Any] = {"LOWER": {"IN": sorted(words)}, "OP": "?"}
            if before.get(_CONTEXT_ONLY) and node.get(_CONTEXT_ONLY):
                extra[_CONTEXT_ONLY] = True
            if words:
                out.append(extra)
        out.append(dict(node))
    return out


def _takes_one_word(node: Mapping[str, Any], also: str = "1") -> bool:
    if str(node.get("OP", "1")) not in ("1", also):
        return False
    if node.get("IS_PUNCT") is True or node.get("IS_SPACE") is True:
        return False
    if (spelled := _spellings(node)) and all(s.startswith(_CLITIC) for s in spelled):
        return False  # "'s", "'re", "n't" stay on their word
    for attr in _SPELLINGS:
        value = node.get(attr)
        spellings = value.get("IN", ()) if isinstance(value, Mapping) else [value]
        if value is not None and spellings and all(_punctuation(str(s)) for s in spellings):
            return False
    return True


def _after_negation(pattern: Sequence[Mapping[str, Any]], index: int) -> set[str]:
    # "not [very]? smart": an optional word between keeps the negation in force
    found: set[str] = set()
    for node in reversed(pattern[:index]):
        found |= _spellings(node)
        if str(node.get("OP", "1")) != "?":
            break
    return found


def _spellings(node: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for attr in _SPELLINGS:
        value = node.get(attr)
        if isinstance(value, Mapping):
            found.update(str(v).lower() for v in value.get("IN", ()))
        elif value is not None:
            found.add(str(value).lower())
    return found


def _punctuation(text: str) -> bool:
    return bool(text) and not any(c.isalnum() for c in text)
