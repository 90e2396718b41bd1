"""The audit report as text for a terminal: the headline figures and the main
tables. It formats the audit document (``audit.document``) and computes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from restorelint.records import CATEGORIES


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f}%"


def _table(title: str, cells: Mapping[str, Any], label: str) -> list[str]:
    width = max([len(label), *map(len, cells)])
    out = [
        "",
        title,
        f"  {label:<{width}}  {'messages':>8}  {'flagged':>7}  {'mean score':>10}  {'grade':>5}",
    ]
    for name, cell in cells.items():
        grade = cell["readability"]["mean_grade"]
        out.append(
            f"  {name:<{width}}  {cell['messages']:>8}  {percent(cell['share_flagged']):>7}"
            f"  {cell['score']['mean'] if cell['score']['mean'] is not None else '–':>10}"
            f"  {grade if grade is not None else '–':>5}"
        )
    return out


def render(doc: Mapping[str, Any]) -> str:
    s = doc["summary"]
    r = s["readability"]
    out = [
        "restorelint audit",
        doc["confidentiality"]["notice"],
        "",
        f"messages audited   {s['messages']}",
        f"flagged            {s['flagged']} ({percent(s['share_flagged'])})",
        f"findings           {s['findings']}",
        f"restorative score  mean {s['score']['mean']}, median {s['score']['median']}",
        f"readability        mean grade {r['mean_grade']}, reading ease {r['mean_reading_ease']}",
    ]
    skipped = sum(doc["skipped"].values())
    if skipped:
        reasons = ", ".join(f"{n} {why}" for why, n in doc["skipped"].items())
        out.append(f"skipped            {skipped} ({reasons})")
    out += ["", "messages flagged per category"]
    for category in CATEGORIES:
        entry = s["categories"][category]
        if entry["messages"]:
            out.append(f"  {category:<20} {entry['messages']:>6}  {percent(entry['share']):>6}")
    if doc["top_rules"]:
        out += ["", "rules that fire most"]
        for rule in doc["top_rules"]:
            out.append(
                f"  {rule['rule']:<6} {rule['name']:<28} {rule['category'] or '':<18}"
                f" {rule['findings']:>6}"
            )
    dims = doc["dimensions"]
    if doc["by_group"]:
        out += _table(f"by {dims['group']}", doc["by_group"], "group")
    if doc["by_role"]:
        out += _table(f"by {dims['role']}", doc["by_role"], "role")
    if doc["by_period"]:
        out += _table(f"by {dims['period']} ({dims['date']})", doc["by_period"], "period")
    for category, excerpts in doc.get("examples", {}).items():
        out += ["", f"examples: {category}"]
        out += [f"  {e['rule']}: {e['excerpt']}" for e in excerpts]
    return "\n".join(out)
