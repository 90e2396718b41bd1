"""Rewrite data (``rules/_rewrite.yaml``): each category's template and closings,
and the words and phrases the rewrite shapes use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from restorelint.catalog.load import CatalogError, load_data_file, words
from restorelint.records import CATEGORIES


@dataclass(frozen=True)
class CategoryStyle:
    name: str
    priority: int
    template: str
    closings: tuple[str, ...]


@dataclass(frozen=True)
class RewriteData:
    categories: dict[str, CategoryStyle]
    rule_templates: dict[str, str]
    fillers: frozenset[str]
    frequency: str
    occasions: str
    ergative: frozenset[str]
    standard: str
    situation_preps: frozenset[str]
    acronyms: frozenset[str]

    def style(self, category: str) -> CategoryStyle:
        return self.categories.get(category) or self.categories["blame"]


@cache
def load_rewrite_data() -> RewriteData:
    raw, path = load_data_file("rewrite")
    categories = {
        name: CategoryStyle(
            name=name,
            priority=priority,
            template=str(spec["template"]),
            closings=tuple(str(c) for c in spec.get("closings", ())),
        )
        for priority, (name, spec) in enumerate(raw["categories"].items())
    }
    missing = set(CATEGORIES) - set(categories)
    if missing:
        raise CatalogError(path, "categories", f"no style for categories {sorted(missing)}")
    return RewriteData(
        categories=categories,
        rule_templates={str(k): str(v) for k, v in (raw.get("rule_templates") or {}).items()},
        fillers=words(raw["fillers"]),
        frequency=str(raw["frequency"]),
        occasions=str(raw["occasions"]),
        ergative=frozenset(str(w) for w in raw["ergative_verbs"]),
        standard=str(raw["standard"]),
        situation_preps=frozenset(str(w) for w in raw["situation_preps"]),
        acronyms=frozenset(str(w) for w in raw["acronyms"]),
    )
