"""Shared word lists (rules/_context.yaml) and the token attributes built on them.

Rules refer to these attributes in their patterns (``{"_": {"rl_person": true}}``)
so that "who counts as a person" is decided in one place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from restorelint.rules import bundled_rules_dir, load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Token

CONTEXT_FILE = "_context.yaml"
# The name a template placeholder ("{{ employee_name }}") is read as, so that
# "{{ employee_name }} is lazy" is a judgment about a person (formats/templates.py).
PLACEHOLDER_PERSON = "Alex"


@dataclass(frozen=True)
class Filter:
    name: str
    description: str
    applies_to: frozenset[str]
    words: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Lexicon:
    person_pronouns: frozenset[str]
    person_nouns: frozenset[str]
    not_mentions: frozenset[str]
    not_people: frozenset[str]
    first_person: frozenset[str]
    filters: dict[str, Filter]

    def words(self, filter_name: str, key: str) -> frozenset[str]:
        return self.filters[filter_name].words.get(key, frozenset())


def _lower_set(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@cache
def load_lexicon() -> Lexicon:
    data = load_yaml((bundled_rules_dir() / CONTEXT_FILE).read_text(encoding="utf-8"))
    filters = {}
    for name, spec in data["filters"].items():
        words = {
            k: _lower_set(v) for k, v in spec.items() if isinstance(v, list) and k != "applies_to"
        }
        filters[name] = Filter(
            name=name,
            description=" ".join(str(spec.get("description", "")).split()),
            applies_to=frozenset(spec.get("applies_to", ())),
            words=words,
        )
    return Lexicon(
        person_pronouns=_lower_set(data["person"]["pronouns"]),
        person_nouns=_lower_set(data["person"]["nouns"]),
        not_mentions=_lower_set(data["person"]["not_mentions"]),
        not_people=_lower_set(data["person"]["not_people"]),
        first_person=_lower_set(data["first_person"]),
        filters=filters,
    )


def lexicon_fingerprint() -> str:
    return hashlib.sha256((bundled_rules_dir() / CONTEXT_FILE).read_bytes()).hexdigest()


def is_person(token: Token) -> bool:
    """Does this token refer to a person (the reader, a colleague, a named employee)?"""
    lex = load_lexicon()
    lower = token.lower_
    if lower in lex.not_mentions:
        return False
    if lower in lex.person_pronouns:
        return True
    if lower.startswith("@") and len(lower) > 1:
        return True
    if token.text == PLACEHOLDER_PERSON:
        return True  # a placeholder stand-in, whatever the tagger made of it
    if token.pos_ == "PROPN":
        # The small model labels many first names ORG, GPE or NORP, so any
        # title-case name counts, except known tools and services.
        return token.is_title and lower not in lex.not_people
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lex.person_nouns:
        return False
    # "a developer doesn't try…", "any employee may…": a generic person, not someone
    return not any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "any", "every", "each") for c in token.children
    )


def is_second_person(token: Token) -> bool:
    return token.lower_ in ("you", "u", "ya", "yourself", "your", "yours")


def register_extensions() -> None:
    from spacy.tokens import Token

    if not Token.has_extension("rl_person"):
        Token.set_extension("rl_person", getter=is_person)
    if not Token.has_extension("rl_you"):
        Token.set_extension("rl_you", getter=is_second_person)
