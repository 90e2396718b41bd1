"""Rewrite data (``rules/_rewrite.yaml``): each category's closings and fallback
frames, the shapes a rule may name with their default words, and the grammar
words the shapes share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from restorelint.catalog.load import CatalogError, load_data_file, words
from restorelint.records import CATEGORIES

FRAME_KEYS = (
    "person_situation_topic",
    "situation_topic",
    "person_situation",
    "person_topic",
    "situation",
    "topic",
    "person",
    "bare",
)


@dataclass(frozen=True)
class CategoryStyle:
    name: str
    priority: int
    closings: tuple[str, ...]
    frames: dict[str, str]


@dataclass(frozen=True)
class ShapeSpec:
    name: str
    description: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Grammar:
    object_case: dict[str, str]
    nominative: dict[str, str]
    plural: frozenset[str]
    unchanged_past: frozenset[str]
    not_topics: frozenset[str]
    acronyms: frozenset[str]
    an_letters: frozenset[str]
    a_prefixes: tuple[str, ...]
    be: str
    have: str
    do: str
    indefinite: frozenset[str]
    infinitive: frozenset[str]
    empty_nouns: frozenset[str]


@dataclass(frozen=True)
class RewriteData:
    categories: dict[str, CategoryStyle]
    shapes: dict[str, ShapeSpec]
    fillers: frozenset[str]
    situation_preps: frozenset[str]
    grammar: Grammar

    def style(self, category: str) -> CategoryStyle:
        return self.categories.get(category) or self.categories["blame"]


def _strings(raw: Mapping[str, Any]) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in raw.items()}


@cache
def load_rewrite_data() -> RewriteData:
    raw, path = load_data_file("rewrite")
    categories = {
        name: CategoryStyle(
            name=name,
            priority=priority,
            closings=tuple(str(c) for c in spec["closings"]),
            frames={str(k): str(v) for k, v in spec["frames"].items()},
        )
        for priority, (name, spec) in enumerate(raw["categories"].items())
    }
    missing = set(CATEGORIES) - set(categories)
    if missing:
        raise CatalogError(path, "categories", f"no style for categories {sorted(missing)}")
    grammar = raw["grammar"]
    return RewriteData(
        categories=categories,
        shapes={
            str(name): ShapeSpec(
                str(name), str(spec["description"]), dict(spec.get("params") or {})
            )
            for name, spec in raw["shapes"].items()
        },
        fillers=words(raw["fillers"]),
        situation_preps=words(raw["situation_preps"]),
        grammar=Grammar(
            object_case=_strings(grammar["object_case"]),
            nominative=_strings(grammar["nominative"]),
            plural=words(grammar["plural"]),
            unchanged_past=words(grammar["unchanged_past"]),
            not_topics=words(grammar["not_topics"]),
            acronyms=frozenset(str(w) for w in grammar["acronyms"]),
            an_letters=words(grammar["an_letters"]),
            a_prefixes=tuple(str(w).lower() for w in grammar["a_prefixes"]),
            be=str(grammar["lemmas"]["be"]),
            have=str(grammar["lemmas"]["have"]),
            do=str(grammar["lemmas"]["do"]),
            indefinite=words(grammar["indefinite"]),
            infinitive=words(grammar["infinitive"]),
            empty_nouns=words(grammar["empty_nouns"]),
        ),
    )
