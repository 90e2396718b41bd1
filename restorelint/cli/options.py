"""The commands' option groups: message-level options (checklist and score,
readability, --fix/--diff/--unsafe-fixes), output options (where the report
goes, how much of it, and what the exit code counts), and the configuration
options every command that reads configuration takes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from restorelint.records import SEVERITIES
from restorelint.review.readability import DEFAULT_MAX_GRADE, DEFAULT_MAX_SENTENCE_WORDS

_OPTIONS = [
    click.option(
        "--fix",
        is_flag=True,
        help="Apply safe fixes to the files (with - : print the fixed text on stdout).",
    ),
    click.option(
        "--diff",
        is_flag=True,
        help="Show the fixes as a unified diff without writing them; exit 1 if there are any.",
    ),
    click.option(
        "--unsafe-fixes",
        is_flag=True,
        help="With --fix or --diff, also apply rewrites that change the wording "
        "(those with no [placeholders] left to fill).",
    ),
    click.option(
        "--min-score",
        type=click.IntRange(0, 100),
        default=None,
        metavar="N",
        help="Fail (exit 1) when a message's restorative score is below N (0-100).",
    ),
    click.option(
        "--max-grade",
        type=click.FloatRange(0, 30),
        default=DEFAULT_MAX_GRADE,
        show_default=True,
        help="Readability hint for messages above this Flesch-Kincaid grade.",
    ),
    click.option(
        "--max-sentence-words",
        type=click.IntRange(5, 500),
        default=DEFAULT_MAX_SENTENCE_WORDS,
        show_default=True,
        help="Readability hint for sentences longer than this many words.",
    ),
    click.option(
        "--strict-readability",
        is_flag=True,
        help="Readability hints fail the check too (exit 1); by default they are hints only.",
    ),
    click.option(
        "--checklist/--no-checklist",
        default=False,
        show_default=True,
        help="Show each message's restorative checklist, score and readability. It needs "
        "a parse of every paragraph, so it is off by default to keep the check fast.",
    ),
]


def config_options(
    config_help: str, isolated_help: str = "Ignore all configuration files."
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--config FILE`` (into ``config_file``) and ``--isolated``."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        function = click.option("--isolated", is_flag=True, help=isolated_help)(function)
        return click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help=config_help,
        )(function)

    return decorate


def restorative_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        function = option(function)
    return function


# How the check reports: where to, how much, and what the exit code counts.
_OUTPUT_OPTIONS = [
    click.option(
        "--output-file",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        metavar="FILE",
        help="Write the report to FILE instead of stdout (no colour unless --color).",
    ),
    click.option(
        "--quiet",
        "-q",
        is_flag=True,
        help="Print the findings only: no summary, checklist or notes.",
    ),
    click.option(
        "--statistics",
        is_flag=True,
        help="Print how many findings each rule made instead of the findings "
        "(JSON with --format json).",
    ),
    click.option(
        "--exit-zero",
        is_flag=True,
        help="Exit 0 even when there are findings (errors still exit 2).",
    ),
    click.option(
        "--min-severity",
        type=click.Choice(SEVERITIES),
        default=None,
        help="Show only findings of this severity or worse; the rest neither show nor "
        "fail the run (unlike --fail-on, which only decides the exit code).",
    ),
]


def output_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OUTPUT_OPTIONS):
        function = option(function)
    return function
