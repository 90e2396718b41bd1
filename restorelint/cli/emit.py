"""Where a check's output goes and what is said beside it: the report to stdout or
``--output-file``, notes about fixes on stderr, and the message-level failures
(``--min-score``, ``--strict-readability``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from restorelint.cli.outcome import fail
from restorelint.records import SEVERITY_RANK, Finding
from restorelint.report import plural
from restorelint.run.check import CheckResult


def write_output(text: str, output_file: Path | None, color: bool, err: bool = False) -> None:
    """The report on stdout (stderr when stdout carries fixed text), or in a file."""
    if output_file is None:
        click.echo(text, color=color, err=err, nl=bool(text) and not text.endswith("\n"))
        return
    try:
        with open(output_file, "w", encoding="utf-8", newline="\n") as handle:
            click.echo(text, file=handle, color=color, nl=bool(text) and not text.endswith("\n"))
    except OSError as exc:
        fail(f"cannot write {output_file}: {exc.strerror or exc}")


def shown_findings(
    findings: Sequence[Finding], min_severity: str | None
) -> tuple[list[Finding], int]:
    """(findings at or above ``--min-severity``, how many were left out)."""
    if min_severity is None:
        return list(findings), 0
    floor = SEVERITY_RANK[min_severity]
    shown = [f for f in findings if SEVERITY_RANK[f.severity] >= floor]
    return shown, len(findings) - len(shown)


def report_fixes(result: CheckResult, quiet: bool) -> None:
    for error in result.fix_errors:
        click.echo(f"restorelint: {error}", err=True)
    if result.stdin_text is not None:
        click.echo(result.stdin_text, nl=False)
    if result.fixes_applied and not quiet:
        click.echo(
            f"restorelint: applied {plural(result.fixes_applied, 'fix', 'fixes')} "
            f"in {plural(result.files_fixed, 'file')}",
            err=True,
        )


def message_failed(result: CheckResult, options: dict[str, Any]) -> bool:
    """Below --min-score, or a readability hint with --strict-readability."""
    failed = False
    min_score = options.get("min_score")
    if min_score is not None:
        for message in result.messages:
            if message.score.value < min_score:
                failed = True
                click.echo(
                    f"restorelint: {message.path}: restorative score {message.score.value} "
                    f"is below --min-score {min_score}",
                    err=True,
                )
    if options.get("strict_readability") and any(m.readability.hints for m in result.messages):
        failed = True
    return failed
