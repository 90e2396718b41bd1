"""Human output: location, rule, message, the offending line with a caret, suggestion."""

from __future__ import annotations

import textwrap

import click

from restorelint.records import Finding
from restorelint.report import Report, plural, severity_counts, summary_notes
from restorelint.report.messages import render_text
from restorelint.report.paths import printable

_SEVERITY_COLOR = {"error": "red", "warning": "yellow", "info": "cyan"}
_EXCERPT_WIDTH = 100
_CONTEXT_BEFORE = 40  # characters kept before a finding on a cut line
ELLIPSIS = "…"


def _excerpt(text: str, finding: Finding) -> tuple[str, int, int]:
    """The finding's first line, cut around it to fit: (line, caret start, caret length).

    A cut end shows as "…", so a reader never takes a fragment for the whole line."""
    lines = text.splitlines() or [""]
    line = lines[finding.line - 1] if finding.line - 1 < len(lines) else ""
    start = finding.column - 1
    length = (
        (finding.end_column - finding.column)
        if finding.end_line == finding.line
        else len(line) - start
    )
    if len(line) <= _EXCERPT_WIDTH:
        shown = line.expandtabs(1)
        return shown, start, max(1, min(length, len(shown) - start))
    shift = max(0, min(start - _CONTEXT_BEFORE, len(line) - _EXCERPT_WIDTH))
    body = line[shift : shift + _EXCERPT_WIDTH].expandtabs(1)
    before = ELLIPSIS if shift else ""
    after = ELLIPSIS if shift + _EXCERPT_WIDTH < len(line) else ""
    caret_at = start - shift
    return (
        before + body + after,
        caret_at + len(before),
        max(1, min(length, len(body) - caret_at)),
    )


def _style(text: str, color: bool, **kwargs: object) -> str:
    return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]


def render_finding(finding: Finding, source_text: str | None, color: bool) -> str:
    where = _style(f"{printable(finding.path)}:{finding.line}:{finding.column}", color, bold=True)
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


def summary(report: Report) -> str:
    """ "3 findings (2 errors, 1 warning) in 1 of 2 files. ..." """
    if report.findings:
        files = len({f.path for f in report.findings})
        line = (
            f"{plural(len(report.findings), 'finding')} ({severity_counts(report.findings)}) "
            f"in {files} of {plural(report.files_linted, 'file')}."
            " Run `restorelint explain RULE` for why and how to rewrite."
        )
    else:
        line = f"No punitive phrasing found in {plural(report.files_linted, 'file')}."
    return line + summary_notes(report)


def render(report: Report, color: bool = False) -> str:
    blocks = [render_finding(f, report.texts.get(f.path), color) for f in report.findings]
    blocks += [render_text(message, color) for message in report.messages]
    if not report.quiet:
        blocks.append(_style(summary(report), color, bold=True))
    return "\n\n".join(blocks)
