"""How far a python check reads: its sentence, or the whole segment it is given
(``Triggers.whole_segment``, ``Triggers.vetoed_anywhere``). The planner and the
engine read this to give such a check its whole paragraph."""

from __future__ import annotations

from restorelint.catalog.rules import Rule
from restorelint.match.anchors import Triggers
from restorelint.match.check_modules import check_module


def reads_whole_segment(rule: Rule) -> bool:
    found = _triggers(rule)
    return found is not None and found.whole_segment


def vetoed_anywhere(rule: Rule) -> bool:
    found = _triggers(rule)
    return found is not None and found.vetoed_anywhere


def _triggers(rule: Rule) -> Triggers | None:
    if rule.kind != "python":
        return None
    module = check_module(rule.check or "", rule.source)
    return module.triggers(rule.options) if hasattr(module, "triggers") else None
