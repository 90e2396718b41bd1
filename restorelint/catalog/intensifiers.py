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

from restorelint.catalog.load import CONTEXT_ONLY

_SPELLINGS = ("ORTH", "LOWER", "TEXT", "NORM")
_CLITIC = ("'", "’", "n't", "n’t")


@dataclass(frozen=True)
class Intensifiers:
    words: frozenset[str]
    # after a negation these limit instead ("not just smart" praises)
    limiting: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    # closed-class words an intensifier never stands before ("your", "to")
    not_before: frozenset[str] = frozenset()


def widen(pattern: Sequence[Mapping[str, Any]], intensifiers: Intensifiers) -> list[dict[str, Any]]:
    """``pattern`` with an optional intensifier before each node that matches
    one non-punctuation token, after a node that matches at most one."""
    # every token rule is widened at each start: each node is read once
    spelled = [_spellings(node) for node in pattern]
    single = [_takes_one_word(node, found) for node, found in zip(pattern, spelled, strict=True)]
    plain = sorted(intensifiers.words)
    denied = sorted(intensifiers.words - intensifiers.limiting)
    out: list[dict[str, Any]] = []
    for index, node in enumerate(pattern):
        before = pattern[index - 1] if index else None
        if (
            before is not None
            and single[index]
            and not (spelled[index] and spelled[index] <= intensifiers.not_before)
            and (single[index - 1] or (str(before.get("OP")) == "?" and _one_or_none(before)))
        ):
            negated = _after_negation(pattern, spelled, index) & intensifiers.negations
            words = denied if negated else plain
            if words:
                extra: dict[str, Any] = {"LOWER": {"IN": list(words)}, "OP": "?"}
                if before.get(CONTEXT_ONLY) and node.get(CONTEXT_ONLY):
                    extra[CONTEXT_ONLY] = True
                out.append(extra)
        out.append(dict(node))
    return out


def _one_or_none(node: Mapping[str, Any]) -> bool:
    return _takes_one_word({k: v for k, v in node.items() if k != "OP"}, _spellings(node))


def _takes_one_word(node: Mapping[str, Any], spelled: set[str]) -> bool:
    if str(node.get("OP", "1")) != "1":
        return False
    if node.get("IS_PUNCT") is True or node.get("IS_SPACE") is True:
        return False
    # "'s", "'re", "n't" stay on their word; a "." ends the phrase
    return not (spelled and all(s.startswith(_CLITIC) or _punctuation(s) for s in spelled))


def _after_negation(
    pattern: Sequence[Mapping[str, Any]], spelled: Sequence[set[str]], index: int
) -> set[str]:
    # "not [very]? smart": an optional word between keeps the negation in force
    found: set[str] = set()
    for at in range(index - 1, -1, -1):
        found |= spelled[at]
        if str(pattern[at].get("OP", "1")) != "?":
            break
    return found


def _spellings(node: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for attr in _SPELLINGS:
        value = node.get(attr)
        if type(value) is dict:  # pattern data is plain YAML: no ABC checks, every start pays
            found.update(str(v).lower() for v in value.get("IN", ()))
        elif value is not None:
            found.add(str(value).lower())
    return found


def _punctuation(text: str) -> bool:
    return bool(text) and not any(c.isalnum() for c in text)
