"""Naming rules: a selector is an id ("RL101"), an id prefix ("RL1"), a name
("you-failure-verb"), a category ("blame") or ALL. The same forms work in
``--select``, configuration, per-file ignores and inline suppressions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from restorelint.catalog.rules import Rule
from restorelint.records import ALL_CATEGORIES, Finding


def rule_chosen(rule_id: str, name: str, category: str, selectors: Iterable[str]) -> bool:
    """Does any selector choose this rule?"""
    for selector in selectors:
        upper = selector.upper()
        if upper == "ALL" or rule_id.startswith(upper) or selector in (name, category):
            return True
    return False


def chooses(finding: Finding, selectors: Iterable[str]) -> bool:
    return rule_chosen(finding.rule, finding.name, finding.category, selectors)


def known_selector(selector: str, rules: Sequence[Rule]) -> bool:
    """Does a selector name any rule (or a category, or ALL)?"""
    return selector in ALL_CATEGORIES or any(
        rule_chosen(r.id, r.name, r.category, [selector]) for r in rules
    )


def specificity(finding: Finding, selector: str) -> int:
    """How closely a selector names a finding's rule: the id or name beats a prefix,
    a longer prefix a shorter one, any of them the category, and the category ALL."""
    upper = selector.upper()
    if upper == finding.rule or selector == finding.name:
        return 100
    if finding.rule.startswith(upper) and upper != "ALL":
        return 10 + len(upper)
    if selector == finding.category:
        return 2
    return 1 if upper == "ALL" else 0
