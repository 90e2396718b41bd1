"""The audit report as data: the tally turned into the documented JSON document
(README, "Audit JSON"), which the JSON, text and HTML formats all show.

Groups and roles with fewer messages than ``min_group_size`` are merged into one
row before anything is shown, so a small team's (or a single author's) figures
cannot be read off the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from restorelint.audit.periods import UNKNOWN_PERIOD
from restorelint.audit.tally import Cell, Tally
from restorelint.catalog.rules import Rule
from restorelint.records import CATEGORIES, SEVERITIES
from restorelint.version import __version__

SCHEMA_VERSION = 1
TOP_RULES = 10
DEFAULT_MIN_GROUP_SIZE = 5
BIN = 10  # histogram bins 0-9, 10-19, ..., 90-100 (100 joins the last bin)


@dataclass(frozen=True)
class Shown:
    """What the report is about and what it may show."""

    group: str | None = None  # the columns the breakdowns come from
    role: str | None = None
    date: str | None = None
    period: str = "quarter"
    examples: int = 0
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE


def small_label(size: int) -> str:
    return f"(groups of fewer than {size})"


def notice(shown: Shown) -> str:
    if shown.examples:
        return (
            f"This report includes up to {shown.examples} short excerpt(s) per category, "
            "with e-mail addresses and names masked (masking is automatic and can miss a "
            "name). Share it as you would the messages themselves. Apart from the excerpts "
            "it holds aggregates only: no identifiers."
        )
    return (
        "This report holds aggregates only: no message text and no identifiers (ids, "
        "names, e-mail addresses, file names). "
        + (
            f"Groups and roles with fewer than {shown.min_group_size} messages are merged "
            "into one row."
            if shown.min_group_size > 1
            else ""
        )
    ).strip()


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _mean_tenths(total: int, count: int) -> float | None:
    return round(total / count / 10, 1) if count else None


def _median(scores: Counter[int]) -> float | None:
    count = sum(scores.values())
    if not count:
        return None
    ordered = sorted(scores.items())

    def nth(n: int) -> int:
        seen = 0
        for value, times in ordered:
            seen += times
            if seen > n:
                return value
        return ordered[-1][0]

    return (nth((count - 1) // 2) + nth(count // 2)) / 2


def histogram(scores: Counter[int]) -> list[dict[str, int]]:
    bins = [0] * (100 // BIN)
    for value, times in scores.items():
        bins[min(value // BIN, len(bins) - 1)] += times
    return [
        {"from": i * BIN, "to": 100 if i == len(bins) - 1 else i * BIN + BIN - 1, "messages": n}
        for i, n in enumerate(bins)
    ]


def cell_json(cell: Cell, checklist_ids: Sequence[str]) -> dict[str, object]:
    n = cell.messages
    total = sum(v * k for k, v in cell.scores.items())
    return {
        "messages": n,
        "flagged": cell.flagged,
        "share_flagged": _share(cell.flagged, n),
        "findings": cell.findings,
        "categories": {
            c: {
                "findings": cell.categories[c],
                "messages": cell.category_messages[c],
                "share": _share(cell.category_messages[c], n),
            }
            for c in CATEGORIES
        },
        "rules": {
            r: {"findings": cell.rules[r], "messages": cell.rule_messages[r]}
            for r in sorted(cell.rules)
        },
        "severities": {s: cell.severities[s] for s in SEVERITIES},
        "score": {
            "mean": round(total / n, 1) if n else None,
            "median": _median(cell.scores),
            "min": min(cell.scores) if cell.scores else None,
            "max": max(cell.scores) if cell.scores else None,
            "histogram": histogram(cell.scores),
        },
        "checklist": {
            e: {
                "present": cell.checklist[e],
                "absent": n - cell.checklist[e],
                "share_present": _share(cell.checklist[e], n),
            }
            for e in checklist_ids
        },
        "readability": {
            "measured": cell.measured,
            "mean_reading_ease": _mean_tenths(cell.ease_tenths, cell.measured),
            "mean_grade": _mean_tenths(cell.grade_tenths, cell.measured),
            "mean_words": round(cell.words / n, 1) if n else None,
            "above_max_grade": cell.above_max_grade,
            "long_sentences": cell.long_sentences,
        },
    }


def _fold(cells: Mapping[str, Cell], size: int) -> tuple[dict[str, Cell], set[str]]:
    """Cells of at least ``size`` messages, and the rest merged into one."""
    kept = {k: c for k, c in cells.items() if c.messages >= size}
    small = set(cells) - set(kept)
    if small:
        merged = Cell()
        for name in small:
            merged.merge(cells[name])
        kept[small_label(size)] = merged
    return kept, small


def _period_order(name: str) -> tuple[bool, str]:
    return (name == UNKNOWN_PERIOD, name)


def _trend(tally: Tally, small: set[str], size: int) -> list[dict[str, object]]:
    by_pair: dict[tuple[str, str], Cell] = {}
    for (group, period), cell in tally.group_periods.items():
        name = small_label(size) if group in small else group
        by_pair.setdefault((name, period), Cell()).merge(cell)
    out = []
    for period in sorted(tally.periods, key=_period_order):
        if period == UNKNOWN_PERIOD:
            continue
        cell = tally.periods[period]
        groups = {
            g: {
                "messages": c.messages,
                "flagged": c.flagged,
                "share_flagged": _share(c.flagged, c.messages),
            }
            for (g, p), c in sorted(by_pair.items())
            if p == period
        }
        total = sum(v * k for k, v in cell.scores.items())
        out.append(
            {
                "period": period,
                "messages": cell.messages,
                "flagged": cell.flagged,
                "share_flagged": _share(cell.flagged, cell.messages),
                "mean_score": round(total / cell.messages, 1) if cell.messages else None,
                "groups": groups,
            }
        )
    return out


def document(
    tally: Tally, shown: Shown, rules: Sequence[Rule], checklist_ids: Sequence[str]
) -> dict[str, object]:
    by_rule = {r.id: r for r in rules}
    size = max(1, shown.min_group_size)
    groups, small = _fold(tally.groups, size)
    roles, _ = _fold(tally.roles, size)
    top = sorted(tally.total.rules.items(), key=lambda item: (-item[1], item[0]))[:TOP_RULES]

    def cells(chosen: Mapping[str, Cell], order=None) -> dict[str, object]:  # type: ignore[no-untyped-def]
        return {k: cell_json(chosen[k], checklist_ids) for k in sorted(chosen, key=order)}

    payload: dict[str, object] = {
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "report": "audit",
        "confidentiality": {
            "message_text": bool(shown.examples),
            "identifiers": False,
            "examples_per_category": shown.examples,
            "min_group_size": size,
            "notice": notice(shown),
        },
        "dimensions": {
            "group": shown.group,
            "role": shown.role,
            "date": shown.date,
            "period": shown.period if shown.date else None,
        },
        "summary": cell_json(tally.total, checklist_ids),
        "skipped": dict(sorted(tally.skipped.items())),
        "top_rules": [
            {
                "rule": rule,
                "name": by_rule[rule].name if rule in by_rule else rule,
                "category": by_rule[rule].category if rule in by_rule else None,
                "severity": by_rule[rule].severity if rule in by_rule else None,
                "findings": count,
                "messages": tally.total.rule_messages[rule],
            }
            for rule, count in top
        ],
        "by_group": cells(groups) if shown.group else None,
        "by_period": cells(tally.periods, _period_order) if shown.date else None,
        "by_role": cells(roles) if shown.role else None,
        "trend": _trend(tally, small, size) if shown.date else [],
    }
    if shown.examples:
        payload["examples"] = {
            c: [e.to_json() for _key, e in tally.examples.get(c, [])]
            for c in CATEGORIES
            if tally.examples.get(c)
        }
    return payload
