"""The settings stage: each finding under its file's settings is dropped, kept or
re-graded (``select``/``ignore``/``per-file-ignores``, ``allow``, ``severity``),
and which findings fail the run (``fail-on``)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from restorelint.catalog.selectors import chooses, specificity
from restorelint.records import SEVERITY_RANK, Finding
from restorelint.settings.model import Settings

DENY_RULE_ID = "RL900"


def _contains(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.I) is not None


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def apply_settings(finding: Finding, settings: Settings) -> Finding | None:
    """One finding under one file's settings: dropped (None), kept, or re-graded."""
    if chooses(finding, settings.ignored_for(Path(os.path.abspath(finding.path)))):
        return None
    if finding.rule == DENY_RULE_ID:
        # Touching matches are joined ("rockstar ninja"); keep it if one is this file's.
        if not any(_contains(_normal(finding.text), _normal(w)) for w in settings.deny):
            return None  # another configuration's word
    elif settings.select and not chooses(finding, settings.select):
        return None
    if any(_contains(finding.text, term) for term in settings.allow):
        return None
    threshold = settings.tone_threshold
    if finding.score is not None and threshold is not None and finding.score < threshold:
        return None  # the tone model's finding, below this folder's threshold
    ranked = [(specificity(finding, sel), sev) for sel, sev in settings.severity]
    ranked = [(rank, sev) for rank, sev in ranked if rank]
    if ranked:
        severity = max(ranked)[1]
        if severity != finding.severity:
            return replace(finding, severity=severity)
    return finding


def fails(findings: Iterable[Finding], fail_on_for: Callable[[str], str]) -> bool:
    """Exit 1? Only for a finding at or above its file's ``fail-on`` severity."""
    return any(
        SEVERITY_RANK[f.severity] >= SEVERITY_RANK.get(fail_on_for(f.path), 0) for f in findings
    )


def strongest_per_span(findings: list[Finding]) -> list[Finding]:
    """Two rules of one category on overlapping words are one problem to the
    reader: keep the more severe (then the lower id)."""
    kept: list[Finding] = []
    for finding in findings:
        rival = next(
            (
                k
                for k in reversed(kept[-8:])
                if k.path == finding.path
                and k.category == finding.category
                and k.start < finding.end
                and finding.start < k.end
            ),
            None,
        )
        if rival is None:
            kept.append(finding)
        elif (-SEVERITY_RANK[finding.severity], finding.rule) < (
            -SEVERITY_RANK[rival.severity],
            rival.rule,
        ):
            kept[kept.index(rival)] = finding
    return kept
