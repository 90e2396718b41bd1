"""A finding as an LSP diagnostic, and a rule's explanation as hover text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types

from restorelint.catalog.docs import rule_markdown, rule_text
from restorelint.catalog.rules import Rule
from restorelint.records import Finding
from restorelint.server.positions import Positions

SOURCE = "restorelint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def diagnostic(finding: Finding, positions: Positions, rule: Rule | None) -> types.Diagnostic:
    """The rule id is the code; ``data`` carries what an editor extension may want to
    show or act on without asking again: category, severity, the suggestion, the
    rule's ``explain`` text and the finding itself (as ``--format json`` has it)."""
    data: dict[str, Any] = {
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity,
        "applicability": finding.applicability,
        "suggestion": finding.suggestion,
        "explain": rule_markdown(rule, heading="#") if rule is not None else None,
        "finding": {k: v for k, v in finding.to_dict().items() if k != "fix"},
    }
    return types.Diagnostic(
        range=positions.range(finding.start, finding.end),
        message=finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        source=SOURCE,
        data=data,
    )


def hover(
    findings: list[Finding],
    positions: Positions,
    rule_of: Callable[[str], Rule | None],
    markdown: bool,
) -> types.Hover | None:
    """Each finding under the cursor: its message, what to try, and its rule's explanation."""
    if not findings:
        return None
    parts = []
    for finding in findings:
        rule = rule_of(finding.rule)
        if markdown:
            head = f"**{finding.message}** ({finding.rule} {finding.name})\n\n"
            head += f"*Try:* {finding.suggestion}"
            body = rule_markdown(rule, heading="###") if rule is not None else ""
        else:
            head = f"{finding.message} ({finding.rule} {finding.name})\n\nTry: {finding.suggestion}"
            body = rule_text(rule) if rule is not None else ""
        parts.append(f"{head}\n\n---\n\n{body}" if body else head)
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    start = min(f.start for f in findings)
    end = max(f.end for f in findings)
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value="\n\n---\n\n".join(parts)),
        range=positions.range(start, end),
    )
