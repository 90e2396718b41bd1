"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding.

GitHub turns each line into an annotation on the file and line in the pull
request. Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format``
is given. Escaping follows ``@actions/core``: ``%``, CR and LF in the message;
those and ``:`` and ``,`` in properties.
"""

from __future__ import annotations

from restorelint.records import Finding
from restorelint.report import Report, plural, severity_counts, summary_notes
from restorelint.report.paths import display_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: Finding) -> str:
    same_line = finding.end_line == finding.line
    # GitHub accepts columns only for single-line annotations; endColumn is exclusive,
    # as in restorelint's JSON and SARIF output.
    return command(
        COMMANDS[finding.severity],
        f"{finding.message}\nTry: {finding.suggestion}",
        file=display_path(finding.path),
        line=finding.line,
        endLine=finding.end_line,
        col=finding.column if same_line else None,
        endColumn=finding.end_column if same_line else None,
        title=f"{finding.rule} {finding.name} [{finding.category}]",
    )


def render(report: Report, color: bool = False) -> str:
    lines = [annotation(f) for f in report.findings]
    lines += [
        command("error", error.message, file=display_path(error.path), title="restorelint")
        for error in report.errors
    ]
    if not report.quiet:
        detail = severity_counts(report.findings)
        lines.append(
            f"restorelint: {plural(len(report.findings), 'finding')}"
            + (f" ({detail})" if detail else "")
            + f" in {plural(report.files_linted, 'file')}."
            + summary_notes(report)
        )
    return "\n".join(lines)
