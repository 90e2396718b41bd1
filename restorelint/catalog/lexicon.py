"""Shared word lists (``rules/_context.yaml``): who counts as a person, the first and
second person, template placeholder stand-ins, and each context filter's words.

Rules refer to people through the token attributes the parse stage builds on
these lists (``{"_": {"rl_person": true}}``), so "who counts as a person" is
decided in one place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from restorelint.catalog.intensifiers import Intensifiers
from restorelint.catalog.load import load_data_file, words
from restorelint.catalog.possessives import Possessives


@dataclass(frozen=True)
class Filter:
    name: str
    description: str
    applies_to: frozenset[str]
    words: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Placeholders:
    person: str
    date: str
    number: str
    date_words: frozenset[str]
    number_words: frozenset[str]
    thing: str
    thing_words: frozenset[str]

    @property
    def not_person_words(self) -> frozenset[str]:
        """Words of a placeholder's name that say it holds no person."""
        return self.date_words | self.number_words | self.thing_words


@dataclass(frozen=True)
class Lexicon:
    person_pronouns: frozenset[str]
    person_nouns: frozenset[str]
    not_mentions: frozenset[str]
    not_people: frozenset[str]
    generic_determiners: frozenset[str]
    ambiguous_names: frozenset[str]
    word_names: frozenset[str]
    not_after_name: frozenset[str]
    not_before_name: frozenset[str]
    stand_ins: tuple[str, ...]
    first_person: frozenset[str]
    second_person: frozenset[str]
    demonstratives: frozenset[str]
    openers: frozenset[str]
    intensifiers: Intensifiers
    possessives: Possessives
    placeholders: Placeholders
    filters: dict[str, Filter]
    source: Path

    def words(self, filter_name: str, key: str) -> frozenset[str]:
        return self.filters[filter_name].words.get(key, frozenset())


@cache
def load_lexicon() -> Lexicon:
    data, path = load_data_file("context")
    filters = {}
    for name, spec in data["filters"].items():
        filters[name] = Filter(
            name=name,
            description=" ".join(str(spec["description"]).split()),
            applies_to=frozenset(spec["applies_to"]),
            words={k: words(v) for k, v in spec.items() if isinstance(v, list)},
        )
    person, holders = data["person"], data["placeholders"]
    return Lexicon(
        person_pronouns=words(person["pronouns"]),
        person_nouns=words(person["nouns"]),
        not_mentions=words(person["not_mentions"]),
        not_people=words(person["not_people"]),
        generic_determiners=words(person["generic_determiners"]),
        ambiguous_names=words(person["ambiguous_names"]),
        word_names=words(person["word_names"]) | words(person["ambiguous_names"]),
        not_after_name=words(person["not_after_name"]),
        not_before_name=words(person["not_before_name"]),
        stand_ins=tuple(str(n) for n in person["stand_ins"]),
        first_person=words(data["first_person"]),
        second_person=words(data["second_person"]),
        demonstratives=words(data["demonstratives"]),
        openers=words(data["openers"]),
        possessives=Possessives(
            words=words(data["possessive_slots"]["words"]),
            marks=words(data["possessive_slots"]["marks"]),
        ),
        intensifiers=Intensifiers(
            words=words(data["intensifiers"]["words"]),
            limiting=words(data["intensifiers"]["limiting"]),
            negations=words(data["intensifiers"]["negations"]),
            not_before=words(data["intensifiers"]["not_before"]),
        ),
        placeholders=Placeholders(
            person=str(holders["person"]),
            date=str(holders["date"]),
            number=str(holders["number"]),
            date_words=words(holders["date_words"]),
            number_words=words(holders["number_words"]),
            thing=str(holders["thing"]),
            thing_words=words(holders["thing_words"]),
        ),
        filters=filters,
        source=path,
    )


def lexicon_fingerprint() -> str:
    return hashlib.sha256(load_lexicon().source.read_bytes()).hexdigest()


def filter_names_for(
    category: str,
    ignore: frozenset[str] = frozenset(),
    also: frozenset[str] = frozenset(),
    only: frozenset[str] | None = None,
) -> tuple[str, ...]:
    """The context filters that apply to a rule of this category, in data order."""
    lex = load_lexicon()
    if only is not None:
        return tuple(name for name in lex.filters if name in only)
    return tuple(
        name
        for name, spec in lex.filters.items()
        if (category in spec.applies_to and name not in ignore) or name in also
    )
