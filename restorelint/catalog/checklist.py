"""The restorative checklist (``rules/_checklist.yaml``) as data: elements, their
detectors and the score's base and penalties. Detection lives in ``review``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from restorelint.catalog.load import (
    CatalogError,
    bundled_rules_dir,
    read_yaml,
    schema,
    stored_data,
    validate,
)

DETECTOR_KINDS = ("token", "phrase", "check")


@dataclass(frozen=True)
class Detector:
    kind: str
    patterns: tuple[Any, ...] = field(default=(), hash=False)
    phrases: tuple[str, ...] = ()
    check: str | None = None
    words: frozenset[str] = frozenset()
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Element:
    id: str
    name: str
    weight: int
    description: str
    hint: str
    detectors: tuple[Detector, ...]
    skip_negated: bool = False


@dataclass(frozen=True)
class Checklist:
    elements: tuple[Element, ...]
    base: int
    penalties: dict[str, int] = field(hash=False)
    source: str = ""


def parse_checklist(data: object, source: str, checked: bool = False) -> Checklist:
    """Validate the checklist data (unless ``checked`` against the schema already);
    a mistake names the file and the field."""
    if not checked:
        validate(data, schema("checklist"), source)
    assert isinstance(data, dict)
    elements = []
    seen: set[str] = set()
    for index, raw in enumerate(data["elements"]):
        if raw["id"] in seen:
            raise CatalogError(source, f"elements.{index}.id", f"'{raw['id']}' is used twice")
        seen.add(raw["id"])
        detectors = tuple(
            Detector(
                kind=det["kind"],
                patterns=tuple(det.get("patterns", ())),
                phrases=tuple(str(p) for p in det.get("phrases", ())),
                check=det.get("check"),
                words=frozenset(str(w).lower() for w in det.get("words", ())),
                options=dict(det.get("options", {})),
            )
            for det in raw["detectors"]
        )
        elements.append(
            Element(
                id=raw["id"],
                name=raw["name"],
                weight=raw["weight"],
                description=" ".join(str(raw.get("description", "")).split()),
                hint=raw["hint"],
                detectors=detectors,
                skip_negated=bool(raw.get("skip_negated", False)),
            )
        )
    base = data["score"]["base"]
    total = base + sum(e.weight for e in elements)
    if total != 100:
        raise CatalogError(source, "score.base", f"base and weights add up to {total}, not 100")
    return Checklist(tuple(elements), base, dict(data["score"]["penalties"]), source)


def load_checklist(path: Path | None = None) -> Checklist:
    return _load(str(path or bundled_rules_dir() / "_checklist.yaml"))


@cache
def _load(path: str) -> Checklist:
    found, data = stored_data(Path(path))
    return parse_checklist(data if found else read_yaml(Path(path)), path, checked=found)
