"""One line per finding, ``path:line:col: RULE message``, as compilers and ruff's
``concise`` format print them: for grep, editors' quickfix lists (``errorformat``
``%f:%l:%c: %m``) and terminals too narrow for the full blocks."""

from __future__ import annotations

from restorelint.records import Finding
from restorelint.report import Report
from restorelint.report.paths import display_path
from restorelint.report.text import summary


def line(finding: Finding) -> str:
    where = f"{display_path(finding.path)}:{finding.line}:{finding.column}"
    return f"{where}: {finding.rule} {finding.message}"


def render(report: Report, color: bool = False) -> str:
    lines = [line(f) for f in report.findings]
    if not report.quiet:
        lines.append(summary(report))
    return "\n".join(lines)
