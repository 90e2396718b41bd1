"""A shape's words for one rule: the shape's defaults (rules/_rewrite.yaml,
``shapes``) overlaid with the rule's own ``suggest.params``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from restorelint.catalog.rewrite import RewriteData
from restorelint.catalog.rules import Rule


@dataclass(frozen=True)
class Params:
    values: Mapping[str, Any] = field(default_factory=dict)

    def words(self, key: str) -> frozenset[str]:
        return frozenset(str(v).lower() for v in self.values.get(key) or ())

    def text(self, key: str, default: str = "") -> str:
        return str(self.values.get(key, default))

    def number(self, key: str, default: int = 0) -> int:
        return int(self.values.get(key, default))

    def frames(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in (self.values.get("frames") or {}).items()}


def params_for(shape: str, rule: Rule | None, data: RewriteData) -> Params:
    spec = data.shapes.get(shape)
    merged: dict[str, Any] = dict(spec.params) if spec is not None else {}
    if rule is not None:
        merged.update(rule.suggest_params)
    return Params(merged)
