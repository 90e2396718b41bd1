"""Human output: location, rule, message, the offending line with a caret, suggestion."""

from __future__ import annotations

import textwrap
from collections import Counter

import click

from restorelint.records import Finding
from restorelint.report import Report
from restorelint.report.messages import render_text

_SEVERITY_COLOR = {"error": "red", "warning": "yellow", "info": "cyan"}
_EXCERPT_WIDTH = 100


def _excerpt(text: str, finding: Finding) -> tuple[str, int, int]:
    """The finding's first line, trimmed around it: (line, caret start, caret length)."""
    lines = text.splitlines() or [""]
    line = lines[finding.line - 1] if finding.line - 1 < len(lines) else ""
    start = finding.column - 1
    length = (
        (finding.end_column - finding.column)
        if finding.end_line == finding.line
        else len(line) - start
    )
    shift = max(0, start - 40) if len(line) > _EXCERPT_WIDTH else 0
    shown = line[shift : shift + _EXCERPT_WIDTH].expandtabs(1)
    return shown, start - shift, max(1, min(length, len(shown) - (start - shift)))


def _style(text: str, color: bool, **kwargs: object) -> str:
    return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]


def render_finding(finding: Finding, source_text: str | None, color: bool) -> str:
    where = _style(f"{finding.path}:{finding.line}:{finding.column}", color, bold=True)
    severity = _style(finding.severity, color, fg=_SEVERITY_COLOR[finding.severity])
    head = f"{where}: {severity} {finding.rule} {finding.name} [{finding.category}]"
    out = [head, f"  {finding.message}"]
    if source_text is not None:
        line, caret_at, caret_len = _excerpt(source_text, finding)
        gutter = f"{finding.line:>5} | "
        out.append("  " + _style(gutter, color, dim=True) + line)
        out.append(
            "  "
            + " " * (len(gutter) - 2)
            + _style("| ", color, dim=True)
            + " " * caret_at
            + _style("^" * caret_len, color, fg=_SEVERITY_COLOR[finding.severity])
        )
    wrapped = textwrap.fill(
        finding.suggestion, width=88, initial_indent="  try: ", subsequent_indent="       "
    )
    out.append(_style(wrapped, color, fg="green"))
    return "\n".join(out)


def render(report: Report, color: bool = False) -> str:
    blocks = [render_finding(f, report.texts.get(f.path), color) for f in report.findings]
    blocks += [render_text(message, color) for message in report.messages]
    counts = Counter(f.severity for f in report.findings)
    files = {f.path for f in report.findings}
    if report.findings:
        detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        summary = (
            f"{len(report.findings)} finding{'s' * (len(report.findings) != 1)} ({detail}) "
            f"in {len(files)} of {report.files_linted} file{'s' * (report.files_linted != 1)}."
        )
        summary += " Run `restorelint explain RULE` for why and how to rewrite."
    else:
        plural = "s" * (report.files_linted != 1)
        summary = f"No punitive phrasing found in {report.files_linted} file{plural}."
    if report.baselined:
        summary += f" {report.baselined} known finding{'s' * (report.baselined != 1)} from the"
        summary += " baseline not shown."
    return "\n\n".join([*blocks, _style(summary, color, bold=True)])
