"""The last step before formatting: a report with everything computed — each
finding's fix edits, fingerprints for SARIF, and the docs of every rule shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from restorelint.catalog.rules import Rule, catalog
from restorelint.records import Finding, InputError
from restorelint.report import Report
from restorelint.settings.fingerprint import numbered

if TYPE_CHECKING:
    from restorelint.suggest.message import MessageReport


def prepare(
    findings: Sequence[Finding],
    *,
    errors: Sequence[InputError] = (),
    texts: dict[str, str] | None = None,
    files_linted: int = 0,
    rules: Sequence[Rule] = (),
    baselined: int | None = None,
    messages: Sequence[MessageReport] = (),
    output_format: str = "json",
    quiet: bool = False,
    hidden: int = 0,
    min_severity: str | None = None,
) -> Report:
    """What ``output_format`` shows, computed: fix edits for JSON, rule docs and
    fingerprints for SARIF (other formats need neither, and skip the cost)."""
    texts = texts or {}
    sarif = output_format == "sarif"
    shown = list(rules)
    known = {r.id for r in shown}
    for rule in catalog():
        if rule.id not in known and any(f.rule == rule.id for f in findings):
            shown.append(rule)  # a finding of a rule that did not run as a pattern (RL901)
            known.add(rule.id)
    with_fixes = list(findings)
    if output_format == "json":
        from restorelint.fix.edits import finding_fix

        with_fixes = [
            replace(f, fix=finding_fix(texts[f.path], f)) if f.path in texts else f
            for f in findings
        ]
    if sarif:
        from restorelint.catalog.docs import rule_doc
    return Report(
        findings=with_fixes,
        errors=list(errors),
        texts=texts,
        files_linted=files_linted,
        rule_docs=[rule_doc(r) for r in shown] if sarif else [],
        fingerprints=list(numbered(findings, texts)) if sarif else [],
        baselined=baselined,
        messages=list(messages),
        quiet=quiet,
        hidden=hidden,
        min_severity=min_severity,
    )
