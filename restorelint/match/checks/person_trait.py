"""A personality word said of a person ("Aisha is too aggressive", "her tone
was shrill", "comes across as abrasive", "your sloppy reporting") but not of a
thing ("aggressive caching", "an emotional situation with a customer")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.load import words as word_set
from restorelint.match.anchors import Triggers
from restorelint.parse.people import is_person
from restorelint.parse.syntax import subjects

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How a describing word hangs on what it describes; climbing stops elsewhere
# (a word inside an object or a subordinate clause describes something else).
_CLIMB = frozenset(
    {"acomp", "attr", "oprd", "xcomp", "conj", "advmod", "amod", "pobj", "prep", "npadvmod"}
)


def _owned_by_person(token: Token, possessives: frozenset[str]) -> bool:
    return any(
        c.dep_ == "poss" and (is_person(c) or c.lower_ in possessives) for c in token.children
    )


def describes_person(token: Token, possessives: frozenset[str], likeness: frozenset[str]) -> bool:
    current = token
    for _ in range(6):
        if _owned_by_person(current, possessives) or (current.i != token.i and is_person(current)):
            return True
        # "Colleagues find you abrasive": the small clause's adjective has the
        # person for its subject
        small_clause = current.pos_ == "ADJ" and any(c.dep_ == "nsubj" for c in current.children)
        if current.pos_ in ("VERB", "AUX") or small_clause:
            subs = subjects(current)
            if subs:
                return any(is_person(s) or _owned_by_person(s, possessives) for s in subs)
        adjectival_clause = (
            current.dep_ == "advcl" and current.pos_ == "ADJ"
        )  # "comes across as aggressive"
        if (current.dep_ not in _CLIMB and not adjectival_clause) or current.head.i == current.i:
            return False
        if current.dep_ == "pobj" and current.head.lower_ not in likeness:
            return False
        if current.dep_ == "prep" and current.lower_ not in likeness:
            return False
        current = current.head
    return False


def _direct_predicate(token: Token) -> bool:
    """ "Sam is lazy": the shape RL110's dependency pattern already covers."""
    return token.dep_ in ("acomp", "attr", "oprd") and any(
        c.dep_ in ("nsubj", "nsubjpass") and is_person(c) for c in token.head.children
    )


def triggers(options: Mapping[str, Any]) -> Triggers:
    return Triggers(words=word_set(options.get("words")))


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    words = word_set(options.get("words"))
    possessives = word_set(options.get("possessives"))
    likeness = word_set(options.get("likeness"))
    skip_direct = bool(options.get("skip_direct_predicates", False))
    for token in doc:
        if not (token.lower_ in words or token.lemma_.lower() in words):
            continue
        if skip_direct and _direct_predicate(token):
            continue
        if describes_person(token, possessives, likeness):
            yield token.i, token.i + 1
