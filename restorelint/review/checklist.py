"""Judging a message against the restorative checklist: each element present (with
its first evidence) or missing, and the restorative score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from restorelint.catalog.checklist import Checklist, Element
from restorelint.records import Finding, LineIndex
from restorelint.review.detectors import Evidence


@dataclass(frozen=True)
class ItemResult:
    element: Element
    present: bool
    evidence: Evidence | None = None
    # where the evidence starts (1-based line and column)
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Score:
    """``value`` = clamp(base + checklist - penalty, 0, 100)."""

    value: int
    base: int
    checklist: int
    penalty: int


def evaluate(
    checklist: Checklist,
    evidence: Sequence[Evidence],
    findings: Sequence[Finding],
    lines: LineIndex,
) -> list[ItemResult]:
    """Each element present (with its first evidence) or missing."""

    def flagged(e: Evidence) -> bool:
        return any(f.start < e.sentence_end and e.sentence_start < f.end for f in findings)

    results = []
    for element in checklist.elements:
        hit = next((e for e in evidence if e.element == element.id and not flagged(e)), None)
        if hit is None:
            results.append(ItemResult(element, False))
        else:
            line, column = lines.position(hit.start)
            results.append(ItemResult(element, True, hit, line, column))
    return results


def score(
    checklist: Checklist, results: Sequence[ItemResult], findings: Sequence[Finding]
) -> Score:
    gained = sum(r.element.weight for r in results if r.present)
    penalty = sum(checklist.penalties.get(f.severity, 0) for f in findings)
    value = max(0, min(100, checklist.base + gained - penalty))
    return Score(value=value, base=checklist.base, checklist=gained, penalty=penalty)
