"""``--statistics``: how many findings each rule made, most first, as ruff prints
them; ``[*]`` marks a rule whose findings ``--fix`` can apply."""

from __future__ import annotations

import json
from collections import Counter

from restorelint.records import SAFE, Finding
from restorelint.report import Report


def rows(report: Report) -> list[dict[str, object]]:
    counts = Counter(f.rule for f in report.findings)
    first: dict[str, Finding] = {}
    for finding in report.findings:
        first.setdefault(finding.rule, finding)
    ordered = sorted(counts, key=lambda rule: (-counts[rule], rule))
    return [
        {
            "rule": rule,
            "name": first[rule].name,
            "category": first[rule].category,
            "count": counts[rule],
            "fixable": first[rule].applicability == SAFE,
        }
        for rule in ordered
    ]


def render(report: Report, as_json: bool = False) -> str:
    table = rows(report)
    if as_json:
        return json.dumps(table, indent=2, ensure_ascii=False)
    if not table:
        return ""
    width = max(len(str(row["count"])) for row in table)
    name_width = max(len(str(row["name"])) for row in table)
    return "\n".join(
        f"{row['count']:>{width}}  {row['rule']}  {'[*]' if row['fixable'] else '   '} "
        f"{row['name']:<{name_width}}  [{row['category']}]"
        for row in table
    )
